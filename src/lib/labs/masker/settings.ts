// The masker lab's settings: their schema, their URL form, and the plugin configuration they imply.
// A payload is never part of the settings in a link: only the rules and the traffic are.
import * as z from 'zod/mini';
import {
  booleanField, choiceField, numberField, readShareLink, writeShareLink, type ShareField, type ShareLinkSpec, type ShareNotice,
} from '../share-link.ts';
import { groupDigits } from '../../text/plain.ts';

export const SOURCES = ['payload', 'traffic'] as const;
export const CARD_KEEPS = ['last4', 'first6last4'] as const;
export const STYLES = ['all', 'last4', 'slots'] as const;
export const MAX_CUSTOM_RULES = 16;

/** The masker's own cap (16 MiB of UTF-8); the lab refuses larger input before it reaches the worker. */
export const MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

const whole = (message: string) => z.refine<number>((n) => Number.isInteger(n), message);

export const customRuleSchema = z.object({
  name: z.string('a rule needs a name').check(z.regex(/^[a-z0-9-]{1,32}$/, 'a rule name is 1 to 32 lowercase letters, digits or dashes')),
  kind: z.enum(['pattern', 'literal'], 'a rule is a pattern or a literal'),
  text: z.string('a rule needs its pattern or literal').check(z.minLength(1, 'a pattern or literal cannot be empty'), z.maxLength(64, 'a pattern or literal has at most 64 characters')),
  style: z.enum(STYLES, 'style must be all, last4 or slots'),
});
export type CustomRule = z.infer<typeof customRuleSchema>;

const fields = {
  source: z.enum(SOURCES, 'source must be payload or traffic'),
  card: z.boolean('card must be true or false'),
  cardKeep: z.enum(CARD_KEEPS, 'cardKeep must be last4 or first6last4'),
  cnMobile: z.boolean('cnMobile must be true or false'),
  e164: z.boolean('e164 must be true or false'),
  email: z.boolean('email must be true or false'),
  rules: z.array(customRuleSchema).check(z.maxLength(MAX_CUSTOM_RULES, `at most ${MAX_CUSTOM_RULES} custom rules`)),
  /** Synthetic requests per second, for the traffic source. */
  rate: z.number('rate must be a number').check(whole('rate must be a whole number'), z.gte(1, 'rate must be at least 1 request/s'), z.lte(200, 'rate must be at most 200 requests/s')),
  /** How long the traffic source runs, in seconds. */
  duration: z.number('duration must be a number').check(whole('duration must be whole seconds'), z.gte(2, 'duration must be at least 2 s'), z.lte(60, 'duration must be at most 60 s')),
};

export const maskerSettingsSchema = z.object({
  source: z._default(fields.source, 'payload'),
  card: z._default(fields.card, true),
  cardKeep: z._default(fields.cardKeep, 'last4'),
  cnMobile: z._default(fields.cnMobile, true),
  e164: z._default(fields.e164, true),
  email: z._default(fields.email, true),
  rules: z._default(fields.rules, []),
  rate: z._default(fields.rate, 20),
  duration: z._default(fields.duration, 10),
});
export type MaskerSettings = z.infer<typeof maskerSettingsSchema>;
export const DEFAULT_SETTINGS: MaskerSettings = maskerSettingsSchema.parse({});

/** What a run needs besides the settings: the payload, for the payload source. */
export interface MaskerRun extends MaskerSettings {
  payload?: string;
  /** Mask the generated large payload (built in the worker) instead of `payload`. */
  large?: boolean;
  /** A file the learner chose: the worker reads it, so its bytes never pass through the page. */
  file?: Blob;
}

export const CONTROLS = {
  rate: { min: 1, max: 200, step: 1 },
  duration: { min: 2, max: 60, step: 1 },
} as const;

/** Custom rules in a link: JSON, checked rule by rule. */
const rulesField: ShareField<CustomRule[]> = {
  read(raw) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      return { ok: false, message: 'the custom rules are not JSON' };
    }
    const result = fields.rules.safeParse(parsed);
    return result.success ? { ok: true, value: result.data } : { ok: false, message: result.error.issues.map((i) => i.message).join('; ') };
  },
  write: (value) => JSON.stringify(value),
};

export const MASKER_LINK: ShareLinkSpec<MaskerSettings> = {
  fields: {
    source: choiceField(fields.source),
    card: booleanField(fields.card),
    cardKeep: choiceField(fields.cardKeep),
    cnMobile: booleanField(fields.cnMobile),
    e164: booleanField(fields.e164),
    email: booleanField(fields.email),
    rules: rulesField,
    rate: numberField(fields.rate, { ...CONTROLS.rate, message: `the traffic is ${CONTROLS.rate.min} to ${CONTROLS.rate.max} whole requests/s` }),
    duration: numberField(fields.duration, { ...CONTROLS.duration, message: `the run length is ${CONTROLS.duration.min} to ${CONTROLS.duration.max} whole seconds` }),
  },
  defaults: DEFAULT_SETTINGS,
  version: 1,
};

export function settingsFromQuery(query: URLSearchParams): { settings: MaskerSettings; notices: ShareNotice[] } {
  const { settings, notices } = readShareLink(query, MASKER_LINK);
  return { settings, notices };
}

export function settingsToQuery(settings: MaskerSettings): URLSearchParams {
  return writeShareLink(settings, MASKER_LINK);
}

/** The plugin configuration (the JSON the Wasm masker parses) for these settings. */
export function pluginConfig(s: MaskerSettings): string {
  return JSON.stringify({
    card: { enabled: s.card, keep: s.cardKeep },
    'cn-mobile': { enabled: s.cnMobile },
    e164: { enabled: s.e164 },
    email: { enabled: s.email },
    custom: s.rules.map((r) => ({ name: r.name, [r.kind]: r.text, style: r.style })),
  });
}

/** Null when the payload is within the masker's cap; otherwise a sentence saying by how much it is over. */
export function payloadSizeError(payload: string): string | null {
  if (payload.length * 3 <= MAX_PAYLOAD_BYTES) return null;
  const bytes = payload.length > MAX_PAYLOAD_BYTES ? null : new TextEncoder().encode(payload).length;
  if (bytes !== null && bytes <= MAX_PAYLOAD_BYTES) return null;
  const size = bytes === null ? `${groupDigits(payload.length)} characters` : `${groupDigits(bytes)} bytes`;
  return `The payload is ${size}, over the masker's limit of 16 MiB (${groupDigits(MAX_PAYLOAD_BYTES)} bytes).`;
}
