// The shared frame of every lab: Run and Stop, the status line, fault drills, tracing and the span
// viewer, wired to a LabHost. A lab supplies only a LabPanel.
import { LabHost, type RunOutcome } from '../host.ts';
import type { FaultDrill, WorkerSpan, WorkerToHost } from '../protocol.ts';
import { LabTracing, RESOURCE, type RunTrace } from '../../tracing/LabTracing.ts';
import { SpanViewer } from '../../viewer/SpanViewer.ts';
import { loadTraceIOOnDemand } from '../../viewer/io/loadTraceIO.ts';
import { markLabRunComplete } from '../../progress/store.ts';
import type { LabPanel, PanelFrame } from './LabPanel.ts';
import type { LabSpan } from '../../spans/model.ts';
import { clockTime, groupDigits } from '../../text/plain.ts';

/** The page's one tracing pipeline, shared by all labs on it. */
let pageTracing: LabTracing | null = null;
const tracing = () => (pageTracing ??= new LabTracing());

type Status = 'idle' | 'starting' | 'running' | 'stopping' | 'error';

function describe(outcome: RunOutcome): { text: string; status: Status } {
  switch (outcome.kind) {
    case 'completed':
      return { text: 'Run complete.', status: 'idle' };
    case 'stopped':
      return {
        text: outcome.forced ? 'Stopped. The worker did not answer in time, so it was terminated.' : 'Stopped.',
        status: 'idle',
      };
    case 'deadline':
      return {
        text: `Stopped by the watchdog: the run passed its ${Math.round(outcome.deadlineMs / 1000)} s deadline, so its worker was terminated. The page was never blocked.`,
        status: 'error',
      };
    case 'failed':
      return { text: outcome.message, status: 'error' };
  }
}

/** Runs `fn` in a task of its own: a MessageChannel task runs before timers clamped at 4 ms, and after input and rendering. */
function nextTask(fn: () => void): void {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => {
    channel.port1.close();
    fn();
  };
  channel.port2.postMessage(null);
}

/** How long one task may spend recording worker spans before yielding to the page. */
const RECORD_SLICE_MS = 6;
/** Worker spans recorded between two looks at the clock. */
const RECORD_SLICE_SPANS = 48;

export class LabFrame implements PanelFrame {
  #root: HTMLElement;
  #panel: LabPanel;
  #host: LabHost;
  #viewer: SpanViewer;
  #run: RunTrace | null = null;
  #runButton: HTMLButtonElement;
  #stopButton: HTMLButtonElement;
  #status: HTMLElement;
  #fault: HTMLSelectElement;
  #unsubscribe: () => void;
  #runNumber = 0;
  /** Worker messages not yet recorded: recorded a slice at a time, so no task runs long. */
  #recording: { run: RunTrace; spans: WorkerSpan[]; at: number; ids: Map<number, { spanId: string }> }[] = [];
  #draining = false;
  /** A run whose start waits for its own task (see start); null otherwise. */
  #pendingStart: (() => void) | null = null;

