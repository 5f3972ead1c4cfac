// Runs a learner's prepared core module (OwnModule.ts) through the same sandbox as the lab's
// attacks: jco's preview1 command adapter over the quota filesystem, the network host, the
// host-work budget, the fuel meter and the memory cap of runSandboxed.
//
// The glue comes from labs/build/own-module-host.mjs: a WASI command component built around a
// stand-in main module that imports every preview1 function the adapter exports. The glue links
// its main module only by those imports and by the exports `_start`, `memory` and (in the
// `realloc` variant) `cabi_realloc`, so handing it the learner's module in the stand-in's place
// runs that module through the full adapter. A signature that differs from preview1's fails at
// instantiation with a LinkError naming the import.
import { runSandboxed, type SandboxResult, type SandboxRunOptions } from './SandboxRun.ts';

/** The stand-in's file name in the glue: the learner's module is served under it. */
export const OWN_MAIN_CORE = 'own-module.core.wasm';

/** Which glue: the adapter allocates through the module's `cabi_realloc`, or grows memory itself. */
export type OwnModuleHostVariant = 'plain' | 'realloc';

export interface OwnModuleHost {
  instantiate: SandboxRunOptions['instantiate'];
  /** The glue's own core modules (the adapter and its shims), by file name. */
  coreBytes(path: string): Promise<Uint8Array>;
}

export type OwnModuleRunOptions = Omit<SandboxRunOptions, 'instantiate' | 'coreBytes' | 'mainCore'>;

export function hostVariant(prepared: { realloc: boolean }): OwnModuleHostVariant {
  return prepared.realloc ? 'realloc' : 'plain';
}

export function runOwnModule(module: Uint8Array, host: OwnModuleHost, options: OwnModuleRunOptions): Promise<SandboxResult> {
  return runSandboxed({
    ...options,
    instantiate: host.instantiate,
    coreBytes: (path) => (path === OWN_MAIN_CORE ? Promise.resolve(module) : host.coreBytes(path)),
    mainCore: OWN_MAIN_CORE,
  });
}
