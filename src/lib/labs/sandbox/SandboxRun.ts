// One sandboxed run of a WASI command component: builds its imports from the policy (quota
// filesystem, network host, charged random and clocks), caps and meters its core module, runs
// `wasi:cli/run`, and says how the run ended and which limits it ran into. Framework-free: the lab
// Worker and the Node tests both call it. The run is synchronous once started; only the main
// thread's watchdog (terminating the Worker) can end a guest that never calls the host.
import { FuelMeter } from './FuelMeter.ts';
import { HostBudget, HostBudgetExceeded } from './HostBudget.ts';
import { capMemory } from './MemoryCap.ts';
import { NetHost } from './NetHost.ts';
import { SOCKETS_INTERFACES, socketsImports } from './SocketsHost.ts';
import { effectiveLimit, OUTER_LIMITS, WASM_PAGE_BYTES, type SandboxPolicy } from './policy.ts';
import { createQuotaFilesystem } from './QuotaFilesystem.ts';
import { ViolationLog, type LimitName, type Violation } from './ViolationLog.ts';
import { cli, clocks, io } from './wasi-browser.ts';

export type OutcomeKind =
  | 'completed'
  | 'exited'
  | 'out-of-fuel'
  | 'memory-cap'
  | 'file-quota'
  | 'read-only'
  | 'no-filesystem'
  | 'network-denied'
  | 'connection-cap'
  | 'rate-limit'
  | 'host-budget'
  | 'trap';

/** What the gauges show: the run's consumption of each resource. */
export interface SandboxUsage {
  fuel: number | null;
  pages: number;
  files: number;
  bytes: number;
  connections: number;
  netBytes: number;
  hostBytes: number;
  hostSyncs: number;
  hostCalls: number;
}

export interface SandboxResult {
  outcome: OutcomeKind;
  /** The limit that ended the run, when one did. */
  violation: Violation | null;
  violations: readonly Violation[];
  exitCode: number | null;
  /** The trap or error message, when the run did not exit. */
  error: string | null;
  /** What the guest wrote to stdout and stderr (the first 4 KiB). */
  output: string;
  usage: SandboxUsage;
  /** The limits in force, for the gauges' maxima. */
  limits: SandboxLimits;
  /** performance.now() when the guest started and stopped. */
  startedAtMs: number;
  stoppedAtMs: number;
}

export interface SandboxLimits {
  fuel: number | null;
  pages: { max: number; outer: boolean };
  files: { max: number; outer: boolean };
  bytes: { max: number; outer: boolean };
  connections: { max: number; outer: boolean };
  hostWork: SandboxPolicy['hostWork'];
}

type CoreInstantiate = (module: WebAssembly.Module, imports: Record<string, unknown>) => Promise<WebAssembly.Instance>;

export interface SandboxRunOptions {
  /** The transpiled component's `instantiate` (jco, `instantiation: 'async'`). */
  // Typed loosely: each transpiled component declares its own import and export types.
  instantiate: (getCoreModule: (path: string) => Promise<WebAssembly.Module>, imports: any, instantiateCore: CoreInstantiate) => any;
  /** The bytes of one of the component's core modules. */
  coreBytes: (path: string) => Promise<Uint8Array>;
  /** The guest's own core module: memory-capped here (and already metered by the build). */
  mainCore: string;
  /** The command's arguments, program name first. */
  args: string[];
  policy: SandboxPolicy;
  /** Called between host calls with the current usage, at most every `usageIntervalMs`. */
  onUsage?: (usage: SandboxUsage) => void;
  usageIntervalMs?: number;
  /** Further import interfaces (a bring-your-own component's). */
  extraImports?: Record<string, unknown>;
  now?: () => number;
}

const OUTPUT_LIMIT = 4096;

const OUTCOME_OF: Record<LimitName, OutcomeKind> = {
  fuel: 'out-of-fuel',
  deadline: 'trap',
  'memory.pages': 'memory-cap',
  'fs.files': 'file-quota',
  'fs.bytes': 'file-quota',
  'fs.read-only': 'read-only',
  'net.denied': 'network-denied',
  'net.connections': 'connection-cap',
  'net.bytes-per-second': 'rate-limit',
  'net.bytes': 'rate-limit',
  'host.bytes': 'host-budget',
  'host.syncs': 'host-budget',
  'host.calls': 'host-budget',
};


