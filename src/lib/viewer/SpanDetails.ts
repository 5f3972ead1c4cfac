// The details of one span: the lab's annotations first, then status, timing, attributes (each with
// its annotation), resource, events (with theirs) and span links, which move to the linked span.
import { formatDuration, formatTime, kindName, statusName } from './format.ts';
import { el } from './dom.ts';
import type { LabSpan, SpanAnnotation } from '../spans/model.ts';
import type { Attributes } from '../spans/model.ts';

export interface DetailsEvents {
  /** The learner followed a span link. Returns false when the linked span is not held. */
  openLink(traceId: string, spanId: string): boolean;
  /**
   * The lab's annotations for a span its driver sent none with, derived from the span when it is
   * shown (the sampler explains each decision from the span's own attributes), so a live run does
   * not carry one explanation per span in memory.
   */
  annotate?(span: LabSpan): SpanAnnotation[] | undefined;
}

const about = (annotations: SpanAnnotation[] | undefined, match: (t: SpanAnnotation['target']) => boolean) =>
  (annotations ?? []).filter((a) => match(a.target)).map((a) => a.text);

export class SpanDetails {
  #root: HTMLElement;
  #events: DetailsEvents;
  #resource: Attributes | null = null;
  #span: LabSpan | null = null;

  constructor(root: HTMLElement, events: DetailsEvents) {
    this.#root = root;
    this.#events = events;
    this.show(null);
  }

  /** The resource of the spans shown, when known (the page's own tracer); null for imports. */
  setResource(resource: Attributes | null): void {
    this.#resource = resource;
  }

  get span(): LabSpan | null {
    return this.#span;
  }

  show(s: LabSpan | null): void {
    if (s === this.#span && s !== null) return;
    this.#span = s;
    if (!s) {
      this.#root.replaceChildren(el('p', { className: 'sd-hint' }, 'Choose a span in the waterfall to see its attributes, events, links and what the lab says about it.'));
      return;
    }
    const parts: (Node | string)[] = [el('h4', { className: 'sd-title' }, s.name)];
    const annotations = s.annotations ?? this.#events.annotate?.(s);
    const spanNotes = about(annotations, (t) => t === 'span');
    if (spanNotes.length) parts.push(el('ul', { className: 'sd-notes', ariaLabel: 'What the lab says about this span' }, ...spanNotes.map((n) => el('li', {}, n))));

    const dl = el('dl', { className: 'sd-facts' });
    const fact = (k: string, v: string, cls = '') => dl.append(el('dt', {}, k), el('dd', { className: cls }, v));
    fact('Status', statusName(s.status.code) + (s.status.message ? `: ${s.status.message}` : ''), s.status.code === 2 ? 'sd-error' : '');
    fact('Recorded', s.dropped ? 'no: the sampler dropped this trace; it is shown here but never exported' : 'yes');
    fact('Kind', kindName(s.kind));
    fact('Start', formatTime(s.startMs));
    fact('Duration', formatDuration(s.endMs - s.startMs));
    fact('Trace id', s.traceId);
    fact('Span id', s.spanId);
    fact('Parent span id', s.parentSpanId ?? '(root)');
    parts.push(dl);

    const attrRows = Object.entries(s.attributes).flatMap(([k, v]) => {
      const notes = about(annotations, (t) => typeof t === 'object' && 'attribute' in t && t.attribute === k);
      const row = el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, String(v)));
      return notes.length ? [row, el('tr', { className: 'sd-note-row' }, el('td', { colSpan: 2 }, ...notes.map((n) => el('p', { className: 'sd-note' }, n))))] : [row];
    });
    parts.push(this.#section('Attributes', attrRows.length ? this.#table('Attribute', attrRows) : el('p', { className: 'sd-hint' }, 'None.')));

    if (this.#resource) {
      const rows = Object.entries(this.#resource).map(([k, v]) => el('tr', {}, el('th', { scope: 'row' }, k), el('td', {}, String(v))));
      parts.push(this.#section('Resource', this.#table('Resource attribute', rows)));
    }

    const events = s.events.length
      ? el('ul', { className: 'sd-events' }, ...s.events.map((e) => {
          const notes = about(annotations, (t) => typeof t === 'object' && 'event' in t && t.event === e.name);
          const attrs = Object.entries(e.attributes).map(([k, v]) => `${k}=${v}`).join(' ');
          return el('li', {}, el('span', { className: 'sd-mono' }, `+${formatDuration(e.timeMs - s.startMs)}`), ` ${e.name}`, attrs ? ` ${attrs}` : '', ...notes.map((n) => el('p', { className: 'sd-note' }, n)));
        }))
      : el('p', { className: 'sd-hint' }, 'None.');
    parts.push(this.#section('Events', events));

    const links = s.links.length
      ? el('ul', { className: 'sd-links' }, ...s.links.map((l) => {
          const button = el('button', { type: 'button', className: 'sd-link' }, `trace ${l.traceId.slice(0, 8)}…, span ${l.spanId}`);
          const result = el('span', { className: 'sd-hint', role: 'status' });
          button.addEventListener('click', () => {
            result.textContent = this.#events.openLink(l.traceId, l.spanId) ? '' : ' That span is not held by the viewer (it may have been let go, or was never here).';
          });
          return el('li', {}, button, result);
        }))
      : el('p', { className: 'sd-hint' }, 'None.');
    parts.push(this.#section('Links', links));
    this.#root.replaceChildren(...parts);
  }

  #section(title: string, body: Node): HTMLElement {
    return el('section', { className: 'sd-section' }, el('h5', {}, title), body);
  }

  #table(keyHeading: string, rows: HTMLElement[]): HTMLElement {
    return el('table', { className: 'sd-attrs' },
      el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, keyHeading), el('th', { scope: 'col' }, 'Value'))),
      el('tbody', {}, ...rows));
  }
}
