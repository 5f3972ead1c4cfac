// The run at a glance: one point per trace, duration (log scale) over time since the run began,
// coloured by decision and status, with a line where a setting changed. Click a point to open its
// trace; drag across the chart to list only the traces of that stretch.
//
// The points live on a layer of their own: new ones are drawn onto it as they arrive, and the
// visible chart is the axes, that layer and the selection composed in one drawImage. When a scale
// grows (the run passes 10 s, 20 s, 40 s ...), the theme changes or the chart is resized, the layer
// is redrawn in slices of POINTS_PER_FRAME, one per animation frame: at 2,000 requests a second the
// chart holds tens of thousands of points, and redrawing them in one task blocked the page.
//
// The keyboard's part (OverviewKeys.ts) loads when the chart first gets focus.
import type { TraceEntry } from './SpanStore.ts';

export const HEIGHT = 150;
export const PAD = { left: 44, right: 8, top: 8, bottom: 20 };

export interface OverviewEvents {
  /** A point was chosen. */
  pick(traceId: string): void;
  /** A stretch of time was chosen, or cleared (null). */
  range(range: { fromMs: number; toMs: number } | null): void;
  /** The trace behind a point, while the store holds it. */
  trace(traceId: string): TraceEntry | undefined;
}

/** Points drawn per animation frame while the layer is redrawn: a few milliseconds of canvas work. */
export const POINTS_PER_FRAME = 4_000;

export const KEPT = 1;
const DROPPED = 2;
export const ERROR = 4;

export class RunOverview {
  #canvas: HTMLCanvasElement;
  #ctx: CanvasRenderingContext2D;
  #events: OverviewEvents;
  #n = 0;
  #t = new Float64Array(1024);
  #d = new Float32Array(1024);
  #flags = new Uint8Array(1024);
  #ids: string[] = [];
  #drawn = 0;
  #origin: number | null = null;
  #spanMs = 10_000;
  #maxDecade = 3;
  #width = 0;
  #marks: { timeMs: number; label: string }[] = [];
  #colors = { kept: '', dropped: '', error: '', grid: '', text: '', mark: '' };
  /** Colours are read from CSS once per theme: reading computed style after DOM changes forces a style pass. */
  #colorsStale = true;
  /** The points, drawn incrementally; composed onto the visible canvas. */
  #layer: HTMLCanvasElement = document.createElement('canvas');
  #lctx: CanvasRenderingContext2D = this.#layer.getContext('2d')!;
  /** An animation frame that continues redrawing the layer, if one is pending. */
  #sliceFrame = 0;
  #composeFrame = 0;
  #fullTimer: ReturnType<typeof setTimeout> | 0 = 0;
  #keptCount = 0;
  #errorCount = 0;
  #drag: { x0: number; x1: number } | null = null;
  #range: { fromMs: number; toMs: number } | null = null;
  #keys: Promise<unknown> | null = null;
  /** Called at the end of every full redraw: the keyboard cursor draws itself here. */
  onDraw: ((ctx: CanvasRenderingContext2D) => void) | null = null;

