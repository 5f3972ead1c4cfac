import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Folder of real config files. Each one is rendered on its page, offered for download and validated by npm test. */
export const CONFIG_ROOT = join(process.cwd(), 'content', 'configs');

/** Paths of every config file, relative to content/configs, with forward slashes. */
export function listConfigFiles(dir: string = CONFIG_ROOT): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return listConfigFiles(full);
    return [relative(CONFIG_ROOT, full).split(sep).join('/')];
  });
}

export function readConfigFile(path: string): string {
  if (!listConfigFiles().includes(path)) {
    throw new Error(`No config file "${path}" under content/configs/. Known files: ${listConfigFiles().join(', ')}`);
  }
  return readFileSync(join(CONFIG_ROOT, path), 'utf8');
}

/** The Shiki language for a config file, from its name. */
export function configLanguage(path: string): string {
  if (/Dockerfile$|\.Dockerfile$/.test(path)) return 'dockerfile';
  if (/\.ya?ml$/.test(path)) return 'yaml';
  if (/\.json$/.test(path)) return 'json';
  if (/\.toml$/.test(path)) return 'toml';
  return 'text';
}
