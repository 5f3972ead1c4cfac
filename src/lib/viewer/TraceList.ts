// The list of traces in a run: root name, route, status, duration, span count and decision, one
// row per trace, with runs of dropped traces folded. An ARIA grid with aria-activedescendant, so
// keyboard focus stays put while rows stream in; virtualised, so the DOM holds only what is seen.
import { formatDuration, statusName } from './format.ts';
import { el, NARROW_PX, setAttr, setText, warmFaces } from './dom.ts';
import type { SpanStore, StoreChange, TraceEntry } from './SpanStore.ts';
import { TraceRowModel, type TraceFilter, type TraceRow } from './TraceRowModel.ts';
import { VirtualRows } from './VirtualRows.ts';
import { groupDigits } from '../text/plain.ts';

/** The sticky column headings; the stylesheet gives them this height. */
const HEADER_PX = 30;
const ROW_PX = 30;
const ROW_PX_NARROW = 46;

export interface TraceListEvents {
  /** The learner chose a trace (or the choice was let go). */
  select(trace: TraceEntry | null): void;
  /** Following the newest traces was turned on or off. */
  following(on: boolean): void;
}

export class TraceList {
  readonly model = new TraceRowModel();
  #store: SpanStore;
  #grid: HTMLElement;
  #rows: VirtualRows;
  #events: TraceListEvents;
  #idPrefix: string;
  #active = -1;
  #selected: TraceEntry | null = null;
  #following = true;
  /** A mouse is over the list: while following, the rows stay still so a click hits the row aimed at. */
  #pointerOver = false;
  #originMs: number | null = null;

