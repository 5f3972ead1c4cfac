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

/** The trace id's last 56 bits (its last 14 hex digits): the threshold method's randomness R. */
export function traceIdRandomness(traceId: string): string {
  return traceId.slice(18).toLowerCase();
}

/** A 14-digit hex value as a share of 2^56, to three places (display only: a double holds 53 bits). */
const share56 = (hex14: string) => (parseInt(hex14, 16) / 2 ** 56).toFixed(3);

/**
 * The threshold method's explanation: R against T, where T is `th` padded to 14 digits. `th` is
 * empty for ratio 0, which keeps nothing.
 */
function explainThreshold(keep: boolean, reason: string, traceId: string, route: string, th: string): string {
  const r = traceIdRandomness(traceId);
  const why = reason === 'route-rule' ? `the per-route rule for ${route} set the ratio; ` : reason === 'boost' ? 'the incident switch raised the ratio for its window; ' : '';
  if (th === '') return `dropped: ${why}the ratio is 0, which keeps nothing, so there is no threshold.`;
  const t = th.padEnd(14, '0');
  return `${keep ? 'kept' : 'dropped'}: ${why}this trace id's last 56 bits are 0x${r}, ${share56(r)} of 2^56, ${keep ? 'at or above' : 'below'} the rejection threshold T = 0x${t} (${share56(t)} of 2^56, tracestate ot=th:${th}).`;
}

/** Which method decided, and for the threshold method its `th` value. */
export interface DecisionMethod {
  algorithm: 'xor' | 'threshold';
  /** The threshold's `th` for the ratio in force; only for the threshold method. */
  th?: string;
}

/** One sentence on why the plugin kept or dropped a trace, by the reason it gave. */
export function explainDecision(keep: boolean, reason: string, traceId: string, route: string, method?: DecisionMethod): string {
  if (method?.algorithm === 'threshold' && method.th !== undefined && (reason === 'ratio' || reason === 'route-rule' || reason === 'boost')) {
    return explainThreshold(keep, reason, traceId, route, method.th);
  }
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

/** The annotations of a request span: the decision on the span and on its sampler.reason attribute. */
export function decisionAnnotations(keep: boolean, reason: string, traceId: string, route: string, method?: DecisionMethod, more = ''): SpanAnnotation[] {
  const text = explainDecision(keep, reason, traceId, route, method) + more;
  return [
    { target: 'span', text },
    { target: { attribute: 'sampler.reason' }, text },
  ];
}
