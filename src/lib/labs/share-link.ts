import { groupDigits } from '../text/plain.ts';
/**
 * Share links: a lab's settings in the URL query, so a link reproduces a setup.
 *
 * A lab describes its settings as a field table (one entry per query key) and reads and writes
 * them through this module, which guarantees four things:
 *
 * - A query key is a setting only if it is an own property of the lab's table. Keys such as
 *   `toString`, `__proto__` or `constructor` are other parameters of the page, never settings
 *   (`key in table` would find them on Object.prototype and call them as fields).
 * - A value that does not fit, including one the lab's control cannot show (a slider that stops
 *   before the value), is not used and produces a visible notice. Nothing is changed silently.
 * - A notice quotes at most a short, truncated part of the value, and there are at most
 *   MAX_NOTICES of them, so a megabyte of query cannot grow the page.
 * - Links carry a version (`v=1`). A link of an older version is migrated by the lab's
 *   migrations; one that cannot be migrated, or one of a newer version, opens the lab with its
 *   defaults and a plain message saying so.
 *
 * Pure: no DOM and no `location`; the lab passes the query in and writes the result out.
 *
 * A lab uses it like this (the sampler's is in sampler/settings.ts and sampler/SamplerPanel.ts):
 *
 *   const LINK: ShareLinkSpec<MaskerSettings> = {
 *     fields: {
 *       mode: choiceField(schema.mode),                      // zod/mini schemas carry the messages
 *       rate: numberField(schema.rate, { min: 10, max: 500, step: 10, message: 'the slider shows 10 to 500 per second' }),
 *       strict: booleanField(schema.strict),
 *     },
 *     defaults: DEFAULTS,
 *     version: 1,
 *   };
 *   const { settings, notices } = readShareLink(new URLSearchParams(location.search), LINK);
 *   showShareNotices(noticeElement, notices);             // share-link-notice.ts, ShareLinkNotice.astro
 *   // on change:
 *   history.replaceState(history.state, '', `?${replaceInQuery(new URLSearchParams(location.search), next, LINK)}`);
 *
 * `v` is one key for the whole page: labs that share a page share its version.
 */

/** The query key that holds the link's version. */
export const VERSION_KEY = 'v';
/** At most this many characters of a bad value are quoted in a notice. */
export const MAX_QUOTED_CHARS = 40;
/** At most this many notices are listed; the rest are counted in one more notice. */
export const MAX_NOTICES = 8;

export type FieldResult<T> = { ok: true; value: T } | { ok: false; message: string };

/** One setting as a query parameter. */
export interface ShareField<T> {
  /** Reads the query value; a failure says why, in words a learner can act on. */
  read(raw: string): FieldResult<T>;
  /** The query value for a setting. */
  write(value: T): string;
}

/** The part of a zod (or zod/mini) schema a field needs: safeParse with messages. */
export interface Validator<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { message: string }[] } };
}

/** What a control on the page can show: a value outside it would be moved silently by the browser. */
export interface ControlRange {
  min: number;
  max: number;
  /** The control's step from `min`; a value between steps would be rounded by a range input. */
  step?: number;
  /** Says what the control shows, e.g. "the slider shows 10 to 2000 requests/s in steps of 10". */
  message: string;
}

/** Migrates a query of version N to version N + 1, or says why it cannot. */
export type Migration = (query: URLSearchParams) => URLSearchParams | { error: string };

export interface ShareLinkSpec<S extends object> {
  /** The settings, one field per query key. Only its own properties are ever read. */
  fields: { readonly [K in keyof S]: ShareField<S[K]> };
  /** The settings a link leaves out, and those used when a link cannot be read. */
  defaults: S;
  /** The version this page writes. */
  version: number;
  /** The version of a link without `v` (links written before versions existed). Default 1. */
  unversioned?: number;
  /** migrations[n] turns a version-n query into a version-(n + 1) one. */
  migrations?: Readonly<Record<number, Migration>>;
}

/** A query value that was ignored, and why. */
export interface ShareNotice {
  key: string;
  /** The value as quoted to the reader: at most MAX_QUOTED_CHARS characters, marked when cut. */
  quoted: string;
  message: string;
}

