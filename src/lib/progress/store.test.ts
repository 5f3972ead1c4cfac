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
  toggleStep,
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

test('import replaces rather than merges', () => {
  const storage = new MemoryStorage();
  toggleStep('architect', 'a', true, storage);
  const other = serializeProgress({ ...emptyProgress(), steps: { researcher: ['b'] } });
  assert.ok(importProgress(other, storage).ok);
  assert.deepEqual(loadProgress(storage).progress.steps, { researcher: ['b'] });
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
