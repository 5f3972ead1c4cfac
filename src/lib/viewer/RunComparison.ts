// The last runs of a lab, kept in memory, and any two of them side by side: spans matched by
// their path of names, with counts, p50/p95 durations and attribute-value shares; what differs is
// marked in words as well as colour.
import { compareRuns, type RunSummary } from '../spans/runComparison.ts';
import { formatDuration, formatPercent } from './format.ts';
import { el } from './dom.ts';
import { groupDigits } from '../text/plain.ts';

/** Runs kept for comparison; older ones are let go. */
export const KEPT_RUNS = 5;

export class RunComparison {
  #root: HTMLElement;
  #runs: RunSummary[] = [];
  #a: HTMLSelectElement;
  #b: HTMLSelectElement;
  #out: HTMLElement;

  constructor(root: HTMLElement) {
    this.#root = root;
    const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
    this.#a = q('[data-compare="a"]');
    this.#b = q('[data-compare="b"]');
    this.#out = q('[data-compare-result]');
    this.#a.addEventListener('change', () => this.render());
    this.#b.addEventListener('change', () => this.render());
    this.#refreshChoices();
  }

  get runs(): readonly RunSummary[] {
    return this.#runs;
  }

  add(run: RunSummary): void {
    this.#runs.push(run);
    if (this.#runs.length > KEPT_RUNS) this.#runs = this.#runs.slice(-KEPT_RUNS);
    this.#refreshChoices();
    // The two newest runs are the likeliest pair: the learner changed one thing and ran again.
    const n = this.#runs.length;
    if (n >= 2) {
      this.#a.value = String(n - 2);
      this.#b.value = String(n - 1);
    }
    this.render();
  }

  #refreshChoices(): void {
    const options = () => this.#runs.map((r, i) => el('option', { value: String(i) }, `${i + 1}. ${r.label}`));
    this.#a.replaceChildren(...options());
    this.#b.replaceChildren(...options());
    this.#root.dataset.runs = String(this.#runs.length);
  }

  render(): void {
    const a = this.#runs[Number(this.#a.value)];
    const b = this.#runs[Number(this.#b.value)];
    if (!a || !b || this.#runs.length < 2) {
      this.#out.replaceChildren(el('p', { className: 'rc-hint' }, `Finish two runs to compare them; the last ${KEPT_RUNS} runs are kept while this page is open.`));
      return;
    }
    const rows = compareRuns(a, b);
    const ratio = (r: RunSummary) => formatPercent(r.kept + r.dropped ? r.kept / (r.kept + r.dropped) : null);
    const head = el('p', { className: 'rc-summary' },
      `A: ${groupDigits(a.kept)} kept, ${groupDigits(a.dropped)} dropped (${ratio(a)}), ${groupDigits(a.traces)} traces held. `,
      `B: ${groupDigits(b.kept)} kept, ${groupDigits(b.dropped)} dropped (${ratio(b)}), ${groupDigits(b.traces)} traces held.`,
      a.evicted || b.evicted ? ' Durations and values cover the spans still held; the counts cover every span.' : '');
    const dur = (v: number | null) => (v === null ? '–' : formatDuration(v));
    const legend = el('p', { className: 'rc-hint' }, `Spans matched by their path from the root. Marked rows differ: ▲ a duration quantile moved by more than 25%, or an attribute value's share moved by more than 5 points.`);
    const table = el('table', { className: 'rc-table' },
      el('thead', {}, el('tr', {}, ...['Span path', 'Count A', 'Count B', 'p50 A', 'p50 B', 'p95 A', 'p95 B', 'Values that differ'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, ...rows.map((r) => {
        const tr = el('tr', { className: r.durationChanged || r.values.length || r.onlyIn ? 'rc-changed' : '' },
          el('th', { scope: 'row' }, el('span', { className: 'rc-path' }, r.path.split(' › ').map((p, i) => (i ? '› ' : '') + p).join(' ')), r.onlyIn ? ` (only in ${r.onlyIn.toUpperCase()})` : ''),
          el('td', {}, groupDigits(r.countA)),
          el('td', {}, groupDigits(r.countB)),
          el('td', {}, dur(r.p50A)),
          el('td', {}, `${dur(r.p50B)}${r.durationChanged ? ' ▲' : ''}`),
          el('td', {}, dur(r.p95A)),
          el('td', {}, dur(r.p95B)),
          el('td', {}, r.values.slice(0, 4).map((v) => `${v.key}=${v.value}: ${formatPercent(v.shareA)} → ${formatPercent(v.shareB)}`).join('; ')),
        );
        return tr;
      })),
    );
    // The table scrolls sideways on a phone; focusable, so a keyboard can scroll it too.
    const scroll = el('div', { className: 'rc-scroll', tabIndex: 0, role: 'region', ariaLabel: 'Run comparison table' }, table);
    this.#out.replaceChildren(head, legend, scroll);
  }
}
