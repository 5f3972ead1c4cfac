// The page's tracing: the only place a tracer provider is built. One per page, shared by its labs.
// Context is passed explicitly (no context manager): nothing here relies on async context.
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace, TraceFlags, type Context, type HrTime, type Span } from '@opentelemetry/api';
import { AlwaysOnSampler, WebTracerProvider } from '@opentelemetry/sdk-trace-web';
import type { LabSpan } from '../spans/model.ts';
import { NO_ATTRIBUTES, NO_EVENTS, NO_LINKS, STATUS_UNSET, randomHexId } from '../spans/model.ts';
import type { WorkerSpan } from '../labs/protocol.ts';
import { LabIdGenerator } from './LabIdGenerator.ts';
import { ViewerSpanExporter } from './ViewerSpanExporter.ts';
import { ViewerSpanProcessor } from './ViewerSpanProcessor.ts';
import { StringInterner } from './StringInterner.ts';

export const SCOPE = { name: 'wasm-observability-labs', version: '0.1.0' };
export const RESOURCE = { 'service.name': 'wasm-observability-labs', 'telemetry.sdk.language': 'webjs' };

const hr = (ms: number): HrTime => {
  const s = Math.floor(ms / 1000);
  return [s, Math.round((ms - s * 1000) * 1e6)];
};

/** API SpanKind from an OTLP kind number. */
const apiKind = (otlpKind: number): SpanKind => (otlpKind >= 1 && otlpKind <= 5 ? otlpKind - 1 : SpanKind.INTERNAL);

export class LabTracing {
  /** Names, attribute values and attribute sets the worker repeats, kept once across messages and runs. */
  readonly strings = new StringInterner();
  readonly exporter = new ViewerSpanExporter((attributes) => this.strings.attributeSet(attributes));
  readonly processor = new ViewerSpanProcessor(this.exporter);
  #ids = new LabIdGenerator();
  #provider = new WebTracerProvider({
    idGenerator: this.#ids,
    // The lab's plugin is the sampler under study; the page itself records everything it is handed.
    sampler: new AlwaysOnSampler(),
    spanProcessors: [this.processor],
  });
  #tracer = this.#provider.getTracer(SCOPE.name, SCOPE.version);

  /** Starts the span that covers one lab run. */
  startRun(lab: string, attributes: Record<string, string | number | boolean>): RunTrace {
    const span = this.#tracer.startSpan(`lab.run ${lab}`, { kind: SpanKind.INTERNAL, attributes: { 'lab.name': lab, ...attributes } }, ROOT_CONTEXT);
    return new RunTrace(this, span);
  }

  /** @internal */
  startSpan(name: string, options: { kind: SpanKind; startMs: number; attributes: WorkerSpan['attributes']; links?: { context: ReturnType<Span['spanContext']> }[]; traceId?: string }, parent: Context): Span {
    if (options.traceId) this.#ids.useTraceIdOnce(options.traceId);
    return this.#tracer.startSpan(name, { kind: options.kind, startTime: hr(options.startMs), attributes: options.attributes, links: options.links }, parent);
  }
}

/** One run's trace: the run span, its instantiate span, and the spans its driver reports. */
export class RunTrace {
  #tracing: LabTracing;
  #run: Span;
  #runContext: Context;

  constructor(tracing: LabTracing, run: Span) {
    this.#tracing = tracing;
    this.#run = run;
    this.#runContext = trace.setSpan(ROOT_CONTEXT, run);
  }

  get traceId(): string {
    return this.#run.spanContext().traceId;
  }

  instantiated(startMs: number, endMs: number, detail: WorkerSpan['attributes']): void {
    const span = this.#tracing.startSpan('component.instantiate', { kind: SpanKind.INTERNAL, startMs, attributes: detail }, this.#runContext);
    span.end(hr(endMs));
    this.#tracing.processor.flush();
  }

  event(name: string, attributes: Record<string, string | number | boolean> = {}, timeMs?: number): void {
    this.#run.addEvent(name, attributes, timeMs === undefined ? undefined : hr(timeMs));
  }

