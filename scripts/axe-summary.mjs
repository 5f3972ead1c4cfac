// Sums the accessibility gate's scans (written by e2e/a11y.spec.ts into .test-results/axe/) by
// impact and by rule, light and dark, into .test-results/axe-summary.json, and prints a table.
// Usage, after a build:
//   E2E_PORT=4333 npx playwright test e2e/a11y.spec.ts --workers=1; node scripts/axe-summary.mjs
// Counts are elements (axe's "nodes"): one rule failing on twelve checkboxes counts twelve.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = join('.test-results', 'axe');
const out = join('.test-results', 'axe-summary.json');
const impacts = ['critical', 'serious', 'moderate', 'minor'];

if (!existsSync(dir)) {
  console.error(`No scans in ${dir}: run e2e/a11y.spec.ts first.`);
  process.exit(1);
}

const scans = readdirSync(dir)
  .filter((f) => f.endsWith('.json'))
  .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')));

/** Counts for one theme: by impact, by rule (with its impact), and the scans each rule failed on. */
function summarise(theme) {
  const ofTheme = scans.filter((s) => s.theme === theme);
  const byImpact = Object.fromEntries(impacts.map((i) => [i, 0]));
  const byRule = {};
  for (const s of ofTheme) {
    for (const v of s.violations) {
      byImpact[v.impact] += v.nodes.length;
      const rule = (byRule[v.id] ??= { impact: v.impact, nodes: 0, scans: [] });
      rule.nodes += v.nodes.length;
      rule.scans.push(s.scan);
    }
  }
  const excepted = {};
  for (const s of ofTheme) for (const e of s.excepted ?? []) excepted[e.rule] = (excepted[e.rule] ?? 0) + 1;
  return { scans: ofTheme.length, byImpact, byRule, excepted };
}

const times = scans.map((s) => s.scannedAt).sort();
const summary = {
  axeVersion: scans[0]?.axeVersion ?? null,
  scannedFrom: times[0] ?? null,
  scannedUntil: times.at(-1) ?? null,
  light: summarise('light'),
  dark: summarise('dark'),
};
writeFileSync(out, JSON.stringify(summary, null, 2) + '\n');

for (const theme of ['light', 'dark']) {
  const s = summary[theme];
  console.log(`\n${theme}: ${s.scans} scans; ${impacts.map((i) => `${i} ${s.byImpact[i]}`).join(', ')}`);
  const rules = Object.entries(s.byRule).sort((a, b) => impacts.indexOf(a[1].impact) - impacts.indexOf(b[1].impact) || b[1].nodes - a[1].nodes);
  for (const [id, r] of rules) console.log(`  ${r.impact.padEnd(9)} ${id.padEnd(32)} ${String(r.nodes).padStart(4)} elements on ${r.scans.length} scans`);
  for (const [id, n] of Object.entries(s.excepted)) console.log(`  excepted  ${id.padEnd(32)} ${String(n).padStart(4)} elements (see EXCEPTIONS in e2e/axe.ts)`);
}
console.log(`\nWritten to ${out}`);
