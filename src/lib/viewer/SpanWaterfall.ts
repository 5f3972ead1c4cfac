// The waterfall of one trace, scaled to that trace: a time ruler, column headings, span name (with
// kind), status, duration, self time and a bar with event markers; the critical path is marked.
// An ARIA treegrid with aria-activedescendant: arrows or j/k move, right/left or Enter expand and
// collapse. Virtualised, so a 10,000-span trace draws only the rows in view.
import { formatDuration, kindName, statusName } from './format.ts';
import { el, NARROW_PX, setAttr, setText } from './dom.ts';
import type { TraceEntry } from './SpanStore.ts';
import { VirtualRows } from './VirtualRows.ts';
import { buildTraceTree, criticalPath, selfTimes, visibleRows, type TraceTree } from '../spans/traceTree.ts';
import type { LabSpan } from '../spans/model.ts';
import { groupDigits } from '../text/plain.ts';

/** The sticky column headings; the stylesheet gives them this height. */
const HEADER_PX = 30;
const ROW_PX = 28;
const ROW_PX_NARROW = 44;
/** Event markers drawn per bar at most; the details list every event. */
const MAX_MARKERS = 8;

export interface WaterfallEvents {
  /** The active span changed (keyboard or click). */
  select(span: LabSpan | null): void;
}

/** A tick step of 1, 2 or 5 × 10^k giving about `target` ticks over `range` ms. */
export function tickStep(range: number, target = 5): number {
  if (!(range > 0)) return 1;
  const raw = range / target;
  const mag = 10 ** Math.floor(Math.log10(raw));
  for (const m of [1, 2, 5, 10]) if (m * mag >= raw) return m * mag;
  return 10 * mag;
}

export class SpanWaterfall {
  #grid: HTMLElement;
  #ruler: HTMLElement;
  #caption: HTMLElement;
  #rows: VirtualRows;
  #scroller: HTMLElement;
  #events: WaterfallEvents;
  #idPrefix: string;
  #trace: TraceEntry | null = null;
  #version = -1;
  #tree: TraceTree | null = null;
  #self: Float64Array = new Float64Array();
  #critical: Uint8Array = new Uint8Array();
  #collapsed = new Set<number>();
  #visible: number[] = [];
  #active = -1;
  #needle = '';

