// The sampling policy and the decision itself. Nothing here knows about the canonical ABI.

export const PARENT_NONE: u8 = 0;
export const PARENT_SAMPLED: u8 = 1;
export const PARENT_NOT_SAMPLED: u8 = 2;

// Indexes of the WIT enum `reason`, in declaration order.
export const REASON_RATIO: u8 = 0;
export const REASON_PARENT: u8 = 1;
export const REASON_FORCE_KEEP: u8 = 2;
export const REASON_ROUTE_RULE: u8 = 3;
export const REASON_BOOST: u8 = 4;
export const REASON_INVALID_TRACE_ID: u8 = 5;

export class RouteRule {
  constructor(public route: string, public ratio: f64) {}

  /** `/api/*` matches `/api/` and everything below it; anything else must match exactly. */
  matches(route: string): bool {
    if (this.route.endsWith('*')) return route.startsWith(this.route.substring(0, this.route.length - 1));
    return route == this.route;
  }
}

export class Boost {
  /** "promotion" or "incident" */
  mode: string = '';
  ratio: f64 = 0;
  /** Unix ms; the boost applies while now < untilMs. */
  untilMs: f64 = 0;
}

/** OpenTelemetry JS's TraceIdRatioBased: the XOR of the id's four 32-bit words against a bound. */
export const ALGORITHM_XOR: u8 = 0;
/** The specification's consistent probability sampling: the id's last 56 bits against a threshold. */
export const ALGORITHM_THRESHOLD: u8 = 1;

export class Policy {
  algorithm: u8 = ALGORITHM_XOR;
  ratio: f64 = 1;
  parentBased: bool = false;
  forceKeepErrors: bool = false;
  forceKeep5xx: bool = false;
  routes: RouteRule[] = [];
  boost: Boost | null = null;
}

/**
 * The threshold OpenTelemetry JS's TraceIdRatioBasedSampler compares against: a trace is kept when
 * the XOR of its four 32-bit words is below floor(ratio * 0xffffffff), or always when ratio is 1.
 */
export function upperBound(ratio: f64): f64 {
  if (ratio >= 1) return 4294967296.0;
  if (ratio <= 0) return 0;
  return Math.floor(ratio * 4294967295.0);
}

/**
 * The threshold's precision in hex digits before the adjustment for small ratios: the
 * specification recommends 4 for SDKs (tracestate-probability-sampling.md, "Algorithms").
 */
export const TH_PRECISION: i32 = 4;

/** A rejection threshold: T as a 56-bit integer, and its `th` encoding. */
export class Threshold {
  /** 2^56 for ratio 0: no 56-bit randomness reaches it, so nothing is kept. */
  value: u64 = 0;
  /** Hex without trailing zeros; "0" keeps everything; "" for ratio 0, which has no threshold. */
  th: string = '0';
}

const HEX = '0123456789abcdef';

/**
 * T = (1 - ratio) x 2^56, rounded to `precision` hex digits as the specification's reference
 * algorithm does: the precision grows by one digit per factor of 16 below 1/2 (from the binary
 * exponent of the ratio, so 1% gets 5 digits), capped at 12; rounding is half up; a value that
 * rounds up to 16^precision stays at all f's. The arithmetic is the reference's own, on doubles:
 * (2 - ratio) + half a final digit, whose fraction bits are then read off, so the same inputs give
 * the same digits.
 */
