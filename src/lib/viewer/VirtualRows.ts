// Fixed-height row virtualisation: the DOM holds only the rows in view (plus a few either side, and
// the active row, so aria-activedescendant always names an element). One scrollTop and one cached
// clientHeight are read per draw; nothing reads layout in a loop.

export interface VirtualRowsOptions {
  /** The element that scrolls (overflow: auto). */
  scroller: HTMLElement;
  rowHeight: number;
  /** Creates an empty row element; rows are reused for other indexes. */
  createRow(): HTMLElement;
  /** Fills a row element for an index. Called for every row in view on each draw. */
  renderRow(index: number, row: HTMLElement): void;
  /** The learner scrolled (not the code): used to stop following the newest rows. */
  onUserScroll?(atEnd: boolean): void;
  /** Height of a sticky header inside the scroller, above the rows. */
  headerHeight?: number;
  /** The element the rows go in (a rowgroup); created when absent. */
  body?: HTMLElement;
}

const OVERSCAN = 3;

export class VirtualRows {
  #o: VirtualRowsOptions;
  #count = 0;
  #spacer: HTMLElement;
  #rows = new Map<number, HTMLElement>();
  #free: HTMLElement[] = [];
  #viewport = 0;
  #scrollTop = 0;
  #pinned = -1;
  #ownScroll = false;

  constructor(options: VirtualRowsOptions) {
    this.#o = options;
    this.#spacer = options.body ?? document.createElement('div');
    this.#spacer.style.position = 'relative';
    if (!options.body) {
      this.#spacer.setAttribute('role', 'none');
      options.scroller.append(this.#spacer);
    }
    new ResizeObserver((entries) => {
      // The sticky header covers the top of the viewport; rows are visible below it.
      this.#viewport = entries[0]!.contentRect.height - (options.headerHeight ?? 0);
      this.draw();
    }).observe(options.scroller);
    options.scroller.addEventListener('scroll', () => {
      this.#scrollTop = options.scroller.scrollTop;
      if (this.#ownScroll) this.#ownScroll = false;
      else this.#o.onUserScroll?.(this.atEnd());
      this.draw();
    }, { passive: true });
  }

  get rowHeight(): number {
    return this.#o.rowHeight;
  }

  /** Row height changes with the layout (two-line rows on a phone); keeps the first row in view. */
  setRowHeight(h: number): void {
    if (h === this.#o.rowHeight) return;
    const first = this.#scrollTop / this.#o.rowHeight;
    this.#o.rowHeight = h;
    for (const row of this.#rows.values()) row.style.height = `${h}px`;
    this.setCount(this.#count);
    this.#setScrollTop(first * h);
    this.draw();
  }

  get count(): number {
    return this.#count;
  }

  setCount(count: number): void {
    this.#count = count;
    this.#spacer.style.height = `${count * this.#o.rowHeight}px`;
  }

  /** An index that stays rendered even when scrolled out of view (the active row), or -1. */
  pin(index: number): void {
    this.#pinned = index;
  }

  atEnd(): boolean {
    return this.#scrollTop + this.#viewport >= this.#count * this.#o.rowHeight - this.#o.rowHeight;
  }

  #setScrollTop(top: number): void {
    const max = Math.max(0, this.#count * this.#o.rowHeight - this.#viewport);
    const next = Math.max(0, Math.min(max, top));
    if (Math.abs(next - this.#scrollTop) < 1) return;
    this.#scrollTop = next;
    this.#ownScroll = true;
    this.#o.scroller.scrollTop = next;
  }

  scrollToEnd(): void {
    this.#setScrollTop(Infinity);
  }

  /** Shifts the view by a number of rows (after rows were removed above it), so nothing moves. */
  shift(rows: number): void {
    this.#setScrollTop(this.#scrollTop + rows * this.#o.rowHeight);
  }

  /** Scrolls the least needed to bring a row into view. */
  reveal(index: number): void {
    const h = this.#o.rowHeight;
    const top = index * h;
    if (top < this.#scrollTop) this.#setScrollTop(top);
    else if (top + h > this.#scrollTop + this.#viewport) this.#setScrollTop(top + h - this.#viewport);
  }

  /** The index of the first row in view. */
  get firstVisible(): number {
    return Math.floor(this.#scrollTop / this.#o.rowHeight);
  }

  /** Rows in view, for PageUp/PageDown. */
  get pageRows(): number {
    return Math.max(1, Math.floor(this.#viewport / this.#o.rowHeight) - 1);
  }

  draw(): void {
    const h = this.#o.rowHeight;
    const first = Math.max(0, Math.floor(this.#scrollTop / h) - OVERSCAN);
    const last = Math.min(this.#count - 1, Math.ceil((this.#scrollTop + this.#viewport) / h) + OVERSCAN);
    const want = (i: number) => (i >= first && i <= last) || i === this.#pinned;
    // Rows that left the view are refilled for the rows that came in, where they are in the
    // document: taking a row out and putting it back would make Chromium compute its style afresh,
    // and a list that follows the newest rows replaces every row on every draw.
    const spare: HTMLElement[] = [];
    for (const [i, row] of this.#rows) {
      if (want(i) && i < this.#count) continue;
      this.#rows.delete(i);
      spare.push(row);
    }
    const place = (i: number) => {
      let row = this.#rows.get(i);
      if (!row) {
        row = spare.pop() ?? this.#free.pop();
        if (!row) {
          row = this.#o.createRow();
          row.style.position = 'absolute';
          row.style.insetInline = '0';
        }
        if (row.style.height !== `${h}px`) row.style.height = `${h}px`;
        if (!row.isConnected) this.#spacer.append(row);
        this.#rows.set(i, row);
      }
      const y = `translateY(${i * h}px)`;
      if (row.style.transform !== y) row.style.transform = y;
      this.#o.renderRow(i, row);
    };
    for (let i = first; i <= last; i++) place(i);
    if (this.#pinned >= 0 && this.#pinned < this.#count && (this.#pinned < first || this.#pinned > last)) place(this.#pinned);
    for (const row of spare) {
      row.remove();
      this.#free.push(row);
    }
  }
}
