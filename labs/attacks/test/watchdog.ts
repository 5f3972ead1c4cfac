// The main thread's watchdog, in Node: runs an attack in a worker thread and terminates it at the
// deadline, as LabHost does with the page's Worker.
import { Worker } from 'node:worker_threads';
import type { SandboxResult } from '../../../src/lib/labs/sandbox/SandboxRun.ts';
import type { SandboxPolicy } from '../../../src/lib/labs/sandbox/policy.ts';

export type WatchedRun =
  | { ended: 'result'; result: SandboxResult; elapsedMs: number }
  /** `terminateMs`: from the deadline to the worker's exit. */
  | { ended: 'deadline'; elapsedMs: number; terminateMs: number };

export function runWatched(attack: string, variant: string, policy: SandboxPolicy, deadlineMs: number): Promise<WatchedRun> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./run-worker.ts', import.meta.url), { workerData: { attack, variant, policy } });
    let started = 0;
    let timer: ReturnType<typeof setTimeout> | undefined;
    worker.on('message', (m: { type: string; result?: SandboxResult }) => {
      if (m.type === 'started') {
        // The deadline counts from the run's start, not from the worker thread's boot.
        started = performance.now();
        timer = setTimeout(() => {
          const firedAt = performance.now();
          worker.once('exit', () => resolve({ ended: 'deadline', elapsedMs: firedAt - started, terminateMs: performance.now() - firedAt }));
          void worker.terminate();
        }, deadlineMs);
      } else if (m.type === 'result') {
        clearTimeout(timer);
        resolve({ ended: 'result', result: m.result!, elapsedMs: performance.now() - started });
        void worker.terminate();
      }
    });
    worker.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}
