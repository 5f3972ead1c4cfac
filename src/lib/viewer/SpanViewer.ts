// The span viewer: a waterfall over a collapsible span tree, span details, filters, live decision
// counts, and OTLP JSON download and import. All data work is done by the pure transforms in
// ../spans; this class only keeps state and draws it, at most a few times a second.
import { countDecisions, type ViewerCounts } from '../spans/counts.ts';
import { formatFigure, type LabFigure } from '../labs/figures.ts';
import { filterTraces, routesOf, type SpanFilter, NO_FILTER, type DecisionFilter, type StatusFilter } from '../spans/filter.ts';
import type { LabSpan } from '../spans/model.ts';
import { parseOtlpJsonLines, toOtlpJsonLines, OtlpFormatError } from '../spans/otlp.ts';
import { exportOtlpHttp, parseCollectorUrl } from '../spans/otlpHttp.ts';
import { buildTree, toRows, type SpanRow } from '../spans/tree.ts';
import { RESOURCE, SCOPE } from '../tracing/LabTracing.ts';
import { formatDuration, formatTime, kindName, statusName } from './format.ts';

/** Rows drawn at once; older rows stay in memory and in downloads. */
export const ROW_LIMIT = 300;
/** Spans kept in memory; beyond it the oldest are let go. */
export const SPAN_LIMIT = 60_000;
/** The window of the live observed ratio. */
export const RATIO_WINDOW_MS = 2_000;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

export class SpanViewer {
  #spans: LabSpan[] = [];
  #collapsed = new Set<string>();
  #filter: SpanFilter = { ...NO_FILTER };
  #selected: LabSpan | null = null;
  #workerFigures: LabFigure[] = [];
  #panelFigures: (counts: ViewerCounts) => LabFigure[] = () => [];
  #source = 'No run yet.';
  #scheduled = false;
  #knownRoutes = '';

  #list: HTMLElement;
  #details: HTMLElement;
  #counts: HTMLElement;
  #caption: HTMLElement;
  #routeSelect: HTMLSelectElement;
  #fileError: HTMLElement;

