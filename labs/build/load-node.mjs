// Loads a built lab in Node: instantiates labs/out/<lab>/<lab>.js with its core modules read
// from disk and no imports (a lab component that needs an import must be given it explicitly).
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const OUT = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'out');

export async function loadLab(lab, imports = {}, outRoot = OUT) {
  const dir = join(outRoot, lab);
  const entry = join(dir, `${lab}.js`);
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build:labs\` first`);
  const { instantiate } = await import(pathToFileURL(entry).href);
  return instantiate(async (path) => WebAssembly.compile(await readFile(join(dir, path))), imports);
}