  constructor(root: HTMLElement, panel: LabPanel) {
    this.#root = root;
    this.#panel = panel;
    this.#host = new LabHost(
      () => panel.createWorker?.() ?? new Worker(new URL('../worker/lab.worker.ts', import.meta.url), { type: 'module', name: 'lab' }),
    );
    const q = <T extends Element>(sel: string) => {
      const found = root.querySelector<T>(sel);
      if (!found) throw new Error(`lab frame markup is missing ${sel}`);
      return found;
    };
    this.#runButton = q('[data-lab-run]');
    this.#stopButton = q('[data-lab-stop]');
    this.#status = q('[data-lab-status]');
    this.#fault = q('[data-lab-fault]');
    this.#viewer = new SpanViewer(q('[data-span-viewer]'));
    loadTraceIOOnDemand(q('[data-trace-io]'), this.#viewer.ioSource);
    this.#unsubscribe = tracing().exporter.subscribe((spans) => this.#viewer.add(spans));

    this.#runButton.addEventListener('click', () => this.start());
    this.#stopButton.addEventListener('click', () => this.stop());
    // Escape stops a run from anywhere inside the lab.
    root.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.running) this.stop();
    });
    window.addEventListener('pagehide', () => this.dispose());
    if (panel.figures) this.#viewer.setPanelFigures((counts) => panel.figures!(counts));
    if (panel.workerFigures) this.#viewer.setWorkerFigures(panel.workerFigures.map((f) => ({ ...f, value: Number.NaN })));
    if (panel.decides) this.#viewer.setDecidingLab(true);
    if (panel.annotate) this.#viewer.setAnnotator((span) => panel.annotate!(span), panel.annotationsReady ? () => panel.annotationsReady!() : null);
    panel.connect(this);
    this.#setStatus('idle', 'Ready. Press Run to start.');
    // The first run's worker is made with the page, not in the Run click (see LabHost.prepare).
    this.#host.prepare();
    this.#runButton.disabled = false;
    root.dataset.ready = 'true';
  }

  /** True from the Run click until the run has ended, including the moment before its worker starts. */
  get running(): boolean {
    return this.#host.running || this.#pendingStart !== null;
  }

  update(settings: unknown): boolean {
    return this.#host.update(settings);
  }

  configure(config: string): boolean {
    return this.#host.configure(config);
  }

  restartDeadline(deadlineMs: number): boolean {
    return this.#host.restartDeadline(deadlineMs);
  }

  refreshFigures(): void {
    this.#viewer.refreshFigures();
  }

  currentSpans(): readonly LabSpan[] {
    return this.#viewer.spans;
  }

  start(): void {
    if (this.running) return;
    const refusal = this.#panel.refusal?.() ?? null;
    if (refusal) {
      this.#setStatus('error', refusal);
      return;
    }
    const fault = this.#fault.value as FaultDrill;
    const runHadFocus = document.activeElement === this.#runButton;
    // Spans still queued from the previous run belong to it; they are let go with it, and the
    // previous run is kept for comparison with what was recorded (its end sets the status, so it
    // comes first).
    this.#recording = [];
    this.#afterDrain?.();
    // The click's own task answers it: the status, the buttons and focus (focus forces a style
    // update, cheap before the viewer's reset has invalidated anything). Resetting the viewer and
    // starting the trace and the worker follow in a task of their own: in one task, a first run's
    // start took 30–40 ms (CPU profile of the click), most of it code running for the first time.
    this.#setStatus('starting', 'Loading the WebAssembly component in a worker…');
    // Run is disabled while a run is in progress; keep keyboard focus on the button that can end it.
    if (runHadFocus) this.#stopButton.focus();
    const begin = () => {
      if (this.#pendingStart !== begin) return; // stopped, or the page went away, in between
      this.#pendingStart = null;
      this.#begin(fault);
    };
    this.#pendingStart = begin;
    nextTask(begin);
  }

  #begin(fault: FaultDrill): void {
    this.#panel.runStarting?.();
    this.#runNumber++;
    this.#viewer.reset(`Run ${this.#runNumber} started at ${clockTime(new Date())}.`);
    this.#viewer.setResource(RESOURCE);
    const run = tracing().startRun(this.#panel.lab, { ...this.#panel.runAttributes(), 'lab.fault': fault });
    this.#run = run;
    this.#host.start(this.#panel.lab, this.#panel.settings(), { deadlineMs: this.#panel.deadlineMs(), fault, stopGraceMs: this.#panel.stopGraceMs }, {
      message: (m) => this.#onMessage(run, m),
      ended: (o) => this.#onEnded(run, o),
    });
    if (fault === 'bad-message') this.#host.sendRaw({ type: 'reconfigure-everything', runId: 'not a number' });
  }

  stop(): void {
    if (!this.running) return;
    if (this.#pendingStart) {
      // Stopped before the worker was asked to start: nothing ran, so there is nothing to record.
      this.#pendingStart = null;
      this.#setStatus('idle', 'Stopped before the run began.');
      return;
    }
    this.#setStatus('stopping', 'Stopping…');
    this.#host.stop();
  }

  dispose(): void {
    this.#pendingStart = null;
    this.#host.dispose();
    this.#unsubscribe();
  }

  #onMessage(run: RunTrace, m: WorkerToHost): void {
    switch (m.type) {
      case 'instantiated':
        run.instantiated(m.startMs, m.endMs, m.detail);
        this.#setStatus('running', `Running. The component was ready in ${Math.round(m.endMs - m.startMs)} ms. Press Stop or Escape to end the run.`);
        break;
      case 'spans':
        this.#recording.push({ run, spans: m.spans, at: 0, ids: new Map() });
        this.#drainSoon();
        break;
      case 'lab-data':
        this.#panel.labData?.(m.data);
        break;
      case 'run-event':
        run.event(m.name, m.attributes, m.timeMs);
        this.#panel.runEvent?.(m.name, m.attributes);
        break;
      case 'figures':
        this.#viewer.setWorkerFigures(m.figures);
        break;
      case 'configured':
        run.event('lab.configured', { config: m.config });
        this.#viewer.markSetting('configured');
        this.#panel.configResult({ ok: true, config: m.config });
        this.refreshFigures();
        break;
      case 'config-rejected':
        run.event('lab.config_rejected', { message: m.message });
        this.#panel.configResult({ ok: false, message: m.message });
        break;
      default:
        break;
    }
  }

  #drainSoon(): void {
    if (this.#draining) return;
    this.#draining = true;
    nextTask(() => {
      this.#draining = false;
      this.#drain();
    });
  }

  /** Records queued spans for up to RECORD_SLICE_MS, then yields to the page. */
  #drain(): void {
    const until = performance.now() + RECORD_SLICE_MS;
    while (this.#recording.length && performance.now() < until) {
      const job = this.#recording[0]!;
      const end = Math.min(job.at + RECORD_SLICE_SPANS, job.spans.length);
      job.run.record(job.spans.slice(job.at, end), job.ids);
      job.at = end;
      if (end === job.spans.length) this.#recording.shift();
    }
    if (this.#recording.length) this.#drainSoon();
    else this.#afterDrain?.();
  }

  /** Runs once everything queued has been recorded (the end of a run waits for it). */
  #afterDrain: (() => void) | null = null;

  #onEnded(run: RunTrace, outcome: RunOutcome): void {
    const { text, status } = describe(outcome);
    if (outcome.kind === 'deadline') {
      // The deadline is a limit like any other: the run span records the breach and how long the
      // host took from the moment it fell due to terminating the worker.
      const attributes = {
        'lab.violation.limit': 'deadline',
        'lab.violation.value': outcome.deadlineMs + outcome.overrunMs,
        'lab.violation.max': outcome.deadlineMs,
        'lab.violation.stop_ms': outcome.overrunMs,
        'lab.violation.outer': this.#panel.outerDeadline?.() ?? false,
      };
      run.event('lab.violation', attributes);
      this.#panel.runEvent?.('lab.violation', attributes);
    }
    run.end(outcome.kind, outcome.kind === 'failed' || outcome.kind === 'deadline' ? text : undefined);
    if (this.#run === run) this.#run = null;
    const label = this.#runLabel(outcome.kind);
    const backlog = this.#recording.reduce((n, job) => n + job.spans.length - job.at, 0);
    const errorHint = status === 'error' ? ' Press Run to try again: the next run gets a fresh worker.' : '';
    // The end of a run is split into tasks, so no two pieces of it add up to one long task (together
    // they were 40–60 ms at the end of a 2,000 requests/s run): the final draw; then the learning-path
    // progress, the status, the buttons and focus (moving focus lays the page out). The final draw
    // comes before the status, so the counts a learner reads beside "Run complete" are the run's
    // final counts. Spans the page has not recorded yet (a busy machine falls behind at high rates)
    // are recorded first, and the run is kept for comparison then. A run started in between keeps
    // its own draw and status.
    const finish = () => {
      this.#afterDrain = null;
      // The comparison takes its snapshot of the run now, before a new run can reset the store.
      this.#viewer.archiveRun(label);
      nextTask(() => {
        if (!this.running) this.#viewer.render();
        nextTask(() => {
          const unrecorded = outcome.kind === 'completed' ? this.#recordProgress() : '';
          if (!this.running) this.#setStatus(status, text + errorHint + unrecorded);
        });
      });
    };
    if (backlog) {
      this.#afterDrain = finish;
      const n = groupDigits(backlog);
      this.#setStatus(status, `${text} Recording the last ${n} ${backlog === 1 ? 'span' : 'spans'} the worker sent.${errorHint}`);
    } else {
      finish();
    }
    this.#panel.runEnded?.(outcome);
  }

  /**
   * A run that ended normally counts toward every learning path that includes this lab. When the
   * saved progress cannot be read (or storage is blocked) the store writes nothing, and the status
   * says why.
   */
  #recordProgress(): string {
    try {
      markLabRunComplete(this.#panel.lab);
      return '';
    } catch (error) {
      return ` This run was not recorded in your learning-path progress. ${(error as Error).message}`;
    }
  }

  /** "Run 2: ratio=0.01, rate=2000 (completed)", from the panel's run attributes. */
  #runLabel(outcome: string): string {
    const settings = Object.entries(this.#panel.runAttributes())
      .filter(([k]) => k.startsWith('lab.settings.'))
      .map(([k, v]) => `${k.slice('lab.settings.'.length)}=${v}`)
      .join(', ');
    return `Run ${this.#runNumber}: ${settings || this.#panel.lab} (${outcome})`;
  }

  #setStatus(status: Status, text: string): void {
    this.#root.dataset.status = status;
    this.#status.textContent = text;
    const busy = status === 'starting' || status === 'running' || status === 'stopping';
    const stopHadFocus = document.activeElement === this.#stopButton;
    this.#runButton.disabled = busy;
    this.#stopButton.disabled = !busy;
    this.#fault.disabled = busy;
    if (!busy && stopHadFocus) this.#runButton.focus();
  }
}
