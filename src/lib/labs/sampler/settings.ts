// The sampler lab's settings: their schema, their URL form, and the plugin configuration they imply.
// zod/mini rather than zod: the same schema and messages at a fraction of the bytes, and this file
// is shipped to the browser twice (the page and the worker).
import * as z from 'zod/mini';
import { booleanField, choiceField, numberField, readShareLink, writeShareLink, type ShareLinkSpec, type ShareNotice } from '../share-link.ts';
import { forLink, withPreset } from './presets.ts';
import { groupDigits } from '../../text/plain.ts';

export const POLICIES = ['ratio', 'parent-based', 'route-rules'] as const;
export const BOOSTS = ['off', 'promotion', 'incident'] as const;
/** xor: OpenTelemetry JS's TraceIdRatioBased; threshold: the specification's 56-bit threshold. */
export const ALGORITHMS = ['xor', 'threshold'] as const;
/** The three-service scenario: off, one of its presets, or the learner's own per-service settings. */
export const SCENARIOS = ['off', 'mixed', 'parent-based', 'one-algorithm', 'custom'] as const;
export type Algorithm = (typeof ALGORITHMS)[number];

/** How long the promotion or incident switch raises the rate, once turned on. */
export const BOOST_WINDOW_MS = 15_000;

/**
 * The largest plugin configuration the lab passes to the component, in UTF-8 bytes. A real one is
 * a few hundred bytes (at most 64 route rules, which the plugin enforces); anything near this
 * size is a paste gone wrong. Larger input is refused in the panel before it reaches the textarea
 * or the worker, and again in the worker before the component sees it: a multi-megabyte string
 * exhausts the module's 16 MiB of memory mid-parse and leaves the component unusable.
 */
export const MAX_PLUGIN_CONFIG_BYTES = 64 * 1024;

const whole = (message: string) => z.refine<number>((n) => Number.isInteger(n), message);

const fields = {
  /** ratio: trace-id ratio only; parent-based: follow an upstream sampled flag; route-rules: /checkout at 100%. */
  policy: z.enum(POLICIES, 'policy must be ratio, parent-based or route-rules'),
  /** The default sampling ratio, from 0 to 1. */
  ratio: z.number('ratio must be a number').check(z.gte(0, 'ratio must be at least 0'), z.lte(1, 'ratio must be at most 1')),
  /** Keep every error span and every HTTP 5xx whatever the ratio. */
  forceKeep: z.boolean('forceKeep must be true or false'),
  /** The incident/promotion switch: raises the ratio to 50% or 5% for BOOST_WINDOW_MS. */
  boost: z.enum(BOOSTS, 'boost must be off, promotion or incident'),
  /** Synthetic requests per second. */
  rate: z.number('rate must be a number').check(whole('rate must be a whole number'), z.gte(1, 'rate must be at least 1 request/s'), z.lte(5000, 'rate must be at most 5000 requests/s')),
  /** Share of requests that fail with a 5xx, from 0 to 1. */
  errorRate: z.number('errorRate must be a number').check(z.gte(0, 'errorRate must be at least 0'), z.lte(1, 'errorRate must be at most 1')),
  /** How long a run sends traffic, in seconds. */
  duration: z.number('duration must be a number').check(whole('duration must be whole seconds'), z.gte(5, 'duration must be at least 5 s'), z.lte(120, 'duration must be at most 120 s')),
  algorithm: z.enum(ALGORITHMS, 'algorithm must be xor or threshold'),
  scenario: z.enum(SCENARIOS, `scenario must be ${SCENARIOS.join(', ')}`),
  parentBased: z.boolean('parent-based must be true or false'),
};


export const samplerSettingsSchema = z.object({
  policy: z._default(fields.policy, 'ratio'),
  ratio: z._default(fields.ratio, 0.25),
  forceKeep: z._default(fields.forceKeep, true),
  boost: z._default(fields.boost, 'off'),
  rate: z._default(fields.rate, 200),
  errorRate: z._default(fields.errorRate, 0.02),
  duration: z._default(fields.duration, 30),
  algorithm: z._default(fields.algorithm, 'xor'),
  scenario: z._default(fields.scenario, 'off'),
  // The per-service settings of the 'custom' scenario; their defaults are the 'mixed' preset.
  gatewayAlgorithm: z._default(fields.algorithm, 'xor'),
  gatewayRatio: z._default(fields.ratio, 0.25),
  checkoutAlgorithm: z._default(fields.algorithm, 'threshold'),
  checkoutRatio: z._default(fields.ratio, 0.25),
  checkoutParentBased: z._default(fields.parentBased, false),
  paymentsAlgorithm: z._default(fields.algorithm, 'xor'),
  paymentsRatio: z._default(fields.ratio, 0.1),
  paymentsParentBased: z._default(fields.parentBased, false),
});

export type SamplerSettings = z.infer<typeof samplerSettingsSchema>;
export const DEFAULT_SETTINGS: SamplerSettings = samplerSettingsSchema.parse({});

/**
 * What the page's controls can show (SamplerLab.astro renders them from this). The schema allows
 * more, for scripts and the worker; a link asking for more than a control shows is refused with a
 * notice rather than moved to the nearest value the control has.
 */
export const CONTROLS = {
  ratio: { min: 0, max: 1, step: 0.005 },
  rate: { min: 10, max: 2000, step: 10 },
  errorRate: { min: 0, max: 0.5, step: 0.01 },
  duration: { min: 5, max: 120, step: 1 },
} as const;

