// Runs every *.test.ts under labs/, src/ and scripts/ with node:test. TypeScript runs by type
// stripping, so test and library code use only erasable syntax (see tsconfig's erasableSyntaxOnly).
// Usage: node scripts/run-unit-tests.mjs [--tap FILE] [file-filter]
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const args = process.argv.slice(2);
const tapIndex = args.indexOf('--tap');
const tapFile = tapIndex >= 0 ? args.splice(tapIndex, 2)[1] : null;
const filter = args[0];

const files = globSync(['labs/**/*.test.ts', 'src/**/*.test.ts', 'scripts/**/*.test.ts'], {
  exclude: (p) => p.includes('node_modules'),
}).filter((f) => !filter || f.includes(filter));

if (files.length === 0) {
  console.error('No unit test files found.');
  process.exit(1);
}

const reporters = ['--test-reporter=spec', '--test-reporter-destination=stdout'];
if (tapFile) reporters.push('--test-reporter=tap', `--test-reporter-destination=${tapFile}`);

const res = spawnSync(
  process.execPath,
  ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', '--test', ...reporters, ...files],
  { stdio: 'inherit' },
);
process.exit(res.status ?? 1);
