import type { ConfigFile, Problem, Validator } from './problem.ts';

/** One kind of config file: a folder under content/configs/ and the validator for its files. */
export interface ConfigKind {
  /** Folder under content/configs/, e.g. `compose`. */
  folder: string;
  /** What the folder holds, in a few words. */
  description: string;
  /** File names the folder accepts (matched against the path inside the folder). */
  accepts: RegExp;
  /** The accepted names in words, for the message when a file does not match. */
  acceptsInWords: string;
  validate: Validator;
}

/**
 * A validator for any file under content/configs/: it picks the kind by the file's top folder.
 * A file outside every known folder, or with a name its folder does not accept, is a problem, so
 * nothing unvalidated reaches the site.
 */
export function validatorForKinds(kinds: readonly ConfigKind[]): Validator {
  const byFolder = new Map(kinds.map((kind) => [kind.folder, kind]));
  return (file: ConfigFile): Problem[] => {
    const slash = file.path.indexOf('/');
    const folder = slash > 0 ? file.path.slice(0, slash) : '';
    const kind = byFolder.get(folder);
    if (!kind) {
      const known = kinds.map((k) => `${k.folder}/`).join(', ');
      const where = folder ? `the folder "${folder}/"` : 'the top of content/configs/';
      return [{ file: file.path, message: `No validator covers ${where}. Config files go in one of ${known}; a new kind needs a validator in src/lib/config-validation/.` }];
    }
    if (!kind.accepts.test(file.path.slice(slash + 1))) {
      return [{ file: file.path, message: `${kind.folder}/ holds ${kind.description} and accepts ${kind.acceptsInWords}; this file name does not match.` }];
    }
    // Sorted by line so the output reads top to bottom; problems without a line come first.
    return kind.validate(file).sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  };
}
