/**
 * Learning-path progress kept in the browser's localStorage: no account, nothing leaves the
 * machine. Every change reads the stored copy first and writes it back whole, so two open tabs
 * never overwrite each other's ticks; other tabs learn of a change through the `storage` event,
 * this tab through PROGRESS_CHANGE_EVENT.
 *
 * Contract for labs
 * -----------------
 * When a lab run finishes successfully, the lab page records it in one of two ways:
 *
 *   import { markLabRunComplete } from '@lib/progress/store.ts';
 *   markLabRunComplete('sampler');
 *
 * or, without importing anything, on a page that includes <LabRunRecorder /> (or any progress
 * component, which installs the same listener):
 *
 *   window.dispatchEvent(new CustomEvent('wol:lab-run-complete', { detail: { lab: 'sampler' } }));
 *
 * Either way the lab counts as completed, and every learning-path step with `lab: <id>` shows as
 * done. Call it only for a run that ended normally, not for one stopped, timed out or failed.
 *
 * The one rule for writers
 * ------------------------
 * Every change goes through updateProgress, which reads the stored copy first and refuses to write
 * (UnreadableProgressError) when that copy cannot be read: damaged, from a newer version of the
 * site, or not ours. Such a copy may be the learner's only record, so it stays byte for byte as it
 * is until they download it (unreadableCopy) or, after confirming, start afresh (startAfresh).
 */
import {
  emptyProgress,
  markLabComplete,
  mergeProgress,
  parseProgress,
  serializeProgress,
  setStepDone,
  withoutImpossibleDates,
  type Progress,
} from './progress.ts';

/** The localStorage key. The value inside is versioned (see PROGRESS_VERSION), the key is not. */
export const STORAGE_KEY = 'wol:progress';
/** Dispatched on window after this tab changes the progress; detail is the new Progress. */
export const PROGRESS_CHANGE_EVENT = 'wol:progress-change';
/** A lab page dispatches this on window when a run completes; detail is { lab: string }. */
export const LAB_RUN_COMPLETE_EVENT = 'wol:lab-run-complete';

/** The part of the Web Storage API the store uses, so tests can pass an in-memory one. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** What loading found: the progress to show, and a message when the saved copy could not be read. */
export interface LoadResult {
  progress: Progress;
  error?: string;
  /** The saved text, when it is there but cannot be read; kept untouched by every writer. */
  unreadable?: string;
}

export type ImportResult = { ok: true; progress: Progress } | { ok: false; error: string };

/** How an import combines a file with the progress saved here. */
export type ImportMode = 'replace' | 'merge';

/** A write was refused because the saved copy cannot be read; nothing was written. */
export class UnreadableProgressError extends Error {
  constructor(reason: string) {
    super(
      `Nothing was saved: the progress already saved in this browser cannot be read (${reason}) and is kept as it is. Download that copy or start afresh from “Your progress” on a learning path.`,
    );
    this.name = 'UnreadableProgressError';
  }
}

export class StorageUnavailableError extends Error {
  constructor(cause?: unknown) {
    super('Progress cannot be saved: this browser blocks local storage for this site, or it is full.', { cause });
    this.name = 'StorageUnavailableError';
  }
}

/** localStorage, or null where the browser blocks it (some privacy modes throw on access). */
export function browserStorage(): KeyValueStorage | null {
  try {
    const storage = globalThis.localStorage;
    return storage ?? null;
  } catch {
    return null;
  }
}

function requireStorage(storage: KeyValueStorage | null): KeyValueStorage {
  if (!storage) throw new StorageUnavailableError();
  return storage;
}

function notify(progress: Progress): void {
  const target = globalThis as unknown as Partial<EventTarget>;
  if (typeof target.dispatchEvent === 'function' && typeof CustomEvent === 'function') {
    target.dispatchEvent(new CustomEvent(PROGRESS_CHANGE_EVENT, { detail: progress }));
  }
}

/** The saved text, or null when nothing is saved; StorageUnavailableError when it cannot be asked. */
function storedText(storage: KeyValueStorage | null): string | null {
  try {
    return requireStorage(storage).getItem(STORAGE_KEY);
  } catch (cause) {
    if (cause instanceof StorageUnavailableError) throw cause;
    throw new StorageUnavailableError(cause);
  }
}

export function loadProgress(storage: KeyValueStorage | null = browserStorage()): LoadResult {
  let text: string | null;
  try {
    text = storedText(storage);
  } catch (error) {
    return { progress: emptyProgress(), error: (error as Error).message };
  }
  if (text === null) return { progress: emptyProgress() };
  const parsed = parseProgress(text);
  if (parsed.ok) return { progress: parsed.progress };
  return {
    progress: emptyProgress(),
    error: `The progress saved in this browser could not be read. ${parsed.error} It is kept exactly as it is: nothing is saved over it unless you choose to start afresh, and you can download it first.`,
    unreadable: text,
  };
}

/** The saved progress (empty when nothing is saved); throws rather than hand back a stand-in for an unreadable copy. */
function readableCopy(storage: KeyValueStorage | null): Progress {
  const text = storedText(storage);
  if (text === null) return emptyProgress();
  const parsed = parseProgress(text);
  if (!parsed.ok) throw new UnreadableProgressError(parsed.error);
  return parsed.progress;
}

