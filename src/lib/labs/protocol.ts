// The one message protocol between a LabHost (main thread) and its Worker. Every message carries
// the run it belongs to, so that late messages from a stopped run are recognised and ignored.
import type { Attributes, SpanAnnotation } from '../spans/model.ts';
import type { LabFigure } from './figures.ts';

/** The labs the worker knows how to run. A new lab adds its id here and a driver in worker/drivers. */
export type LabId = 'sampler' | 'masker' | 'attacks';

/** A fault a learner can inject, to see how the sandbox contains it. */
export type FaultDrill = 'none' | 'corrupt-module' | 'trap' | 'hang' | 'bad-message';

/**
 * A span as a driver describes it inside the worker: plain data, recorded on the main thread.
 * Ids are local to one message; the main thread assigns the real span ids.
 */
export interface WorkerSpan {
  localId: number;
  /** Another WorkerSpan of the same message; absent for the trace's entry span. */
  parentLocalId?: number;
  /** The trace this span belongs to (32 hex digits); children inherit their parent's. */
  traceId: string;
  /** For an entry span: the sampled flag of an upstream `traceparent`, if it had one. */
  upstream?: 'sampled' | 'not-sampled';
  name: string;
  /** OTLP SpanKind number. */
  kind: number;
  startMs: number;
  endMs: number;
  attributes: Attributes;
  events?: { name: string; timeMs: number; attributes: Attributes }[];
  error?: string;
  /** False: the plugin dropped this trace, so it is shown as a ghost and not recorded. */
  keep: boolean;
  /** The lab's explanations of this span; shown by the viewer, never exported. */
  annotations?: SpanAnnotation[];
}

export type HostToWorker =
  | { type: 'start'; runId: number; lab: LabId; settings: unknown; fault: FaultDrill }
  /** The learner changed the lab's controls during the run. */
  | { type: 'update'; runId: number; settings: unknown }
  /** A raw plugin configuration, as typed by the learner. */
  | { type: 'configure'; runId: number; config: string }
  | { type: 'stop'; runId: number };

export type WorkerToHost =
  /** The component is compiled and instantiated; the times bound the instantiate span. */
  | { type: 'instantiated'; runId: number; startMs: number; endMs: number; detail: Attributes }
  | { type: 'spans'; runId: number; spans: WorkerSpan[] }
  /**
   * Data for the lab's own panel only (the masker's original values, say): never recorded as a
   * span, never shown by the viewer, never exported. The frame hands it to LabPanel.labData.
   */
  | { type: 'lab-data'; runId: number; data: unknown }
  /** An event on the run span, from the driver (a sandbox violation, say); `timeMs` is epoch ms. */
  | { type: 'run-event'; runId: number; name: string; timeMs: number; attributes: Attributes }
  /** The driver's live figures; each message replaces the previous set. */
  | { type: 'figures'; runId: number; figures: LabFigure[] }
  /** The plugin accepted a configuration; `config` is the plugin's own normalised copy. */
  | { type: 'configured'; runId: number; config: string }
  | { type: 'config-rejected'; runId: number; message: string }
  | { type: 'done'; runId: number; reason: 'completed' | 'stopped' }
  | { type: 'failed'; runId: number; phase: 'instantiate' | 'run' | 'message'; message: string };

/** A type guard for messages from a worker, so a malformed message is reported, not trusted. */
export function isWorkerToHost(data: unknown): data is WorkerToHost {
  if (!data || typeof data !== 'object') return false;
  const m = data as { type?: unknown; runId?: unknown };
  return (
    typeof m.runId === 'number' &&
    ['instantiated', 'spans', 'lab-data', 'figures', 'run-event', 'configured', 'config-rejected', 'done', 'failed'].includes(String(m.type))
  );
}

export function isHostToWorker(data: unknown): data is HostToWorker {
  if (!data || typeof data !== 'object') return false;
  const m = data as { type?: unknown; runId?: unknown };
  return typeof m.runId === 'number' && ['start', 'update', 'configure', 'stop'].includes(String(m.type));
}
