// The span viewer: wires the store to its views and draws at most once per animation frame. Data
// flows one way: spans → SpanStore (indexes incrementally) → views (draw only what is visible).
// It owns the toolbar (search, filters, follow or hold), the counts and the lab's figures.
import type { ViewerCounts } from '../spans/counts.ts';
import { formatFigure, type LabFigure } from '../labs/figures.ts';
import type { Attributes, LabSpan, SpanAnnotation } from '../spans/model.ts';
import { el, setText } from './dom.ts';
import { formatTime } from './format.ts';
import type { TraceIOSource } from './io/TraceIOPanel.ts';
import type { RunComparison } from './RunComparison.ts';
import { RunOverview } from './RunOverview.ts';
import type { SpanDetails } from './SpanDetails.ts';
import { SpanStore, type StoreChange } from './SpanStore.ts';
import { SpanWaterfall } from './SpanWaterfall.ts';
import { TraceList } from './TraceList.ts';
import { NO_TRACE_FILTER, filtersNothing, type TraceFilter } from './TraceRowModel.ts';
import { groupDigits } from '../text/plain.ts';

/** The shortest time between two draws caused by arriving spans. */
const MIN_DRAW_INTERVAL_MS = 200;

export class SpanViewer {
  readonly store = new SpanStore();
  #root: HTMLElement;
  #list: TraceList;
  #waterfall: SpanWaterfall;
  /**
   * Loaded when the first span is chosen, as the comparison is when the first run ends: until
   * then the markup's hint is all the details show.
   */
  #details: Promise<SpanDetails> | null = null;
  #detailsRoot: HTMLElement;
  #resource: Attributes | null = null;
  #annotate: ((span: LabSpan) => SpanAnnotation[] | undefined) | null = null;
  #annotateReady: (() => Promise<void>) | null = null;
  #overview: RunOverview;
  /**
   * Made when the first run ends: the comparison and its summaries are loaded then, so the lab
   * page does not pay for them up front (the page's script budget: e2e/lab-weight.spec.ts).
   */
  #comparison: Promise<RunComparison> | null = null;
  #compareRoot: HTMLElement;
  #archiving: Promise<void> = Promise.resolve();
  #counts: HTMLElement;
  #caption: HTMLElement;
  #evictedNote: HTMLElement;
  #follow: HTMLButtonElement;
  #search: HTMLInputElement;
  #routeSelect: HTMLSelectElement;
  #rangeNote: HTMLElement;
  #filter: TraceFilter = { ...NO_TRACE_FILTER };
  #routes = new Set<string>();
  #pending: StoreChange = { reset: false, added: [], grown: new Set(), evicted: [] };
  #frame = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #lastDraw = -Infinity;
  #workerFigures: LabFigure[] = [];
  #decidingLab = false;
  #panelFigures: (counts: ViewerCounts) => LabFigure[] = () => [];
  #figureNodes = new Map<string, { node: HTMLElement; value: HTMLElement }>();

