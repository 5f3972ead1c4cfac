import type { Attributes } from '../../spans/model.ts';
import type { FaultDrill, WorkerSpan } from '../protocol.ts';
import type { LabFigure } from '../figures.ts';

export interface DriverIO {
  /** Sends spans, with the plugin's decisions on them, to the main thread. */
  emit(spans: WorkerSpan[]): void;
  /** Sends the lab's live figures, replacing the previous set. A few times a second at most. */
  figures(figures: LabFigure[]): void;
  /** Sends data to the lab's panel alone: not a span, never exported (see WorkerToHost 'lab-data'). */
  labData(data: unknown): void;
  /** Adds an event to the run span (at `timeMs`, epoch ms), such as a sandbox violation. */
  event(name: string, attributes: Attributes, timeMs: number): void;
  /** Aborted when the host asks the run to stop. */
  signal: AbortSignal;
  fault: FaultDrill;
}

/**
 * What a lab adds to the worker: how to load its component, apply a configuration, and run.
 * A new lab is a new driver; the worker and the host do not change.
 */
export interface LabDriver {
  /** Compiles and instantiates the component; returns attributes for the instantiate span. */
  instantiate(fault: FaultDrill): Promise<Attributes>;
  /** Applies a plugin configuration and returns it as the plugin reports it; throws with the plugin's message. */
  configure(config: string): string;
  /** Runs until done or until io.signal is aborted. Throws on a trap. */
  run(settings: unknown, io: DriverIO): Promise<void>;
  /** Applies changed settings mid-run; returns the plugin configuration now in force, if it changed. Throws on invalid settings. */
  update(settings: unknown): string | null;
}
