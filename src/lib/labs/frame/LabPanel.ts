import type { Attributes } from '../../spans/model.ts';
import type { LabSpan } from '../../spans/model.ts';
import type { ViewerCounts } from '../../spans/counts.ts';
import type { LabFigure } from '../figures.ts';
import type { LabId } from '../protocol.ts';

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
  /** A run is about to start with the current settings. */
  runStarting?(): void;
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
  /** The spans the viewer holds for the current run. */
  currentSpans(): readonly LabSpan[];
  readonly running: boolean;
}