  constructor(root: HTMLElement) {
    this.#root = root;
    const q = <T extends Element>(sel: string) => {
      const found = root.querySelector<T>(sel);
      if (!found) throw new Error(`span viewer markup is missing ${sel}`);
      return found;
    };
    this.#counts = q('[data-viewer-counts]');
    this.#caption = q('[data-viewer-caption]');
    this.#evictedNote = q('[data-viewer-evicted]');
    this.#follow = q('[data-viewer-follow]');
    this.#search = q('[data-viewer-search]');
    this.#routeSelect = q('[data-filter="route"]');
    this.#rangeNote = q('[data-viewer-range]');
    this.#detailsRoot = q('[data-viewer-details]');
    this.#waterfall = new SpanWaterfall(q('[data-viewer-waterfall]'), q('[data-viewer-waterfall-body]'), q('[data-viewer-ruler]'), q('[data-viewer-waterfall-caption]'), {
      select: (span) => this.#showDetails(span),
    });
    this.#list = new TraceList(q('[data-viewer-traces]'), q('[data-viewer-trace-body]'), this.store, {
      select: (trace) => this.#waterfall.show(trace),
      following: (on) => this.#showFollowing(on),
    });
    this.#overview = new RunOverview(q('[data-viewer-overview]'), {
      pick: (traceId) => {
        const trace = this.store.trace(traceId);
        if (trace) this.#list.show(trace);
        else setText(this.#rangeNote, 'That trace was let go to stay within memory; its point stays on the chart.');
      },
      range: (range) => this.#setFilter({ range }),
      trace: (id) => this.store.trace(id),
    });
    this.#compareRoot = q('[data-viewer-compare]');

    this.store.subscribe((change) => this.#merge(change));
    q<HTMLElement>('[data-viewer-traces]').addEventListener('open-trace', () => q<HTMLElement>('[data-viewer-waterfall]').focus());
    this.#follow.addEventListener('click', () => this.#list.setFollowing(!this.#list.following));
    q<HTMLSelectElement>('[data-filter="decision"]').addEventListener('change', (e) => this.#setFilter({ decision: (e.target as HTMLSelectElement).value as TraceFilter['decision'] }));
    q<HTMLSelectElement>('[data-filter="status"]').addEventListener('change', (e) => this.#setFilter({ status: (e.target as HTMLSelectElement).value as TraceFilter['status'] }));
    this.#routeSelect.addEventListener('change', () => this.#setFilter({ route: this.#routeSelect.value }));
    q<HTMLButtonElement>('[data-viewer-clear-range]').addEventListener('click', () => {
      this.#overview.setRange(null);
      this.#setFilter({ range: null });
    });
    let searchTimer: ReturnType<typeof setTimeout> | undefined;
    this.#search.addEventListener('input', () => {
      clearTimeout(searchTimer);
      searchTimer = setTimeout(() => this.#setFilter({ text: this.#search.value.trim().toLowerCase() }), 150);
    });
    this.#search.addEventListener('keydown', (e) => {
      // Escape clears a search; with nothing to clear it bubbles on, where it stops a run.
      if (e.key === 'Escape' && this.#search.value) {
        e.stopPropagation();
        this.#search.value = '';
        this.#setFilter({ text: '' });
      }
    });
    root.addEventListener('keydown', (e) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const t = e.target as HTMLElement;
      if (t.closest('input, textarea, select, [contenteditable]')) return;
      e.preventDefault();
      this.#search.focus();
    });
    this.#showFollowing(true);
    this.#draw();
    // For end-to-end tests and the browser console: the viewer behind this markup.
    Object.defineProperty(root, 'spanViewer', { value: this });
  }

  /** What the trace I/O panel reads and loads: the store, with an import clearing the overview. */
  readonly ioSource: TraceIOSource = {
    spans: () => this.store.spans(),
    evicted: () => this.store.evicted(),
    load: (spans, label) => {
      // An import replaces the run: its spans carry no resource of this page's tracer.
      this.#resource = null;
      this.#overview.reset();
      return this.store.load(spans, label);
    },
  };

  /** The resource of the page's own spans, shown in the details; null for an import. */
  setResource(resource: Attributes | null): void {
    this.#resource = resource;
  }

  #showDetails(span: LabSpan | null): void {
    if (!span && !this.#details) return;
    this.#details ??= Promise.all([import('./SpanDetails.ts'), this.#annotateReady?.()]).then(
      ([{ SpanDetails }]) => new SpanDetails(this.#detailsRoot, { openLink: (t, s) => this.openSpan(t, s), annotate: (s) => this.#annotate?.(s) }),
    );
    // Settled in call order, so the last span chosen is the one shown.
    void this.#details.then((d) => {
      d.setResource(this.#resource);
      d.show(span);
    });
  }

  /** The lab's annotations for spans that arrive without any (see DetailsEvents.annotate). */
  setAnnotator(annotate: ((span: LabSpan) => SpanAnnotation[] | undefined) | null, ready: (() => Promise<void>) | null = null): void {
    this.#annotate = annotate;
    this.#annotateReady = ready;
  }

  /** The lab's spans carry a sampler's keep-or-drop decision, so kept and dropped are shown from the start. */
  setDecidingLab(deciding: boolean): void {
    this.#decidingLab = deciding;
    this.#schedule();
  }

  setWorkerFigures(figures: LabFigure[]): void {
    this.#workerFigures = figures;
    this.#schedule();
  }

  setPanelFigures(source: (counts: ViewerCounts) => LabFigure[]): void {
    this.#panelFigures = source;
    this.#schedule();
  }

  refreshFigures(): void {
    this.#schedule();
  }

  /** Clears the viewer for a new run. */
  reset(label: string): void {
    // The worker's figures keep their places, without values, until the new run reports them: the
    // counts keep their size and nothing below them moves as the run starts.
    this.#workerFigures = this.#workerFigures.map((f) => ({ ...f, value: Number.NaN }));
    this.store.reset(label);
    this.#overview.reset();
    this.#list.setFollowing(true);
  }

  add(spans: LabSpan[]): void {
    this.store.add(spans);
  }

  /** Every span held for the current run, ghosts included. */
  get spans(): readonly LabSpan[] {
    return this.store.allSpans();
  }

  /** A line on the overview where a setting changed. */
  markSetting(label: string, timeMs = Date.now()): void {
    this.#overview.mark(timeMs, label);
  }

  /** Keeps a summary of the run just finished, for comparison. */
  archiveRun(label: string): void {
    const c = this.store.counts();
    // Taken now, a new run may reset the store before the modules arrive: the traces themselves,
    // whose span lists a new run does not change. Reading each list here, one trace at a time
    // through the heap, took 7–12 ms of the run's last task; the summary reads them in slices.
    const traces = this.store.traces();
    const counts = { kept: c.kept, dropped: c.dropped, evicted: c.evicted };
    // One summary at a time, so runs reach the comparison in the order they ended. The modules are
    // asked for there too, not in the run's last task.
    this.#archiving = this.#archiving.then(async () => {
      this.#comparison ??= import('./RunComparison.ts').then(({ RunComparison }) => new RunComparison(this.#compareRoot));
      const [view, { summarizeRunInSlices }] = await Promise.all([this.#comparison, import('../spans/runComparison.ts')]);
      view.add(await summarizeRunInSlices(label, traces, counts));
    });
  }

  /** Opens a span by id (a span link). False when it is not held. */
  openSpan(traceId: string, spanId: string): boolean {
    const trace = this.store.trace(traceId);
    if (!trace) return false;
    this.#list.show(trace);
    this.#waterfall.show(trace, spanId);
    this.#root.querySelector<HTMLElement>('[data-viewer-waterfall]')?.focus();
    return true;
  }

  /** Draws now rather than on the next frame (the final counts when a run ends). */
  render(): void {
    cancelAnimationFrame(this.#frame);
    clearTimeout(this.#timer);
    this.#frame = 0;
    this.#timer = undefined;
    this.#draw();
  }

  #merge(change: StoreChange): void {
    if (change.reset) this.#pending = { reset: true, added: [], grown: new Set(), evicted: [] };
    const q = this.#pending;
    for (const t of change.added) q.added.push(t);
    for (const t of change.grown) q.grown.add(t);
    for (const t of change.evicted) q.evicted.push(t);
    this.#schedule();
  }

  #schedule(): void {
    if (this.#frame || this.#timer) return;
    // While spans stream in, five draws a second are enough to read and leave the frames between
    // for input; a learner's own actions (keys, clicks) draw at once, outside this path.
    const wait = this.#lastDraw + MIN_DRAW_INTERVAL_MS - performance.now();
    const frame = () => {
      this.#frame = requestAnimationFrame(() => {
        this.#frame = 0;
        this.#draw();
      });
    };
    if (wait > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = undefined;
        frame();
      }, wait);
    } else frame();
  }

  #setFilter(part: Partial<TraceFilter>): void {
    // The list is rebuilt from the store below; traces still waiting to be drawn are drawn first,
    // or the next draw would append them a second time.
    this.render();
    this.#filter = { ...this.#filter, ...part };
    if ('text' in part) this.#waterfall.highlight(this.#filter.text);
    if ('range' in part) {
      this.#rangeNote.parentElement!.hidden = !this.#filter.range;
      setText(this.#rangeNote, this.#filter.range ? `Listing traces that started between ${formatTime(this.#filter.range.fromMs)} and ${formatTime(this.#filter.range.toMs)}.` : '');
    }
    this.#list.setFilter(this.#filter);
    this.#drawCaption();
  }

  #showFollowing(on: boolean): void {
    this.#follow.setAttribute('aria-pressed', String(on));
    this.#follow.textContent = on ? 'Following newest' : 'Holding view';
    this.#follow.title = on ? 'New traces scroll into view. Press to hold the view still.' : 'The view stays where it is. Press to follow the newest traces.';
  }

  #draw(): void {
    this.#lastDraw = performance.now();
    const change = this.#pending;
    this.#pending = { reset: false, added: [], grown: new Set(), evicted: [] };
    if (change.reset) {
      this.#routes.clear();
      this.#waterfall.show(null);
      this.#showDetails(null);
    }
    if (change.reset || change.added.length || change.evicted.length) this.#list.apply(change);
    else if (change.grown.size) this.#list.redraw();
    if (change.added.length) {
      this.#overview.add(change.added);
      let newRoute = false;
      for (const t of change.added) {
        const r = t.root.attributes['http.route'];
        if (typeof r === 'string' && !this.#routes.has(r)) {
          this.#routes.add(r);
          newRoute = true;
        }
      }
      if (newRoute) this.#drawRoutes();
    }
    const shown = this.#waterfall.trace;
    if (shown && (change.grown.has(shown) || change.evicted.includes(shown))) this.#waterfall.show(shown);
    this.#drawCounts();
    this.#drawCaption();
  }

  #drawRoutes(): void {
    const current = this.#routeSelect.value;
    const routes = [...this.#routes].sort();
    this.#routeSelect.replaceChildren(el('option', { value: '' }, 'all routes'), ...routes.map((r) => el('option', { value: r }, r)));
    this.#routeSelect.value = routes.includes(current) ? current : '';
  }

  #drawCounts(): void {
    const counts = this.store.counts();
    const c = this.#counts;
    c.dataset.kept = String(counts.kept);
    c.dataset.dropped = String(counts.dropped);
    c.dataset.observedRatio = counts.recentRatio === null ? '' : String(counts.recentRatio);
    // Kept and dropped are a sampler's decisions: shown from the start in a lab that samples, and
    // elsewhere only once spans with a decision arrive (an imported sampled run), never as "0 kept"
    // beside traces no sampler saw.
    const decisions = this.#decidingLab || counts.kept + counts.dropped > 0;
    const figures = [
      ...(decisions
        ? [
            { id: 'kept', label: 'kept', value: counts.kept, format: 'count' as const },
            { id: 'dropped', label: 'dropped', value: counts.dropped, format: 'count' as const },
          ]
        : []),
      ...this.#panelFigures(counts),
      ...this.#workerFigures,
    ];
    const seen = new Set<string>();
    for (const f of figures) {
      seen.add(f.id);
      let entry = this.#figureNodes.get(f.id);
      if (!entry) {
        const value = el('strong');
        const node = el('span', { className: 'sv-figure' }, value, ' ', el('span', { className: 'sv-figure-label' }, f.label));
        node.dataset.figure = f.id;
        entry = { node, value };
        this.#figureNodes.set(f.id, entry);
        c.append(node);
      }
      setText(entry.value, formatFigure(f));
      entry.node.dataset.value = Number.isFinite(f.value) ? String(f.value) : '';
    }
    for (const [id, entry] of this.#figureNodes) {
      if (seen.has(id)) continue;
      entry.node.remove();
      this.#figureNodes.delete(id);
    }
  }

  #drawCaption(): void {
    const s = this.store;
    const shown = this.#list.model.rows.length;
    setText(
      this.#caption,
      s.traceCount === 0
        ? s.label
        : `${s.label} ${groupDigits(s.traceCount)} traces held; ${groupDigits(shown)} rows listed${filtersNothing(this.#filter) ? '' : ' with the filters below'} (runs of dropped traces fold into one row).`,
    );
    const ev = s.evicted();
    this.#evictedNote.hidden = ev.spans === 0;
    if (ev.spans) {
      setText(this.#evictedNote, `${groupDigits(ev.spans)} spans from before ${formatTime(ev.untilMs!)} were let go to stay within memory (${groupDigits(s.limit)} spans). The counts above include them; the list, the comparison and downloads do not.`);
    }
  }
}
