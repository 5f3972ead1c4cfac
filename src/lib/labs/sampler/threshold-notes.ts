// What the lab tells a learner about a decision by the specification's threshold method. Apart
// from annotations.ts so that the lab worker loads it only for a run that uses the method.

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
export function explainThreshold(keep: boolean, reason: string, traceId: string, route: string, th: string): string {
  const r = traceIdRandomness(traceId);
  const why = reason === 'route-rule' ? `the per-route rule for ${route} set the ratio; ` : reason === 'boost' ? 'the incident switch raised the ratio for its window; ' : '';
  if (th === '') return `dropped: ${why}the ratio is 0, which keeps nothing, so there is no threshold.`;
  const t = th.padEnd(14, '0');
  return `${keep ? 'kept' : 'dropped'}: ${why}this trace id's last 56 bits are 0x${r}, ${share56(r)} of 2^56, ${keep ? 'at or above' : 'below'} the rejection threshold T = 0x${t} (${share56(t)} of 2^56, tracestate ot=th:${th}).`;
}
