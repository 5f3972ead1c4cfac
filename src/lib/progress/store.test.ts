import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  LAB_RUN_COMPLETE_EVENT,
  STORAGE_KEY,
  StorageUnavailableError,
  exportProgressText,
  importProgress,
  listenForLabRuns,
  loadProgress,
  markLabRunComplete,
  resetProgress,
  saveProgress,
  startAfresh,
  toggleStep,
  unreadableCopy,
  updateProgress,
  UnreadableProgressError,
  type KeyValueStorage,
} from './store.ts';
import { countDone, emptyProgress, serializeProgress } from './progress.ts';

class MemoryStorage implements KeyValueStorage {
  items = new Map<string, string>();
  getItem(key: string) {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string) {
    this.items.set(key, value);
  }
  removeItem(key: string) {
    this.items.delete(key);
  }
}

class FullStorage extends MemoryStorage {
  override setItem(): void {
    throw new Error('QuotaExceededError');
  }
}

test('load: nothing saved gives empty progress and no error', () => {
  assert.deepEqual(loadProgress(new MemoryStorage()), { progress: emptyProgress() });
});

test('toggle saves, and a fresh load sees it', () => {
  const storage = new MemoryStorage();
  toggleStep('web-developer', 'read-overview', true, storage);
  toggleStep('web-developer', 'run-stack', true, storage);
  toggleStep('web-developer', 'read-overview', false, storage);
  assert.deepEqual(loadProgress(storage).progress.steps, { 'web-developer': ['run-stack'] });
});

test('toggle reads the stored copy first, so another tab’s ticks are kept', () => {
  const storage = new MemoryStorage();
  toggleStep('architect', 'a', true, storage);
  // Another tab writes directly to the same storage.
  storage.setItem(
    STORAGE_KEY,
    serializeProgress({ ...emptyProgress(), steps: { architect: ['a'], researcher: ['z'] } }),
  );
  toggleStep('architect', 'b', true, storage);
  assert.deepEqual(loadProgress(storage).progress.steps, { architect: ['a', 'b'], researcher: ['z'] });
});

test('load: a damaged saved copy yields empty progress and a readable error', () => {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, '{oops');
  const result = loadProgress(storage);
  assert.deepEqual(result.progress, emptyProgress());
  assert.match(result.error ?? '', /saved in this browser could not be read.*not valid JSON/);
});

test('reset clears everything', () => {
  const storage = new MemoryStorage();
  toggleStep('researcher', 'x', true, storage);
  markLabRunComplete('sampler', storage);
  resetProgress(storage);
  assert.equal(storage.getItem(STORAGE_KEY), null);
  assert.deepEqual(loadProgress(storage).progress, emptyProgress());
});

test('export then import into an empty browser restores the progress', () => {
  const from = new MemoryStorage();
  toggleStep('docker-in-a-week', 'day-1-containers', true, from);
  markLabRunComplete('sampler', from, new Date('2026-11-22T09:30:00Z'));
  const file = exportProgressText(from, new Date('2026-11-22T10:00:00Z'));

  const to = new MemoryStorage();
  const result = importProgress(file, to);
  assert.ok(result.ok);
  assert.deepEqual(loadProgress(to).progress, loadProgress(from).progress);
});

test('a failed import changes nothing', () => {
  const storage = new MemoryStorage();
  toggleStep('architect', 'read-comparison', true, storage);
  const before = storage.getItem(STORAGE_KEY);
  for (const bad of ['not json', '{"hello": "world"}', JSON.stringify({ format: 'wasm-observability-labs/progress', version: 9, steps: {}, labs: {} })]) {
    const result = importProgress(bad, storage);
    assert.equal(result.ok, false);
    assert.equal(storage.getItem(STORAGE_KEY), before);
  }
});

test('import replaces by default, or merges by union when asked', () => {
  const storage = new MemoryStorage();
  toggleStep('architect', 'a', true, storage);
  const other = serializeProgress({ ...emptyProgress(), steps: { researcher: ['b'], architect: ['c'] } });
  assert.ok(importProgress(other, storage, 'merge').ok);
  assert.deepEqual(loadProgress(storage).progress.steps, { architect: ['a', 'c'], researcher: ['b'] });
  assert.ok(importProgress(other, storage).ok);
  assert.deepEqual(loadProgress(storage).progress.steps, { researcher: ['b'], architect: ['c'] });
});

test('import leaves out a lab whose completion date is impossible', () => {
  const storage = new MemoryStorage();
  const file = serializeProgress({ ...emptyProgress(), labs: { sampler: '2026-02-30T10:00:00.000Z', masker: '2026-11-20T10:00:00.000Z' } });
  const result = importProgress(file, storage, 'replace', new Date('2026-12-01T00:00:00Z'));
  assert.ok(result.ok);
  assert.deepEqual(loadProgress(storage).progress.labs, { masker: '2026-11-20T10:00:00.000Z' });
});

