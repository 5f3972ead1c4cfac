// The sampler lab's settings: their schema, their URL form, and the plugin configuration they imply.
import { z } from 'astro/zod';

export const POLICIES = ['ratio', 'parent-based', 'route-rules'] as const;
export const BOOSTS = ['off', 'promotion', 'incident'] as const;

/** How long the promotion or incident switch raises the rate, once turned on. */
export const BOOST_WINDOW_MS = 15_000;

export const samplerSettingsSchema = z.object({
  /** ratio: trace-id ratio only; parent-based: follow an upstream sampled flag; route-rules: /checkout at 100%. */
  policy: z.enum(POLICIES, { message: 'policy must be ratio, parent-based or route-rules' }).default('ratio'),
  /** The default sampling ratio, from 0 to 1. */
  ratio: z.number({ message: 'ratio must be a number' }).min(0, 'ratio must be at least 0').max(1, 'ratio must be at most 1').default(0.25),
  /** Keep every error span and every HTTP 5xx whatever the ratio. */
  forceKeep: z.boolean({ message: 'forceKeep must be true or false' }).default(true),
  /** The incident/promotion switch: raises the ratio to 50% or 5% for BOOST_WINDOW_MS. */
  boost: z.enum(BOOSTS, { message: 'boost must be off, promotion or incident' }).default('off'),
  /** Synthetic requests per second. */
  rate: z.number({ message: 'rate must be a number' }).int('rate must be a whole number').min(1, 'rate must be at least 1 request/s').max(5000, 'rate must be at most 5000 requests/s').default(200),
  /** Share of requests that fail with a 5xx, from 0 to 1. */
  errorRate: z.number({ message: 'errorRate must be a number' }).min(0, 'errorRate must be at least 0').max(1, 'errorRate must be at most 1').default(0.02),
  /** How long a run sends traffic, in seconds. */
  duration: z.number({ message: 'duration must be a number' }).int('duration must be whole seconds').min(5, 'duration must be at least 5 s').max(120, 'duration must be at most 120 s').default(30),
});

export type SamplerSettings = z.infer<typeof samplerSettingsSchema>;
export const DEFAULT_SETTINGS: SamplerSettings = samplerSettingsSchema.parse({});

const NUMERIC = new Set(['ratio', 'rate', 'errorRate', 'duration']);
const BOOLEAN = new Set(['forceKeep']);

/** A query value that was ignored, and why. */
export interface SettingNotice {
  key: string;
  value: string;
  message: string;
}

/**
 * Reads settings from a URL query. A value that does not fit is replaced by its default and
 * reported, so a shared link with a typo still opens a working lab and says what it ignored.
 */
export function settingsFromQuery(query: URLSearchParams): { settings: SamplerSettings; notices: SettingNotice[] } {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  const notices: SettingNotice[] = [];
  const shape = samplerSettingsSchema.shape;
  for (const [key, raw] of query) {
    if (!(key in shape)) continue; // other parameters belong to other parts of the page
    let value: unknown = raw;
    if (NUMERIC.has(key)) value = raw.trim() === '' ? NaN : Number(raw);
    if (BOOLEAN.has(key)) value = raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : raw;
    const parsed = shape[key as keyof typeof shape].safeParse(value);
    if (parsed.success) settings[key] = parsed.data;
    else notices.push({ key, value: raw, message: parsed.error.issues[0]?.message ?? 'not a valid value' });
  }
  return { settings: settings as SamplerSettings, notices };
}

/** The settings as a URL query, leaving out those at their default so links stay short. */
export function settingsToQuery(settings: SamplerSettings): URLSearchParams {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(settings)) {
    if (value === DEFAULT_SETTINGS[key as keyof SamplerSettings]) continue;
    query.set(key, typeof value === 'boolean' ? (value ? '1' : '0') : String(value));
  }
  return query;
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
  });
}
