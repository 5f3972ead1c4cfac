// A learner's own WASI preview1 core module, prepared (checked, metered, capped) and run through
// the own-module host under the sandbox, in Node: what it writes reaches stdout and the quota
// filesystem, and each defence ends a hostile module the same way it ends the lab's attacks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { prepareOwnModule } from '../../../src/lib/labs/sandbox/OwnModule.ts';
import { hostVariant, runOwnModule, type OwnModuleHost } from '../../../src/lib/labs/sandbox/OwnModuleRun.ts';
import type { SandboxPolicy } from '../../../src/lib/labs/sandbox/policy.ts';
import { testPolicy } from './harness.ts';
import { endlessModule, memoryHogModule, writerModule, WRITER_TEXT } from './own-modules.ts';

const HOSTS = join(import.meta.dirname, '..', '..', 'out', 'own-module');

async function host(variant: string): Promise<OwnModuleHost> {
  const entry = join(HOSTS, variant, 'own-module.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build:labs\` first`);
  const { instantiate } = await import(pathToFileURL(entry).href);
  return { instantiate, coreBytes: async (path) => new Uint8Array(await readFile(join(HOSTS, variant, path))) };
}

async function run(bytes: Uint8Array, policy: SandboxPolicy) {
  const prepared = await prepareOwnModule(bytes, 'own.wasm', policy.memoryPages ?? 4096);
  assert.ok(prepared.ok && prepared.kind === 'core', JSON.stringify(prepared));
  return runOwnModule(prepared.bytes, await host(hostVariant(prepared)), { args: ['own.wasm'], policy });
}

test('own module: a benign command writes to stdout and to a file in the sandbox directory', async () => {
  const r = await run(writerModule(), testPolicy());
  assert.equal(r.outcome, 'completed', r.error ?? '');
  assert.equal(r.exitCode, 0);
  assert.equal(r.output, WRITER_TEXT);
  assert.deepEqual([r.usage.files, r.usage.bytes], [1, WRITER_TEXT.length]);
  // Metered: _start's entry plus the adapter's calls back into nothing; at least one unit was charged.
  assert.ok((r.usage.fuel ?? 0) >= 1, `fuel used ${r.usage.fuel}`);
  assert.deepEqual(r.violations, []);
});

test('own module: a read-only filesystem refuses its file with EROFS, recorded as a violation', async () => {
  const r = await run(writerModule(), testPolicy({ fs: { maxFiles: 50, maxBytes: 64 * 1024, access: 'read-only' } }));
  assert.equal(r.outcome, 'read-only');
  assert.equal(r.exitCode, 1, 'the adapter reports the module\'s proc_exit(2) as status 1');
  assert.equal(r.output, WRITER_TEXT);
  assert.equal(r.usage.files, 0);
});

test('own module: a file quota of 0 files refuses the one file', async () => {
  const r = await run(writerModule(), testPolicy({ fs: { maxFiles: 0, maxBytes: 64 * 1024, access: 'read-write' } }));
  assert.equal(r.outcome, 'file-quota');
  assert.equal(r.violation?.limit, 'fs.files');
  assert.deepEqual([r.violation?.value, r.violation?.max], [1, 0]);
});

test('own module: an endless loop runs out of fuel at exactly its budget', async () => {
  const r = await run(endlessModule(), testPolicy({ fuel: 100_000 }));
  assert.equal(r.outcome, 'out-of-fuel');
  assert.equal(r.usage.fuel, 100_000);
  assert.equal(r.violation?.limit, 'fuel');
});

test('own module: a memory hog stops at the memory cap, inside the module', async () => {
  const r = await run(memoryHogModule(), testPolicy({ memoryPages: 40 }));
  assert.equal(r.outcome, 'memory-cap');
  assert.equal(r.usage.pages, 40);
  assert.deepEqual([r.violation?.limit, r.violation?.max], ['memory.pages', 40]);
});
