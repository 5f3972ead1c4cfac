// Runs the built attack module in Node, in this thread, under a sandbox policy.
import { readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runSandboxed, type SandboxResult } from '../../../src/lib/labs/sandbox/SandboxRun.ts';
import type { SandboxPolicy } from '../../../src/lib/labs/sandbox/policy.ts';

export const OUT = join(import.meta.dirname, '..', '..', 'out', 'attacks');

/** A policy with every defence on at test-sized levels; tests override one field at a time. */
export function testPolicy(overrides: Partial<SandboxPolicy> = {}): SandboxPolicy {
  return {
    fuel: 50_000_000,
    deadlineMs: 3_000,
    memoryPages: 64,
    fs: { maxFiles: 50, maxBytes: 64 * 1024, access: 'read-write' },
    net: { mode: 'allow', maxConnections: 8, bytesPerSecond: 16 * 1024 },
    hostWork: { bytes: 8 * 1024 * 1024, syncs: 500, calls: 100_000 },
    ...overrides,
  };
}

export async function runAttack(attack: string, variant: string, policy: SandboxPolicy): Promise<SandboxResult> {
  const entry = join(OUT, 'attacks.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run \`npm run build:labs\` first`);
  const { instantiate } = await import(pathToFileURL(entry).href);
  return runSandboxed({
    instantiate,
    coreBytes: async (path) => new Uint8Array(await readFile(join(OUT, path))),
    mainCore: 'attacks.core.wasm',
    args: ['attacks', attack, variant],
    policy,
  });
}
