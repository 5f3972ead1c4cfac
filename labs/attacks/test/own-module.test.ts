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
import { meterModule } from '../../build/meter.mjs';
import { prepareOwnComponent, type Generate } from '../../../src/lib/labs/sandbox/OwnComponent.ts';
import { runSandboxed } from '../../../src/lib/labs/sandbox/SandboxRun.ts';
import { CONNECTOR, connectorComponent, endlessModule, memoryHogModule, writerModule, WRITER_TEXT } from './own-modules.ts';

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

/** A learner's component: the writer module adapted with jco's preview1 command adapter, in the test. */
async function writerComponent(): Promise<Uint8Array> {
  const { componentNew, preview1AdapterCommandPath } = await import('@bytecodealliance/jco');
  return componentNew(writerModule(), [['wasi_snapshot_preview1', await readFile(preview1AdapterCommandPath())]]);
}

const loadGenerate = async (): Promise<Generate> => {
  const jco = await import('@bytecodealliance/jco-transpile/component');
  await jco.$init;
  return jco.generate as unknown as Generate;
};

test('own component: transpiled, metered and run under the sandbox, like the lab\'s own', async () => {
  const stages: string[] = [];
  const prepared = await prepareOwnComponent(await writerComponent(), 'writer.component.wasm', loadGenerate, async () => meterModule, (s) => stages.push(s));
  assert.ok(prepared.ok, JSON.stringify(prepared));
  assert.deepEqual(stages, ['loading jco', 'transpiling', 'loading binaryen', 'metering']);
  const { instantiate } = await import(`data:text/javascript,${encodeURIComponent(prepared.glue)}`);
  const coreBytes = async (path: string) => prepared.files.get(path)!;
  const ok = await runSandboxed({ instantiate, coreBytes, mainCore: prepared.mainCore, args: ['writer'], policy: testPolicy() });
  assert.equal(ok.outcome, 'completed', ok.error ?? '');
  assert.equal(ok.output, WRITER_TEXT);
  assert.deepEqual([ok.usage.files, ok.usage.bytes], [1, WRITER_TEXT.length]);
  assert.ok((ok.usage.fuel ?? 0) >= 1, 'the main core module was metered');
  const quota = await runSandboxed({ instantiate, coreBytes, mainCore: prepared.mainCore, args: ['writer'], policy: testPolicy({ fs: { maxFiles: 0, maxBytes: 1024, access: 'read-write' } }) });
  assert.equal(quota.outcome, 'file-quota');
});

test('own component: interfaces the sandbox does not give are listed by name, before binaryen loads', async () => {
  let meterLoads = 0;
  const generate: Generate = () => ({
    files: [['own.js', new Uint8Array()], ['own.core.wasm', new Uint8Array()]],
    imports: ['wasi:cli/stdout@0.2.3', 'wasi:sockets/tcp@0.2.3', 'wasi:http/outgoing-handler@0.2.3', 'wasi:keyvalue/store@0.2.0-draft'],
    exports: [['wasi:cli/run@0.2.3', 'instance']],
  });
  const r = await prepareOwnComponent(new Uint8Array(), 'net.wasm', async () => generate, async () => (meterLoads++, meterModule));
  assert.ok(!r.ok);
  // wasi:sockets is given (under the network policy, SocketsHost.ts); the others are listed.
  assert.match(r.message, /^net\.wasm imports interfaces the sandbox does not provide: wasi:http\/outgoing-handler@0\.2\.3, wasi:keyvalue\/store@0\.2\.0-draft\./);
  assert.equal(meterLoads, 0);
});

/** The connector component (own-modules.ts), prepared once and run under a given network policy. */
let connector: Promise<{ instantiate: unknown; files: Map<string, Uint8Array>; mainCore: string; imports: string[] }> | null = null;
async function runConnector(net: SandboxPolicy['net']) {
  connector ??= (async () => {
    const prepared = await prepareOwnComponent(await connectorComponent(), 'connector.wasm', loadGenerate, async () => meterModule);
    assert.ok(prepared.ok, JSON.stringify(prepared));
    const { instantiate } = await import(`data:text/javascript,${encodeURIComponent(prepared.glue)}`);
    return { instantiate, files: prepared.files, mainCore: prepared.mainCore, imports: prepared.imports };
  })();
  const c = await connector;
  return runSandboxed({
    instantiate: c.instantiate as never,
    coreBytes: async (path) => c.files.get(path)!,
    mainCore: c.mainCore,
    args: ['connector'],
    policy: testPolicy({ net }),
  });
}

test('own component with wasi:sockets: it imports the sockets interfaces and is accepted', async () => {
  await runConnector({ mode: 'deny' });
  const { imports } = await connector!;
  for (const i of ['wasi:sockets/tcp', 'wasi:sockets/tcp-create-socket', 'wasi:sockets/instance-network']) {
    assert.ok(imports.some((x) => x.replace(/@[^/]*$/, '') === i), `${i} in ${imports.join(', ')}`);
  }
});

test('own component with wasi:sockets: the network denied, its first socket is a net.denied violation', async () => {
  const r = await runConnector({ mode: 'deny' });
  assert.equal(r.outcome, 'network-denied', r.error ?? '');
  assert.deepEqual([r.usage.connections, r.usage.netBytes], [0, 0]);
  assert.deepEqual(r.violations.map((v) => v.limit), ['net.denied']);
});

test('own component with wasi:sockets: the connection cap stops it at exactly the cap, then its writes go through', async () => {
  const r = await runConnector({ mode: 'allow', maxConnections: 3, bytesPerSecond: null });
  assert.equal(r.outcome, 'connection-cap', r.error ?? '');
  assert.deepEqual([r.violation?.limit, r.violation?.value, r.violation?.max], ['net.connections', 4, 3]);
  assert.equal(r.usage.connections, 3, 'three connections open: the fourth was refused');
  assert.equal(r.usage.netBytes, CONNECTOR.writes * CONNECTOR.chunk, 'every write on the first connection reached its peer');
});

test('own component with wasi:sockets: the byte rate refuses the write past the bucket, and counts only what was accepted', async () => {
  const r = await runConnector({ mode: 'allow', maxConnections: null, bytesPerSecond: 3 * CONNECTOR.chunk });
  assert.equal(r.outcome, 'rate-limit', r.error ?? '');
  assert.equal(r.violation?.limit, 'net.bytes-per-second');
  assert.equal(r.usage.connections, CONNECTOR.connections, 'no cap: it opened every connection it wanted');
  // The bucket starts full with one second's bytes: three chunks pass (a fourth could only if the run took 1/3 s).
  assert.ok(r.usage.netBytes >= 3 * CONNECTOR.chunk && r.usage.netBytes < CONNECTOR.writes * CONNECTOR.chunk, `${r.usage.netBytes} bytes`);
});

test('own component with wasi:sockets: with no network defence it opens and writes everything, within the outer limits', async () => {
  const r = await runConnector({ mode: 'allow', maxConnections: null, bytesPerSecond: null });
  assert.equal(r.outcome, 'completed', r.error ?? '');
  assert.deepEqual([r.usage.connections, r.usage.netBytes], [CONNECTOR.connections, CONNECTOR.writes * CONNECTOR.chunk]);
  assert.deepEqual(r.violations, []);
});
