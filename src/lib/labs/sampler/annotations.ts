// What the sampler lab tells a learner about one decision, as span annotations. Pure: the same
// trace id and decision always give the same words, so tests can check them.
import type { SpanAnnotation } from '../../spans/model.ts';

/** XOR of the four big-endian 32-bit words of a 32-digit hex trace id, as the plugin computes it. */
export function traceIdXor(traceId: string): number {
  let x = 0;
  for (let i = 0; i < 32; i += 8) x ^= parseInt(traceId.slice(i, i + 8), 16);
  return x >>> 0;
}

const hex8 = (n: number) => `0x${n.toString(16).padStart(8, '0')}`;

/** One sentence on why the plugin kept or dropped a trace, by the reason it gave. */
export function explainDecision(keep: boolean, reason: string, traceId: string, route: string): string {
  const xor = traceIdXor(traceId);
  const share = (xor / 0xffffffff).toFixed(3);
  switch (reason) {
    case 'ratio':
      return keep
        ? `kept: the XOR of this trace id's four 32-bit words is ${hex8(xor)}, ${share} of 0xffffffff, below the ratio threshold floor(ratio × 0xffffffff).`
        : `dropped: the XOR of this trace id's four 32-bit words is ${hex8(xor)}, ${share} of 0xffffffff, not below the ratio threshold floor(ratio × 0xffffffff).`;
    case 'route-rule':
      return `${keep ? 'kept' : 'dropped'}: the per-route rule for ${route} set the ratio; the trace id's XOR, ${share} of 0xffffffff, is ${keep ? 'below' : 'not below'} that rule's threshold.`;
    case 'boost':
      return `${keep ? 'kept' : 'dropped'}: the incident switch raised the ratio for its window; the trace id's XOR, ${share} of 0xffffffff, is ${keep ? 'below' : 'not below'} the raised threshold.`;
    case 'parent':
      return keep
        ? 'kept: the request arrived with a traceparent whose sampled flag is set, and the parent-based policy follows it.'
        : 'dropped: the request arrived with a traceparent whose sampled flag is off, and the parent-based policy follows it.';
    case 'force-keep':
      return 'kept: force-keep keeps every error and 5xx response, whatever the ratio.';
    case 'invalid-trace-id':
      return 'dropped: the trace id is not valid (all zeros or not 32 hex digits), so no ratio applies.';
    default:
      return `${keep ? 'kept' : 'dropped'}: reason "${reason}".`;
  }
}

/**
 * The annotations of a request span: the decision on the span and on its sampler.reason attribute.
 * `text` replaces the XOR method's explanation (the threshold method's comes from threshold-notes.ts).
 */
export function decisionAnnotations(keep: boolean, reason: string, traceId: string, route: string, text = explainDecision(keep, reason, traceId, route)): SpanAnnotation[] {
  return [
    { target: 'span', text },
    { target: { attribute: 'sampler.reason' }, text },
  ];
}

/**
 * The decision's annotations for a request span decided by the XOR method, derived from the span's
 * own attributes and trace id when the learner opens it (the driver sends none for this method).
 * Undefined for any other span.
 */
export function annotationsFromSpan(span: { traceId: string; attributes: Readonly<Record<string, unknown>> }): SpanAnnotation[] | undefined {
  const a = span.attributes;
  const decision = a['sampler.decision'];
  const reason = a['sampler.reason'];
  if ((decision !== 'keep' && decision !== 'drop') || typeof reason !== 'string' || a['sampler.algorithm'] !== 'xor') return undefined;
  const route = a['http.route'];
  return decisionAnnotations(decision === 'keep', reason, span.traceId, typeof route === 'string' ? route : '');
}
