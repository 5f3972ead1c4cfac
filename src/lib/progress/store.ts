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
 */
import {
  emptyProgress,
  markLabComplete,
  parseProgress,
  serializeProgress,
  setStepDone,
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
}

export type ImportResult = { ok: true; progress: Progress } | { ok: false; error: string };

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

export function loadProgress(storage: KeyValueStorage | null = browserStorage()): LoadResult {
  if (!storage) return { progress: emptyProgress(), error: new StorageUnavailableError().message };
  let text: string | null;
  try {
    text = storage.getItem(STORAGE_KEY);
  } catch (cause) {
    return { progress: emptyProgress(), error: new StorageUnavailableError(cause).message };
  }
  if (text === null) return { progress: emptyProgress() };
  const parsed = parseProgress(text);
  if (parsed.ok) return { progress: parsed.progress };
  return {
    progress: emptyProgress(),
    error: `The progress saved in this browser could not be read. ${parsed.error}`,
  };
}

export function saveProgress(progress: Progress, storage: KeyValueStorage | null = browserStorage()): void {
  try {
    requireStorage(storage).setItem(STORAGE_KEY, serializeProgress(progress));
  } catch (cause) {
    if (cause instanceof StorageUnavailableError) throw cause;
    throw new StorageUnavailableError(cause);
  }
  notify(progress);
}

/** Ticks or unticks a step, and returns the progress as saved. */
export function toggleStep(
  pathId: string,
  stepId: string,
  done: boolean,
  storage: KeyValueStorage | null = browserStorage(),
): Progress {
  const next = setStepDone(loadProgress(storage).progress, pathId, stepId, done);
  saveProgress(next, storage);
  return next;
}

/** Clears every path and lab. The UI asks for confirmation first. */
export function resetProgress(storage: KeyValueStorage | null = browserStorage()): Progress {
  try {
    requireStorage(storage).removeItem(STORAGE_KEY);
  } catch (cause) {
    if (cause instanceof StorageUnavailableError) throw cause;
    throw new StorageUnavailableError(cause);
  }
  const cleared = emptyProgress();
  notify(cleared);
  return cleared;
}

/**
 * Replaces the stored progress with an exported file's contents, after validating all of it.
 * On any error nothing is written, so the learner keeps what they had.
 */
export function importProgress(text: string, storage: KeyValueStorage | null = browserStorage()): ImportResult {
  const parsed = parseProgress(text);
  if (!parsed.ok) return parsed;
  try {
    saveProgress(parsed.progress, storage);
  } catch (cause) {
    return { ok: false, error: (cause as Error).message };
  }
  return { ok: true, progress: parsed.progress };
}

/** The file an export downloads. */
export function exportProgressText(
  storage: KeyValueStorage | null = browserStorage(),
  now: Date = new Date(),
): string {
  return serializeProgress(loadProgress(storage).progress, now);
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
  const next = markLabComplete(loadProgress(storage).progress, labId, now);
  saveProgress(next, storage);
  return next;
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
