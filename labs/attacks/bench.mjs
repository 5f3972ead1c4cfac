// npm run bench (via scripts/bench.mjs): two figures for the attack lab, each measured in this
// process against a baseline from the same process, so they hold whatever the machine.
//
// 1. Metering overhead: a loop-heavy benign module (assembly/benign.ts: a prime sieve, an FNV-1a hash,
//    a matrix product) compiled by asc, run as built and as metered by labs/build/meter.mjs; the
//    figure is the slowdown of the metered module (each part at its fastest of ROUNDS). Target: at most 1.1x.
//    The meter flattens the module and lets binaryen's optimizer fold it back, which on its own
//    changes the speed; a second baseline, the same pipeline without the counter, isolates the
//    counter's own cost, and the benchmark holds both ratios to the target.
// 2. Deadline to terminated worker: the lab's attack module spinning in `cpu loop` with fuel off
//    in a worker thread; at the deadline the main thread calls terminate(); the figure is the time
//    from the deadline to the worker's exit event, median of TERMINATIONS. Target: at most 50 ms.
//
// Needs `npm run build:labs` first (npm run bench does it) and Node 22.18 or later, whose type
// stripping runs the sandbox's TypeScript in the worker.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { meterModule } from '../build/meter.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROUNDS = 41;
const TERMINATIONS = 7;
const DEADLINE_MS = 300;
const TARGET_SLOWDOWN = 1.1;
const TARGET_TERMINATE_MS = 50;

async function compileBenign() {
  const outputs = {};
  const stderr = asc.createMemoryStream();
  const { error } = await asc.main(
    [join(HERE, 'assembly', 'benign.ts'), '--runtime', 'stub', '-O3', '--noAssert', '--outFile', 'benign.wasm'],
    { stderr, writeFile: (name, contents) => (outputs[name] = contents) },
  );
  if (error) throw new Error(`asc failed:\n${stderr}`);
  return outputs['benign.wasm'];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * The benign workload, in parts timed one by one. Each part takes a few milliseconds unloaded:
 * short enough that some of its runs fit between the other processes' time slices on a shared
 * machine, long enough for the timer.
 */
const PARTS = {
  sieve: (e) => e.sieve(2_000_000),
  fnv: (e) => e.fnv(1 << 20, 2),
  matmul: (e) => e.matmul(160),
};
const workload = (exports) => Object.values(PARTS).map((part) => part(exports));

async function meteringOverhead() {
  const plainBytes = await compileBenign();
  const meteredBytes = meterModule(plainBytes);
  const reoptimizedBytes = meterModule(plainBytes, { counter: false });
  const imports = { env: { abort: () => { throw new Error('benign module aborted'); } } };
  const instance = async (bytes) => (await WebAssembly.instantiate(bytes, imports)).instance.exports;
  const modules = { plain: await instance(plainBytes), reoptimized: await instance(reoptimizedBytes), metered: await instance(meteredBytes) };
  modules.metered.lab_fuel.value = 2n ** 62n;
  // All must compute the same thing: metering may not change a result.
  const expected = JSON.stringify(workload(modules.plain));
  for (const name of ['reoptimized', 'metered']) {
    if (JSON.stringify(workload(modules[name])) !== expected) throw new Error(`the ${name} module computed something else`);
  }
  const before = modules.metered.lab_fuel.value;
  workload(modules.metered);
  const fuelUsed = Number(before - modules.metered.lab_fuel.value);
  // Each part of the workload is timed for each module in turn, ROUNDS times. On a shared machine
  // other work only ever adds time, so each module's fastest run of a part is the best estimate
  // of its own cost; a module's figure is the sum of its fastest parts. The per-round medians are
  // printed too, to show how loaded the machine was.
  const names = Object.keys(modules);
  const best = Object.fromEntries(names.map((n) => [n, Object.fromEntries(Object.keys(PARTS).map((p) => [p, Infinity]))]));
  const rounds = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the order so no module always runs on a warmer machine.
    const order = names.map((_, i) => names[(i + r) % names.length]);
    const total = Object.fromEntries(names.map((n) => [n, 0]));
    for (const [partName, part] of Object.entries(PARTS)) {
      for (const name of order) {
        const t0 = process.hrtime.bigint();
        part(modules[name]);
        const ms = Number(process.hrtime.bigint() - t0) / 1e6;
        best[name][partName] = Math.min(best[name][partName], ms);
        total[name] += ms;
      }
    }
    for (const name of names) rounds[name].push(total[name]);
  }
  const sum = (name) => Object.values(best[name]).reduce((a, b) => a + b, 0);
  return {
    ratio: sum('metered') / sum('plain'),
    ratioReoptimized: sum('metered') / sum('reoptimized'),
    best: Object.fromEntries(names.map((n) => [n, sum(n)])),
    parts: best,
    medians: Object.fromEntries(names.map((n) => [n, median(rounds[n])])),
    fuelUsed,
    bytes: [plainBytes.length, meteredBytes.length],
  };
}

