// Builds every lab: AssemblyScript → core module → Wasm component → ES module, with npm packages only.
//
//   labs/<lab>/assembly/index.ts  --asc-->  core module (exports renamed to the canonical ABI's names)
//   + labs/<lab>/wit/*.wit        --componentEmbed + componentNew-->  labs/out/<lab>/component/<lab>.component.wasm
//                                 --transpile (instantiation: 'async')-->  labs/out/<lab>/<lab>.js + core .wasm
//
// Usage: node labs/build/build.mjs [lab ...] [--out DIR]
// The jco *API* is used, not its CLI: the CLI's embedded wasm-tools cannot see the filesystem
// with preview2-shim 0.26 and panics on `jco embed --wit <path>` ("os error 44").
import { mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import asc from 'assemblyscript/asc';
import { componentEmbed, componentNew, preview1AdapterCommandPath, transpile } from '@bytecodealliance/jco';
import { renameExports } from './wasm-exports.mjs';
import { meterModule } from './meter.mjs';
import { buildOwnModuleHosts } from './own-module-host.mjs';

const LABS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Per-lab settings from labs/<lab>/build.json; every field is optional. */
const DEFAULTS = {
  /** The WIT world to build against; defaults to the lab's folder name. */
  world: undefined,
  /** The most 64 KiB pages the module may grow to. Growth past it fails inside the module. */
  maximumMemoryPages: 256,
  /** AssemblyScript runtime: 'incremental' collects garbage on its own between calls. */
  runtime: 'incremental',
  /**
   * 'component': the module implements the lab's WIT world itself. 'wasi-command': a WASI preview1
   * command, built with @assemblyscript/wasi-shim and adapted to `wasi:cli/run` by jco's bundled
   * preview1 command adapter; the lab's WIT world then lists only its imports beyond WASI.
   */
  kind: 'component',
  /** Meter the transpiled core module with a fuel counter (labs/build/meter.mjs). */
  meter: false,
};

export async function listLabs() {
  const entries = await readdir(LABS_DIR, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory() && existsSync(join(LABS_DIR, e.name, 'assembly', 'index.ts')))
    .map((e) => e.name)
    .sort();
}

async function labSettings(lab) {
  const file = join(LABS_DIR, lab, 'build.json');
  const own = existsSync(file) ? JSON.parse(await readFile(file, 'utf8')) : {};
  const unknown = Object.keys(own).filter((k) => !(k in DEFAULTS));
  if (unknown.length) throw new Error(`${file}: unknown setting(s) ${unknown.join(', ')}`);
  return { ...DEFAULTS, world: lab, ...own };
}

/** The asc options that differ by kind: an abort handler of the lab's own, or the WASI shim's. */
function kindOptions(lab, settings) {
  if (settings.kind === 'wasi-command') {
    return ['--config', 'node_modules/@assemblyscript/wasi-shim/asconfig.json'];
  }
  return ['--use', `abort=labs/${lab}/assembly/abort/abortHandler`];
}

async function compileCore(lab, settings) {
  const entry = join('labs', lab, 'assembly', 'index.ts');
  const outputs = {};
  const stderr = asc.createMemoryStream();
  const { error } = await asc.main(
    [
      entry,
      '--runtime', settings.runtime,
      '-O3',
      '--noAssert',
      ...kindOptions(lab, settings),
      '--maximumMemory', String(settings.maximumMemoryPages),
      '--outFile', 'core.wasm',
    ],
    {
      stderr,
      writeFile: (name, contents) => {
        outputs[name] = contents;
      },
    },
  );
  if (error) throw new Error(`asc failed for ${lab}:\n${stderr.toString()}`);
  return outputs['core.wasm'];
}

/** Builds one lab into outDir and returns the paths written. */
export async function buildLab(lab, outRoot = join(LABS_DIR, 'out')) {
  const settings = await labSettings(lab);
  const witDir = join(LABS_DIR, lab, 'wit');
  const witFiles = (await readdir(witDir)).filter((f) => f.endsWith('.wit'));
  if (witFiles.length !== 1) throw new Error(`${witDir}: expected exactly one .wit file, found ${witFiles.length}`);
  const witSource = await readFile(join(witDir, witFiles[0]), 'utf8');

  if (!['component', 'wasi-command'].includes(settings.kind)) throw new Error(`${lab}/build.json: unknown kind "${settings.kind}"`);
  const wasi = settings.kind === 'wasi-command';
  const raw = await compileCore(lab, settings);
  // A command keeps its `_start` and `cabi_realloc` as they are: the adapter looks for those names.
  const core = wasi ? raw : renameExports(raw);
  const embedded = await componentEmbed({
    binary: core,
    witSource,
    world: settings.world,
    stringEncoding: wasi ? 'utf8' : 'utf16',
  });
  const adapters = wasi ? [['wasi_snapshot_preview1', await readFile(preview1AdapterCommandPath())]] : undefined;
  const component = await componentNew(embedded, adapters);
  const { files } = await transpile(component, {
    name: lab,
    instantiation: 'async',
    minify: true,
    // The host always hands the glue its core modules, so the Node fallback that reads them with
    // node:fs is dead code; leaving it out keeps the browser bundle free of a node: import.
    nodejsCompat: false,
    // Only the ES module and its core module are needed; types are written for editors.
    noTypescript: false,
  });
  if (settings.meter) {
    // The lab's own module is the first core module of the component; the adapter's are not metered.
    const mainCore = `${lab}.core.wasm`;
    if (!files[mainCore]) throw new Error(`${lab}: transpile wrote no ${mainCore} to meter`);
    files[mainCore] = meterModule(files[mainCore]);
  }

  const outDir = join(outRoot, lab);
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  // The component goes in a subfolder: the glue's `new URL('./' + path, import.meta.url)` makes
  // bundlers copy every file beside it, and the page needs only the core module.
  await mkdir(join(outDir, 'component'), { recursive: true });
  await writeFile(join(outDir, 'component', `${lab}.component.wasm`), component);
  const written = [join(outDir, 'component', `${lab}.component.wasm`)];
  for (const [name, bytes] of Object.entries(files)) {
    const path = join(outDir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
    written.push(path);
  }
  return { lab, outDir, coreBytes: core.length, componentBytes: component.length, written };
}

async function main() {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out');
  const outRoot = outIndex >= 0 ? resolve(args.splice(outIndex, 2)[1]) : undefined;
  const all = await listLabs();
  const labs = args.length ? args : all;
  for (const lab of labs) {
    if (!all.includes(lab)) throw new Error(`no lab "${lab}" (labs: ${all.join(', ')})`);
    const started = performance.now();
    process.stdout.write(`build:labs ${lab}: asc → component → transpile ... `);
    const r = await buildLabIsolated(lab, outRoot);
    const ms = Math.round(performance.now() - started);
    console.log(`done in ${ms} ms (core ${r.coreBytes} B, component ${r.componentBytes} B) → ${r.outDir}`);
  }
  // The attack lab's host for a learner's own module (see own-module-host.mjs).
  if (labs.includes('attacks')) {
    const started = performance.now();
    process.stdout.write('build:labs own-module host: stand-in → component → transpile ... ');
    const r = await buildOwnModuleHosts(outRoot ?? join(LABS_DIR, 'out'));
    console.log(`done in ${Math.round(performance.now() - started)} ms (${r.functions.length} preview1 functions) → ${r.outDir}`);
  }
}

/**
 * Builds one lab in a worker thread of its own. asc keeps module-level state between calls: once a
 * WASI lab has compiled with the WASI shim's library folder, a later lab in the same process is
 * parsed against that library too and fails (`~lib/bindings/wasi_snapshot_preview1.ts not found`).
 */
function buildLabIsolated(lab, outRoot) {
  return new Promise((resolveBuild, reject) => {
    const worker = new Worker(new URL(import.meta.url), { workerData: { lab, outRoot } });
    worker.once('message', (m) => (m.error ? reject(new Error(m.error)) : resolveBuild(m.result)));
    worker.once('error', reject);
    worker.once('exit', (code) => code !== 0 && reject(new Error(`the build of ${lab} exited with code ${code}`)));
  });
}

if (!isMainThread && workerData?.lab) {
  buildLab(workerData.lab, workerData.outRoot).then(
    (result) => parentPort.postMessage({ result }),
    (err) => parentPort.postMessage({ error: err.message ?? String(err) }),
  );
} else if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    console.error(`\nbuild:labs failed: ${err.message ?? err}`);
    process.exit(1);
  });
}
