// The sampler's part of npm run bench: its decisions per second, Wasm component against OpenTelemetry JS's
// TraceIdRatioBasedSampler, measured in this one process on the same trace ids, so the ratio holds
// whatever the machine. Prints the figures and the ratios; exits 1 if the batch API misses its target.
import { ROOT_CONTEXT } from '@opentelemetry/api';
import { SamplingDecision, TraceIdRatioBasedSampler } from '@opentelemetry/sdk-trace-base';
import { loadLab } from '../build/load-node.mjs';

/** The batch API must sustain at least this many decisions per second. */
const TARGET_PER_SECOND = 1_000_000;
const IDS = 200_000;
const BATCH = 10_000;
const ROUNDS = 7;
const RATIO = 0.25;

function randomIds(n) {
  const bytes = new Uint8Array(n * 16);
  for (let i = 0; i < bytes.length; i += 65_536) crypto.getRandomValues(bytes.subarray(i, i + 65_536));
  const hex = [];
  for (let i = 0; i < n; i++) hex.push(Buffer.from(bytes.subarray(i * 16, i * 16 + 16)).toString('hex'));
  return { bytes, hex };
}

/** Median decisions per second of `run` (which makes `count` decisions) over ROUNDS rounds. */
function measure(run, count) {
  run(); // warm-up: let both engines compile their hot paths
  const rates = [];
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    const kept = run();
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    if (kept < count * RATIO * 0.9 || kept > count * RATIO * 1.1) throw new Error(`implausible kept count ${kept} of ${count}`);
    rates.push(count / seconds);
  }
  return rates.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

const sampler = await loadLab('sampler');
sampler.configure(JSON.stringify({ ratio: RATIO }));
const { bytes, hex } = randomIds(IDS);
const now = Date.now();

const batches = [];
for (let i = 0; i < IDS; i += BATCH) {
  const n = Math.min(BATCH, IDS - i);
  batches.push({
    traceIds: bytes.subarray(i * 16, (i + n) * 16),
    parents: new Uint8Array(n),
    routeIndexes: new Uint16Array(n),
    routes: ['/products'],
    statusCodes: new Uint16Array(n).fill(200),
    errors: new Uint8Array(n),
  });
}

const otel = new TraceIdRatioBasedSampler(RATIO);
const otelRate = measure(() => {
  let kept = 0;
  for (const id of hex) kept += otel.shouldSample(ROOT_CONTEXT, id).decision === SamplingDecision.RECORD_AND_SAMPLED ? 1 : 0;
  return kept;
}, IDS);

const batchRate = measure(() => {
  let kept = 0;
  for (const b of batches) for (const d of sampler.decideBatch(b, now)) kept += d & 1;
  return kept;
}, IDS);

const SINGLE = 20_000;
const singleRate = measure(() => {
  let kept = 0;
  for (let i = 0; i < SINGLE; i++) {
    kept += sampler.decide({ traceId: hex[i], parent: 'none', route: '/products', statusCode: 200, isError: false }, now).keep ? 1 : 0;
  }
  return kept;
}, SINGLE);

const fmt = (n) => `${(n / 1e6).toFixed(2)} M decisions/s`;
console.log(`sampler benchmark: ${IDS.toLocaleString('en')} random trace ids, ratio ${RATIO}, median of ${ROUNDS} rounds, Node ${process.version}`);
console.log(`  baseline  OpenTelemetry JS TraceIdRatioBasedSampler  ${fmt(otelRate)}`);
console.log(`  wasm      decide-batch (${BATCH.toLocaleString('en')} spans per call)       ${fmt(batchRate)}   ratio to baseline ${(batchRate / otelRate).toFixed(2)}x`);
console.log(`  wasm      decide (one span per call)                ${fmt(singleRate)}   ratio to baseline ${(singleRate / otelRate).toFixed(2)}x`);
const ok = batchRate >= TARGET_PER_SECOND;
console.log(`target: decide-batch >= ${fmt(TARGET_PER_SECOND)}: ${ok ? 'met' : 'MISSED'}`);
process.exit(ok ? 0 : 1);
