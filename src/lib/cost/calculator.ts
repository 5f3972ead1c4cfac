/**
 * The cost calculator's fields and result rows, kept apart from the page so the arithmetic and
 * the validation run the same in Node tests, at build time (the no-JavaScript table) and in the
 * browser.
 */
import {
  HOURS_PER_MONTH,
  SCENARIO,
  formatPrice,
  formatSaving,
  formatUsd,
  instanceMonthlyCost,
  parseField,
  requestMonthlyCost,
  savingAgainst,
  type FieldResult,
  type FieldRule,
} from './cost.ts';

export type OptionKey = 'vm' | 'containers' | 'wasmHosts' | 'wasmRequests';

export type FieldKey =
  | 'vm.instances'
  | 'vm.hourlyPrice'
  | 'containers.instances'
  | 'containers.hourlyPrice'
  | 'wasmHosts.instances'
  | 'wasmHosts.hourlyPrice'
  | 'wasmRequests.requestsPerMonth'
  | 'wasmRequests.averageMs'
  | 'wasmRequests.memoryMb'
  | 'wasmRequests.pricePerGbSecond'
  | 'wasmRequests.pricePerMillionRequests';

export interface FieldSpec {
  key: FieldKey;
  option: OptionKey;
  label: string;
  /** Where the default comes from, or what the number means. */
  hint: string;
  rule: FieldRule;
  /** The scenario's value. */
  initial: number;
}

export interface OptionSpec {
  key: OptionKey;
  title: string;
  description: string;
}

const INSTANCES: FieldRule = { integer: true, max: 1_000_000 };
const HOURLY: FieldRule = { max: 1_000 };

export const OPTIONS: OptionSpec[] = [
  { key: 'vm', title: 'Virtual machines', description: 'One service instance per VM slot; five per VM in the scenario.' },
  { key: 'containers', title: 'Containers', description: 'Container hosts; fifty containers per host in the scenario.' },
  {
    key: 'wasmHosts',
    title: 'Wasm on hosts you run',
    description: 'A Wasm runtime on your own instances, billed like the others.',
  },
  {
    key: 'wasmRequests',
    title: 'Wasm on a function platform',
    description: 'Billed per request and per GB-second of memory while running, like AWS Lambda.',
  },
];

export const FIELDS: FieldSpec[] = [
  { key: 'vm.instances', option: 'vm', label: 'VM instances', hint: '1,000 services, five per t3.medium VM', rule: INSTANCES, initial: SCENARIO.vm.instances },
  { key: 'vm.hourlyPrice', option: 'vm', label: 'Price per VM-hour (USD)', hint: 't3.medium, on demand', rule: HOURLY, initial: SCENARIO.vm.hourlyPrice },
  { key: 'containers.instances', option: 'containers', label: 'Container hosts', hint: '1,000 services, fifty per host', rule: INSTANCES, initial: SCENARIO.containers.instances },
  { key: 'containers.hourlyPrice', option: 'containers', label: 'Price per host-hour (USD)', hint: 'the scenario’s price, given for a t3.large', rule: HOURLY, initial: SCENARIO.containers.hourlyPrice },
  { key: 'wasmHosts.instances', option: 'wasmHosts', label: 'Wasm hosts', hint: '1,000 instances at 800 per 8 GB host, rounded up', rule: INSTANCES, initial: SCENARIO.wasmHosts.instances },
  { key: 'wasmHosts.hourlyPrice', option: 'wasmHosts', label: 'Price per host-hour (USD)', hint: 'the same host price as the containers', rule: HOURLY, initial: SCENARIO.wasmHosts.hourlyPrice },
  { key: 'wasmRequests.requestsPerMonth', option: 'wasmRequests', label: 'Requests per month', hint: '100 million in the scenario', rule: { integer: true, max: 1e13 }, initial: SCENARIO.wasmRequests.requestsPerMonth },
  { key: 'wasmRequests.averageMs', option: 'wasmRequests', label: 'Average duration (ms)', hint: 'billed time per request', rule: { max: 900_000 }, initial: SCENARIO.wasmRequests.averageMs },
  { key: 'wasmRequests.memoryMb', option: 'wasmRequests', label: 'Memory per execution (MB)', hint: 'not given in the scenario; see below', rule: { max: 1_048_576 }, initial: SCENARIO.wasmRequests.memoryMb },
  { key: 'wasmRequests.pricePerGbSecond', option: 'wasmRequests', label: 'Price per GB-second (USD)', hint: 'AWS Lambda, x86, US East', rule: { max: 1 }, initial: SCENARIO.wasmRequests.pricePerGbSecond },
  { key: 'wasmRequests.pricePerMillionRequests', option: 'wasmRequests', label: 'Price per million requests (USD)', hint: 'AWS Lambda', rule: { max: 1_000 }, initial: SCENARIO.wasmRequests.pricePerMillionRequests },
];

