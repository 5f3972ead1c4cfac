import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-web';
import type { LabSpan } from '../spans/model.ts';
import { toLabSpan } from './toLabSpan.ts';

export type SpanListener = (spans: LabSpan[]) => void;

/** Hands every finished span to the page's listeners (the span viewer) as LabSpan. */
export class ViewerSpanExporter implements SpanExporter {
  #listeners = new Set<SpanListener>();

  subscribe(listener: SpanListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Ghost spans bypass OpenTelemetry (they were never recorded) but reach the same listeners. */
  publish(spans: LabSpan[]): void {
    if (spans.length) for (const l of this.#listeners) l(spans);
  }

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    this.publish(spans.map(toLabSpan));
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  async shutdown(): Promise<void> {
    this.#listeners.clear();
  }

  async forceFlush(): Promise<void> {}
}