export interface ShareLinkRead<S> {
  settings: S;
  notices: ShareNotice[];
  /** The version the link was read as, after migration; null when it could not be read at all. */
  version: number | null;
  /** The link was of an older version and was migrated. */
  migrated: boolean;
}

const hasOwn = (obj: object, key: string): boolean => Object.prototype.hasOwnProperty.call(obj, key);

/**
 * A value as a notice may quote it: the first MAX_QUOTED_CHARS characters (whole code points, so
 * no half of an emoji), in double quotes; a longer value is cut with an ellipsis and its length.
 */
export function quoteShort(raw: string, max = MAX_QUOTED_CHARS): string {
  // Counting code points of a huge value would walk all of it; a prefix is enough to cut from.
  const head = Array.from(raw.slice(0, max * 2 + 2));
  if (head.length <= max && raw.length <= max * 2 + 2) return `"${raw}"`;
  return `"${head.slice(0, max).join('')}…" (${groupDigits(raw.length)} characters)`;
}

function firstMessage(result: { error: { issues: readonly { message: string }[] } }): string {
  return result.error.issues[0]?.message ?? 'not a valid value';
}

function validate<T>(schema: Validator<T>, value: unknown): FieldResult<T> {
  const parsed = schema.safeParse(value);
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, message: firstMessage(parsed) };
}

/** True when `value` is `min` plus a whole number of steps, allowing for binary fractions. */
export function onStep(value: number, min: number, step: number): boolean {
  const steps = (value - min) / step;
  return Math.abs(steps - Math.round(steps)) < 1e-9 * Math.max(1, Math.abs(steps));
}

function fitsControl(value: number, control: ControlRange | undefined): FieldResult<number> {
  if (!control) return { ok: true, value };
  const { min, max, step, message } = control;
  if (value < min || value > max || (step !== undefined && !onStep(value, min, step))) return { ok: false, message };
  return { ok: true, value };
}

/** A number. An empty value is not zero. `control`, when given, also has to be able to show it. */
export function numberField(schema: Validator<number>, control?: ControlRange): ShareField<number> {
  return {
    read(raw) {
      const result = validate(schema, raw.trim() === '' ? Number.NaN : Number(raw));
      return result.ok ? fitsControl(result.value, control) : result;
    },
    write: (value) => String(value),
  };
}

/** A switch, written 1 or 0; true/false are read too. */
export function booleanField(schema: Validator<boolean>): ShareField<boolean> {
  return {
    read(raw) {
      const value = raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : raw;
      return validate(schema, value);
    },
    write: (value) => (value ? '1' : '0'),
  };
}

/** One of a fixed set of words. */
export function choiceField<T extends string>(schema: Validator<T>): ShareField<T> {
  return { read: (raw) => validate(schema, raw), write: (value) => value };
}

function readVersion(query: URLSearchParams, unversioned: number): { version: number } | { notice: ShareNotice } {
  const raw = query.get(VERSION_KEY);
  if (raw === null) return { version: unversioned };
  if (!/^[1-9][0-9]{0,5}$/.test(raw)) {
    return {
      notice: {
        key: VERSION_KEY,
        quoted: quoteShort(raw),
        message: 'this is not a link version, so the settings in the link were not read and the defaults are used',
      },
    };
  }
  return { version: Number(raw) };
}

/** Brings a query of an older version up to `target`, or says why it cannot. */
function migrate(query: URLSearchParams, from: number, target: number, migrations: ShareLinkSpec<object>['migrations']): URLSearchParams | { error: string } {
  let current = query;
  for (let v = from; v < target; v++) {
    const step = migrations && hasOwn(migrations, String(v)) ? migrations[v] : undefined;
    if (!step) return { error: `there is no way to bring version ${v} settings up to version ${v + 1}` };
    const next = step(new URLSearchParams(current));
    if (!(next instanceof URLSearchParams)) return next;
    current = next;
  }
  return current;
}

/**
 * Reads a lab's settings from a URL query. Parameters that are not the lab's are left alone
 * (they belong to other parts of the page). Each value of the lab's that cannot be used keeps its
 * default and adds a notice; a link that cannot be read as a whole opens with the defaults and one
 * notice that says why.
 */
