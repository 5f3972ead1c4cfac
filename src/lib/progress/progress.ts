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

/** Ticks or unticks one step; returns a new value and leaves the argument untouched. */
export function setStepDone(progress: Progress, pathId: string, stepId: string, done: boolean): Progress {
  if (!isValidId(pathId) || !isValidId(stepId)) {
    throw new TypeError(`Invalid path or step id: "${pathId}", "${stepId}"`);
  }
  const current = new Set(progress.steps[pathId] ?? []);
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
  return step.lab ? progress.labs[step.lab] : undefined;
}

/** A step is done when the learner ticked it, or when it is a lab step and the lab has a completed run. */
export function isStepDone(progress: Progress, pathId: string, step: CountableStep): boolean {
  return (progress.steps[pathId]?.includes(step.id) ?? false) || labCompletion(progress, step) !== undefined;
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
