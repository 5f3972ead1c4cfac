/// <reference lib="webworker" />
// Reads and checks a learner's own module off the main thread: compiling a module of up to 8 MiB
// to validate it would be a long task on the page. One file per worker; the panel retires it.
import { readOwnModuleFile, type ModuleFile, type OwnModuleSummary, type ReadStage } from '../sandbox/OwnModuleFile.ts';

declare const self: DedicatedWorkerGlobalScope;

export interface CheckRequest {
  file: ModuleFile;
  capPages: number;
}

export type CheckReply =
  | { type: 'stage'; stage: ReadStage }
  | { type: 'result'; result: { ok: true; summary: OwnModuleSummary } | { ok: false; message: string } };

self.addEventListener('message', async (e: MessageEvent<CheckRequest>) => {
  const post = (m: CheckReply) => self.postMessage(m);
  try {
    const read = await readOwnModuleFile(e.data.file, e.data.capPages, (stage) => post({ type: 'stage', stage }));
    // The bytes stay here: the run's worker reads the file again, so the page never holds them.
    post({ type: 'result', result: read.ok ? { ok: true, summary: read.summary } : read });
  } catch (err) {
    post({ type: 'result', result: { ok: false, message: `The module could not be checked: ${(err as Error).message}` } });
  }
});
