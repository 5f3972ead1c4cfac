// Prepares a core module a learner brings for the sandbox: the checks of ModuleCheck first, then
// the fuel meter (labs/build/meter.mjs, which needs binaryen, about 2.6 MB gzipped), then the
// memory cap. The meter is loaded through `loadMeter` only once the bytes have passed every check,
// so a bad file costs no download, and a dynamic import keeps binaryen in a chunk of its own that
// no lab page loads up front. Nothing here touches a previous module or run: the caller swaps in
// the prepared bytes only when the result is ok. OwnModuleRun.ts runs the result.
import { capMemory, MemoryCapError } from './MemoryCap.ts';
import { checkModule, COMPONENT_REFUSAL, type ModuleCheck } from './ModuleCheck.ts';

export type MeterModule = (bytes: Uint8Array) => Uint8Array;

export type PreparedModule =
  | { ok: true; kind: 'core'; bytes: Uint8Array; imports: string[]; realloc: boolean }
  | Extract<ModuleCheck, { ok: false }>
  | { ok: false; problem: 'unsupported' | 'meter'; message: string };

const loadBuildMeter = async (): Promise<MeterModule> => (await import('../../../../labs/build/meter.mjs')).meterModule;

/** What preparing is busy with, for the page's progress line. */
export type PrepareStage = 'loading binaryen' | 'metering';

export async function prepareOwnModule(
  bytes: Uint8Array,
  name: string,
  capPages: number,
  loadMeter: () => Promise<MeterModule> = loadBuildMeter,
  onStage: (stage: PrepareStage) => void = () => {},
): Promise<PreparedModule> {
  const check = checkModule(bytes, name, capPages);
  if (!check.ok) return check;
  if (check.kind === 'component') {
    return { ok: false, problem: 'unsupported', message: `${name} is a component: ${COMPONENT_REFUSAL}` };
  }
  let metered: Uint8Array;
  try {
    onStage('loading binaryen');
    const meter = await loadMeter();
    onStage('metering');
    metered = meter(bytes);
  } catch (e) {
    return { ok: false, problem: 'meter', message: `${name} could not be metered: ${(e as Error).message}.` };
  }
  try {
    return { ok: true, kind: 'core', bytes: capMemory(metered, capPages), imports: check.imports, realloc: check.realloc };
  } catch (e) {
    if (e instanceof MemoryCapError) return { ok: false, problem: 'memory', message: `${name}: ${e.message}.` };
    throw e;
  }
}
