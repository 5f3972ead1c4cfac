import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runImport } from './importJob.ts';
import type { FromImportWorker } from './protocol.ts';
import { MAX_IMPORT_BYTES, sizeRefusal } from './limits.ts';

const T = 'ab'.repeat(16);
function file(spans: number): Blob {
  const list = Array.from({ length: spans }, (_, i) => ({
    traceId: T, spanId: (i + 1).toString(16).padStart(16, '0'), name: `s${i}`, kind: 1,
    startTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n), endTimeUnixNano: String(1_700_000_000_000_000_000n + BigInt(i) * 1000n + 500n),
  }));
  return new Blob([JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: list }] }] }, null, 2)]);
}

async function run(blob: Blob, limit = MAX_IMPORT_BYTES, chunk = 2000): Promise<FromImportWorker[]> {
  const out: FromImportWorker[] = [];
  await runImport(blob, limit, chunk, (m) => out.push(m));
  return out;
}

test('a correct file is announced whole before any span is handed over, then sent in chunks', async () => {
  const messages = await run(file(4500), MAX_IMPORT_BYTES, 2000);
  const kinds = messages.filter((m) => m.type !== 'progress').map((m) => (m.type === 'spans' ? `spans:${m.spans.length}` : m.type));
  assert.deepEqual(kinds, ['parsed', 'spans:2000', 'spans:2000', 'spans:500', 'done']);
  const reading = messages.filter((m) => m.type === 'progress' && m.phase === 'reading');
  assert.ok(reading.length >= 1);
  const last = reading[reading.length - 1] as Extract<FromImportWorker, { type: 'progress' }>;
  assert.equal(last.bytesRead, last.totalBytes);
  const spans = messages.flatMap((m) => (m.type === 'spans' ? m.spans : []));
  assert.deepEqual(spans.map((s) => s.name).slice(0, 3), ['s0', 's1', 's2']);
  assert.equal(new Set(spans.map((s) => s.spanId)).size, 4500);
});

test('a file with one bad span hands over nothing, only the error', async () => {
  const text = (await file(3000).text()).replace('"kind": 1', '"kind": "server"');
  const messages = await run(new Blob([text]));
  assert.deepEqual(messages.filter((m) => m.type !== 'progress').map((m) => m.type), ['error']);
  assert.match((messages.at(-1) as { message: string }).message, /^line \d+: resourceSpans\[0\]\.scopeSpans\[0\]\.spans\[0\]\.kind: expected an integer 0–5, got "server"/);
});

test('a file over the limit is refused before a byte is read, with its size and the limit', async () => {
  const blob = file(50);
  let read = false;
  const spy = { size: blob.size, stream: () => { read = true; return blob.stream(); } } as unknown as Blob;
  const messages = await run(spy, 1024);
  assert.equal(read, false);
  assert.deepEqual(messages, [{ type: 'error', message: `the file is ${(blob.size / 1024).toFixed(1).replace(/\.0$/, '')} KiB, more than the 1 KiB the viewer can hold, so it was not read` }]);
  assert.equal(sizeRefusal(MAX_IMPORT_BYTES), null);
  assert.equal(sizeRefusal(MAX_IMPORT_BYTES + 200 * 1024), 'the file is 128.2 MiB, more than the 128 MiB the viewer can hold, so it was not read');
  assert.equal(sizeRefusal(MAX_IMPORT_BYTES + 1), 'the file is 134,217,729 bytes, more than the 134,217,728 bytes the viewer can hold, so it was not read');
});

test('bytes that are not UTF-8 are refused as such', async () => {
  const messages = await run(new Blob([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]));
  assert.deepEqual(messages.filter((m) => m.type !== 'progress'), [{ type: 'error', message: 'the file is not UTF-8 text (an invalid byte within its first 4 bytes)' }]);
});
