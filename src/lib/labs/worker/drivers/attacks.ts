// The attack lab inside the worker: runs the lab's attack module (labs/attacks) under the sandbox
// policy the learner chose, sending the gauges while it runs and the violations when it ends.
// The guest runs synchronously: while it does, this worker answers no message, so the host stops
// it by terminating the worker (the panel sets no stop grace).
import { instantiate } from '../../../../../labs/out/attacks/attacks.js';
import type { DriverIO, LabDriver } from '../driver.ts';
import { runSandboxed, sandboxLimits, type SandboxRunOptions } from '../../sandbox/SandboxRun.ts';
import { ownModuleOf, parseSettings, policyOf, type OwnModuleSetting } from '../../attacks/settings.ts';
import { describeResult, figuresOf, violationAttributes } from '../../attacks/report.ts';
import type { SandboxPolicy } from '../../sandbox/policy.ts';
import type { SandboxResult } from '../../sandbox/SandboxRun.ts';
import type { Attributes } from '../../../spans/model.ts';
import { OwnModuleRefused } from '../errors.ts';
import { readOwnModuleFile } from '../../sandbox/OwnModuleFile.ts';
import { prepareOwnModule } from '../../sandbox/OwnModule.ts';
import { hostVariant, runOwnModule } from '../../sandbox/OwnModuleRun.ts';
import { prepareOwnComponent, type ComponentStage, type Generate } from '../../sandbox/OwnComponent.ts';

/** Every core module of the transpiled component, by file name. */
const coreUrls = Object.fromEntries(
  Object.entries(import.meta.glob('../../../../../labs/out/attacks/*.wasm', { query: '?url', import: 'default', eager: true }) as Record<string, string>).map(
    ([path, url]) => [path.slice(path.lastIndexOf('/') + 1), url],
  ),
);
const MAIN_CORE = 'attacks.core.wasm';

/** The own-module host's core modules (the adapter and its shims), by variant and file name. */
const ownHostUrls = import.meta.glob('../../../../../labs/out/own-module/*/*.wasm', { query: '?url', import: 'default', eager: true }) as Record<string, string>;
const ownHostUrl = (variant: string, path: string) => ownHostUrls[`../../../../../labs/out/own-module/${variant}/${path}`];
// Imported only for a learner's module: each glue is about 375 KB, and binaryen (through
// OwnModule.ts's dynamic import of the meter) is loaded only after the file passed every check.
const ownHostGlue = {
  plain: () => import('../../../../../labs/out/own-module/plain/own-module.js'),
  realloc: () => import('../../../../../labs/out/own-module/realloc/own-module.js'),
};

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
      const own = ownModuleOf(rawSettings);
      if (own) return runOwn(own, policyOf(settings), io);
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
      report(result, io, `guest ${attack} ${variant}`, { 'lab.attack': attack!, 'lab.attack.variant': variant! });
    },
  };
}