/** Every interface the sandbox gives a guest, unversioned, as the transpiled glue looks them up. */
export const SANDBOX_INTERFACES = [
  'wasi:cli/environment', 'wasi:cli/exit', 'wasi:cli/stdin', 'wasi:cli/stdout', 'wasi:cli/stderr',
  'wasi:cli/terminal-input', 'wasi:cli/terminal-output', 'wasi:cli/terminal-stdin', 'wasi:cli/terminal-stdout',
  'wasi:cli/terminal-stderr', 'wasi:clocks/monotonic-clock', 'wasi:clocks/wall-clock', 'wasi:filesystem/preopens',
  'wasi:filesystem/types', 'wasi:io/error', 'wasi:io/poll', 'wasi:io/streams', 'wasi:random/random',
  'wasi:random/insecure', 'wasi:random/insecure-seed', 'lab:sandbox/net', ...SOCKETS_INTERFACES,
] as const;

export function sandboxLimits(policy: SandboxPolicy): SandboxLimits {
  return {
    fuel: policy.fuel,
    pages: effectiveLimit(policy.memoryPages, OUTER_LIMITS.memoryPages),
    files: effectiveLimit(policy.fs.maxFiles, OUTER_LIMITS.files),
    bytes: effectiveLimit(policy.fs.maxBytes, OUTER_LIMITS.bytes),
    connections: effectiveLimit(policy.net.mode === 'allow' ? policy.net.maxConnections : null, OUTER_LIMITS.connections),
    hostWork: policy.hostWork,
  };
}

