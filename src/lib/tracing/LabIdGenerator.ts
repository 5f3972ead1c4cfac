import type { IdGenerator } from '@opentelemetry/sdk-trace-web';
import { randomHexId } from '../spans/model.ts';

/**
 * Random ids, except that the lab can name the trace id of the next root span. The sampler plugin
 * decides on a trace id before the span exists; recording the span under that same id lets a
 * learner check the decision against the id shown in the viewer. Random ids come from the same
 * pooled generator as the viewer's ghost spans (cheaper than the SDK's per-character one).
 */
export class LabIdGenerator implements IdGenerator {
  #next: string | null = null;

  /** The next generateTraceId() returns this id; later calls are random again. */
  useTraceIdOnce(traceId: string): void {
    this.#next = traceId;
  }

  generateTraceId(): string {
    const id = this.#next;
    this.#next = null;
    return id ?? randomHexId(16);
  }

  generateSpanId(): string {
    return randomHexId(8);
  }
}