export function fieldSpec(key: FieldKey): FieldSpec {
  const spec = FIELDS.find((f) => f.key === key);
  if (!spec) throw new Error(`No cost field "${key}"`);
  return spec;
}

/** What a field shows before anyone edits it: plain digits, grouped when large. */
export function initialText(spec: FieldSpec): string {
  return spec.rule.integer ? spec.initial.toLocaleString('en-US') : String(spec.initial);
}

export function validateField(key: FieldKey, raw: string): FieldResult {
  return parseField(raw, fieldSpec(key).rule);
}

export type Values = Partial<Record<FieldKey, number>>;

export interface ResultRow {
  key: OptionKey;
  title: string;
  /** Null while an input of this option is invalid: the row says which, and never shows NaN. */
  total: number | null;
  /** The arithmetic with the current numbers, or which fields to fix. */
  formula: string;
  /** Against the VM row, e.g. "89% less"; empty for the VM row itself or when a total is missing. */
  comparison: string;
}

const count = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

function fieldsOf(option: OptionKey): FieldSpec[] {
  return FIELDS.filter((f) => f.option === option);
}

export function initialValues(): Values {
  return Object.fromEntries(FIELDS.map((f) => [f.key, f.initial])) as Values;
}

export function computeRows(values: Values): ResultRow[] {
  const rows = OPTIONS.map((option): Omit<ResultRow, 'comparison'> => {
    const missing = fieldsOf(option.key).filter((f) => values[f.key] === undefined);
    if (missing.length > 0) {
      return {
        key: option.key,
        title: option.title,
        total: null,
        formula: `Fix ${missing.map((f) => `“${f.label.replace(/ \(.*\)$/, '')}”`).join(' and ')} above.`,
      };
    }
    const v = (key: FieldKey) => values[key]!;
    if (option.key === 'wasmRequests') {
      const billing = {
        requestsPerMonth: v('wasmRequests.requestsPerMonth'),
        averageMs: v('wasmRequests.averageMs'),
        memoryMb: v('wasmRequests.memoryMb'),
        pricePerGbSecond: v('wasmRequests.pricePerGbSecond'),
        pricePerMillionRequests: v('wasmRequests.pricePerMillionRequests'),
      };
      const cost = requestMonthlyCost(billing);
      return {
        key: option.key,
        title: option.title,
        total: cost.total,
        formula:
          `${count(cost.gbSeconds)} GB-s × ${formatPrice(billing.pricePerGbSecond)}` +
          ` + ${count(billing.requestsPerMonth / 1_000_000)} million requests × ${formatPrice(billing.pricePerMillionRequests)}`,
      };
    }
    const billing = { instances: v(`${option.key}.instances` as FieldKey), hourlyPrice: v(`${option.key}.hourlyPrice` as FieldKey) };
    return {
      key: option.key,
      title: option.title,
      total: instanceMonthlyCost(billing),
      formula: `${count(billing.instances)} × ${formatPrice(billing.hourlyPrice)} × ${HOURS_PER_MONTH} h`,
    };
  });
  const vm = rows.find((r) => r.key === 'vm')!.total;
  return rows.map((row) => ({
    ...row,
    comparison:
      row.key === 'vm' || row.total === null || vm === null ? '' : formatSaving(savingAgainst(row.total, vm)),
  }));
}

/** The total as text: dollars and cents, or a dash while inputs are invalid. */
export function totalText(row: ResultRow): string {
  return row.total === null ? '–' : formatUsd(row.total);
}

/** Bar lengths as percentages of the largest total. */
export function barPercents(rows: ResultRow[]): Record<OptionKey, number> {
  const max = Math.max(0, ...rows.map((r) => r.total ?? 0));
  return Object.fromEntries(rows.map((r) => [r.key, max > 0 && r.total !== null ? (r.total / max) * 100 : 0])) as Record<
    OptionKey,
    number
  >;
}