export async function runSandboxed(options: SandboxRunOptions): Promise<SandboxResult> {
  const now = options.now ?? (() => performance.now());
  const { policy } = options;
  const limits = sandboxLimits(policy);
  const log = new ViolationLog(now);
  const budget = new HostBudget(policy.hostWork, log);
  const fuel = new FuelMeter(policy.fuel);
  const fsys = createQuotaFilesystem(policy.fs, log, budget);
  const net = new NetHost(policy.net, log, budget, now);
  let memory: WebAssembly.Memory | null = null;
  let output = '';
  const decoder = new TextDecoder();

  const pages = () => (memory ? memory.buffer.byteLength / WASM_PAGE_BYTES : 0);
  const usage = (): SandboxUsage => ({
    fuel: fuel.used(),
    pages: pages(),
    files: fsys.quota.usage.files,
    bytes: fsys.quota.usage.bytes,
    connections: net.usage.connections,
    netBytes: net.usage.bytes,
    hostBytes: budget.used.bytes,
    hostSyncs: budget.used.syncs,
    hostCalls: budget.used.calls,
  });
  const notePages = () => {
    if (pages() >= limits.pages.max) log.record('memory.pages', pages(), limits.pages.max, limits.pages.outer);
  };
  let lastUsage = -Infinity;
  const interval = options.usageIntervalMs ?? 200;
  budget.onCharge = () => {
    notePages();
    if (options.onUsage && now() - lastUsage >= interval) {
      lastUsage = now();
      options.onUsage(usage());
    }
  };

  const sink = {
    write(buf: Uint8Array) {
      budget.charge('calls', 0);
      if (output.length < OUTPUT_LIMIT) output += decoder.decode(buf, { stream: true }).slice(0, OUTPUT_LIMIT - output.length);
    },
    flush() {},
    blockingFlush() {},
  };
  const cliImports = cli.createCli({ arguments: options.args, stdout: sink, stderr: sink, environment: {} } as never) as any;

  // Timers the guest can sleep on. preview2-shim's browser poll returns a Promise, which a
  // synchronous component cannot wait for; in a Worker a busy wait is the honest equivalent of a
  // blocked thread, and it stays off the page's main thread.
  const ns = () => BigInt(Math.floor(now() * 1e6));
  const timer = (dueNs: bigint) => io.pollableCreate({ ready: () => ns() >= dueNs, wait: () => Promise.resolve() } as never);
  const monotonicClock = {
    now: ns,
    resolution: () => 1_000_000n,
    subscribeDuration: (d: bigint) => {
      budget.charge('calls', 0);
      return timer(ns() + d);
    },
    subscribeInstant: (at: bigint) => {
      budget.charge('calls', 0);
      return timer(at);
    },
  };
  const poll = (list: Array<{ ready(): boolean }>) => {
    budget.charge('calls', 0);
    for (;;) {
      const ready: number[] = [];
      list.forEach((p, i) => p.ready() && ready.push(i));
      if (ready.length) return new Uint32Array(ready);
    }
  };
  const random = {
    getRandomBytes(len: bigint) {
      const n = Number(len);
      if (!budget.charge('bytes', n)) throw new HostBudgetExceeded(`random_get of ${n} bytes`);
      const bytes = new Uint8Array(n);
      for (let i = 0; i < n; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
      return bytes;
    },
    getRandomU64() {
      if (!budget.charge('bytes', 8)) throw new HostBudgetExceeded('random u64');
      return crypto.getRandomValues(new BigUint64Array(1))[0]!;
    },
  };

  const imports: Record<(typeof SANDBOX_INTERFACES)[number], unknown> & Record<string, unknown> = {
    'wasi:cli/environment': cliImports.environment,
    'wasi:cli/exit': cliImports.exit,
    'wasi:cli/stdin': cliImports.stdin,
    'wasi:cli/stdout': cliImports.stdout,
    'wasi:cli/stderr': cliImports.stderr,
    'wasi:cli/terminal-input': cliImports.terminalInput,
    'wasi:cli/terminal-output': cliImports.terminalOutput,
    'wasi:cli/terminal-stdin': cliImports.terminalStdin,
    'wasi:cli/terminal-stdout': cliImports.terminalStdout,
    'wasi:cli/terminal-stderr': cliImports.terminalStderr,
    'wasi:clocks/monotonic-clock': monotonicClock,
    'wasi:clocks/wall-clock': clocks.wallClock,
    'wasi:filesystem/preopens': fsys.preopens,
    'wasi:filesystem/types': fsys.types,
    'wasi:io/error': io.error,
    'wasi:io/poll': { ...io.poll, poll, pollList: poll },
    'wasi:io/streams': io.streams,
    'wasi:random/random': random,
    'wasi:random/insecure': { getInsecureRandomBytes: random.getRandomBytes, getInsecureRandomU64: random.getRandomU64 },
    'wasi:random/insecure-seed': { insecureSeed: () => [random.getRandomU64(), random.getRandomU64()] },
    'lab:sandbox/net': net.imports(),
    ...socketsImports(net, log, budget),
    ...options.extraImports,
  };

  const getCoreModule = async (path: string) => {
    const bytes = await options.coreBytes(path);
    return WebAssembly.compile((path === options.mainCore ? capMemory(bytes, limits.pages.max) : bytes) as BufferSource);
  };
  const instantiateCore: CoreInstantiate = async (module, coreImports) => {
    const instance = await WebAssembly.instantiate(module, coreImports as WebAssembly.Imports);
    if (!fuel.attached && fuel.attach(instance)) {
      const m = instance.exports.memory;
      if (m instanceof WebAssembly.Memory) memory = m;
    }
    return instance;
  };

  const root = await options.instantiate(getCoreModule, imports, instantiateCore);
  const run = root.run ?? root['wasi:cli/run@0.2.12'] ?? root['wasi:cli/run'];
  if (!run?.run) throw new Error('the component does not export wasi:cli/run');

  let exitCode: number | null = null;
  let error: string | null = null;
  const startedAtMs = now();
  try {
    run.run();
    exitCode = 0;
  } catch (e) {
    const err = e as { exitError?: boolean; code?: number; message?: string; name?: string };
    if (err?.exitError) exitCode = err.code ?? 1;
    else error = `${err?.name ?? 'Error'}: ${err?.message ?? String(e)}`;
  }
  const stoppedAtMs = now();
  fsys.dispose();

  let outcome: OutcomeKind;
  if (fuel.exhausted()) {
    log.record('fuel', policy.fuel ?? Number.MAX_SAFE_INTEGER, policy.fuel ?? Number.MAX_SAFE_INTEGER, policy.fuel === null);
    outcome = 'out-of-fuel';
  } else {
    if (exitCode !== 0) notePages();
    const first = log.all.find((v) => v.limit !== 'deadline');
    if (first) outcome = OUTCOME_OF[first.limit];
    else if (exitCode !== 0 && policy.fs.access === 'none') outcome = 'no-filesystem';
    else if (exitCode === 0) outcome = 'completed';
    else if (exitCode !== null) outcome = 'exited';
    else outcome = 'trap';
  }
  const violation = outcome === 'out-of-fuel' ? log.all.find((v) => v.limit === 'fuel')! : (log.first ?? null);
  return {
    outcome,
    violation: ['completed', 'exited', 'trap', 'no-filesystem'].includes(outcome) ? null : violation,
    violations: log.all,
    exitCode,
    error,
    output,
    usage: usage(),
    limits,
    startedAtMs,
    stoppedAtMs,
  };
}
