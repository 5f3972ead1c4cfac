import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { ConfigFile, Problem } from './problem.ts';

export type PathSegment = string | number;

/** One parsed YAML document, with a way back from a value's path to its line in the file. */
export interface YamlDocument {
  /** The document as plain data (objects, arrays, scalars). */
  value: unknown;
  /** 1-based line where the document's content starts. */
  line: number;
  /**
   * 1-based line of the value at `path` (for a mapping entry, the line of its key). When the path
   * does not exist, the line of its deepest existing ancestor, so a missing key points at its parent.
   */
  lineAt(path: readonly PathSegment[]): number;
}

export interface ParsedYaml {
  documents: YamlDocument[];
  problems: Problem[];
}

/**
 * Parses a YAML (or JSON) config file. Parse errors and warnings become problems with their line.
 * Empty documents (a stray `---`) are dropped. Merge keys (`<<: *anchor`) are honoured, as Compose
 * and kubectl honour them.
 */
export function parseYamlFile(file: ConfigFile, options: { multiDocument: boolean }): ParsedYaml {
  const problems: Problem[] = [];
  if (file.path.endsWith('.json')) {
    const jsonProblem = strictJsonProblem(file);
    if (jsonProblem) return { documents: [], problems: [jsonProblem] };
  }

  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(file.text, { lineCounter, merge: true, prettyErrors: true });
  const docs: Document.Parsed[] = Array.isArray(parsed) ? parsed : [];
  const lineOf = (offset: number) => lineCounter.linePos(offset).line;

  for (const doc of docs) {
    for (const issue of [...doc.errors, ...doc.warnings]) {
      problems.push({
        file: file.path,
        line: issue.linePos?.[0].line,
        message: `YAML ${issue.name === 'YAMLWarning' ? 'warning' : 'syntax error'}: ${plainMessage(issue.message)}`,
      });
    }
  }
  if (problems.length) return { documents: [], problems };

  const documents: YamlDocument[] = docs
    // A document that is only `---` (or only comments) has null content; kubectl skips those too.
    .filter((doc) => !(doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)))
    .map((doc) => {
      const root = doc.contents as Node;
      return {
        value: doc.toJS({ maxAliasCount: 1000 }),
        line: lineOf(root.range?.[0] ?? 0),
        lineAt: (path) => lineOf(offsetAt(doc, root, path)),
      };
    });

  if (documents.length === 0) {
    problems.push({ file: file.path, line: 1, message: 'The file has no YAML content.' });
  } else if (!options.multiDocument && documents.length > 1) {
    problems.push({
      file: file.path,
      line: documents[1].line,
      message: `Expected one YAML document, found ${documents.length}. This kind of file cannot be split with ---.`,
    });
  }
  return { documents, problems };
}

/** Start offset of the node at `path`, or of its deepest existing ancestor. */
function offsetAt(doc: Document.Parsed, root: Node, path: readonly PathSegment[]): number {
  let node: unknown = root;
  let offset = root.range?.[0] ?? 0;
  for (const segment of path) {
    if (isAlias(node)) node = node.resolve(doc);
    if (isMap(node)) {
      const pair = node.items.find((item) => {
        const key = item.key as { value?: unknown } | null;
        return key !== null && typeof key === 'object' && String(key.value) === String(segment);
      });
      if (!pair) break;
      offset = (pair.key as Node).range?.[0] ?? offset;
      node = pair.value;
    } else if (isSeq(node) && Number.isInteger(Number(segment))) {
      const item = node.items[Number(segment)];
      if (!item) break;
      offset = (item as Node).range?.[0] ?? offset;
      node = item;
    } else {
      break;
    }
  }
  return offset;
}

/** The yaml package's pretty errors end with a code frame; the first sentence is enough here. */
function plainMessage(message: string): string {
  return message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
}

/** YAML accepts some things JSON does not (comments, trailing commas), so .json files are also checked as JSON. */
function strictJsonProblem(file: ConfigFile): Problem | undefined {
  try {
    JSON.parse(file.text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const lineColumn = /\(line (\d+) column \d+\)/.exec(message);
    const position = /at position (\d+)/.exec(message);
    const line = lineColumn
      ? Number(lineColumn[1])
      : position
        ? file.text.slice(0, Number(position[1])).split('\n').length
        : undefined;
    return { file: file.path, line, message: `JSON syntax error: ${message.replace(/ \(line \d+ column \d+\)$/, '')}` };
  }
}

/** Reports a problem at a path of the document; the problem gets that path's line. */
export type Report = (path: readonly PathSegment[], message: string) => void;

export interface DocumentCheck {
  file: ConfigFile;
  doc: YamlDocument;
  report: Report;
}

/**
 * A validator for a file that holds one YAML (or JSON) document. A parse error ends the check;
 * otherwise `check` reports what it finds by path, and each report gets the line of its path.
 */
export function singleDocument(check: (c: DocumentCheck) => void): (file: ConfigFile) => Problem[] {
  return (file) => {
    const { documents, problems } = parseYamlFile(file, { multiDocument: false });
    if (problems.length) return problems;
    const doc = documents[0]!;
    const out: Problem[] = [];
    check({ file, doc, report: (path, message) => out.push({ file: file.path, line: doc.lineAt(path), message }) });
    return out;
  };
}
