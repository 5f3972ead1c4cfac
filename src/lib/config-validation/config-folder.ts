import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
import { CONFIG_ROOT } from '../configs.ts';
import { createConfigValidator } from './index.ts';
import type { Problem } from './problem.ts';

/** A folder of config files on disk (content/configs/ unless told otherwise), ready to validate. */
export interface ConfigFolder {
  root: string;
  /** Every file under the root, relative to it, with forward slashes. */
  files: string[];
  /** Problems with one file of the folder; Compose mounts are looked up in the same folder. */
  validate(path: string): Problem[];
}

export function openConfigFolder(root: string = CONFIG_ROOT): ConfigFolder {
  const validator = createConfigValidator({ fileExists: (path) => existsSync(join(root, path)) });
  const files = existsSync(root)
    ? readdirSync(root, { recursive: true, encoding: 'utf8' })
        .filter((path) => statSync(join(root, path)).isFile())
        .map((path) => path.split(sep).join('/'))
        .sort()
    : [];
  return {
    root,
    files,
    validate: (path) => validator({ path, text: readFileSync(join(root, path), 'utf8') }),
  };
}