export function readShareLink<S extends object>(query: URLSearchParams, spec: ShareLinkSpec<S>): ShareLinkRead<S> {
  const settings = { ...spec.defaults };
  const found = readVersion(query, spec.unversioned ?? 1);
  if ('notice' in found) return { settings, notices: [found.notice], version: null, migrated: false };
  const { version } = found;
  if (version > spec.version) {
    return {
      settings,
      notices: [{
        key: VERSION_KEY,
        quoted: quoteShort(String(version)),
        message: `this link was made by a newer version of this lab (link version ${version}; this page reads version ${spec.version} and older), so its settings were not read and the defaults are used`,
      }],
      version: null,
      migrated: false,
    };
  }
  let current = query;
  if (version < spec.version) {
    const migrated = migrate(query, version, spec.version, spec.migrations);
    if (!(migrated instanceof URLSearchParams)) {
      return {
        settings,
        notices: [{
          key: VERSION_KEY,
          quoted: quoteShort(String(version)),
          message: `this link's settings (link version ${version}) cannot be migrated to this page's version ${spec.version}: ${migrated.error}; the defaults are used`,
        }],
        version: null,
        migrated: false,
      };
    }
    current = migrated;
  }

  const notices: ShareNotice[] = [];
  let unlisted = 0;
  const report = (notice: ShareNotice) => {
    if (notices.length < MAX_NOTICES) notices.push(notice);
    else unlisted++;
  };
  // Times each of the lab's keys appears: a repeated key is reported once, not once per copy.
  const seen = new Map<string, number>();
  const fields = spec.fields as Record<string, ShareField<unknown>>;
  const target = settings as Record<string, unknown>;
  for (const [key, raw] of current) {
    if (key === VERSION_KEY || !hasOwn(fields, key)) continue;
    const times = (seen.get(key) ?? 0) + 1;
    seen.set(key, times);
    if (times > 1) continue;
    const result = fields[key].read(raw);
    if (result.ok) target[key] = result.value;
    else report({ key, quoted: quoteShort(raw), message: result.message });
  }
  for (const [key, times] of seen) {
    if (times > 1) report({ key: '', quoted: '', message: `${key} is given ${groupDigits(times)} times in the link; only the first was read` });
  }
  if (unlisted > 0) {
    notices.push({ key: '', quoted: '', message: `${unlisted} more ${unlisted === 1 ? 'value was' : 'values were'} not valid and ${unlisted === 1 ? 'was' : 'were'} ignored too` });
  }
  return { settings, notices, version: spec.version, migrated: version < spec.version };
}

/**
 * The settings as a query: the version, then each setting that differs from its default, so
 * links stay short. Settings all at their defaults give an empty query.
 */
export function writeShareLink<S extends object>(settings: S, spec: ShareLinkSpec<S>): URLSearchParams {
  const query = new URLSearchParams();
  const fields = spec.fields as Record<string, ShareField<unknown>>;
  const defaults = spec.defaults as Record<string, unknown>;
  const values = settings as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (!hasOwn(values, key) || Object.is(values[key], defaults[key])) continue;
    if (!query.has(VERSION_KEY)) query.set(VERSION_KEY, String(spec.version));
    query.set(key, fields[key].write(values[key]));
  }
  return query;
}

/**
 * The page's query with this lab's settings replaced: other parameters are kept in their order,
 * the lab's own keys are removed and written afresh.
 */
export function replaceInQuery<S extends object>(pageQuery: URLSearchParams, settings: S, spec: ShareLinkSpec<S>): URLSearchParams {
  const query = new URLSearchParams(pageQuery);
  for (const key of Object.keys(spec.fields)) query.delete(key);
  const written = writeShareLink(settings, spec);
  if (written.size > 0) query.delete(VERSION_KEY);
  for (const [key, value] of written) query.set(key, value);
  return query;
}

/** A notice as one line of text, e.g. `rate="3000": the slider shows 10 to 2000 requests/s`. */
export function noticeText(notice: ShareNotice): string {
  return notice.key ? `${notice.key}=${notice.quoted}: ${notice.message}` : notice.message;
}
