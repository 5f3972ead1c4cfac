// A Dockerfile reader that follows the BuildKit frontend's rules closely enough to check a file:
// parser directives, comments, line continuations (with a configurable escape character) and
// heredocs. It keeps each instruction's starting line for error messages.

/** One instruction, with continuation lines joined and heredoc bodies attached. */
export interface DockerfileInstruction {
  /** Upper-case keyword, e.g. `FROM`. */
  keyword: string;
  /** Everything after the keyword on the joined logical line, trimmed. */
  args: string;
  /** 1-based line where the instruction starts. */
  line: number;
  /** Bodies of `<<EOF` heredocs, in order. */
  heredocs: string[];
}

export interface ParsedDockerfile {
  /** Parser directives from the top of the file, lower-case keys (`syntax`, `escape`, `check`). */
  directives: Record<string, string>;
  instructions: DockerfileInstruction[];
  /** Syntax problems the parser itself found. */
  errors: { line: number; message: string }[];
}

const DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const HEREDOC_KEYWORDS = new Set(['RUN', 'COPY', 'ADD']);

export function parseDockerfile(text: string): ParsedDockerfile {
  const lines = text.split(/\r?\n/);
  const directives: Record<string, string> = {};
  const instructions: DockerfileInstruction[] = [];
  const errors: { line: number; message: string }[] = [];
  let escape = '\\';
  let i = 0;

  // Directives are only read before the first comment, blank line or instruction.
  for (; i < lines.length; i++) {
    const match = /^#\s*([A-Za-z][A-Za-z0-9]*)\s*=\s*(.*?)\s*$/.exec(lines[i].trim());
    if (!match || !DIRECTIVES.has(match[1].toLowerCase())) break;
    const key = match[1].toLowerCase();
    if (key in directives) errors.push({ line: i + 1, message: `The parser directive "${key}" appears twice.` });
    directives[key] = match[2];
    if (key === 'escape') {
      if (match[2] !== '\\' && match[2] !== '`') errors.push({ line: i + 1, message: `The escape directive must be \\ or \`, not "${match[2]}".` });
      else escape = match[2];
    }
  }

  while (i < lines.length) {
    const trimmed = lines[i].trim();
    if (trimmed === '' || trimmed.startsWith('#')) {
      i++;
      continue;
    }
    const start = i;
    let logical = '';
    let current = lines[i];
    // Join continuation lines. Comment lines inside a continued instruction are dropped, as BuildKit does.
    for (;;) {
      const body = current.replace(/\s+$/, '');
      if (!body.endsWith(escape)) {
        logical += body;
        break;
      }
      logical += `${body.slice(0, -1)} `;
      i++;
      // BuildKit also skips blank lines here (with a deprecation warning).
      while (i < lines.length && (lines[i].trim().startsWith('#') || lines[i].trim() === '')) i++;
      if (i >= lines.length) {
        errors.push({ line: start + 1, message: 'The instruction ends with a line continuation at the end of the file.' });
        break;
      }
      current = lines[i];
    }
    i++;

    const [, word = '', rest = ''] = /^\s*(\S+)\s*(.*)$/.exec(logical) ?? [];
    const keyword = word.toUpperCase();
    const heredocs: string[] = [];
    if (HEREDOC_KEYWORDS.has(keyword)) {
      for (const heredoc of rest.matchAll(/<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2/g)) {
        const [, strip, , delimiter] = heredoc;
        const body: string[] = [];
        let closed = false;
        for (; i < lines.length; i++) {
          const candidate = strip ? lines[i].replace(/^\t+/, '') : lines[i];
          if (candidate === delimiter) {
            closed = true;
            i++;
            break;
          }
          body.push(candidate);
        }
        if (!closed) errors.push({ line: start + 1, message: `The heredoc <<${delimiter} is never closed by a line "${delimiter}".` });
        heredocs.push(body.join('\n'));
      }
    }
    instructions.push({ keyword, args: rest.trim(), line: start + 1, heredocs });
  }
  return { directives, instructions, errors };
}
