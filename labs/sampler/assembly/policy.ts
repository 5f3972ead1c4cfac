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

export class Policy {
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
 * Decides one span. `accumulated` is the XOR of the trace id's four big-endian 32-bit words;
 * `validId` is false for a malformed or all-zero id; `base` is the route's ratio (see routeRatio).
 * Order: force-keep, then an invalid id, then the upstream flag (parent-based), then ratios.
 */
export function decideInto(
  out: Decision,
  policy: Policy,
  validId: bool,
  accumulated: u32,
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
  out.keep = <f64>accumulated < upperBound(ratio);
  out.reason = reason;
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