  constructor(root: HTMLElement) {
    const q = <T extends Element>(sel: string) => {
      const found = root.querySelector<T>(sel);
      if (!found) throw new Error(`span viewer markup is missing ${sel}`);
      return found;
    };
    this.#list = q<HTMLElement>('[data-viewer-rows]');
    this.#details = q<HTMLElement>('[data-viewer-details]');
    this.#counts = q<HTMLElement>('[data-viewer-counts]');
    this.#caption = q<HTMLElement>('[data-viewer-caption]');
    this.#routeSelect = q<HTMLSelectElement>('[data-filter="route"]');
    this.#fileError = q<HTMLElement>('[data-viewer-file-error]');

    q<HTMLSelectElement>('[data-filter="decision"]').addEventListener('change', (e) => {
      this.#filter.decision = (e.target as HTMLSelectElement).value as DecisionFilter;
      this.render();
    });
    this.#routeSelect.addEventListener('change', (e) => {
      this.#filter.route = (e.target as HTMLSelectElement).value;
      this.render();
    });
    q<HTMLSelectElement>('[data-filter="status"]').addEventListener('change', (e) => {
      this.#filter.status = (e.target as HTMLSelectElement).value as StatusFilter;
      this.render();
    });
    q<HTMLButtonElement>('[data-viewer-download]').addEventListener('click', () => this.download());
    q<HTMLInputElement>('[data-viewer-import]').addEventListener('change', (e) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      if (file) void this.importFile(file).finally(() => (input.value = ''));
    });
    const exportButton = q<HTMLButtonElement>('[data-viewer-export]');
    exportButton.addEventListener('click', async () => {
      const result = q<HTMLElement>('[data-viewer-export-result]');
      const parsed = parseCollectorUrl(q<HTMLInputElement>('[data-viewer-export-url]').value);
      if ('error' in parsed) {
        result.dataset.state = 'error';
        result.textContent = `Not sent: ${parsed.error}.`;
        return;
      }
      exportButton.disabled = true;
      result.dataset.state = '';
      result.textContent = 'Sending…';
      const outcome = await exportOtlpHttp(this.#spans, parsed.url, RESOURCE, SCOPE);
      exportButton.disabled = false;
      result.dataset.state = outcome.ok ? 'ok' : 'error';
      result.textContent = outcome.ok ? `Done: ${outcome.message}.` : `Not sent: ${outcome.message}.`;
    });
    this.#list.addEventListener('click', (e) => this.#onRowClick(e));
    this.render();
  }

  /** The figures the lab's worker sent last; they replace the previous set. */
  setWorkerFigures(figures: LabFigure[]): void {
    this.#workerFigures = figures;
    this.#schedule();
  }

  /** Where the page's own figures come from; called on each redraw with the counts. */
  setPanelFigures(source: (counts: ViewerCounts) => LabFigure[]): void {
    this.#panelFigures = source;
    this.#schedule();
  }

  /** Redraws the figures soon, after something they depend on changed. */
  refreshFigures(): void {
    this.#schedule();
  }

  /** Clears the viewer for a new run. */
  reset(source: string): void {
    this.#spans = [];
    this.#collapsed.clear();
    this.#selected = null;
    this.#workerFigures = [];
    this.#source = source;
    this.#fileError.textContent = '';
    this.render();
  }

  add(spans: LabSpan[]): void {
    this.#spans.push(...spans);
    if (this.#spans.length > SPAN_LIMIT) this.#spans.splice(0, this.#spans.length - SPAN_LIMIT);
    this.#schedule();
  }

  get spans(): readonly LabSpan[] {
    return this.#spans;
  }

  download(): void {
    const text = toOtlpJsonLines(this.#spans, RESOURCE, SCOPE);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
    const a = el('a', { href: url, download: `lab-run-${new Date().toISOString().replace(/[:.]/g, '-')}.otlp.jsonl` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  /** Loads an OTLP JSON Lines file. A bad file changes nothing and says why. */
  async importFile(file: File): Promise<void> {
    try {
      const spans = parseOtlpJsonLines(await file.text());
      this.reset(`Loaded ${spans.length} spans from ${file.name}.`);
      this.add(spans);
      this.render();
    } catch (err) {
      const reason = err instanceof OtlpFormatError ? err.message : `could not read the file (${(err as Error).message})`;
      this.#fileError.textContent = `${file.name} was not loaded: ${reason}. The viewer still shows what it showed before.`;
    }
  }

  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    // A quarter second between draws keeps a 5,000 requests/s run smooth.
    setTimeout(() => requestAnimationFrame(() => {
      this.#scheduled = false;
      this.render();
    }), 250);
  }

  #onRowClick(e: Event): void {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!target) return;
    const spanId = target.dataset.span!;
    if (target.dataset.action === 'toggle') {
      if (this.#collapsed.has(spanId)) this.#collapsed.delete(spanId);
      else this.#collapsed.add(spanId);
      this.render();
      this.#list.querySelector<HTMLElement>(`[data-action="toggle"][data-span="${spanId}"]`)?.focus();
    } else if (target.dataset.action === 'select') {
      this.#selected = this.#spans.find((s) => s.spanId === spanId && s.traceId === target.dataset.trace) ?? null;
      this.#renderDetails();
      this.#list.querySelectorAll('.sv-row--selected').forEach((r) => r.classList.remove('sv-row--selected'));
      target.closest('.sv-row')?.classList.add('sv-row--selected');
    }
  }

  render(): void {
    this.#renderCounts();
    this.#renderRoutes();
    const visible = filterTraces(this.#spans, this.#filter);
    const rows = toRows(buildTree(visible), { collapsed: this.#collapsed, limit: ROW_LIMIT });
    const rowCount = rows.length;
    this.#caption.textContent =
      this.#spans.length === 0
        ? this.#source
        : `${this.#source} ${visible.length.toLocaleString()} spans match; showing ${rowCount < visible.length ? `the latest ${rowCount}` : `all ${rowCount}`} rows.`;
    // Follow the newest rows while the reader is at the bottom; leave the scroll alone otherwise.
    const list = this.#list;
    const following = list.scrollTop + list.clientHeight >= list.scrollHeight - 8;
    list.replaceChildren(...rows.map((r) => this.#row(r)));
    if (following) list.scrollTop = list.scrollHeight;
    this.#renderDetails();
  }

  #renderCounts(): void {
    const all = countDecisions(this.#spans);
    const latest = this.#spans.length ? this.#spans[this.#spans.length - 1]!.startMs : 0;
    const recent = countDecisions(this.#spans.slice(-Math.min(this.#spans.length, 20_000)), latest - RATIO_WINDOW_MS);
    const c = this.#counts;
    c.dataset.kept = String(all.kept);
    c.dataset.dropped = String(all.dropped);
    c.dataset.observedRatio = recent.observedRatio === null ? '' : String(recent.observedRatio);
    const counts: ViewerCounts = {
      kept: all.kept,
      dropped: all.dropped,
      observedRatio: all.observedRatio,
      recentRatio: recent.observedRatio,
      recentWindowMs: RATIO_WINDOW_MS,
      spans: this.#spans.length,
      evicted: 0,
    };
    const figures = [...this.#panelFigures(counts), ...this.#workerFigures];
    c.replaceChildren(
      el('span', {}, el('strong', {}, all.kept.toLocaleString()), ' kept'),
      el('span', {}, el('strong', {}, all.dropped.toLocaleString()), ' dropped'),
      ...figures.map((f) => {
        const node = el('span', {}, `${f.label} `, el('strong', {}, formatFigure(f)));
        node.dataset.figure = f.id;
        node.dataset.value = Number.isFinite(f.value) ? String(f.value) : '';
        return node;
      }),
    );
  }

  #renderRoutes(): void {
    const routes = routesOf(this.#spans.slice(-5000));
    const key = routes.join('|');
    if (key === this.#knownRoutes) return;
    this.#knownRoutes = key;
    const current = this.#routeSelect.value;
    this.#routeSelect.replaceChildren(el('option', { value: '' }, 'all routes'), ...routes.map((r) => el('option', { value: r }, r)));
    this.#routeSelect.value = routes.includes(current) ? current : '';
  }

  #row(r: SpanRow): HTMLElement {
    const s = r.span;
    const toggle = r.hasChildren
      ? el('button', { type: 'button', className: 'sv-toggle', ariaLabel: `${r.collapsed ? 'Expand' : 'Collapse'} ${s.name}`, ariaExpanded: String(!r.collapsed) }, r.collapsed ? '▸' : '▾')
      : el('span', { className: 'sv-toggle sv-toggle--leaf' });
    if (r.hasChildren) Object.assign(toggle.dataset, { action: 'toggle', span: s.spanId });
    const select = el('button', { type: 'button', className: 'sv-name', title: `${s.name}${r.linked ? ' (linked to the run)' : ''}` }, s.name);
    Object.assign(select.dataset, { action: 'select', span: s.spanId, trace: s.traceId });
    const bar = el('span', { className: 'sv-bar' });
    bar.style.insetInlineStart = `${(r.offset * 100).toFixed(3)}%`;
    bar.style.width = `max(2px, ${(r.width * 100).toFixed(3)}%)`;
    const row = el(
      'li',
      { className: ['sv-row', s.dropped ? 'sv-row--ghost' : '', s.status.code === 2 ? 'sv-row--error' : '', this.#selected === s ? 'sv-row--selected' : ''].join(' ') },
      el('span', { className: 'sv-label' }, toggle, select, s.dropped ? el('span', { className: 'sv-tag' }, 'dropped') : ''),
      el('span', { className: 'sv-track', ariaHidden: 'true' }, bar),
      el('span', { className: 'sv-duration' }, formatDuration(s.endMs - s.startMs)),
    );
    row.style.setProperty('--depth', String(r.depth));
    row.dataset.decision = s.dropped ? 'dropped' : 'kept';
    return row;
  }

  #renderDetails(): void {
    const s = this.#selected;
    if (!s) {
      this.#details.replaceChildren(el('p', { className: 'sv-hint' }, 'Select a span to see its attributes, events and status.'));
      return;
    }
    const dl = el('dl', { className: 'sv-facts' });
    const fact = (k: string, v: string) => dl.append(el('dt', {}, k), el('dd', {}, v));
    fact('Trace id', s.traceId);
    fact('Span id', s.spanId);
    fact('Parent span id', s.parentSpanId ?? '(root)');
    fact('Kind', kindName(s.kind));
    fact('Start', formatTime(s.startMs));
    fact('Duration', formatDuration(s.endMs - s.startMs));
    fact('Status', statusName(s.status.code) + (s.status.message ? `: ${s.status.message}` : ''));
    fact('Recorded', s.dropped ? 'no: the sampler dropped this trace; it is shown here but never exported' : 'yes');
    const attrs = el('table', { className: 'sv-attrs' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, 'Attribute'), el('th', { scope: 'col' }, 'Value'))),
      el('tbody', {}, ...Object.entries(s.attributes).map(([k, v]) => el('tr', {}, el('td', {}, k), el('td', {}, String(v))))),
    );
    const events = s.events.length
      ? el('ul', { className: 'sv-events' }, ...s.events.map((e) => el('li', {}, `${formatTime(e.timeMs)} ${e.name} ${Object.entries(e.attributes).map(([k, v]) => `${k}=${v}`).join(' ')}`)))
      : el('p', { className: 'sv-hint' }, 'No events.');
    const notes = (s.annotations ?? []).filter((a) => a.target === 'span');
    const annotations = notes.length ? el('ul', { className: 'sv-annotations' }, ...notes.map((a) => el('li', {}, a.text))) : '';
    this.#details.replaceChildren(el('h4', {}, s.name), annotations, dl, attrs, el('h5', {}, 'Events'), events);
  }
}
