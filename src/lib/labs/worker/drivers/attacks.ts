// The attack lab inside the worker: runs the lab's attack module (labs/attacks) under the sandbox
// policy the learner chose, sending the gauges while it runs and the violations when it ends.
// The guest runs synchronously: while it does, this worker answers no message, so the host stops
// it by terminating the worker (the panel sets no stop grace).
import { instantiate } from '../../../../../labs/out/attacks/attacks.js';
import type { DriverIO, LabDriver } from '../driver.ts';
import { runSandboxed, sandboxLimits, type SandboxRunOptions } from '../../sandbox/SandboxRun.ts';
import { parseSettings, policyOf } from '../../attacks/settings.ts';
import { describeResult, figuresOf, violationAttributes } from '../../attacks/report.ts';

/** Every core module of the transpiled component, by file name. */
const coreUrls = Object.fromEntries(
  Object.entries(import.meta.glob('../../../../../labs/out/attacks/*.wasm', { query: '?url', import: 'default', eager: true }) as Record<string, string>).map(
    ([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url],
  ),
);
const MAIN_CORE = 'attacks.core.wasm';

const epoch = (perfMs: number) => performance.timeOrigin + perfMs;

async function fetchBytes(path: string, corrupt: boolean): Promise<Uint8Array> {
  const url = coreUrls[path];
  if (!url) throw new Error(`the attack component has no core module ${path}`);
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (corrupt) for (let i = 8; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
  return bytes;
}

export function createAttacksDriver(): LabDriver {
  return {
    configure() {
      throw new Error('the attack lab takes no plugin configuration');
    },
    // Settings are fixed for a run: a defence switched mid-attack would make its outcome meaningless.
    update: () => null,

    async instantiate() {
      return {
        'lab.component': 'lab:sandbox attacks (WASI preview1 command, adapted)',
        'lab.imports': 'wasi:cli, wasi:clocks, wasi:filesystem, wasi:io, wasi:random, lab:sandbox/net',
      };
    },

    async run(rawSettings, io: DriverIO) {
      const settings = parseSettings(rawSettings);
      if (io.fault === 'hang') for (;;) {} // the hang drill: only the host's watchdog or Stop ends it
      const [attack, variant] = io.fault === 'trap' ? ['memory', 'alloc'] : [settings.attack, settings.variant];
      const policy = policyOf(settings);
      const limits = sandboxLimits(policy);
      const result = await runSandboxed({
        instantiate: instantiate as SandboxRunOptions['instantiate'],
        coreBytes: (path) => fetchBytes(path, io.fault === 'corrupt-module' && path === MAIN_CORE),
        mainCore: MAIN_CORE,
        args: ['attacks', attack!, variant!],
        policy,
        onUsage: (usage) => io.figures(figuresOf(usage, limits)),
        usageIntervalMs: 500,
      });
      io.figures(figuresOf(result.usage, result.limits));
      for (const v of result.violations) io.event('lab.violation', violationAttributes(v, result.stoppedAtMs), epoch(v.atMs));
      const message = describeResult(result);
      io.event(
        'lab.sandbox.outcome',
        { 'lab.sandbox.outcome': result.outcome, 'lab.sandbox.message': message, 'lab.sandbox.fuel_used': result.usage.fuel ?? 0 },
        epoch(result.stoppedAtMs),
      );
      io.emit([
        {
          localId: 1,
          traceId: randomTraceId(),
          name: `guest ${attack} ${variant}`,
          kind: 1,
          startMs: epoch(result.startedAtMs),
          endMs: epoch(result.stoppedAtMs),
          attributes: {
            'lab.attack': attack!,
            'lab.attack.variant': variant!,
            'lab.sandbox.outcome': result.outcome,
            'lab.sandbox.fuel_used': result.usage.fuel ?? 0,
            'lab.sandbox.memory_pages': result.usage.pages,
            'lab.sandbox.files': result.usage.files,
            'lab.sandbox.bytes': result.usage.bytes,
            'lab.sandbox.connections': result.usage.connections,
            'lab.sandbox.host_calls': result.usage.hostCalls,
            ...(result.exitCode !== null ? { 'lab.sandbox.exit_code': result.exitCode } : {}),
            ...(result.output ? { 'lab.sandbox.output': result.output.slice(0, 512) } : {}),
          },
          events: result.violations.map((v) => ({ name: 'lab.violation', timeMs: epoch(v.atMs), attributes: violationAttributes(v, result.stoppedAtMs) })),
          ...(result.outcome === 'trap' ? { error: result.error ?? 'trap' } : {}),
          keep: true,
        },
      ]);
    },
  };
}

function randomTraceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