/** What every sandboxed run reports: the final gauges, the violations, the outcome, and the guest span. */
function report(result: SandboxResult, io: DriverIO, spanName: string, attributes: Attributes): void {
  io.figures(figuresOf(result.usage, result.limits));
  for (const v of result.violations) io.event('lab.violation', violationAttributes(v, result.stoppedAtMs), epoch(v.atMs));
  const message = describeResult(result);
  io.event(
    'lab.sandbox.outcome',
    {
      'lab.sandbox.outcome': result.outcome,
      'lab.sandbox.message': message,
      'lab.sandbox.fuel_used': result.usage.fuel ?? 0,
      ...(result.output ? { 'lab.sandbox.output': result.output.slice(0, 512) } : {}),
    },
    epoch(result.stoppedAtMs),
  );
  io.emit([
    {
      localId: 1,
      traceId: randomTraceId(),
      name: spanName,
      kind: 1,
      startMs: epoch(result.startedAtMs),
      endMs: epoch(result.stoppedAtMs),
      attributes: {
        ...attributes,
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
}

/** Progress of a learner's module, for the panel's result line (never a span). */
export type OwnModuleProgress = { ownModule: 'reading' | 'checking' | ComponentStage | 'running' };

/**
 * A learner's module: read and checked again here (the panel's check ran in another worker, and
 * the policy's memory cap may have changed since), metered, capped, and run like an attack.
 */
async function runOwn(own: OwnModuleSetting, policy: SandboxPolicy, io: DriverIO): Promise<void> {
  const stage = (s: OwnModuleProgress['ownModule']) => io.labData({ ownModule: s } satisfies OwnModuleProgress);
  const limits = sandboxLimits(policy);
  const read = await readOwnModuleFile({ name: own.name, size: own.file.size, arrayBuffer: () => own.file.arrayBuffer() }, limits.pages.max, stage);
  if (!read.ok) throw new OwnModuleRefused(read.message);
  if (read.summary.sha256 !== own.sha256) throw new OwnModuleRefused(`${own.name} changed on disk since it was checked; choose it again.`);
  const bytes = read.bytes;
  if (read.summary.kind === 'component') return runOwnComponent(own, bytes, policy, io, stage);
  const prepared = await prepareOwnModule(bytes, own.name, limits.pages.max, undefined, stage);
  if (!prepared.ok) throw new OwnModuleRefused(prepared.message);
  const variant = hostVariant(prepared);
  const { instantiate } = await ownHostGlue[variant]();
  stage('running');
  const result = await runOwnModule(
    prepared.bytes,
    {
      instantiate: instantiate as SandboxRunOptions['instantiate'],
      coreBytes: async (path) => {
        const url = ownHostUrl(variant, path);
        if (!url) throw new Error(`the own-module host has no core module ${path}`);
        const response = await fetch(url);
        if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
        return new Uint8Array(await response.arrayBuffer());
      },
    },
    { args: [own.name], policy, onUsage: (usage) => io.figures(figuresOf(usage, limits)), usageIntervalMs: 500 },
  );
  report(result, io, `guest own module ${own.name}`, {
    'lab.own_module.name': own.name,
    'lab.own_module.sha256': own.sha256,
    'lab.own_module.bytes': bytes.length,
    'lab.own_module.imports': prepared.imports.join(', '),
    'lab.own_module.adapter': variant === 'realloc' ? 'preview1 command adapter, state through cabi_realloc' : 'preview1 command adapter, state in a page it grows',
  });
}

/**
 * A learner's component: transpiled here by jco's transpiler, its generated ES module loaded from a
 * blob: URL (it imports nothing; the sandbox passes every import), then run like the lab's own.
 */
async function runOwnComponent(
  own: OwnModuleSetting,
  bytes: Uint8Array,
  policy: SandboxPolicy,
  io: DriverIO,
  stage: (s: OwnModuleProgress['ownModule']) => void,
): Promise<void> {
  const limits = sandboxLimits(policy);
  const loadGenerate = async (): Promise<Generate> => {
    const jco = await import('@bytecodealliance/jco-transpile/component');
    await jco.$init;
    return jco.generate as unknown as Generate;
  };
  const loadMeter = async () => (await import('../../../../../labs/build/meter.mjs')).meterModule;
  const prepared = await prepareOwnComponent(bytes, own.name, loadGenerate, loadMeter, stage);
  if (!prepared.ok) throw new OwnModuleRefused(prepared.message);
  const url = URL.createObjectURL(new Blob([prepared.glue], { type: 'text/javascript' }));
  let instantiate: SandboxRunOptions['instantiate'];
  try {
    ({ instantiate } = await import(/* @vite-ignore */ url));
  } finally {
    URL.revokeObjectURL(url);
  }
  stage('running');
  const result = await runSandboxed({
    instantiate,
    coreBytes: async (path) => {
      const file = prepared.files.get(path);
      if (!file) throw new Error(`the transpiled component has no core module ${path}`);
      return file;
    },
    mainCore: prepared.mainCore,
    args: [own.name],
    policy,
    onUsage: (usage) => io.figures(figuresOf(usage, limits)),
    usageIntervalMs: 500,
  });
  report(result, io, `guest own component ${own.name}`, {
    'lab.own_module.name': own.name,
    'lab.own_module.sha256': own.sha256,
    'lab.own_module.bytes': bytes.length,
    'lab.own_module.imports': prepared.imports.join(', '),
    'lab.own_module.adapter': 'component, transpiled in the worker by jco',
  });
}

function randomTraceId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