// Copies a learner may have in localStorage that this site cannot read.
const UNREADABLE = {
  corrupt: '{"format": "wasm-observability-labs/progress", "version": 1, "steps": {"architect": ["a"',
  newer: JSON.stringify({ format: 'wasm-observability-labs/progress', version: 2, steps: { architect: ['a', 'b'] }, labs: {}, notes: {} }),
  foreign: JSON.stringify({ theme: 'dark', visited: ['/'] }),
};

for (const [kind, text] of Object.entries(UNREADABLE)) {
  test(`every writer refuses to replace a ${kind} saved copy, and leaves it byte for byte`, () => {
    const storage = new MemoryStorage();
    storage.setItem(STORAGE_KEY, text);
    const file = serializeProgress({ ...emptyProgress(), steps: { researcher: ['b'] } });
    const writers: [string, () => unknown][] = [
      ['toggleStep', () => toggleStep('architect', 'b', true, storage)],
      ['markLabRunComplete', () => markLabRunComplete('sampler', storage)],
      ['saveProgress', () => saveProgress(emptyProgress(), storage)],
      ['updateProgress', () => updateProgress((p) => p, storage)],
      ['resetProgress', () => resetProgress(storage)],
      ['exportProgressText', () => exportProgressText(storage)],
    ];
    for (const [name, write] of writers) {
      assert.throws(write, UnreadableProgressError, name);
      assert.equal(storage.getItem(STORAGE_KEY), text, name);
    }
    for (const mode of ['replace', 'merge'] as const) {
      const result = importProgress(file, storage, mode);
      assert.equal(result.ok, false, mode);
      assert.match(result.ok ? '' : result.error, /cannot be read/, mode);
      assert.equal(storage.getItem(STORAGE_KEY), text, mode);
    }
    // The lab event path only warns; it must not write either.
    const warn = console.warn;
    console.warn = () => {};
    try {
      const target = new EventTarget();
      listenForLabRuns(target, () => storage);
      target.dispatchEvent(new CustomEvent(LAB_RUN_COMPLETE_EVENT, { detail: { lab: 'sampler' } }));
    } finally {
      console.warn = warn;
    }
    assert.equal(storage.getItem(STORAGE_KEY), text);

    const loaded = loadProgress(storage);
    assert.equal(loaded.unreadable, text);
    assert.match(loaded.error ?? '', /could not be read.*kept exactly as it is/);
    assert.equal(unreadableCopy(storage), text);
  });
}

test('start afresh removes the unreadable copy only if it is still the one the learner saw', () => {
  const storage = new MemoryStorage();
  storage.setItem(STORAGE_KEY, UNREADABLE.corrupt);
  assert.equal(startAfresh('something else', storage), false);
  assert.equal(storage.getItem(STORAGE_KEY), UNREADABLE.corrupt);
  assert.equal(startAfresh(UNREADABLE.corrupt, storage), true);
  assert.equal(storage.getItem(STORAGE_KEY), null);
  toggleStep('architect', 'a', true, storage);
  assert.deepEqual(loadProgress(storage).progress.steps, { architect: ['a'] });
  assert.equal(unreadableCopy(storage), null);
});

test('markLabRunComplete makes lab steps count as done', () => {
  const storage = new MemoryStorage();
  const progress = markLabRunComplete('sampler', storage, new Date('2026-11-22T11:00:00Z'));
  assert.equal(progress.labs.sampler, '2026-11-22T11:00:00.000Z');
  const saved = loadProgress(storage).progress;
  assert.equal(countDone(saved, 'web-developer', [{ id: 'lab', lab: 'sampler' }, { id: 'other' }]), 1);
});

test('markLabRunComplete rejects a malformed lab id', () => {
  assert.throws(() => markLabRunComplete('Sampler Lab!', new MemoryStorage()), TypeError);
});

test('no storage: load reports it, writes throw StorageUnavailableError', () => {
  assert.match(loadProgress(null).error ?? '', /blocks local storage for this site, or it is full/);
  assert.throws(() => toggleStep('a', 'b', true, null), StorageUnavailableError);
  assert.throws(() => resetProgress(null), StorageUnavailableError);
});

test('a full storage surfaces as StorageUnavailableError, and import reports it', () => {
  assert.throws(() => toggleStep('a', 'b', true, new FullStorage()), StorageUnavailableError);
  const result = importProgress(serializeProgress(emptyProgress()), new FullStorage());
  assert.equal(result.ok, false);
});

test('the lab event records a completed run; a malformed one only warns', () => {
  const target = new EventTarget();
  const storage = new MemoryStorage();
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (message: string) => warnings.push(message);
  try {
    listenForLabRuns(target, () => storage);
    listenForLabRuns(target, () => storage); // installing twice must not record twice or throw
    target.dispatchEvent(new CustomEvent(LAB_RUN_COMPLETE_EVENT, { detail: { lab: 'sampler' } }));
    assert.ok(loadProgress(storage).progress.labs.sampler);
    target.dispatchEvent(new CustomEvent(LAB_RUN_COMPLETE_EVENT, { detail: {} }));
    target.dispatchEvent(new CustomEvent(LAB_RUN_COMPLETE_EVENT, { detail: { lab: 'Not An Id' } }));
    assert.equal(warnings.length, 2);
  } finally {
    console.warn = warn;
  }
});
