import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-web';
import type { Attributes, LabSpan, SpanAnnotation } from '../spans/model.ts';
import { toLabSpan } from './toLabSpan.ts';

export type SpanListener = (spans: LabSpan[]) => void;

/** Hands finished spans to the page's listeners (the span viewer) as LabSpan, in batches. */
export class ViewerSpanExporter implements SpanExporter {
  #listeners = new Set<SpanListener>();
  /** Annotations for spans not yet exported, by span id: attached here, never to the OTel span. */
  #annotations = new Map<string, SpanAnnotation[]>();
  #held: LabSpan[] | null = null;
  #share: ((attributes: Attributes) => Attributes) | undefined;

  /** `share` may replace each span's and event's attribute set with an equal shared one. */
  constructor(share?: (attributes: Attributes) => Attributes) {
    this.#share = share;
  }

  subscribe(listener: SpanListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The viewer shows these with the span when it arrives; OTLP exports never see them. */
  annotate(spanId: string, annotations: SpanAnnotation[]): void {
    this.#annotations.set(spanId, annotations);
  }

  /** Ghost spans bypass OpenTelemetry (they were never recorded) but reach the same listeners. */
  publish(spans: LabSpan[]): void {
    if (this.#held) {
      for (const s of spans) this.#held.push(s);
      return;
    }
    if (spans.length) for (const l of this.#listeners) l(spans);
  }

  /** Collects what is exported or published until release(), so listeners get one batch. */
  hold(): void {
    this.#held ??= [];
  }

  release(more: LabSpan[] = []): void {
    const held = this.#held ?? [];
    this.#held = null;
    for (const s of more) held.push(s);
    this.publish(held);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.publish(
      spans.map((s) => {
        const span = toLabSpan(s, this.#share);
        const annotations = this.#annotations.get(span.spanId);
        if (annotations) {
          this.#annotations.delete(span.spanId);
          span.annotations = annotations;
        }
        return span;
      }),
    );
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  async shutdown(): Promise<void> {
    this.#listeners.clear();
  }

  async forceFlush(): Promise<void> {}
}
