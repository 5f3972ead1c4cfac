// The run overview by keyboard. The chart is one tab stop, a composite widget in WAI-ARIA's sense:
// ← and → move a cursor from trace to trace in start order, Home and End to the first and last,
// PageUp and PageDown a twentieth of the run at a time; with Shift they select the stretch from
// where the selection began. Enter lists the selected stretch in the trace list (or, with nothing
// selected, opens the trace under the cursor); Escape clears the selection and any stretch listed,
// and with nothing to clear lets the key through, where it stops a run.
//
// A canvas has no elements for aria-activedescendant to point at, so what the cursor is on is said
// in a status line (a polite live region) under the chart, written only when a key moves it. New
// points arriving never move the cursor, change that line or touch focus. Loaded when the chart
// first gets focus, so the lab page does not pay for it up front.
import { formatDuration } from './format.ts';
import { ERROR, HEIGHT, KEPT, PAD, type OverviewEvents, type RunOverview } from './RunOverview.ts';

export class OverviewKeys {
  #chart: RunOverview;
  #canvas: HTMLCanvasElement;
  #events: OverviewEvents;
  #status: HTMLElement | null;
  #clearRange: HTMLButtonElement | null;
  /** The run the order below was built for: the chart replaces its ids array on reset. */
  #ids: string[] | null = null;
  /** Point indexes in order of start time (arrival order among equal times). */
  #order: number[] = [];
  /** The point under the cursor, and where a Shift selection began; -1 for none. */
  #cursor = -1;
  #anchor = -1;

  constructor(chart: RunOverview, canvas: HTMLCanvasElement, events: OverviewEvents) {
    this.#chart = chart;
    this.#canvas = canvas;
    this.#events = events;
    const figure = canvas.closest('figure');
    this.#status = figure?.querySelector('[data-viewer-cursor]') ?? null;
    this.#clearRange = canvas.closest('[data-span-viewer]')?.querySelector('[data-viewer-clear-range]') ?? null;
    canvas.addEventListener('keydown', (e) => this.#key(e));
    // The cursor is drawn only while the chart has focus.
    canvas.addEventListener('focus', () => chart.redraw());
    canvas.addEventListener('blur', () => chart.redraw());
    chart.onDraw = (ctx) => this.#draw(ctx);
    this.#sync();
    this.#cursor = this.#order.at(-1) ?? -1;
    this.#say();
    chart.redraw();
  }

  /** Brings the order up to date with the points; O(new points), or a sort if one arrived early. */
  #sync(): void {
    const p = this.#chart.points();
    if (p.ids !== this.#ids) {
      this.#ids = p.ids;
      this.#order = [];
      this.#cursor = this.#anchor = -1;
    }
    const order = this.#order;
    let sorted = true;
    for (let i = order.length; i < p.n; i++) {
      if (order.length && p.t[i]! < p.t[order[order.length - 1]!]!) sorted = false;
      order.push(i);
    }
    if (!sorted) order.sort((a, b) => p.t[a]! - p.t[b]! || a - b);
  }

