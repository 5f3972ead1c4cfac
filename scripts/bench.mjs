// npm run bench: runs every lab's benchmark, labs/<lab>/bench.mjs, one after the other, each in a
// process of its own so that one lab's heap and JIT state cannot colour another's figures.
// Usage: node scripts/bench.mjs [lab ...]   Exits 1 if any benchmark missed its target or failed.
import { spawnSync } from 'node:child_process';
import { globSync } from 'node:fs';

const only = process.argv.slice(2);
const benches = globSync('labs/*/bench.mjs')
  .sort()
  .filter((f) => only.length === 0 || only.includes(f.split('/')[1]));
if (benches.length === 0) {
  console.error(`No benchmark found${only.length ? ` for ${only.join(', ')}` : ''} (labs/*/bench.mjs).`);
  process.exit(1);
}

const failed = [];
for (const file of benches) {
  console.log(`\n== ${file}`);
  const res = spawnSync(process.execPath, ['--experimental-strip-types', '--disable-warning=ExperimentalWarning', file], {
    stdio: 'inherit',
  });
  if (res.status !== 0) failed.push(file);
}
console.log(`\n${benches.length - failed.length} of ${benches.length} benchmarks met their targets${failed.length ? `; missed or failed: ${failed.join(', ')}` : ''}`);
process.exit(failed.length ? 1 : 0);
