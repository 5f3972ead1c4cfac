// Prepares a component a learner brings: transpiled in the Worker by jco's transpiler (itself a
// component, `@bytecodealliance/jco-transpile/component`: 3.5 MB of WebAssembly, loaded only here),
// its imports compared with what the sandbox gives, its main core module metered. The caller loads
// the generated ES module and runs it with runSandboxed, exactly as the lab's own component.
import { SANDBOX_INTERFACES } from './SandboxRun.ts';
import type { MeterModule } from './OwnModule.ts';

/** The transpiler's `generate`, as `@bytecodealliance/jco-transpile/component` exports it. */
export type Generate = (
  component: Uint8Array,
  options: { name: string; instantiation: { tag: 'async' }; noTypescript: boolean; noNodejsCompat: boolean; base64Cutoff: number },
) => { files: [string, Uint8Array][]; imports: string[]; exports: [string, string][] };

export type ComponentStage = 'loading jco' | 'transpiling' | 'loading binaryen' | 'metering';

export type PreparedComponent =
  | { ok: true; files: Map<string, Uint8Array>; glue: string; mainCore: string; imports: string[] }
  | { ok: false; message: string };

/** The generated module's name; its core modules are `own.core.wasm`, `own.core2.wasm`, … */
const NAME = 'own';
export const COMPONENT_MAIN_CORE = `${NAME}.core.wasm`;

const unversioned = (name: string) => name.replace(/@[^/]*$/, '');

export async function prepareOwnComponent(
  bytes: Uint8Array,
  name: string,
  loadGenerate: () => Promise<Generate>,
  loadMeter: () => Promise<MeterModule>,
  onStage: (stage: ComponentStage) => void = () => {},
): Promise<PreparedComponent> {
  onStage('loading jco');
  const generate = await loadGenerate();
  onStage('transpiling');
  let out: ReturnType<Generate>;
  try {
    // base64Cutoff 0: every core module is a file the host hands over, so none escapes the meter.
    out = generate(bytes, { name: NAME, instantiation: { tag: 'async' }, noTypescript: true, noNodejsCompat: true, base64Cutoff: 0 });
  } catch (e) {
    const payload = (e as { payload?: unknown }).payload;
    return { ok: false, message: `${name} could not be transpiled: ${typeof payload === 'string' ? payload : (e as Error).message}` };
  }
  const given = new Set<string>(SANDBOX_INTERFACES);
  const missing = out.imports.filter((i) => !given.has(unversioned(i)));
  if (missing.length) {
    return {
      ok: false,
      message: `${name} imports interfaces the sandbox does not provide: ${missing.join(', ')}. The sandbox gives a component wasi:cli, wasi:clocks, wasi:filesystem, wasi:io, wasi:random, wasi:sockets (under the network policy) and lab:sandbox/net.`,
    };
  }
  if (!out.exports.some(([e]) => unversioned(e) === 'wasi:cli/run')) {
    return { ok: false, message: `${name} exports no wasi:cli/run, so it is not a command the sandbox can run.` };
  }
  const files = new Map(out.files);
  const glue = files.get(`${NAME}.js`);
  const main = files.get(COMPONENT_MAIN_CORE);
  if (!glue || !main) return { ok: false, message: `${name} has no core module of its own to run.` };
  onStage('loading binaryen');
  const meter = await loadMeter();
  onStage('metering');
  try {
    files.set(COMPONENT_MAIN_CORE, meter(main));
  } catch (e) {
    return { ok: false, message: `${name} could not be metered: ${(e as Error).message}.` };
  }
  return { ok: true, files, glue: new TextDecoder().decode(glue), mainCore: COMPONENT_MAIN_CORE, imports: out.imports };
}