  constructor(grid: HTMLElement, body: HTMLElement, store: SpanStore, events: TraceListEvents) {
    this.#grid = grid;
    this.#store = store;
    this.#events = events;
    this.#idPrefix = `${grid.id || 'traces'}-row-`;
    this.#rows = new VirtualRows({
      scroller: grid,
      rowHeight: ROW_PX,
      createRow: () => this.#createRow(),
      renderRow: (i, row) => this.#renderRow(i, row),
      onUserScroll: (atEnd) => this.setFollowing(atEnd && this.#following),
      headerHeight: HEADER_PX,
      body,
    });
    new ResizeObserver((entries) => {
      const narrow = entries[0]!.contentRect.width < NARROW_PX;
      grid.classList.toggle('is-narrow', narrow);
      this.#rows.setRowHeight(narrow ? ROW_PX_NARROW : ROW_PX);
    }).observe(grid);
    warmFaces(body, this.#faceSamples());
    grid.addEventListener('keydown', (e) => this.#onKey(e));
    // Live views that scroll under the pointer turn a click into a lottery; hovering holds the rows
    // in place (following stays on, and resumes when the pointer leaves). Touch has no hover.
    grid.addEventListener('pointerenter', (e) => {
      if (e.pointerType !== 'mouse') return;
      this.#pointerOver = true;
      grid.dataset.pointerHold = '';
    });
    grid.addEventListener('pointerleave', (e) => {
      if (!this.#pointerOver) return;
      this.#pointerOver = false;
      delete grid.dataset.pointerHold;
      if (this.#following) this.#sync();
    });
    grid.addEventListener('click', (e) => {
      const row = (e.target as HTMLElement).closest<HTMLElement>('[data-index]');
      if (!row) return;
      this.#activate(Number(row.dataset.index), true);
      if ((e.target as HTMLElement).closest('[data-toggle]')) this.#toggleGroup(this.#active);
      grid.focus({ preventScroll: true });
    });
  }

  /** Whether a redraw moves the list to its newest rows. */
  get #scrollsToEnd(): boolean {
    return this.#following && !this.#pointerOver;
  }

  get following(): boolean {
    return this.#following;
  }

  setFollowing(on: boolean): void {
    if (on === this.#following) return;
    this.#following = on;
    if (on) this.#rows.scrollToEnd();
    this.#events.following(on);
  }

  get selected(): TraceEntry | null {
    return this.#selected;
  }

  /** Applies what changed in the store since the last frame. */
  apply(change: StoreChange): void {
    if (change.reset) {
      this.#originMs = null;
      this.#active = -1;
      this.#selected = null;
      this.model.rebuild([]);
    }
    if (this.#originMs === null && change.added.length) this.#originMs = change.added[0]!.startMs;
    if (change.added.length) this.model.append(change.added);
    if (change.evicted.length) {
      // Only the front rows go; the first row in view keeps its place unless the list follows the end.
      const top = this.#rows.firstVisible;
      const moved = this.model.dropFront(change.evicted);
      if (moved.removed && !this.#scrollsToEnd) this.#rows.shift(moved.landing(top) - top);
      if (this.#active >= 0) this.#active = moved.indexOf(this.#active);
    }
    this.#sync();
  }

  setFilter(filter: TraceFilter): void {
    this.model.filter = filter;
    this.model.rebuild(this.#store.traces());
    this.#active = this.#selected ? this.model.indexOf(this.#selected) : -1;
    this.#sync();
    if (this.#active >= 0) this.#rows.reveal(this.#active);
  }

  /** Selects a trace from elsewhere (the overview, a span link), opening its group if folded. */
  show(trace: TraceEntry): void {
    let i = this.model.indexOf(trace);
    const r = this.model.rows[i];
    if (r && r.kind === 'group' && r.group.traces.length > 1) {
      this.model.toggle(r.group, true);
      i = this.model.indexOf(trace);
    }
    if (i < 0) {
      this.#selected = trace;
      this.#events.select(trace);
      return;
    }
    this.#sync();
    this.#activate(i, true);
    this.#rows.reveal(i);
  }

  /** Redraws the visible rows (e.g. grown traces). */
  redraw(): void {
    this.#rows.draw();
  }

  #sync(): void {
    this.#rows.setCount(this.model.rows.length);
    this.#grid.setAttribute('aria-rowcount', String(this.model.rows.length + 1));
    this.#rows.pin(this.#active);
    if (this.#scrollsToEnd) this.#rows.scrollToEnd();
    this.#rows.draw();
    this.#updateActiveDescendant();
  }

  #updateActiveDescendant(): void {
    if (this.#active >= 0) this.#grid.setAttribute('aria-activedescendant', `${this.#idPrefix}${this.#active}`);
    else this.#grid.removeAttribute('aria-activedescendant');
  }

  #activate(index: number, select: boolean): void {
    if (index < 0 || index >= this.model.rows.length) return;
    this.#active = index;
    this.#rows.pin(index);
    // Moving through the list means reading it: hold the view so rows do not move underneath.
    this.setFollowing(false);
    this.#rows.reveal(index);
    if (select) {
      const r = this.model.rows[index]!;
      const trace = r.kind === 'trace' ? r.trace : r.group.traces.length === 1 ? r.group.traces[0]! : null;
      if (trace && trace !== this.#selected) {
        this.#selected = trace;
        this.#events.select(trace);
      }
    }
    this.#rows.draw();
    this.#updateActiveDescendant();
  }

  #toggleGroup(index: number, expanded?: boolean): boolean {
    const r = this.model.rows[index];
    if (!r || r.kind !== 'group' || r.group.traces.length < 2) return false;
    this.model.toggle(r.group, expanded);
    this.#sync();
    return true;
  }

  #onKey(e: KeyboardEvent): void {
    const last = this.model.rows.length - 1;
    const at = this.#active < 0 ? (e.key === 'ArrowUp' || e.key === 'k' ? last + 1 : -1) : this.#active;
    let to: number | null = null;
    switch (e.key) {
      case 'ArrowDown': case 'j': to = at + 1; break;
      case 'ArrowUp': case 'k': to = at - 1; break;
      case 'Home': to = 0; break;
      case 'End': to = last; break;
      case 'PageDown': to = at + this.#rows.pageRows; break;
      case 'PageUp': to = at - this.#rows.pageRows; break;
      case 'ArrowRight': case 'Enter': {
        const r = this.model.rows[this.#active];
        if (r?.kind === 'group' && r.group.traces.length > 1 && !r.group.expanded) this.#toggleGroup(this.#active, true);
        else if (e.key === 'Enter' && r) this.#grid.dispatchEvent(new CustomEvent('open-trace', { bubbles: true }));
        else return;
        e.preventDefault();
        return;
      }
      case 'ArrowLeft': {
        const r = this.model.rows[this.#active];
        if (!r) return;
        const group = r.kind === 'group' ? r.group : r.group;
        if (group?.expanded) {
          const i = this.model.toggle(group, false);
          this.#sync();
          this.#activate(i, false);
          e.preventDefault();
        }
        return;
      }
      default:
        return;
    }
    e.preventDefault();
    this.#activate(Math.max(0, Math.min(last, to)), true);
  }

  #createRow(): HTMLElement {
    // Each cell holds one text node from the start, which every later draw only rewrites (setText).
    const cell = (cls: string) => el('span', { className: `tl-cell ${cls}` }, '');
    const row = el('div', { className: 'tl-row' }, cell('tl-time'), cell('tl-name'), cell('tl-route'), cell('tl-status'), cell('tl-duration'), cell('tl-spans'), cell('tl-decision'));
    setAttr(row, 'role', 'row');
    for (const c of row.children) c.setAttribute('role', 'gridcell');
    return row;
  }

  /** One row of each kind a run draws, in the faces and glyphs they use (see warmFaces). */
  #faceSamples(): HTMLElement[] {
    const sample = (modifier: string, texts: string[]) => {
      const row = this.#createRow();
      row.className = `tl-row ${modifier}`;
      texts.forEach((text, i) => setText(row.children[i]!, text));
      return row;
    };
    return [
      sample('tl-row--group is-active', ['+0.00 s', '▸ ▾ 1,000 dropped traces, +0.00 s to +9.99 s', 'reason: sampler', '', '', '', 'dropped']),
      sample('tl-row--ghost tl-row--member', ['+0.00 s', 'GET /api/orders/{id}', '/api/orders/{id}', '200', '999 µs', '9 spans', 'dropped']),
      sample('tl-row--error', ['+0.00 s', 'POST /checkout', '/checkout', '500 error', '1.00 s', '1 span', 'kept']),
    ];
  }

  #renderRow(i: number, row: HTMLElement): void {
    const r: TraceRow = this.model.rows[i]!;
    setAttr(row, 'id', `${this.#idPrefix}${i}`);
    setAttr(row, 'data-index', String(i));
    setAttr(row, 'aria-rowindex', String(i + 2));
    const [time, name, route, status, duration, spans, decision] = row.children as unknown as HTMLElement[];
    const origin = this.#originMs ?? 0;
    const rel = (ms: number) => `+${((ms - origin) / 1000).toFixed(2)} s`;
    if (r.kind === 'group' && r.group.traces.length > 1) {
      const g = r.group;
      const first = g.traces[0]!;
      const lastT = g.traces[g.traces.length - 1]!;
      const cls = `tl-row tl-row--group${i === this.#active ? ' is-active' : ''}`;
      if (row.className !== cls) row.className = cls;
      setAttr(row, 'data-decision', 'dropped');
      setAttr(row, 'data-trace', null);
      setAttr(row, 'aria-expanded', String(g.expanded));
      setAttr(row, 'aria-level', '1');
      setAttr(row, 'aria-selected', 'false');
      setText(time!, rel(first.startMs));
      const reasons = new Set(g.traces.slice(0, 200).map((t) => String(t.root.attributes['sampler.reason'] ?? ''))).size;
      const reason = String(first.root.attributes['sampler.reason'] ?? '');
      setText(name!, `${g.expanded ? '▾' : '▸'} ${groupDigits(g.traces.length)} dropped traces, ${rel(first.startMs)} to ${rel(lastT.startMs)}`);
      name!.dataset.toggle = '';
      setText(route!, reason && reasons === 1 ? `reason: ${reason}` : '');
      setText(status!, '');
      setText(duration!, '');
      setText(spans!, '');
      setText(decision!, 'dropped');
      return;
    }
    const t = r.kind === 'trace' ? r.trace : r.group.traces[0]!;
    delete name!.dataset.toggle;
    setAttr(row, 'aria-expanded', null);
    setAttr(row, 'aria-level', r.kind === 'trace' && r.group ? '2' : '1');
    const cls = `tl-row${t.decision === 'dropped' ? ' tl-row--ghost' : ''}${t.error ? ' tl-row--error' : ''}${i === this.#active ? ' is-active' : ''}${r.kind === 'trace' && r.group ? ' tl-row--member' : ''}`;
    if (row.className !== cls) row.className = cls;
    setAttr(row, 'data-decision', t.decision);
    setAttr(row, 'data-trace', t.traceId);
    setAttr(row, 'aria-selected', String(t === this.#selected));
    const root = t.root;
    const code = root.attributes['http.response.status_code'];
    setText(time!, rel(t.startMs));
    setText(name!, root.name);
    name!.title = root.name;
    setText(route!, String(root.attributes['http.route'] ?? ''));
    setText(status!, t.error ? (typeof code === 'number' ? `${code} error` : 'error') : typeof code === 'number' ? String(code) : statusName(root.status.code));
    setText(duration!, formatDuration(t.endMs - t.startMs));
    setText(spans!, `${t.spans.length} span${t.spans.length === 1 ? '' : 's'}`);
    setText(decision!, t.decision);
  }
}
