/**
 * The learner's progress: which steps of which learning paths are ticked, and which labs have a
 * completed run. It lives in the browser only (see store.ts) and moves between browsers as an
 * exported file, so the format is versioned and every file is validated before it replaces
 * anything.
 *
 * Everything here is pure: no DOM, no storage, no clock unless one is passed in.
 */

/** Written into every saved or exported copy, so a file from elsewhere is never mistaken for one. */
export const PROGRESS_FORMAT = 'wasm-observability-labs/progress';
/** Bump when the shape changes, and teach parseProgress to read the older versions. */
export const PROGRESS_VERSION = 1;
/** A progress file is a few kilobytes; anything far larger is not one. */
export const MAX_PROGRESS_FILE_BYTES = 256 * 1024;

export interface Progress {
  format: typeof PROGRESS_FORMAT;
  version: typeof PROGRESS_VERSION;
  /** Ticked step ids, per path id, sorted and without duplicates. */
  steps: Record<string, string[]>;
  /** Labs with at least one completed run: lab id -> ISO 8601 time of the latest completed run. */
  labs: Record<string, string>;
}

/** The little a step needs to be counted; a learning path step from content/paths/ fits it. */
export interface CountableStep {
  id: string;
  lab?: string;
}

export type ParseResult = { ok: true; progress: Progress } | { ok: false; error: string };

const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export function emptyProgress(): Progress {
  return { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, steps: {}, labs: {} };
}

export function isValidId(id: unknown): boolean {
  return typeof id === 'string' && id.length <= 100 && ID.test(id);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isIsoTime(value: unknown): value is string {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(value) && !Number.isNaN(Date.parse(value));
}

/**
 * Reads a saved or exported copy. Every failure names what is wrong in words a learner can act on;
 * the caller shows it and keeps the progress it had.
 */
export function parseProgress(text: string): ParseResult {
  if (text.length > MAX_PROGRESS_FILE_BYTES) {
    return { ok: false, error: 'The file is too large to be a progress file.' };
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, error: 'The file is not valid JSON; it may be damaged or not a progress file at all.' };
  }
  if (!isPlainObject(data) || data.format !== PROGRESS_FORMAT) {
    return {
      ok: false,
      error: 'This file is not a progress file from Wasm Observability Labs (it lacks the "format" marker).',
    };
  }
  const { version } = data;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, error: 'The file has no valid format version, so it cannot be read safely.' };
  }
  if (version > PROGRESS_VERSION) {
    return {
      ok: false,
      error: `The file uses format version ${version}, which is newer than this site understands (version ${PROGRESS_VERSION}).`,
    };
  }
  const damaged = (what: string): ParseResult => ({ ok: false, error: `The file is damaged: ${what}.` });

  if (!isPlainObject(data.steps)) return damaged('"steps" must be an object of path ids');
  const steps: Record<string, string[]> = {};
  for (const [pathId, ids] of Object.entries(data.steps)) {
    if (!isValidId(pathId)) return damaged(`"${pathId.slice(0, 40)}" is not a valid path id`);
    if (!Array.isArray(ids) || !ids.every(isValidId)) {
      return damaged(`"steps.${pathId}" must be a list of step ids`);
    }
    if (ids.length > 0) steps[pathId] = [...new Set(ids)].sort();
  }

  if (!isPlainObject(data.labs)) return damaged('"labs" must be an object of lab ids');
  const labs: Record<string, string> = {};
  for (const [labId, at] of Object.entries(data.labs)) {
    if (!isValidId(labId)) return damaged(`"${labId.slice(0, 40)}" is not a valid lab id`);
    if (!isIsoTime(at)) return damaged(`"labs.${labId}" must be the date and time of a completed run`);
    labs[labId] = at;
  }
  return { ok: true, progress: { format: PROGRESS_FORMAT, version: PROGRESS_VERSION, steps, labs } };
}

/** The JSON text that is saved and exported. `exportedAt` is informational; parseProgress ignores it. */
export function serializeProgress(progress: Progress, exportedAt?: Date): string {
  const body: Record<string, unknown> = { ...progress };
  if (exportedAt) body.exportedAt = exportedAt.toISOString();
  return JSON.stringify(body, null, 2) + '\n';
}

// Own properties only: an id such as "constructor" is valid and must not find Object.prototype's.
const hasOwnKey = (obj: object, key: string) => Object.prototype.hasOwnProperty.call(obj, key);
const ownSteps = (progress: Progress, pathId: string): string[] => (hasOwnKey(progress.steps, pathId) ? progress.steps[pathId]! : []);

/** Ticks or unticks one step; returns a new value and leaves the argument untouched. */
export function setStepDone(progress: Progress, pathId: string, stepId: string, done: boolean): Progress {
  if (!isValidId(pathId) || !isValidId(stepId)) {
    throw new TypeError(`Invalid path or step id: "${pathId}", "${stepId}"`);
  }
  const current = new Set(ownSteps(progress, pathId));
  if (done) current.add(stepId);
  else current.delete(stepId);
  const steps = { ...progress.steps };
  if (current.size > 0) steps[pathId] = [...current].sort();
  else delete steps[pathId];
  return { ...progress, steps };
}

/** Records a completed lab run at the given time; returns a new value. */
export function markLabComplete(progress: Progress, labId: string, at: Date): Progress {
  if (!isValidId(labId)) throw new TypeError(`Invalid lab id: "${labId}"`);
  if (Number.isNaN(at.getTime())) throw new TypeError('Invalid completion time');
  return { ...progress, labs: { ...progress.labs, [labId]: at.toISOString() } };
}

/** When the step was completed through its lab, the time of the latest completed run. */
export function labCompletion(progress: Progress, step: CountableStep): string | undefined {
  return step.lab && hasOwnKey(progress.labs, step.lab) ? progress.labs[step.lab] : undefined;
}

