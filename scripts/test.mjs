// npm test: every suite in order (type check, unit tests, build, end-to-end), then one closing line
// "N passed, N failed" that sums them. A suite that cannot run counts as failed, and later suites
// that need its output are skipped rather than reported as passing.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const resultsDir = '.test-results';
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const lines = [];

function run(cmd, args, env = {}) {
  console.log(`\n$ ${[cmd, ...args].join(' ')}`);
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return res.status === 0;
}

function record(name, passed, failed, skipped = 0) {
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  lines.push(`${name}: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
}

/** Reads "# pass N" / "# fail N" from a node:test TAP file. */
function tapCounts(file) {
  if (!existsSync(file)) return null;
  const tap = readFileSync(file, 'utf8');
  const num = (key) => Number(tap.match(new RegExp(`^# ${key} (\\d+)$`, 'm'))?.[1] ?? 0);
  return { passed: num('pass'), failed: num('fail') + num('cancelled'), skipped: num('skipped') + num('todo') };
}

// 1. Labs are built first: the type check and unit tests import the transpiled components.
const labsBuilt = run('npm', ['run', 'build:labs']);
record('lab build', labsBuilt ? 1 : 0, labsBuilt ? 0 : 1);

// 2. Type check: one test that passes or fails as a whole.
const checked = run('npx', ['astro', 'check']);
record('type check', checked ? 1 : 0, checked ? 0 : 1);

// 3. Unit tests (node:test, TypeScript by type stripping).
const unitTap = join(resultsDir, 'unit.tap');
const unitOk = run('node', ['scripts/run-unit-tests.mjs', '--tap', unitTap]);
const unit = tapCounts(unitTap);
if (unit) record('unit', unit.passed, unit.failed + (unitOk || unit.failed ? 0 : 1), unit.skipped);
else record('unit', 0, 1);

// 4. Site build, with the link checker and Pagefind index.
const built = labsBuilt && run('npx', ['astro', 'build']);
record('site build', built ? 1 : 0, built ? 0 : 1);

// 5. End-to-end tests against the built site.
if (built) {
  const json = join(resultsDir, 'e2e.json');
  const e2eOk = run('npx', ['playwright', 'test'], { PW_JSON_OUTPUT: json, CI: process.env.CI ?? '1' });
  if (existsSync(json)) {
    const { stats } = JSON.parse(readFileSync(json, 'utf8'));
    const failed = stats.unexpected + stats.flaky;
    record('e2e', stats.expected, failed + (e2eOk || failed ? 0 : 1), stats.skipped);
  } else record('e2e', 0, 1);
} else {
  lines.push('e2e: not run, the site did not build');
  totals.failed += 1;
}

console.log('\nSummary');
for (const line of lines) console.log(`  ${line}`);
console.log(`${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`);
process.exit(totals.failed === 0 ? 0 : 1);