  constructor(grid: HTMLElement, body: HTMLElement, ruler: HTMLElement, caption: HTMLElement, events: WaterfallEvents) {
    this.#grid = grid;
    this.#ruler = ruler;
    this.#caption = caption;
    this.#scroller = grid;
    this.#events = events;
    this.#idPrefix = `${grid.id || 'waterfall'}-row-`;
    this.#drawCaption(); // there from the start, so the panel does not grow when a run begins
    this.#rows = new VirtualRows({ scroller: grid, body, headerHeight: HEADER_PX, rowHeight: ROW_PX, createRow: () => this.#createRow(), renderRow: (i, r) => this.#renderRow(i, r) });
    new ResizeObserver((entries) => {
      const narrow = entries[0]!.contentRect.width < NARROW_PX;
      grid.classList.toggle('is-narrow', narrow);
      this.#rows.setRowHeight(narrow ? ROW_PX_NARROW : ROW_PX);
      this.#fitHeight();
    }).observe(grid);
    this.#fitHeight();
    grid.addEventListener('keydown', (e) => this.#onKey(e));
    grid.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (!row) return;
      const index = Number(row.dataset.index);
      if ((e.target as HTMLElement).closest('[data-toggle]')) this.#toggle(index);
      this.#activate(index);
      grid.focus({ preventScroll: true });
    });
  }

  get trace(): TraceEntry | null {
    return this.#trace;
  }

  get activeSpan(): LabSpan | null {
    const i = this.#visible[this.#active];
    return i === undefined || !this.#tree ? null : this.#tree.spans[i]!;
  }

  /** Text to mark in span names and attributes (lowercase), or ''. */
  highlight(needle: string): void {
    this.#needle = needle;
    this.#rows.draw();
  }

  /** Shows a trace, or nothing. Keeps the active span when the same trace grows. */
  show(trace: TraceEntry | null, spanId?: string): void {
    const same = trace === this.#trace;
    if (same && trace && trace.version === this.#version && !spanId) return;
    const keep = same ? this.activeSpan : null;
    this.#trace = trace;
    this.#version = trace?.version ?? -1;
    if (!same) this.#collapsed.clear();
    if (!trace) {
      this.#tree = null;
      this.#visible = [];
      this.#active = -1;
    } else {
      // Copy: the store appends to trace.spans, and the tree's indexes must stay valid.
      const tree = buildTraceTree(trace.spans.slice());
      this.#tree = tree;
      this.#self = selfTimes(tree);
      this.#critical = criticalPath(tree);
      this.#visible = visibleRows(tree, this.#collapsed);
      const want = spanId ?? keep?.spanId;
      const at = want ? this.#visible.findIndex((i) => tree.spans[i]!.spanId === want) : -1;
      this.#active = at >= 0 ? at : same ? Math.min(this.#active, this.#visible.length - 1) : 0;
    }
    this.#drawRuler();
    this.#drawCaption();
    this.#sync();
    if (this.#active >= 0) this.#rows.reveal(this.#active);
    if (!same || spanId) this.#events.select(this.activeSpan);
  }

  /** Moves to a span of this trace by id (a span link); false when it is not here. */
  focusSpan(spanId: string): boolean {
    if (!this.#tree) return false;
    const i = this.#tree.spans.findIndex((s) => s.spanId === spanId);
    if (i < 0) return false;
    // Open every collapsed ancestor, so the span has a row.
    for (let p = this.#tree.parent[i]!; p !== -1; p = this.#tree.parent[p]!) this.#collapsed.delete(p);
    this.#visible = visibleRows(this.#tree, this.#collapsed);
    this.#sync();
    this.#activate(this.#visible.indexOf(i));
    return true;
  }

  #drawCaption(): void {
    const t = this.#tree;
    if (!t || !this.#trace) {
      setText(this.#caption, 'Choose a trace in the list to see its spans.');
      return;
    }
    const p = t.problems;
    const notes: string[] = [];
    if (p.missingParent.length) notes.push(`${p.missingParent.length} span${p.missingParent.length === 1 ? '' : 's'} name a parent that is not here and are shown as roots`);
    if (p.cycle.length) notes.push(`${p.cycle.length} parent cycle${p.cycle.length === 1 ? ' was' : 's were'} broken to draw the tree`);
    if (p.duplicateId.length) notes.push(`${p.duplicateId.length} span id${p.duplicateId.length === 1 ? ' repeats' : 's repeat'}`);
    const critical = this.#critical.reduce((a, b) => a + b, 0);
    setText(
      this.#caption,
      `Trace ${this.#trace.traceId.slice(0, 8)}…: ${groupDigits(t.spans.length)} span${t.spans.length === 1 ? '' : 's'} over ${formatDuration(t.endMs - t.startMs)}; ${critical} on the critical path (marked ◆).` +
        (notes.length ? ` Note: ${notes.join('; ')}.` : ''),
    );
  }

  #drawRuler(): void {
    const t = this.#tree;
    if (!t) {
      this.#ruler.replaceChildren();
      return;
    }
    const range = Math.max(t.endMs - t.startMs, 1e-6);
    const step = tickStep(range);
    const ticks: HTMLElement[] = [];
    for (let v = 0; v <= range + 1e-9; v += step) {
      const tick = el('span', { className: 'wf-tick' }, v === 0 ? '0' : formatDuration(v));
      tick.style.insetInlineStart = `${(v / range) * 100}%`;
      ticks.push(tick);
    }
    this.#ruler.replaceChildren(...ticks);
  }

  /** A short trace gets a short panel (never under three rows, so an empty one keeps its size); a long one scrolls inside 24rem. */
  #fitHeight(): void {
    this.#scroller.style.height = `min(24rem, ${HEADER_PX + Math.max(3, this.#visible.length) * this.#rows.rowHeight + 2}px)`;
  }

  #sync(): void {
    this.#rows.setCount(this.#visible.length);
    this.#fitHeight();
    this.#grid.setAttribute('aria-rowcount', String(this.#visible.length + 1));
    this.#rows.pin(this.#active);
    this.#rows.draw();
    if (this.#active >= 0) this.#grid.setAttribute('aria-activedescendant', `${this.#idPrefix}${this.#active}`);
    else this.#grid.removeAttribute('aria-activedescendant');
  }

  #activate(index: number): void {
    if (index < 0 || index >= this.#visible.length) return;
    const changed = index !== this.#active;
    this.#active = index;
    this.#rows.reveal(index);
    this.#sync();
    if (changed) this.#events.select(this.activeSpan);
  }

  #toggle(index: number, expand?: boolean): boolean {
    const t = this.#tree;
    const i = this.#visible[index];
    if (!t || i === undefined || t.children[i]!.length === 0) return false;
    const collapsed = this.#collapsed.has(i);
    const next = expand === undefined ? !collapsed : !expand;
    if (next === collapsed) return false;
    if (next) this.#collapsed.add(i);
    else this.#collapsed.delete(i);
    this.#visible = visibleRows(t, this.#collapsed);
    this.#active = this.#visible.indexOf(i);
    this.#sync();
    return true;
  }

  #onKey(e: KeyboardEvent): void {
    const t = this.#tree;
    if (!t) return;
    const last = this.#visible.length - 1;
    const at = this.#active;
    const i = this.#visible[at];
    switch (e.key) {
      case 'ArrowDown': case 'j': this.#activate(Math.min(last, at + 1)); break;
      case 'ArrowUp': case 'k': this.#activate(Math.max(0, at - 1)); break;
      case 'Home': this.#activate(0); break;
      case 'End': this.#activate(last); break;
      case 'PageDown': this.#activate(Math.min(last, at + this.#rows.pageRows)); break;
      case 'PageUp': this.#activate(Math.max(0, at - this.#rows.pageRows)); break;
      case 'Enter': this.#toggle(at); break;
      case 'ArrowRight':
        if (i !== undefined && !this.#toggle(at, true) && t.children[i]!.length) this.#activate(at + 1);
        break;
      case 'ArrowLeft':
        if (i !== undefined && !this.#toggle(at, false) && t.parent[i]! !== -1) this.#activate(this.#visible.indexOf(t.parent[i]!));
        break;
      default:
        return;
    }
    e.preventDefault();
  }

  #createRow(): HTMLElement {
    const cell = (cls: string, ...kids: HTMLElement[]) => {
      const c = el('span', { className: `wf-cell ${cls}` }, ...kids);
      c.setAttribute('role', 'gridcell');
      return c;
    };
    const row = el('div', { className: 'wf-row' },
      cell('wf-name', el('span', { className: 'wf-toggle' }), el('span', { className: 'wf-kind' }), el('span', { className: 'wf-label' })),
      cell('wf-status'),
      cell('wf-duration'),
      cell('wf-self'),
      cell('wf-timeline', el('span', { className: 'wf-bar' }), el('span', { className: 'wf-marks' })),
    );
    setAttr(row, 'role', 'row');
    return row;
  }

  #renderRow(index: number, row: HTMLElement): void {
    const t = this.#tree!;
    const i = this.#visible[index]!;
    const s = t.spans[i]!;
    const [nameCell, status, duration, self, timeline] = row.children as unknown as HTMLElement[];
    const [toggle, kind, label] = nameCell!.children as unknown as HTMLElement[];
    const [bar, marks] = timeline!.children as unknown as HTMLElement[];
    const hasKids = t.children[i]!.length > 0;
    const collapsed = this.#collapsed.has(i);
    setAttr(row, 'id', `${this.#idPrefix}${index}`);
    setAttr(row, 'data-index', String(index));
    setAttr(row, 'data-span', s.spanId);
    setAttr(row, 'aria-rowindex', String(index + 2));
    setAttr(row, 'aria-level', String(t.depth[i]! + 1));
    setAttr(row, 'aria-selected', String(index === this.#active));
    if (hasKids) setAttr(row, 'aria-expanded', String(!collapsed));
    else setAttr(row, 'aria-expanded', null);
    const critical = this.#critical[i] === 1;
    const match = this.#needle !== '' && spanText(s).includes(this.#needle);
    const cls = `wf-row${s.dropped ? ' wf-row--ghost' : ''}${s.status.code === 2 ? ' wf-row--error' : ''}${critical ? ' wf-row--critical' : ''}${index === this.#active ? ' is-active' : ''}${match ? ' is-match' : ''}`;
    if (row.className !== cls) row.className = cls;
    nameCell!.style.setProperty('--depth', String(Math.min(t.depth[i]!, 40)));
    setText(toggle!, hasKids ? (collapsed ? '▸' : '▾') : '');
    if (hasKids) toggle!.dataset.toggle = '';
    else delete toggle!.dataset.toggle;
    setText(kind!, kindName(s.kind));
    setText(label!, `${critical ? '◆ ' : ''}${s.name}${s.dropped ? ' (dropped)' : ''}`);
    label!.title = s.name;
    const code = s.attributes['http.response.status_code'];
    setText(status!, s.status.code === 2 ? `error${typeof code === 'number' ? ` ${code}` : ''}` : typeof code === 'number' ? String(code) : statusName(s.status.code));
    setText(duration!, formatDuration(s.endMs - s.startMs));
    setText(self!, formatDuration(this.#self[i]!));
    const range = Math.max(t.endMs - t.startMs, 1e-6);
    bar!.style.insetInlineStart = `${(((s.startMs - t.startMs) / range) * 100).toFixed(3)}%`;
    bar!.style.width = `max(2px, ${(((s.endMs - s.startMs) / range) * 100).toFixed(3)}%)`;
    const events = s.events.slice(0, MAX_MARKERS);
    if (events.length === 0 && marks!.firstChild === null) return;
    marks!.replaceChildren(
      ...events.map((ev) => {
        const m = el('span', { className: 'wf-mark', title: ev.name });
        m.style.insetInlineStart = `${(((ev.timeMs - t.startMs) / range) * 100).toFixed(3)}%`;
        return m;
      }),
    );
  }
}

function spanText(s: LabSpan): string {
  let text = s.name.toLowerCase();
  for (const k in s.attributes) text += `\u0000${k.toLowerCase()}\u0000${String(s.attributes[k]).toLowerCase()}`;
  return text;
}