const pct = (x: number) => `${+(x * 100).toFixed(1)}%`;

/** The sampler's settings as a share link (see ../share-link.ts). Version 1 is also every link written before links had a version. */
export const SAMPLER_LINK: ShareLinkSpec<SamplerSettings> = /* @__PURE__ */ samplerLink();

// Built in a function marked pure, so that a bundle that never reads links (the lab worker) drops
// the field readers and their messages.
function samplerLink(): ShareLinkSpec<SamplerSettings> {
  const algorithmField = choiceField(fields.algorithm);
  const parentBasedField = booleanField(fields.parentBased);
  const serviceRatioField = numberField(fields.ratio, { ...CONTROLS.ratio, message: `a service's ratio slider shows ${pct(CONTROLS.ratio.min)} to ${pct(CONTROLS.ratio.max)} in steps of ${pct(CONTROLS.ratio.step)}` });
  return {
    fields: {
      policy: choiceField(fields.policy),
      ratio: numberField(fields.ratio, { ...CONTROLS.ratio, message: `the ratio slider shows ${pct(CONTROLS.ratio.min)} to ${pct(CONTROLS.ratio.max)} in steps of ${pct(CONTROLS.ratio.step)}` }),
      forceKeep: booleanField(fields.forceKeep),
      boost: choiceField(fields.boost),
      rate: numberField(fields.rate, { ...CONTROLS.rate, message: `the traffic slider shows ${CONTROLS.rate.min} to ${CONTROLS.rate.max} requests/s in steps of ${CONTROLS.rate.step}` }),
      errorRate: numberField(fields.errorRate, { ...CONTROLS.errorRate, message: `the error-rate slider shows ${pct(CONTROLS.errorRate.min)} to ${pct(CONTROLS.errorRate.max)} in steps of ${pct(CONTROLS.errorRate.step)}` }),
      duration: numberField(fields.duration, { ...CONTROLS.duration, message: `the run length is ${CONTROLS.duration.min} to ${CONTROLS.duration.max} whole seconds` }),
      algorithm: algorithmField,
      scenario: choiceField(fields.scenario),
      gatewayAlgorithm: algorithmField,
      gatewayRatio: serviceRatioField,
      checkoutAlgorithm: algorithmField,
      checkoutRatio: serviceRatioField,
      checkoutParentBased: parentBasedField,
      paymentsAlgorithm: algorithmField,
      paymentsRatio: serviceRatioField,
      paymentsParentBased: parentBasedField,
    },
    defaults: DEFAULT_SETTINGS,
    version: 1,
    unversioned: 1,
  };
}

/**
 * Reads settings from a URL query. A value that does not fit is replaced by its default and
 * reported, so a shared link with a typo still opens a working lab and says what it ignored.
 */
export function settingsFromQuery(query: URLSearchParams): { settings: SamplerSettings; notices: ShareNotice[] } {
  const { settings, notices } = readShareLink(query, SAMPLER_LINK);
  return { settings: withPreset(settings), notices };
}

/** The settings as a URL query (with v=1), leaving out those at their default so links stay short. */
export function settingsToQuery(settings: SamplerSettings): URLSearchParams {
  return writeShareLink(forLink(settings), SAMPLER_LINK);
}

/**
 * Null when a plugin configuration's size is within MAX_PLUGIN_CONFIG_BYTES; otherwise its size and
 * the limit, as a phrase (e.g. "3,145,728 characters, over the limit of 64 KiB (65,536 bytes)").
 */
export function pluginConfigSizeError(config: string): string | null {
  // UTF-8 is at least one byte per UTF-16 unit, so a long string is over without counting it all.
  const bytes = config.length > MAX_PLUGIN_CONFIG_BYTES ? null : new TextEncoder().encode(config).length;
  if (bytes !== null && bytes <= MAX_PLUGIN_CONFIG_BYTES) return null;
  const size = bytes === null ? `${groupDigits(config.length)} characters` : `${groupDigits(bytes)} bytes`;
  return `${size}, over the limit of ${MAX_PLUGIN_CONFIG_BYTES / 1024} KiB (${groupDigits(MAX_PLUGIN_CONFIG_BYTES)} bytes)`;
}

/** The routes the synthetic service serves, with their share of traffic. */
export const ROUTES = [
  { route: '/products', method: 'GET', share: 0.35 },
  { route: '/search', method: 'GET', share: 0.2 },
  { route: '/cart', method: 'GET', share: 0.15 },
  { route: '/checkout', method: 'POST', share: 0.1 },
  { route: '/api/users', method: 'GET', share: 0.15 },
  { route: '/health', method: 'GET', share: 0.05 },
] as const;

/**
 * The plugin configuration (the JSON the Wasm sampler parses) for these settings.
 * `boostSince` is when the switch was turned on (Unix ms), or null.
 */
export function pluginConfig(settings: SamplerSettings, boostSince: number | null): string {
  return JSON.stringify({
    ratio: settings.ratio,
    parentBased: settings.policy === 'parent-based',
    forceKeep: { errors: settings.forceKeep, http5xx: settings.forceKeep },
    routes: settings.policy === 'route-rules' ? [{ route: '/checkout', ratio: 1 }, { route: '/health', ratio: 0 }] : [],
    boost: settings.boost !== 'off' && boostSince !== null ? { mode: settings.boost, untilMs: boostSince + BOOST_WINDOW_MS } : null,
    algorithm: settings.algorithm,
  });
}