function terminateOnce() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./test/run-worker.ts', import.meta.url), {
      workerData: {
        attack: 'cpu',
        variant: 'loop',
        policy: {
          fuel: null,
          deadlineMs: null,
          memoryPages: 64,
          fs: { maxFiles: 10, maxBytes: 1024, access: 'none' },
          net: { mode: 'deny' },
          hostWork: null,
        },
      },
    });
    worker.on('error', reject);
    worker.on('message', (m) => {
      if (m.type === 'result') reject(new Error('the endless loop ended on its own'));
      if (m.type !== 'started') return;
      const due = performance.now() + DEADLINE_MS;
      setTimeout(() => {
        worker.once('exit', () => resolve(performance.now() - due));
        void worker.terminate();
      }, DEADLINE_MS);
    });
  });
}

async function deadlineToTermination() {
  const samples = [];
  for (let i = 0; i < TERMINATIONS; i++) samples.push(await terminateOnce());
  return { median: median(samples), max: Math.max(...samples) };
}

const m = await meteringOverhead();
const d = await deadlineToTermination();
const ok1 = m.ratio <= TARGET_SLOWDOWN && m.ratioReoptimized <= TARGET_SLOWDOWN;
const ok2 = d.median <= TARGET_TERMINATE_MS;
console.log(`attack lab benchmark, Node ${process.version}`);
console.log(`  metering: benign module ${m.bytes[0]} B, metered ${m.bytes[1]} B; ${m.fuelUsed.toLocaleString('en')} fuel units per workload`);
const ms = (x) => `${x.toFixed(1)} ms`;
console.log(`  metering: fastest of ${ROUNDS} rounds, per part (${Object.keys(PARTS).join(', ')}), summed: as built ${ms(m.best.plain)}, flattened and optimized without the counter ${ms(m.best.reoptimized)}, metered ${ms(m.best.metered)}`);
for (const name of Object.keys(m.parts)) console.log(`    ${name}: ${Object.entries(m.parts[name]).map(([p, t]) => `${p} ${ms(t)}`).join(', ')}; median round ${ms(m.medians[name])}`);
console.log(`  metering: slowdown ${m.ratio.toFixed(3)}x against as built, ${m.ratioReoptimized.toFixed(3)}x against the same pipeline without the counter (target <= ${TARGET_SLOWDOWN}x: ${ok1 ? 'met' : 'MISSED'})`);
console.log(`  load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(', ')}`);
console.log(`  deadline: ${TERMINATIONS} endless loops terminated ${DEADLINE_MS} ms in: deadline to worker exit median ${d.median.toFixed(1)} ms, max ${d.max.toFixed(1)} ms (target <= ${TARGET_TERMINATE_MS} ms: ${ok2 ? 'met' : 'MISSED'})`);
process.exitCode = ok1 && ok2 ? 0 : 1;
