/// <reference lib="webworker" />
// The import worker: one per import, terminated when it is done or cancelled.
import { runImport } from './importJob.ts';
import type { FromImportWorker, ToImportWorker } from './protocol.ts';

declare const self: DedicatedWorkerGlobalScope;

const post = (m: FromImportWorker) => self.postMessage(m);

self.addEventListener('message', (e: MessageEvent<ToImportWorker>) => {
  const m = e.data;
  if (m?.type !== 'import') return;
  runImport(m.file, m.limitBytes, m.chunkSpans, post).catch((err: unknown) => post({ type: 'error', message: `the import failed (${(err as Error)?.message ?? String(err)})` }));
});