  /** The selected stretch, by start time, or null. */
  #selection(): { fromMs: number; toMs: number } | null {
    if (this.#anchor < 0 || this.#cursor < 0) return null;
    const { t } = this.#chart.points();
    const a = t[this.#anchor]!;
    const b = t[this.#cursor]!;
    return { fromMs: Math.min(a, b), toMs: Math.max(a, b) };
  }

  #key(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    this.#sync();
    const order = this.#order;
    const last = order.length - 1;
    const at = order.indexOf(this.#cursor);
    const page = Math.max(1, Math.round(order.length / 20));
    let to: number;
    switch (e.key) {
      case 'ArrowRight':
        to = at + 1;
        break;
      case 'ArrowLeft':
        to = at < 0 ? last : at - 1;
        break;
      case 'Home':
        to = 0;
        break;
      case 'End':
        to = last;
        break;
      case 'PageDown':
        to = at + page;
        break;
      case 'PageUp':
        to = at < 0 ? last : at - page;
        break;
      case 'Enter':
        e.preventDefault();
        this.#open();
        return;
      case 'Escape':
        if (this.#clear()) {
          e.preventDefault();
          e.stopPropagation();
        }
        return;
      default:
        return;
    }
    e.preventDefault();
    if (last < 0) {
      this.#say();
      return;
    }
    const point = order[Math.max(0, Math.min(last, to))]!;
    if (!e.shiftKey) this.#anchor = -1;
    else if (this.#anchor < 0) this.#anchor = this.#cursor >= 0 ? this.#cursor : point;
    this.#cursor = point;
    this.#say();
    this.#chart.redraw();
  }

  #open(): void {
    const range = this.#selection();
    if (range) {
      this.#anchor = -1;
      this.#chart.setRange(range);
      this.#events.range(range);
      this.#say(`Listed in the trace list: ${this.#describeRange(range)}. Escape shows all times again.`);
      this.#canvas.dataset.listed = `${range.fromMs} ${range.toMs}`;
    } else if (this.#cursor >= 0) {
      this.#events.pick(this.#chart.points().ids[this.#cursor]!);
      this.#say(`Opened in the waterfall: ${this.#describePoint(this.#cursor)}`);
    }
  }

  /** Clears a selection and a listed stretch. False when there was neither. */
  #clear(): boolean {
    const listed = this.#clearRange !== null && this.#clearRange.parentElement?.hidden === false;
    if (this.#anchor < 0 && !listed) return false;
    this.#anchor = -1;
    // The button's own path: the chart's shading and the list's filter go together.
    if (listed) this.#clearRange!.click();
    this.#canvas.dataset.listed = '';
    this.#say(`Selection cleared; the trace list shows all times. ${this.#cursor >= 0 ? this.#describePoint(this.#cursor) : ''}`);
    this.#chart.redraw();
    return true;
  }

  #time(ms: number): string {
    return `+${((ms - this.#chart.points().origin) / 1000).toFixed(2)} s`;
  }

  #describePoint(i: number): string {
    const p = this.#chart.points();
    const flags = p.flags[i]!;
    const trace = this.#events.trace(p.ids[i]!);
    const root = trace?.root;
    const code = root?.attributes['http.response.status_code'];
    const parts = [
      formatDuration(trace ? trace.endMs - trace.startMs : p.d[i]!),
      flags & KEPT ? 'kept' : 'dropped',
      `${typeof code === 'number' ? `status ${code}` : 'no status code'}${flags & ERROR ? ', error' : ''}`,
    ];
    const name = root ? `${root.name}, ` : '';
    const held = trace ? '' : ' (let go to stay within memory)';
    return `Trace ${this.#order.indexOf(i) + 1} of ${this.#order.length} at ${this.#time(p.t[i]!)}: ${name}${parts.join(', ')}${held}.`;
  }

  #describeRange(range: { fromMs: number; toMs: number }): string {
    const { n, t } = this.#chart.points();
    let count = 0;
    for (let i = 0; i < n; i++) if (t[i]! >= range.fromMs && t[i]! <= range.toMs) count++;
    return `${count} trace${count === 1 ? '' : 's'} from ${this.#time(range.fromMs)} to ${this.#time(range.toMs)}`;
  }

  #say(text?: string): void {
    if (!this.#status) return;
    const range = this.#selection();
    const s =
      text ??
      (this.#cursor < 0
        ? 'No traces yet. Once a run has traces, ← and → move between them.'
        : range
          ? `Selected ${this.#describeRange(range)}; Enter lists them. ${this.#describePoint(this.#cursor)}`
          : this.#describePoint(this.#cursor));
    this.#status.textContent = s;
    // For tests and for the page's own scripts: what the cursor and the selection are on.
    const p = this.#chart.points();
    this.#canvas.dataset.cursor = this.#cursor >= 0 ? p.ids[this.#cursor]! : '';
    this.#canvas.dataset.selection = range ? `${range.fromMs} ${range.toMs}` : '';
  }

  #draw(ctx: CanvasRenderingContext2D): void {
    if (document.activeElement !== this.#canvas || this.#cursor < 0 || this.#cursor >= this.#chart.points().n) return;
    const p = this.#chart.points();
    const color = getComputedStyle(this.#canvas).getPropertyValue('--ov-cursor').trim() || '#000';
    ctx.save();
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    const range = this.#selection();
    if (range) {
      const a = this.#chart.x(range.fromMs);
      const b = this.#chart.x(range.toMs);
      ctx.globalAlpha = 0.1;
      ctx.fillRect(a - 3, PAD.top, b - a + 6, HEIGHT - PAD.top - PAD.bottom);
      ctx.globalAlpha = 1;
      ctx.strokeRect(a - 3 + 0.5, PAD.top + 0.5, b - a + 6, HEIGHT - PAD.top - PAD.bottom - 1);
    }
    const x = this.#chart.x(p.t[this.#cursor]!);
    const y = this.#chart.y(p.d[this.#cursor]!);
    ctx.setLineDash([2, 3]);
    ctx.beginPath();
    ctx.moveTo(Math.round(x) + 0.5, PAD.top);
    ctx.lineTo(Math.round(x) + 0.5, HEIGHT - PAD.bottom);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.arc(x, y, 6, 0, Math.PI * 2);
    ctx.stroke();
    ctx.restore();
  }
}
