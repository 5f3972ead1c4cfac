import { RandomIdGenerator, type IdGenerator } from '@opentelemetry/sdk-trace-web';

/**
 * Random ids, except that the lab can name the trace id of the next root span. The sampler plugin
 * decides on a trace id before the span exists; recording the span under that same id lets a
 * learner check the decision against the id shown in the viewer.
 */
export class LabIdGenerator implements IdGenerator {
  #random = new RandomIdGenerator();
  #next: string | null = null;

  /** The next generateTraceId() returns this id; later calls are random again. */
  useTraceIdOnce(traceId: string): void {
    this.#next = traceId;
  }

  generateTraceId(): string {
    const id = this.#next;
    this.#next = null;
    return id ?? this.#random.generateTraceId();
  }

  generateSpanId(): string {
    return this.#random.generateSpanId();
  }
}
