/**
 * The cost comparison's arithmetic. Instance-billed options cost instances × hourly price × 730
 * hours (the usual month of 365 × 24 / 12 hours); the per-request option is billed like a
 * function platform: GB-seconds of memory held while running, plus a price per request.
 *
 * The defaults are an illustrative scenario from the comparison material, not a measurement.
 */

export const HOURS_PER_MONTH = 730;

export interface InstanceBilling {
  instances: number;
  /** US dollars per instance-hour. */
  hourlyPrice: number;
}

export interface RequestBilling {
  requestsPerMonth: number;
  /** Average billed duration of one request, in milliseconds. */
  averageMs: number;
  /** Memory allocated to each execution, in MB (1 GB = 1024 MB, as the platforms bill it). */
  memoryMb: number;
  /** US dollars per GB-second. */
  pricePerGbSecond: number;
  /** US dollars per million requests. */
  pricePerMillionRequests: number;
}

export function instanceMonthlyCost({ instances, hourlyPrice }: InstanceBilling): number {
  return instances * hourlyPrice * HOURS_PER_MONTH;
}

export interface RequestCost {
  gbSeconds: number;
  compute: number;
  requests: number;
  total: number;
}

export function requestMonthlyCost(b: RequestBilling): RequestCost {
  const gbSeconds = b.requestsPerMonth * (b.averageMs / 1000) * (b.memoryMb / 1024);
  const compute = gbSeconds * b.pricePerGbSecond;
  const requests = (b.requestsPerMonth / 1_000_000) * b.pricePerMillionRequests;
  return { gbSeconds, compute, requests, total: compute + requests };
}

/** The fraction saved against a baseline (0.89 = 89% cheaper); null when the baseline is zero. */
export function savingAgainst(cost: number, baseline: number): number | null {
  return baseline > 0 ? 1 - cost / baseline : null;
}

/** The scenario's inputs, as the comparison material gives them (see the cost calculator page). */
export const SCENARIO = {
  /** 1,000 service instances, five per t3.medium VM. */
  vm: { instances: 200, hourlyPrice: 0.0416 },
  /** The same 1,000 instances, fifty containers per host; the material names the host t3.large. */
  containers: { instances: 20, hourlyPrice: 0.0464 },
  /**
   * Wasm on hosts you run: the material's density figure of 800 Wasm instances per 8 GB host puts
   * 1,000 instances on 2 hosts, priced here like the container hosts.
   */
  wasmHosts: { instances: 2, hourlyPrice: 0.0464 },
  /**
   * Wasm on a function platform: 100 million requests of 100 ms a month. The material gives no
   * memory size; 1,024 MB is where its "about $200" is roughly reproduced at AWS Lambda's list prices.
   */
  wasmRequests: {
    requestsPerMonth: 100_000_000,
    averageMs: 100,
    memoryMb: 1024,
    pricePerGbSecond: 0.0000166667,
    pricePerMillionRequests: 0.2,
  },
} as const satisfies {
  vm: InstanceBilling;
  containers: InstanceBilling;
  wasmHosts: InstanceBilling;
  wasmRequests: RequestBilling;
};

/** The monthly totals the comparison material prints for its scenario. */
export const SCENARIO_PRINTED_TOTALS = { vm: 6073, containers: 677, wasmRequests: 200 } as const;

/** How a field may be filled in. */
export interface FieldRule {
  /** Whole numbers only (instances, requests). */
  integer?: boolean;
  /** Inclusive bounds; min defaults to 0. */
  min?: number;
  max?: number;
}

export type FieldResult = { ok: true; value: number } | { ok: false; error: string };

const PLAIN = /^(?:\d+(?:\.\d*)?|\.\d+)$/;
const GROUPED = /^\d{1,3}(?:,\d{3})+(?:\.\d*)?$/;

function formatLimit(n: number): string {
  return n.toLocaleString('en-US', { maximumFractionDigits: 10 });
}

/**
 * Reads what a learner typed into a number field. Digits with an optional decimal point; commas
 * only as thousands separators (1,000,000), so "0,0416" is refused rather than read as 416.
 * A leading "$" and surrounding spaces are allowed. Never returns NaN or Infinity.
 */
export function parseField(raw: string, rule: FieldRule = {}): FieldResult {
  const text = raw.trim().replace(/^\$\s*/, '');
  const min = rule.min ?? 0;
  if (text === '') return { ok: false, error: 'Enter a number.' };
  if (/^-/.test(text)) return { ok: false, error: `Enter ${min === 0 ? 'zero or more' : `at least ${formatLimit(min)}`}; a cost input cannot be negative.` };
  if (!PLAIN.test(text) && !GROUPED.test(text)) {
    return /,/.test(text)
      ? { ok: false, error: 'Use a decimal point, not a comma, e.g. 0.0416.' }
      : { ok: false, error: 'Enter a number using digits and an optional decimal point, e.g. 0.0416.' };
  }
  const value = Number(text.replace(/,/g, ''));
  if (!Number.isFinite(value)) return { ok: false, error: 'Enter a smaller number.' };
  if (rule.integer && !Number.isInteger(value)) return { ok: false, error: 'Enter a whole number.' };
  if (value < min) return { ok: false, error: `Enter at least ${formatLimit(min)}.` };
  if (rule.max !== undefined && value > rule.max) return { ok: false, error: `Enter at most ${formatLimit(rule.max)}.` };
  return { ok: true, value };
}

const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "$6,073.60". */
export function formatUsd(value: number): string {
  return usd.format(value);
}

/** A price per unit keeps its precision: "$0.0416", "$0.0000166667". */
export function formatPrice(value: number): string {
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 10 })}`;
}

/** "89% less", "12% more", "same". */
export function formatSaving(saving: number | null): string {
  if (saving === null) return 'n/a';
  const percent = Math.round(saving * 100);
  if (percent === 0) return 'about the same';
  return percent > 0 ? `${percent}% less` : `${-percent}% more`;
}