/** A step is done when the learner ticked it, or when it is a lab step and the lab has a completed run. */
export function isStepDone(progress: Progress, pathId: string, step: CountableStep): boolean {
  return ownSteps(progress, pathId).includes(step.id) || labCompletion(progress, step) !== undefined;
}

export function countDone(progress: Progress, pathId: string, steps: readonly CountableStep[]): number {
  return steps.filter((step) => isStepDone(progress, pathId, step)).length;
}

/** A whole-number percentage for a progress bar; 0 for an empty path. */
export function percentDone(done: number, total: number): number {
  return total > 0 ? Math.round((done / total) * 100) : 0;
}

/** Ticked steps plus completed labs: how much a reset or an import would replace. */
export function progressSize(progress: Progress): { steps: number; paths: number; labs: number } {
  const lists = Object.values(progress.steps);
  return {
    steps: lists.reduce((n, ids) => n + ids.length, 0),
    paths: lists.length,
    labs: Object.keys(progress.labs).length,
  };
}

/** A file name that sorts by date, e.g. wol-progress-2026-11-22.json. */
export function exportFileName(at: Date): string {
  return `wol-progress-${at.toISOString().slice(0, 10)}.json`;
}

/** The earliest completion date a progress file can hold: the site did not exist before. */
export const EARLIEST_PROGRESS_DATE = '2024-01-01T00:00:00Z';
/** Clocks differ between machines; a completion this far ahead of ours is still believable. */
const CLOCK_SLACK_MS = 24 * 60 * 60 * 1000;

/**
 * Why a lab's completion time cannot be true, or null when it can: a calendar date that does not
 * exist (Date.parse reads 2026-02-30 as 2 March), a time in the future, or one before the site.
 */
export function impossibleDate(at: string, now: Date): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(at);
  if (!m) return 'not a date and time';
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59) {
    return 'no such day';
  }
  const time = Date.parse(at);
  if (time > now.getTime() + CLOCK_SLACK_MS) return 'in the future';
  if (time < Date.parse(EARLIEST_PROGRESS_DATE)) return 'before this site existed';
  return null;
}

/** The progress without labs whose completion time is impossible. */
export function withoutImpossibleDates(progress: Progress, now: Date): Progress {
  const labs: Record<string, string> = {};
  for (const [id, at] of Object.entries(progress.labs)) if (impossibleDate(at, now) === null) labs[id] = at;
  return { ...progress, labs };
}

/** Everything ticked in either, and for each lab the later completion. */
export function mergeProgress(mine: Progress, theirs: Progress): Progress {
  // A Map, not an object: a path id such as "constructor" must not find Object.prototype's.
  const union = new Map<string, Set<string>>();
  for (const source of [mine.steps, theirs.steps]) {
    for (const [pathId, ids] of Object.entries(source)) union.set(pathId, new Set([...(union.get(pathId) ?? []), ...ids]));
  }
  const steps = Object.fromEntries([...union].map(([pathId, ids]) => [pathId, [...ids].sort()]));
  const labs: Record<string, string> = { ...mine.labs };
  for (const [id, at] of Object.entries(theirs.labs)) {
    const current = hasOwnKey(labs, id) ? labs[id] : undefined;
    if (current === undefined || Date.parse(at) > Date.parse(current)) labs[id] = at;
  }
  return { ...mine, steps, labs };
}

/** The paths and labs this site has, so an import can be checked against them. */
export interface ProgressCatalog {
  paths: Record<string, { title: string; steps: CountableStep[] }>;
  labs: string[];
}

/** What an import would change, for the learner to read before it is written. */
export interface ImportReview {
  /** Paths where either side has something done, in catalog order. */
  paths: { id: string; title: string; total: number; mine: number; theirs: number; merged: number }[];
  /** Path ids in the file that this site does not have. */
  unknownPaths: string[];
  /** Step ids in the file, as "path/step", that their (known) path does not have. */
  unknownSteps: string[];
  /** Lab ids in the file that this site does not have. */
  unknownLabs: string[];
  /** Lab completions in the file with an impossible time; an import leaves them out. */
  impossibleDates: { lab: string; at: string; why: string }[];
}

export function reviewImport(mine: Progress, file: Progress, catalog: ProgressCatalog, now: Date): ImportReview {
  const impossibleDates = Object.entries(file.labs)
    .map(([lab, at]) => ({ lab, at, why: impossibleDate(at, now) }))
    .filter((d): d is { lab: string; at: string; why: string } => d.why !== null);
  const theirs = withoutImpossibleDates(file, now);
  const merged = mergeProgress(mine, theirs);
  const paths: ImportReview['paths'] = [];
  for (const [id, path] of Object.entries(catalog.paths)) {
    const row = {
      id,
      title: path.title,
      total: path.steps.length,
      mine: countDone(mine, id, path.steps),
      theirs: countDone(theirs, id, path.steps),
      merged: countDone(merged, id, path.steps),
    };
    if (row.mine > 0 || row.theirs > 0) paths.push(row);
  }
  const unknownPaths: string[] = [];
  const unknownSteps: string[] = [];
  for (const [pathId, ids] of Object.entries(file.steps)) {
    if (!hasOwnKey(catalog.paths, pathId)) {
      unknownPaths.push(pathId);
      continue;
    }
    const known = new Set(catalog.paths[pathId]!.steps.map((s) => s.id));
    for (const id of ids) if (!known.has(id)) unknownSteps.push(`${pathId}/${id}`);
  }
  const unknownLabs = Object.keys(file.labs).filter((id) => !catalog.labs.includes(id));
  return { paths, unknownPaths, unknownSteps, unknownLabs, impossibleDates };
}
