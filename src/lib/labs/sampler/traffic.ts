// Synthetic traffic for the sampler lab: requests with routes, statuses, upstream flags and child
// spans, shaped like a small shop. Pure apart from the random source, which tests replace.
import { SPAN_KIND } from '../../spans/model.ts';
import type { WorkerSpan } from '../protocol.ts';
import { ROUTES } from './settings.ts';
import type { SpanAnnotation } from '../../spans/model.ts';

export type Random = () => number;

export interface TrafficOptions {
  /** Share of requests answered with a 5xx. */
  errorRate: number;
  /** Share of requests that arrive with an upstream traceparent. */
  upstreamShare?: number;
}

/** One tick's requests, in the columns the component's decide-batch takes. */
export interface RequestBatch {
  traceIds: Uint8Array;
  parents: Uint8Array;
  routeIndexes: Uint16Array;
  routes: string[];
  statusCodes: Uint16Array;
  errors: Uint8Array;
  startMs: Float64Array;
  durationMs: Float64Array;
}

const ROUTE_NAMES = ROUTES.map((r) => r.route);

function pickRoute(rand: Random): number {
  let x = rand();
  for (let i = 0; i < ROUTES.length; i++) {
    x -= ROUTES[i]!.share;
    if (x < 0) return i;
  }
  return 0;
}

function pickStatus(rand: Random, errorRate: number, route: string): number {
  if (rand() < errorRate) return [500, 502, 503][Math.floor(rand() * 3)]!;
  if (rand() < 0.03) return route === '/api/users' ? 429 : 404;
  return route === '/checkout' ? 201 : 200;
}

/** `count` requests spread evenly over [startMs, startMs + spanMs). */
export function generateBatch(count: number, startMs: number, spanMs: number, opts: TrafficOptions, rand: Random): RequestBatch {
  const upstreamShare = opts.upstreamShare ?? 0.3;
  const b: RequestBatch = {
    traceIds: new Uint8Array(count * 16),
    parents: new Uint8Array(count),
    routeIndexes: new Uint16Array(count),
    routes: ROUTE_NAMES,
    statusCodes: new Uint16Array(count),
    errors: new Uint8Array(count),
    startMs: new Float64Array(count),
    durationMs: new Float64Array(count),
  };
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < 16; j += 4) {
      const word = Math.floor(rand() * 0x100000000);
      b.traceIds[i * 16 + j] = word >>> 24;
      b.traceIds[i * 16 + j + 1] = (word >>> 16) & 0xff;
      b.traceIds[i * 16 + j + 2] = (word >>> 8) & 0xff;
      b.traceIds[i * 16 + j + 3] = word & 0xff;
    }
    b.parents[i] = rand() < upstreamShare ? (rand() < 0.5 ? 1 : 2) : 0;
    const r = pickRoute(rand);
    b.routeIndexes[i] = r;
    const status = pickStatus(rand, opts.errorRate, ROUTE_NAMES[r]!);
    b.statusCodes[i] = status;
    b.errors[i] = status >= 500 ? 1 : 0;
    b.startMs[i] = startMs + (spanMs * i) / Math.max(count, 1);
    // A long tail: most requests take 5-40 ms, one in twenty up to 300 ms.
    b.durationMs[i] = 5 + rand() * 35 + (rand() < 0.05 ? rand() * 260 : 0);
  }
  return b;
}

export function hexOf(bytes: Uint8Array, offset: number, length: number): string {
  let s = '';
  for (let i = offset; i < offset + length; i++) s += bytes[i]!.toString(16).padStart(2, '0');
  return s;
}

const REASONS = ['ratio', 'parent', 'force-keep', 'route-rule', 'boost', 'invalid-trace-id'] as const;

/** The reason a decision byte from decide-batch names. */
export function reasonOf(decision: number): string {
  return REASONS[decision >> 1] ?? 'unknown';
}

