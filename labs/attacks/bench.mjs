// npm run bench (via scripts/bench.mjs): two figures for the attack lab, each measured in this
// process against a baseline from the same process, so they hold whatever the machine.
//
// 1. Metering overhead: a loop-heavy benign module (assembly/benign.ts: a prime sieve, an FNV-1a hash,
//    a matrix product) compiled by asc, run as built and as metered by labs/build/meter.mjs; the
//    figure is the slowdown of the metered module, median of ROUNDS. Target: at most 1.1x.
// 2. Deadline to terminated worker: the lab's attack module spinning in `cpu loop` with fuel off
//    in a worker thread; at the deadline the main thread calls terminate(); the figure is the time
//    from the deadline to the worker's exit event, median of TERMINATIONS. Target: at most 50 ms.
//
// Needs `npm run build:labs` first (npm run bench does it) and Node 22.18 or later, whose type
// stripping runs the sandbox's TypeScript in the worker.
import { Worker } from 'node:worker_threads';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import asc from 'assemblyscript/asc';
import { meterModule } from '../build/meter.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROUNDS = 9;
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

function workload(exports) {
  return [exports.sieve(2_000_000), exports.fnv(1 << 20, 24), exports.matmul(160)];
}

async function meteringOverhead() {
  const plainBytes = await compileBenign();
  const meteredBytes = meterModule(plainBytes);
  const imports = { env: { abort: () => { throw new Error('benign module aborted'); } } };
  const plain = (await WebAssembly.instantiate(plainBytes, imports)).instance.exports;
  const metered = (await WebAssembly.instantiate(meteredBytes, imports)).instance.exports;
  metered.lab_fuel.value = 2n ** 62n;
  // Both must compute the same thing: metering may not change a result.
  const expected = JSON.stringify(workload(plain));
  if (JSON.stringify(workload(metered)) !== expected) throw new Error('the metered module computed something else');
  const ratios = [];
  const times = { plain: [], metered: [] };
  for (let r = 0; r < ROUNDS; r++) {
    // Alternate the order so neither always runs on a warmer machine.
    const order = r % 2 ? [['metered', metered], ['plain', plain]] : [['plain', plain], ['metered', metered]];
    const t = {};
    for (const [name, ex] of order) {
      const t0 = process.hrtime.bigint();
      workload(ex);
      t[name] = Number(process.hrtime.bigint() - t0) / 1e6;
      times[name].push(t[name]);
    }
    ratios.push(t.metered / t.plain);
  }
  const fuelUsed = Number(2n ** 62n - metered.lab_fuel.value);
  return { ratio: median(ratios), plainMs: median(times.plain), meteredMs: median(times.metered), fuelUsed, bytes: [plainBytes.length, meteredBytes.length] };
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
const ok1 = m.ratio <= TARGET_SLOWDOWN;
const ok2 = d.median <= TARGET_TERMINATE_MS;
console.log(`attack lab benchmark, Node ${process.version}`);
console.log(`  metering: benign module ${m.bytes[0]} B, metered ${m.bytes[1]} B; ${m.fuelUsed.toLocaleString('en')} fuel units per workload`);
console.log(`  metering: median of ${ROUNDS} rounds: plain ${m.plainMs.toFixed(1)} ms, metered ${m.meteredMs.toFixed(1)} ms, slowdown ${m.ratio.toFixed(3)}x (target <= ${TARGET_SLOWDOWN}x: ${ok1 ? 'met' : 'MISSED'})`);
console.log(`  deadline: ${TERMINATIONS} endless loops terminated ${DEADLINE_MS} ms in: deadline to worker exit median ${d.median.toFixed(1)} ms, max ${d.max.toFixed(1)} ms (target <= ${TARGET_TERMINATE_MS} ms: ${ok2 ? 'met' : 'MISSED'})`);
process.exitCode = ok1 && ok2 ? 0 : 1;