export function thresholdFor(out: Threshold, ratio: f64, precision: i32): void {
  if (ratio >= 1) { out.value = 0; out.th = '0'; return; }
  if (!(ratio > 0)) { out.value = <u64>1 << 56; out.th = ''; return; }
  // frexp: ratio = m x 2^exp with m in [0.5, 1); for a positive normal double that is the
  // biased exponent - 1022.
  const exp = <i32>((reinterpret<u64>(ratio) >> 52) & 0x7ff) - 1022;
  // Python's exp // -4 is floor division.
  let p = precision + <i32>Math.floor(<f64>exp / -4.0);
  if (p < 1) p = 1;
  if (p > 12) p = 12;
  const rejection = (2.0 - ratio) + Math.pow(2.0, <f64>(-4 * p - 1));
  let digits: u64;
  if (rejection >= 2.0) digits = (<u64>1 << (<u64>(4 * p))) - 1;
  // rejection is in [1, 2): its 52 fraction bits are the 13 hex digits the reference slices.
  else digits = (reinterpret<u64>(rejection) & 0xfffffffffffff) >> (<u64>(52 - 4 * p));
  out.value = digits << (<u64>(56 - 4 * p));
  let th = '';
  for (let i = p - 1; i >= 0; i--) th += HEX.charAt(<i32>((digits >> (<u64>(4 * i))) & 0xf));
  let end = th.length;
  while (end > 1 && th.charCodeAt(end - 1) == 0x30) end--;
  out.th = th.substring(0, end);
}

export class Decision {
  keep: bool = false;
  reason: u8 = REASON_RATIO;
  ratio: f64 = 0;
}

/** The ratio and reason that apply to a route before boosts: the first matching rule, else the default. */
export class RouteRatio {
  ratio: f64 = 0;
  reason: u8 = REASON_RATIO;
}

export function routeRatio(out: RouteRatio, policy: Policy, route: string): void {
  for (let i = 0; i < policy.routes.length; i++) {
    const rule = unchecked(policy.routes[i]);
    if (rule.matches(route)) {
      out.ratio = rule.ratio;
      out.reason = REASON_ROUTE_RULE;
      return;
    }
  }
  out.ratio = policy.ratio;
  out.reason = REASON_RATIO;
}

/**
 * Decides one span. `accumulated` is the XOR of the trace id's four big-endian 32-bit words,
 * `randomness` its last 56 bits (the threshold method's R);
 * `validId` is false for a malformed or all-zero id; `base` is the route's ratio (see routeRatio).
 * Order: force-keep, then an invalid id, then the upstream flag (parent-based), then ratios.
 */
export function decideInto(
  out: Decision,
  policy: Policy,
  validId: bool,
  accumulated: u32,
  randomness: u64,
  parent: u8,
  base: RouteRatio,
  statusCode: u16,
  isError: bool,
  nowMs: f64,
): void {
  if ((policy.forceKeepErrors && isError) || (policy.forceKeep5xx && statusCode >= 500 && statusCode <= 599)) {
    out.keep = true;
    out.reason = REASON_FORCE_KEEP;
    out.ratio = 1;
    return;
  }
  let ratio = base.ratio;
  let reason = base.reason;
  const boost = policy.boost;
  if (boost !== null && nowMs < boost.untilMs && boost.ratio > ratio) {
    ratio = boost.ratio;
    reason = REASON_BOOST;
  }
  out.ratio = ratio;
  if (!validId) {
    out.keep = false;
    out.reason = REASON_INVALID_TRACE_ID;
    return;
  }
  if (policy.parentBased && parent != PARENT_NONE) {
    out.keep = parent == PARENT_SAMPLED;
    out.reason = REASON_PARENT;
    return;
  }
  out.keep = policy.algorithm == ALGORITHM_THRESHOLD
    ? randomness >= thresholdOf(ratio)
    : <f64>accumulated < upperBound(ratio);
  out.reason = reason;
}

// The last ratio's threshold: a batch has one or a few ratios, so this spares the computation per span.
let cachedRatio: f64 = NaN;
const cached = new Threshold();

export function thresholdOf(ratio: f64): u64 {
  if (ratio != cachedRatio) {
    thresholdFor(cached, ratio, TH_PRECISION);
    cachedRatio = ratio;
  }
  return cached.value;
}

/** Value of one hex digit, or -1. */
// @ts-ignore: decorator
@inline
export function hexValue(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}