/** Child work of a request, as offsets into it: what a real service's spans would show. */
function childSpans(route: string, start: number, duration: number): { name: string; kind: number; start: number; end: number; attributes: Record<string, string | number> }[] {
  const at = (from: number, to: number) => ({ start: start + duration * from, end: start + duration * to });
  switch (route) {
    case '/checkout':
      return [
        { name: 'SELECT orders', kind: SPAN_KIND.client, ...at(0.05, 0.3), attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT' } },
        { name: 'POST /payments', kind: SPAN_KIND.client, ...at(0.35, 0.9), attributes: { 'http.request.method': 'POST', 'server.address': 'payments' } },
      ];
    case '/cart':
      return [{ name: 'HGETALL', kind: SPAN_KIND.client, ...at(0.1, 0.4), attributes: { 'db.system.name': 'redis', 'db.operation.name': 'HGETALL' } }];
    case '/products':
    case '/search':
      return [{ name: 'SELECT products', kind: SPAN_KIND.client, ...at(0.1, 0.8), attributes: { 'db.system.name': 'postgresql', 'db.operation.name': 'SELECT' } }];
    default:
      return [];
  }
}

/** The algorithm the plugin used, and for the threshold method the `th` in force per route index. */
export interface BatchMethod {
  algorithm: 'xor' | 'threshold';
  /** By route index: the `th` of the ratio the plugin applies to that route now. */
  thByRoute?: readonly string[];
  /** The threshold method's explanation (threshold-notes.ts, loaded with the method). */
  explainThreshold?: (keep: boolean, reason: string, traceId: string, route: string, th: string) => string;
  /** The threshold method's annotations (scenario.ts, loaded with the method), so this module carries no sentences. */
  annotate?: (keep: boolean, reason: string, traceId: string, route: string, th: string | undefined) => SpanAnnotation[];
}

/** A span's `th` is the threshold of the ratio that decided it; force-keep and parent decisions have none. */
const thApplies = (reason: string) => reason === 'ratio' || reason === 'route-rule' || reason === 'boost';

/**
 * The spans of a batch, with the plugin's decisions: one SERVER span per request carrying the
 * decision, and its children, which follow the trace's decision.
 */
export function toWorkerSpans(b: RequestBatch, decisions: Uint8Array, sampling?: BatchMethod): WorkerSpan[] {
  const spans: WorkerSpan[] = [];
  let localId = 0;
  for (let i = 0; i < decisions.length; i++) {
    const route = b.routes[b.routeIndexes[i]!]!;
    const method = ROUTES[b.routeIndexes[i]!]!.method;
    const status = b.statusCodes[i]!;
    const keep = (decisions[i]! & 1) === 1;
    const reason = reasonOf(decisions[i]!);
    const traceId = hexOf(b.traceIds, i * 16, 16);
    const start = b.startMs[i]!;
    const end = start + b.durationMs[i]!;
    const parent = b.parents[i]!;
    const rootId = localId++;
    const algorithm = sampling?.algorithm ?? 'xor';
    const th = algorithm === 'threshold' && thApplies(reason) ? sampling?.thByRoute?.[b.routeIndexes[i]!] : undefined;
    spans.push({
      localId: rootId,
      traceId,
      ...(parent ? { upstream: parent === 1 ? ('sampled' as const) : ('not-sampled' as const) } : {}),
      name: `${method} ${route}`,
      kind: SPAN_KIND.server,
      startMs: start,
      endMs: end,
      attributes: {
        'http.request.method': method,
        'http.route': route,
        'http.response.status_code': status,
        'sampler.decision': keep ? 'keep' : 'drop',
        'sampler.reason': reason,
        'sampler.upstream': parent === 0 ? 'none' : parent === 1 ? 'sampled' : 'not-sampled',
        'sampler.algorithm': algorithm,
        ...(th ? { tracestate: `ot=th:${th}` } : {}),
      },
      events: [{ name: 'sampler.decision', timeMs: start, attributes: { decision: keep ? 'keep' : 'drop', reason } }],
      ...(status >= 500 ? { error: `HTTP ${status}` } : {}),
      keep,
      // The XOR method's explanation is derived on the page when a learner opens the span
      // (annotationsFromSpan): at 2,000 requests a second, one sentence per span in every message
      // was a third of what the page held. The threshold method's comes with the span.
      ...(algorithm === 'threshold'
        ? { annotations: sampling?.annotate?.(keep, reason, traceId, route, th) }
        : {}),
    });
    for (const child of childSpans(route, start, end - start)) {
      spans.push({
        localId: localId++,
        parentLocalId: rootId,
        traceId,
        name: child.name,
        kind: child.kind,
        startMs: child.start,
        endMs: child.end,
        attributes: child.attributes,
        keep,
      });
    }
  }
  return spans;
}