  constructor(canvas: HTMLCanvasElement, events: OverviewEvents) {
    this.#canvas = canvas;
    this.#ctx = canvas.getContext('2d')!;
    this.#events = events;
    new ResizeObserver((entries) => {
      this.#width = Math.floor(entries[0]!.contentRect.width);
      this.#full();
    }).observe(canvas);
    // Starlight switches themes with data-theme on <html>; the chart's colours follow.
    new MutationObserver(() => {
      this.#colorsStale = true;
      this.#full();
    }).observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    canvas.addEventListener('focus', () => {
      this.#keys ??= import('./OverviewKeys.ts').then((m) => new m.OverviewKeys(this, canvas, events));
    });
    canvas.addEventListener('pointerdown', (e) => {
      canvas.setPointerCapture(e.pointerId);
      this.#drag = { x0: e.offsetX, x1: e.offsetX };
    });
    canvas.addEventListener('pointermove', (e) => {
      if (!this.#drag) return;
      this.#drag.x1 = e.offsetX;
      this.#composeSoon();
    });
    canvas.addEventListener('pointerup', (e) => {
      const drag = this.#drag;
      this.#drag = null;
      if (!drag) return;
      if (Math.abs(drag.x1 - drag.x0) < 4) {
        const id = this.#nearest(e.offsetX, e.offsetY);
        if (id) this.#events.pick(id);
        this.#compose();
        return;
      }
      const a = this.#timeAt(Math.min(drag.x0, drag.x1));
      const b = this.#timeAt(Math.max(drag.x0, drag.x1));
      this.setRange({ fromMs: a, toMs: b });
      this.#events.range(this.#range);
    });
  }

  reset(): void {
    this.#n = 0;
    this.#ids = [];
    this.#drawn = 0;
    this.#keptCount = this.#errorCount = 0;
    this.#origin = null;
    this.#spanMs = 10_000;
    this.#maxDecade = 3;
    this.#marks = [];
    this.#range = null;
    this.#full();
  }

  setRange(range: { fromMs: number; toMs: number } | null): void {
    this.#range = range;
    this.#compose();
  }

  /** A vertical line where a setting changed. */
  mark(timeMs: number, label: string): void {
    this.#marks.push({ timeMs, label });
    this.#compose();
  }

  add(traces: readonly TraceEntry[]): void {
    for (const t of traces) {
      if (this.#n === this.#t.length) this.#grow();
      this.#origin ??= t.startMs;
      const i = this.#n++;
      this.#t[i] = t.startMs;
      this.#d[i] = Math.max(t.endMs - t.startMs, 0.01);
      this.#flags[i] = (t.decision === 'kept' ? KEPT : DROPPED) | (t.error ? ERROR : 0);
      if (t.decision === 'kept') this.#keptCount++;
      if (t.error) this.#errorCount++;
      this.#ids.push(t.traceId);
      let rescale = false;
      while (t.startMs - this.#origin > this.#spanMs) {
        this.#spanMs *= 2;
        rescale = true;
      }
      while (Math.log10(this.#d[i]!) > this.#maxDecade) {
        this.#maxDecade++;
        rescale = true;
      }
      if (rescale) this.#drawn = 0;
    }
    if (this.#drawn === 0) this.#fullSoon();
    else if (!this.#sliceFrame && !this.#fullTimer) {
      this.#drawPoints(this.#drawn, this.#n);
      this.#composeSoon();
    }
  }

  /** The points as plotted, in arrival order; `ids` is replaced when the chart is reset. */
  points() {
    return { n: this.#n, t: this.#t, d: this.#d, flags: this.#flags, ids: this.#ids, origin: this.#origin ?? 0 };
  }

  redraw(): void {
    this.#full();
  }

  #grow(): void {
    const t = new Float64Array(this.#t.length * 2);
    t.set(this.#t);
    const d = new Float32Array(this.#d.length * 2);
    d.set(this.#d);
    const f = new Uint8Array(this.#flags.length * 2);
    f.set(this.#flags);
    this.#t = t;
    this.#d = d;
    this.#flags = f;
  }

  x(ms: number): number {
    const w = this.#width - PAD.left - PAD.right;
    return PAD.left + ((ms - (this.#origin ?? 0)) / this.#spanMs) * w;
  }

  #timeAt(x: number): number {
    const w = this.#width - PAD.left - PAD.right;
    return (this.#origin ?? 0) + ((x - PAD.left) / w) * this.#spanMs;
  }

  y(durationMs: number): number {
    const h = HEIGHT - PAD.top - PAD.bottom;
    const v = (Math.log10(durationMs) + 1) / (this.#maxDecade + 1); // 0.1 ms .. 10^max ms
    return PAD.top + h - Math.max(0, Math.min(1, v)) * h;
  }

  #nearest(x: number, y: number): string | null {
    let best = -1;
    let bestD = 64; // within 8 px
    for (let i = 0; i < this.#n; i++) {
      const dx = this.x(this.#t[i]!) - x;
      const dy = this.y(this.#d[i]!) - y;
      const d = dx * dx + dy * dy;
      if (d < bestD) {
        bestD = d;
        best = i;
      }
    }
    return best >= 0 ? this.#ids[best]! : null;
  }

  /**
   * A full redraw in a task of its own. Batches arrive inside the viewer's animation frame, beside
   * its rows' work; the first composition of a run (canvas sizing, text) added 20 to 25 ms to that
   * frame's task at 2,000 requests a second.
   */
  #fullSoon(): void {
    if (this.#fullTimer) return;
    this.#fullTimer = setTimeout(() => {
      this.#fullTimer = 0;
      this.#full();
    }, 0);
  }

  /** Starts over: sizes the canvases, clears the points layer and redraws it in slices. */
  #full(): void {
    if (this.#fullTimer) {
      clearTimeout(this.#fullTimer);
      this.#fullTimer = 0;
    }
    const dpr = window.devicePixelRatio || 1;
    if (!this.#width) return;
    const w = Math.round(this.#width * dpr);
    if (this.#canvas.width !== w) {
      this.#canvas.width = this.#layer.width = w;
      this.#canvas.height = this.#layer.height = Math.round(HEIGHT * dpr);
    }
    if (this.#colorsStale) {
      const style = getComputedStyle(this.#canvas);
      this.#colors = {
        kept: style.getPropertyValue('--ov-kept').trim() || '#2563eb',
        dropped: style.getPropertyValue('--ov-dropped').trim() || '#888',
        error: style.getPropertyValue('--ov-error').trim() || '#c00',
        grid: style.getPropertyValue('--ov-grid').trim() || '#ccc',
        text: style.getPropertyValue('--ov-text').trim() || '#555',
        mark: style.getPropertyValue('--ov-mark').trim() || '#a60',
      };
      this.#colorsStale = false;
    }
    if (this.#sliceFrame) cancelAnimationFrame(this.#sliceFrame);
    this.#lctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    this.#lctx.clearRect(0, 0, this.#width, HEIGHT);
    this.#drawn = 0;
    this.#continueRedraw();
  }

  /** Draws the next slice of points onto the layer, shows the chart, and asks for another frame if more remain. */
  #continueRedraw(): void {
    this.#sliceFrame = 0;
    this.#drawPoints(this.#drawn, Math.min(this.#n, this.#drawn + POINTS_PER_FRAME));
    this.#compose();
    if (this.#drawn < this.#n) this.#sliceFrame = requestAnimationFrame(() => this.#continueRedraw());
  }

  /** Composes once in the next animation frame, however many batches or pointer moves arrive before it. */
  #composeSoon(): void {
    if (this.#composeFrame) return;
    this.#composeFrame = requestAnimationFrame(() => {
      this.#composeFrame = 0;
      this.#compose();
    });
  }

  /** The visible chart: axes, the points layer as drawn so far, setting marks and the selection. */
  #compose(): void {
    if (!this.#width) return;
    const dpr = window.devicePixelRatio || 1;
    const ctx = this.#ctx;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, this.#canvas.width, this.#canvas.height);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.font = '10px system-ui, sans-serif';
    ctx.fillStyle = this.#colors.text;
    ctx.strokeStyle = this.#colors.grid;
    ctx.lineWidth = 1;
    for (let dec = -1; dec <= this.#maxDecade; dec++) {
      const y = Math.round(this.y(10 ** dec)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(PAD.left, y);
      ctx.lineTo(this.#width - PAD.right, y);
      ctx.stroke();
      ctx.textAlign = 'right';
      ctx.textBaseline = 'middle';
      ctx.fillText(dec < 0 ? '0.1 ms' : dec < 3 ? `${10 ** dec} ms` : `${10 ** (dec - 3)} s`, PAD.left - 4, y);
    }
    // Half as many labels on a narrow chart (a phone), or "18 s" and "20 s" run together.
    const stepS = (this.#spanMs <= 20_000 ? 2 : this.#spanMs <= 80_000 ? 10 : 30) * (this.#width < 480 ? 2 : 1);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    for (let s = 0; s * 1000 <= this.#spanMs; s += stepS) {
      ctx.fillText(`${s} s`, Math.min(this.#width - 12, this.x((this.#origin ?? 0) + s * 1000)), HEIGHT - PAD.bottom + 4);
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.drawImage(this.#layer, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.strokeStyle = this.#colors.mark;
    ctx.setLineDash([3, 3]);
    for (const m of this.#marks) {
      if (this.#origin === null) break;
      const x = Math.round(this.x(m.timeMs)) + 0.5;
      ctx.beginPath();
      ctx.moveTo(x, PAD.top);
      ctx.lineTo(x, HEIGHT - PAD.bottom);
      ctx.stroke();
    }
    ctx.setLineDash([]);
    const sel = this.#drag ? { a: Math.min(this.#drag.x0, this.#drag.x1), b: Math.max(this.#drag.x0, this.#drag.x1) } : this.#range ? { a: this.x(this.#range.fromMs), b: this.x(this.#range.toMs) } : null;
    if (sel) {
      // In the accent colour: the grid's grey was too faint to find in the dark theme.
      ctx.fillStyle = this.#colors.kept;
      ctx.globalAlpha = 0.22;
      ctx.fillRect(sel.a, PAD.top, sel.b - sel.a, HEIGHT - PAD.top - PAD.bottom);
      ctx.globalAlpha = 1;
    }
    this.onDraw?.(ctx);
    const label = this.#summary();
    if (this.#canvas.getAttribute('aria-label') !== label) this.#canvas.setAttribute('aria-label', label);
  }

  #summary(): string {
    const kept = this.#keptCount;
    return `Run overview: ${this.#n} traces plotted by start time and duration; ${kept} kept, ${this.#n - kept} dropped, ${this.#errorCount} with errors. The trace list below holds the same traces.`;
  }

  #drawPoints(from: number, to: number): void {
    if (!this.#width || this.#origin === null) {
      this.#drawn = to;
      return;
    }
    const ctx = this.#lctx;
    // Dropped first and hollow, so kept and error points stay visible on top of them. Squares,
    // not circles: a path of rectangles fills several times faster than one of arcs.
    for (const pass of [DROPPED, KEPT, ERROR]) {
      ctx.beginPath();
      for (let i = from; i < to; i++) {
        const f = this.#flags[i]!;
        const kind = f & ERROR ? ERROR : f & KEPT ? KEPT : DROPPED;
        if (kind !== pass) continue;
        ctx.rect(this.x(this.#t[i]!) - 1.5, this.y(this.#d[i]!) - 1.5, 3, 3);
      }
      if (pass === DROPPED) {
        ctx.strokeStyle = this.#colors.dropped;
        ctx.stroke();
      } else {
        ctx.fillStyle = pass === ERROR ? this.#colors.error : this.#colors.kept;
        ctx.fill();
      }
    }
    this.#drawn = to;
  }
}
