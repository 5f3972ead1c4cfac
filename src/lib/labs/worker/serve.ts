/// <reference lib="webworker" />
// The body of a lab worker: one per run. It loads one lab's driver, instantiates the component,
// and answers the host in the protocol of ../protocol.ts. It holds no state across runs: the host
// retires it. A worker entry (lab.worker.ts, attacks.worker.ts) calls serveLab with its drivers.
import type { HostToWorker, WorkerSpan, WorkerToHost } from '../protocol.ts';
import { isHostToWorker } from '../protocol.ts';
import type { LabDriver } from './driver.ts';
import type { LabFigure } from '../figures.ts';
import type { LabId } from '../protocol.ts';
import { explain } from './errors.ts';

declare const self: DedicatedWorkerGlobalScope;

export type DriverTable = Partial<Record<LabId, () => Promise<LabDriver>>>;

let drivers: DriverTable = {};

let runId = -1;
let driver: LabDriver | null = null;
const stop = new AbortController();

const post = (m: WorkerToHost) => self.postMessage(m);

async function start(msg: Extract<HostToWorker, { type: 'start' }>): Promise<void> {
  runId = msg.runId;
  const startMs = performance.timeOrigin + performance.now();
  try {
    const load = drivers[msg.lab];
    if (!load) throw new Error(`this worker has no driver for the lab "${msg.lab}"`);
    driver = await load();
    const detail = await driver.instantiate(msg.fault);
    post({ type: 'instantiated', runId, startMs, endMs: performance.timeOrigin + performance.now(), detail });
  } catch (err) {
    post({ type: 'failed', runId, phase: 'instantiate', message: explain(err, 'instantiate') });
    return;
  }
  try {
    await driver.run(msg.settings, {
      signal: stop.signal,
      fault: msg.fault,
      emit: (spans: WorkerSpan[]) => post({ type: 'spans', runId, spans }),
      figures: (figures: LabFigure[]) => post({ type: 'figures', runId, figures }),
      event: (name, attributes, timeMs) => post({ type: 'run-event', runId, name, timeMs, attributes }),
      labData: (data: unknown) => post({ type: 'lab-data', runId, data }),
    });
    post({ type: 'done', runId, reason: stop.signal.aborted ? 'stopped' : 'completed' });
  } catch (err) {
    post({ type: 'failed', runId, phase: 'run', message: explain(err, 'run') });
  }
}

/** Starts answering the host, with the drivers this worker bundles. */
export function serveLab(table: DriverTable): void {
  drivers = table;
  self.addEventListener('message', onMessage);
}

function onMessage(e: MessageEvent<unknown>): void {
  const msg = e.data;
  if (!isHostToWorker(msg)) {
    post({ type: 'failed', runId, phase: 'message', message: 'The worker received a message outside the lab protocol and ignored it; the run was ended to be safe.' });
    return;
  }
  switch (msg.type) {
    case 'start':
      void start(msg);
      break;
    case 'update':
      if (!driver) return;
      try {
        const config = driver.update(msg.settings);
        if (config !== null) post({ type: 'configured', runId, config });
      } catch (err) {
        post({ type: 'config-rejected', runId, message: (err as Error).message });
      }
      break;
    case 'configure':
      if (!driver) return;
      try {
        post({ type: 'configured', runId, config: driver.configure(msg.config) });
      } catch (err) {
        post({ type: 'config-rejected', runId, message: (err as Error).message });
      }
      break;
    case 'stop':
      stop.abort();
      break;
  }
}
