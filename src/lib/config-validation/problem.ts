/** A config file as the validators see it. */
export interface ConfigFile {
  /** Path relative to content/configs/, with forward slashes, e.g. `compose/observability-stack.yaml`. */
  path: string;
  /** The file's full text. */
  text: string;
}

/** One thing wrong with a config file. */
export interface Problem {
  /** Path relative to content/configs/, as in {@link ConfigFile.path}. */
  file: string;
  /** 1-based line the problem points at, when it can be pinned to one. */
  line?: number;
  /** What is wrong, written for the person editing the file. */
  message: string;
}

/** Checks one file. Returns no problems when the file is valid. Reads nothing but its argument. */
export type Validator = (file: ConfigFile) => Problem[];

/** `compose/stack.yaml:12: message`, the form editors and terminals turn into links. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}${problem.line ? `:${problem.line}` : ''}: ${problem.message}`;
}
