import type { Attributes } from '../../spans/model.ts';
import type { LabSpan, SpanAnnotation } from '../../spans/model.ts';
import type { ViewerCounts } from '../../spans/counts.ts';
import type { FigureSlot, LabFigure } from '../figures.ts';
import type { LabId } from '../protocol.ts';
import type { RunOutcome } from '../host.ts';

/**
 * What a lab adds to the shared frame: its controls and what they mean. The frame owns running,
 * stopping, status, tracing and the span viewer; a panel never touches the worker or the tracer.
 */
export interface LabPanel {
  readonly lab: LabId;
  /** The settings for a new run, read from the controls. */
  settings(): unknown;
  /** The wall-clock budget of a run with these settings. */
  deadlineMs(): number;
  /** Attributes for the run span, describing the settings. */
  runAttributes(): Attributes;
  /**
   * Figures the page derives from what the viewer counted (the sampler's configured against
   * observed ratio, say). The viewer calls it on each redraw and shows these beside the worker's.
   */
  figures?(counts: ViewerCounts): LabFigure[];
  /**
   * The lab's annotations for a span that arrived without any, derived from the span itself when
   * the learner opens it. A driver can attach annotations to each span instead; this form keeps a
   * live run from carrying one explanation per span (the sampler's, at 2,000 requests a second).
   */
  annotate?(span: LabSpan): SpanAnnotation[] | undefined;
  /** Resolves once annotate() can answer: the viewer waits for it before it first shows a span's details. */
  annotationsReady?(): Promise<void>;
  /** The lab's spans carry a sampler's keep-or-drop decision: the viewer shows kept and dropped counts from the start. */
  readonly decides?: boolean;
  /**
   * The figures the lab's worker reports (DriverIO.figures): the viewer shows them as "–" until the
   * first report, so the counts keep their size as a run starts.
   */
  readonly workerFigures?: readonly FigureSlot[];
  /** Data the lab's driver sent for the panel alone (never a span, never exported). */
  labData?(data: unknown): void;
  /** A run is about to start with the current settings. */
  runStarting?(): void;
  /**
   * A worker of the lab's own, for a driver too heavy to bundle into the shared lab worker. Write
   * `new Worker(new URL('…', import.meta.url), { type: 'module' })` in the panel's module, so the
   * bundler finds the worker's entry.
   */
  createWorker?(): Worker;
  /** A reason to refuse a run now (a quarantined module, say), shown as the status; null to run. */
  refusal?(): string | null;
  /** How long Stop waits for the worker before terminating it (LabHost's STOP_GRACE_MS if absent). */
  readonly stopGraceMs?: number;
  /** True when the deadline in force is the lab's outer watchdog, the learner having turned its own deadline off. */
  outerDeadline?(): boolean;
  /** The driver added an event to the run span. */
  runEvent?(name: string, attributes: Attributes): void;
  /** The run ended, however it ended; the frame has already drawn its status. */
  runEnded?(outcome: RunOutcome): void;
  /** Called once, with the frame the panel reports its changes to. */
  connect(frame: PanelFrame): void;
  /** The plugin accepted or rejected a configuration. */
  configResult(result: { ok: true; config: string } | { ok: false; message: string }): void;
}

/** The frame as a panel sees it. */
export interface PanelFrame {
  /** Sends changed settings to the running lab; false when no run is in progress. */
  update(settings: unknown): boolean;
  /** Sends a plugin configuration to the running module; false when no run is in progress. */
  configure(config: string): boolean;
  /** Something the panel's figures depend on changed outside the viewer's counts: redraw them. */
  refreshFigures(): void;
  /** Restarts the run's deadline from now (once per run): the guest starts after the host prepared it. */
  restartDeadline(deadlineMs: number): boolean;
  /** The spans the viewer holds for the current run. */
  currentSpans(): readonly LabSpan[];
  readonly running: boolean;
}
