// Builds the host side for a learner's own WASI preview1 core module: jco's glue for a WASI command
// component whose main module is a stand-in that imports every function of jco's preview1 command
// adapter and exports `_start` and `memory` (and, in the second variant, `cabi_realloc`).
//
// At run time the page hands the glue the learner's module (checked, metered, capped) in place of
// the stand-in. The glue links a main module only through its imports (`wasi_snapshot_preview1.*`,
// each with the adapter's own signature) and its exports `_start`, `memory` and `cabi_realloc`, so
// any command that imports a subset of preview1 and exports the same names runs through the full
// adapter, under the same sandboxed WASI imports as the lab's attacks. Building the component in
// the browser would need wasm-tools (jco's, a 2.4 MB core module) for each upload; this needs none.
//
// Two variants, because the adapter finds room for its own state either through the main module's
// `cabi_realloc` or, without one, by growing memory a page itself: an allocator that thinks it owns
// all of memory (AssemblyScript's) must export `cabi_realloc`, or it overwrites that page.
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import binaryen from 'binaryen';
import { componentNew, preview1AdapterCommandPath, transpile } from '@bytecodealliance/jco';

export const OWN_MODULE_HOSTS = ['plain', 'realloc'];

/** The adapter's preview1 exports and their signatures, read from the adapter itself. */
function adapterPreview1Functions(adapter) {
  const module = binaryen.readBinary(adapter);
  try {
    const functions = [];
    for (let i = 0; i < module.getNumExports(); i++) {
      const exp = binaryen.getExportInfo(module.getExportByIndex(i));
      if (exp.kind !== binaryen.ExternalFunction) continue;
      // The adapter's own entry points and its run export are not preview1.
      if (exp.name.startsWith('adapter_') || exp.name.includes(':') || ['cabi_import_realloc', 'reset_adapter_state'].includes(exp.name)) continue;
      const f = binaryen.getFunctionInfo(module.getFunction(exp.value));
      functions.push({ name: exp.name, params: f.params, results: f.results });
    }
    return functions;
  } finally {
    module.dispose();
  }
}

function standIn(functions, withRealloc) {
  const m = new binaryen.Module();
  try {
    for (const f of functions) m.addFunctionImport(f.name, 'wasi_snapshot_preview1', f.name, f.params, f.results);
    m.setMemory(1, 65_536, 'memory');
    // Every import must stay: the adapter keeps only the preview1 functions its main module imports.
    const calls = functions.map((f) => {
      const args = binaryen.expandType(f.params).map((t) => (t === binaryen.i64 ? m.i64.const(0n) : m.i32.const(0)));
      const call = m.call(f.name, args, f.results);
      return f.results === binaryen.none ? call : m.drop(call);
    });
    m.addFunction('_start', binaryen.none, binaryen.none, [], m.if(m.i32.const(0), m.block(null, calls)));
    m.addFunctionExport('_start', '_start');
    if (withRealloc) {
      const i32 = binaryen.i32;
      m.addFunction('cabi_realloc', binaryen.createType([i32, i32, i32, i32]), i32, [], m.unreachable());
      m.addFunctionExport('cabi_realloc', 'cabi_realloc');
    }
    if (!m.validate()) throw new Error('the own-module stand-in does not validate');
    return m.emitBinary();
  } finally {
    m.dispose();
  }
}

/** Writes labs/out/own-module/<variant>/own-module.js and its core modules. */
export async function buildOwnModuleHosts(outRoot) {
  const adapter = await readFile(preview1AdapterCommandPath());
  const functions = adapterPreview1Functions(adapter);
  const outDir = join(outRoot, 'own-module');
  await rm(outDir, { recursive: true, force: true });
  const written = [];
  for (const variant of OWN_MODULE_HOSTS) {
    const component = await componentNew(standIn(functions, variant === 'realloc'), [['wasi_snapshot_preview1', adapter]]);
    const { files } = await transpile(component, { name: 'own-module', instantiation: 'async', minify: true, nodejsCompat: false, noTypescript: true });
    for (const [name, bytes] of Object.entries(files)) {
      const path = join(outDir, variant, name);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, bytes);
      written.push(path);
    }
  }
  return { outDir, functions: functions.map((f) => f.name), written };
}
