// The three-service scenario: one request passes gateway -> checkout -> payments, and each
// service's own sampler decides on the same trace id. Pure: the decide functions are passed in
// (the worker passes three component instances, tests may pass anything), so the counting of
// broken traces is tested without a browser.
import { SPAN_KIND } from '../../spans/model.ts';
import type { WorkerSpan } from '../protocol.ts';
import type { LabFigure } from '../figures.ts';
import { decisionAnnotations, explainDecision } from './annotations.ts';
import { explainThreshold } from './threshold-notes.ts';
import { SERVICES, type ServiceSampler } from './presets.ts';
export { serviceConfig, serviceSamplers } from './presets.ts';
export { explainThreshold } from './threshold-notes.ts';

/** A request span's annotations under the threshold method: its explanation when the method decided, the generic one otherwise. */
export function thresholdAnnotations(keep: boolean, reason: string, traceId: string, route: string, th: string | undefined) {
  return decisionAnnotations(keep, reason, traceId, route, th !== undefined ? explainThreshold(keep, reason, traceId, route, th) : undefined);
}
import { hexOf, reasonOf, type RequestBatch } from './traffic.ts';

/** Decides a batch as one service's sampler: the decide-batch bytes (bit 0 keep, bits 1-3 reason). */
export type DecideBatch = (batch: RequestBatch) => Uint8Array;

/**
 * Sends each request of the batch through the services in order. The first service sees no
 * caller (parent none); each later one receives a traceparent whose sampled flag is its caller's
 * decision, which it follows only if it is parent-based. One decision array per service.
 */
export function decideThroughServices(batch: RequestBatch, services: readonly DecideBatch[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  let parents = new Uint8Array(batch.parents.length);
  for (const decide of services) {
    const decisions = decide({ ...batch, parents });
    if (decisions.length !== parents.length) throw new Error(`a service decided ${decisions.length} of ${parents.length} requests`);
    out.push(decisions);
    parents = decisions.map((d) => ((d & 1) === 1 ? 1 : 2));
  }
  return out;
}

/** Whether request `i` was kept by some services and dropped by others. */
export function isBroken(decisions: readonly Uint8Array[], i: number): boolean {
  const first = decisions[0]![i]! & 1;
  return decisions.some((d) => (d[i]! & 1) !== first);
}

/** Traces kept by some services and dropped by others, and traces every service kept. */
export function countTraces(decisions: readonly Uint8Array[]): { broken: number; complete: number; total: number } {
  const total = decisions[0]?.length ?? 0;
  let broken = 0;
  let complete = 0;
  for (let i = 0; i < total; i++) {
    if (isBroken(decisions, i)) broken++;
    else if ((decisions[0]![i]! & 1) === 1) complete++;
  }
  return { broken, complete, total };
}

const keptWord = (d: number) => ((d & 1) === 1 ? 'kept' : 'dropped');

/**
 * The spans of a scenario batch: per request, one SERVER span per service, each the child of its
 * caller's, each with its own service's decision. A dropped caller with a kept callee leaves the
 * callee's span without its parent in the export: the broken trace a learner should see.
 * `th[s]` is service s's `th` value, for a service using the threshold method.
 */
export function scenarioSpans(
  b: RequestBatch,
  decisions: readonly Uint8Array[],
  services: readonly ServiceSampler[],
  th: readonly (string | undefined)[],
): WorkerSpan[] {
  const spans: WorkerSpan[] = [];
  let localId = 0;
  const n = decisions[0]?.length ?? 0;
  for (let i = 0; i < n; i++) {
    const route = b.routes[b.routeIndexes[i]!]!;
    const status = b.statusCodes[i]!;
    const traceId = hexOf(b.traceIds, i * 16, 16);
    const start = b.startMs[i]!;
    const duration = b.durationMs[i]!;
    const broken = isBroken(decisions, i);
    const summary = broken
      ? ` This trace is broken: ${SERVICES.map((name, s) => `${name} ${keptWord(decisions[s]![i]!)}`).join(', ')}.`
      : '';
    let parentId: number | undefined;
    for (let s = 0; s < services.length; s++) {
      const service = services[s]!;
      const name = SERVICES[s]!;
      const d = decisions[s]![i]!;
      const keep = (d & 1) === 1;
      const reason = reasonOf(d);
      // Each callee starts a little after its caller and ends a little before it.
      const from = start + duration * 0.1 * s;
      const to = start + duration * (1 - 0.1 * s);
      const usesThreshold = service.algorithm === 'threshold' && (reason === 'ratio' || reason === 'route-rule' || reason === 'boost');
      const attributes: WorkerSpan['attributes'] = {
        'service.name': name,
        'http.route': route,
        'http.response.status_code': status,
        'sampler.decision': keep ? 'keep' : 'drop',
        'sampler.reason': reason,
        'sampler.algorithm': service.algorithm,
        'sampler.ratio': service.ratio,
        'sampler.parent_based': service.parentBased,
        'sampler.trace_complete': !broken,
      };
      if (usesThreshold && th[s]) attributes['tracestate'] = `ot=th:${th[s]}`;
      const id = localId++;
      spans.push({
        localId: id,
        ...(parentId === undefined ? {} : { parentLocalId: parentId }),
        traceId,
        name: `${name} ${route}`,
        kind: SPAN_KIND.server,
        startMs: from,
        endMs: to,
        attributes,
        ...(status >= 500 ? { error: `HTTP ${status}` } : {}),
        keep,
        annotations: decisionAnnotations(keep, reason, traceId, route, (usesThreshold && th[s] !== undefined ? explainThreshold(keep, reason, traceId, route, th[s]!) : explainDecision(keep, reason, traceId, route)) + ` (${name}: ${service.algorithm} at ${+(service.ratio * 100).toFixed(1)}%${service.parentBased ? ', parent-based' : ''}.)${summary}`),
      });
      parentId = id;
    }
  }
  return spans;
}

/** The scenario's figures for a run so far: broken and complete traces, and the broken share. */
export function scenarioFigures(broken: number, complete: number, requests: number): LabFigure[] {
  return [
    { id: 'broken-traces', label: 'broken traces (kept by some services, dropped by others)', value: broken, format: 'count' },
    { id: 'complete-traces', label: 'complete traces (kept by all three)', value: complete, format: 'count' },
    { id: 'broken-share', label: 'share of requests with a broken trace', value: requests ? broken / requests : 0, format: 'percent', max: 1 },
  ];
}