  /**
   * Records the spans a driver reported. A message may be recorded in slices: pass the same
   * `realIds` map to each slice, since local ids are local to the whole message. Kept traces become real OpenTelemetry spans under the
   * trace id the plugin decided on, linked to the run; dropped traces become ghost spans that only
   * the viewer sees, exactly as a sampler would leave them out of an export.
   */
  record(spans: readonly WorkerSpan[], realIds: Map<number, { spanId: string; context?: Context }> = new Map()): void {
    const ghosts: LabSpan[] = [];
    const runContext = this.#run.spanContext();
    const runLink = { context: runContext };
    // Every root ghost links to the run the same way: one shared list, not one per span.
    const ghostRunLinks: LabSpan['links'] = [{ traceId: runContext.traceId, spanId: runContext.spanId, attributes: NO_ATTRIBUTES }];
    const strings = this.#tracing.strings;
    for (const ws of spans) {
      ws.name = strings.intern(ws.name);
      // Ghosts keep the sets they are given, so theirs are shared here; OpenTelemetry copies a kept
      // span's sets, and the exporter shares those (toLabSpan).
      if (!ws.keep) ws.attributes = strings.attributeSet(ws.attributes);
      if (ws.events) {
        for (const e of ws.events) {
          e.name = strings.intern(e.name);
          if (!ws.keep) e.attributes = strings.attributeSet(e.attributes);
        }
      }
      const notes = ws.annotations;
      const parent = ws.parentLocalId === undefined ? undefined : realIds.get(ws.parentLocalId);
      if (!ws.keep) {
        const spanId = randomHexId(8);
        realIds.set(ws.localId, { spanId });
        ghosts.push({
          traceId: ws.traceId,
          spanId,
          ...(parent ? { parentSpanId: parent.spanId } : {}),
          name: ws.name,
          kind: ws.kind,
          startMs: ws.startMs,
          endMs: ws.endMs,
          attributes: ws.attributes,
          events: ws.events?.length ? ws.events : NO_EVENTS,
          links: parent ? NO_LINKS : ghostRunLinks,
          status: ws.error ? { code: SpanStatusCode.ERROR, message: ws.error } : STATUS_UNSET,
          dropped: true,
          ...(notes?.length ? { annotations: notes } : {}),
        });
        continue;
      }
      let parentContext: Context = ROOT_CONTEXT;
      let traceId: string | undefined = ws.traceId;
      if (parent?.context) {
        parentContext = parent.context;
        traceId = undefined;
      } else if (ws.upstream) {
        // The request arrived with a traceparent: its remote parent carries the trace id and flag.
        parentContext = trace.setSpanContext(ROOT_CONTEXT, {
          traceId: ws.traceId,
          spanId: randomHexId(8),
          traceFlags: ws.upstream === 'sampled' ? TraceFlags.SAMPLED : TraceFlags.NONE,
          isRemote: true,
        });
        traceId = undefined;
      }
      const span = this.#tracing.startSpan(
        ws.name,
        { kind: apiKind(ws.kind), startMs: ws.startMs, attributes: ws.attributes, links: parent ? undefined : [runLink], traceId },
        parentContext,
      );
      for (const e of ws.events ?? []) span.addEvent(e.name, e.attributes, hr(e.timeMs));
      if (ws.error) span.setStatus({ code: SpanStatusCode.ERROR, message: ws.error });
      const spanId = span.spanContext().spanId;
      // Annotations are the viewer's, never OpenTelemetry attributes: they must not reach an export.
      if (notes?.length) this.#tracing.exporter.annotate(spanId, notes);
      realIds.set(ws.localId, { spanId, context: trace.setSpan(ROOT_CONTEXT, span) });
      span.end(hr(ws.endMs));
    }
    // Kept spans were collected by the processor; hand them over with the ghosts, as one batch.
    this.#tracing.exporter.hold();
    this.#tracing.processor.flush();
    this.#tracing.exporter.release(ghosts);
  }

  end(outcome: string, error?: string): void {
    this.#run.setAttribute('lab.outcome', outcome);
    if (error) this.#run.setStatus({ code: SpanStatusCode.ERROR, message: error });
    this.#run.end();
    this.#tracing.processor.flush();
  }
}
