// The site's one list of tool versions (content/versions/tools.yaml), and a scan of pages and
// configs for image tags and builder pins that disagree with it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

export interface ToolVersion {
  label: string;
  version: string;
  tagPrefix?: string;
  images?: string[];
  gomod?: string[];
  checkedBy: string;
}

export type ToolVersions = Record<string, ToolVersion>;

export const VERSIONS_FILE = join(process.cwd(), 'content', 'versions', 'tools.yaml');

export function loadToolVersions(file: string = VERSIONS_FILE): ToolVersions {
  const data = parse(readFileSync(file, 'utf8')) as Record<string, Partial<ToolVersion>>;
  for (const [id, tool] of Object.entries(data)) {
    if (typeof tool.label !== 'string' || typeof tool.checkedBy !== 'string') {
      throw new Error(`${file}: ${id} needs a label and a checkedBy`);
    }
    if (typeof tool.version !== 'string' || !/^\d+(\.\d+)+$/.test(tool.version)) {
      throw new Error(`${file}: ${id}.version must be a quoted or dotted version such as 1.98.1, got ${String(tool.version)}`);
    }
  }
  return data as ToolVersions;
}

export interface VersionDrift {
  line: number;
  tool: string;
  found: string;
  expected: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Image references (`redis:7.4.2-alpine`) and Go module pins (`…/otlpreceiver v0.146.0`) in a
 * text whose version differs from the tool's. An image tag must be the version itself or the
 * version followed by a variant (`-alpine`, `-slim-trixie`), so `rust:1.95-slim` and `rust:1.98`
 * are both drift against 1.98.1.
 */
export function findVersionDrift(text: string, tools: ToolVersions): VersionDrift[] {
  const drift: VersionDrift[] = [];
  const lines = text.split('\n');
  for (const [id, tool] of Object.entries(tools)) {
    const expectedTag = `${tool.tagPrefix ?? ''}${tool.version}`;
    const imageRes = (tool.images ?? []).map(
      (image) => new RegExp(`(?<![\\w./-])${escape(image)}:([\\w.-]+)`, 'g'),
    );
    const gomodRes = (tool.gomod ?? []).map((prefix) => new RegExp(`${escape(prefix)}\\S*\\s+v(\\d+\\.\\d+\\.\\d+)`, 'g'));
    lines.forEach((line, index) => {
      for (const re of imageRes) {
        for (const m of line.matchAll(re)) {
          const tag = m[1];
          // A port or a path after a service name (redis:6379, jaeger:4317) is not an image tag.
          if (/^\d+$/.test(tag)) continue;
          if (tag !== expectedTag && !tag.startsWith(`${expectedTag}-`)) {
            drift.push({ line: index + 1, tool: id, found: m[0], expected: expectedTag });
          }
        }
      }
      for (const re of gomodRes) {
        for (const m of line.matchAll(re)) {
          if (m[1] !== tool.version) drift.push({ line: index + 1, tool: id, found: m[0], expected: `v${tool.version}` });
        }
      }
    });
  }
  return drift.sort((a, b) => a.line - b.line);
}

/** Every file under the given folders with one of the extensions, as paths relative to cwd. */
export function listFiles(folders: string[], extensions: RegExp): string[] {
  return folders
    .flatMap((folder) =>
      (readdirSync(join(process.cwd(), folder), { recursive: true }) as string[]).map((p) => `${folder}/${p.split('\\').join('/')}`),
    )
    .filter((p) => extensions.test(p))
    .sort();
}

/** Code-block languages that are commands or configuration a reader may copy and run. */
const RUNNABLE = /^(?:`{3,}|~{3,})(sh|bash|shell|console|yaml|yml|toml|dockerfile|json|rust|go|ts|js)\b/;

/** Whether a page gives commands or configs: a runnable code block, or a <ConfigFile>. */
export function givesCommandsOrConfigs(mdx: string): boolean {
  return mdx.split('\n').some((line) => RUNNABLE.test(line.trim()) || /<ConfigFile\b/.test(line));
}

/** The page's frontmatter as data (empty when it has none). */
export function frontmatter(mdx: string): Record<string, unknown> {
  const match = /^---\n([\s\S]*?)\n---\n/.exec(mdx);
  return match ? ((parse(match[1]) as Record<string, unknown>) ?? {}) : {};
}