/**
 * The one write path: reads the saved copy, applies `change` to it and saves the result. Throws
 * UnreadableProgressError, writing nothing, when the saved copy exists but cannot be read, and
 * StorageUnavailableError when storage refuses.
 */
export function updateProgress(
  change: (current: Progress) => Progress,
  storage: KeyValueStorage | null = browserStorage(),
): Progress {
  const next = change(readableCopy(storage));
  try {
    requireStorage(storage).setItem(STORAGE_KEY, serializeProgress(next));
  } catch (cause) {
    throw new StorageUnavailableError(cause);
  }
  notify(next);
  return next;
}

/** Saves `progress` in place of a readable (or absent) saved copy; see updateProgress. */
export function saveProgress(progress: Progress, storage: KeyValueStorage | null = browserStorage()): void {
  updateProgress(() => progress, storage);
}

/** Ticks or unticks a step, and returns the progress as saved. */
export function toggleStep(
  pathId: string,
  stepId: string,
  done: boolean,
  storage: KeyValueStorage | null = browserStorage(),
): Progress {
  return updateProgress((current) => setStepDone(current, pathId, stepId, done), storage);
}

/**
 * Clears every path and lab. The UI asks for confirmation first. An unreadable saved copy is not
 * cleared here (UnreadableProgressError): that takes startAfresh, after its own confirmation.
 */
export function resetProgress(storage: KeyValueStorage | null = browserStorage()): Progress {
  readableCopy(storage);
  try {
    requireStorage(storage).removeItem(STORAGE_KEY);
  } catch (cause) {
    throw new StorageUnavailableError(cause);
  }
  const cleared = emptyProgress();
  notify(cleared);
  return cleared;
}

/** The saved text when it exists and cannot be read (to offer it as a download), else null. */
export function unreadableCopy(storage: KeyValueStorage | null = browserStorage()): string | null {
  return loadProgress(storage).unreadable ?? null;
}

/**
 * Removes an unreadable saved copy, after the learner confirmed it. `seen` is the text they were
 * offered: if another tab has changed the saved copy since, nothing is removed and false returned.
 */
export function startAfresh(seen: string, storage: KeyValueStorage | null = browserStorage()): boolean {
  if (storedText(storage) !== seen) return false;
  try {
    requireStorage(storage).removeItem(STORAGE_KEY);
  } catch (cause) {
    throw new StorageUnavailableError(cause);
  }
  notify(emptyProgress());
  return true;
}

/**
 * Imports an exported file, after validating all of it: `replace` puts the file's progress in
 * place of this browser's, `merge` keeps the union of both (see mergeProgress). Labs whose
 * completion date is impossible are left out (see reviewImport). On any error nothing is written,
 * so the learner keeps what they had.
 */
export function importProgress(
  text: string,
  storage: KeyValueStorage | null = browserStorage(),
  mode: ImportMode = 'replace',
  now: Date = new Date(),
): ImportResult {
  const parsed = parseProgress(text);
  if (!parsed.ok) return parsed;
  const incoming = withoutImpossibleDates(parsed.progress, now);
  try {
    const saved = updateProgress((current) => (mode === 'merge' ? mergeProgress(current, incoming) : incoming), storage);
    return { ok: true, progress: saved };
  } catch (cause) {
    return { ok: false, error: (cause as Error).message };
  }
}

/**
 * The file an export downloads. Throws UnreadableProgressError when the saved copy cannot be read:
 * exporting empty progress then would pass for a backup while holding nothing.
 */
export function exportProgressText(
  storage: KeyValueStorage | null = browserStorage(),
  now: Date = new Date(),
): string {
  return serializeProgress(readableCopy(storage), now);
}

/**
 * Records a completed run of a lab (see the contract at the top of this file). Returns the
 * progress as saved. Throws TypeError for an id that is not lower-case-with-hyphens.
 */
export function markLabRunComplete(
  labId: string,
  storage: KeyValueStorage | null = browserStorage(),
  now: Date = new Date(),
): Progress {
  return updateProgress((current) => markLabComplete(current, labId, now), storage);
}

const LISTENING = Symbol.for('wol.progress.lab-listener');

/**
 * Installs the window listener for LAB_RUN_COMPLETE_EVENT once per page. A malformed event is
 * reported with console.warn rather than thrown, so a lab's mistake never breaks the page.
 */
export function listenForLabRuns(
  target: EventTarget = globalThis as unknown as EventTarget,
  storage: () => KeyValueStorage | null = browserStorage,
): void {
  const marked = target as EventTarget & { [LISTENING]?: boolean };
  if (marked[LISTENING]) return;
  marked[LISTENING] = true;
  target.addEventListener(LAB_RUN_COMPLETE_EVENT, (event) => {
    const lab = (event as CustomEvent<{ lab?: unknown }>).detail?.lab;
    if (typeof lab !== 'string') {
      console.warn(`${LAB_RUN_COMPLETE_EVENT}: expected detail.lab to be a lab id string`);
      return;
    }
    try {
      markLabRunComplete(lab, storage());
    } catch (error) {
      console.warn(`${LAB_RUN_COMPLETE_EVENT}: ${(error as Error).message}`);
    }
  });
}
