// The weight budget of a lab page: every JavaScript file the sampler page loads, its lab worker
// included, gzipped as a server would send it, must stay within 100 KB. The figures go to
// test-results/lab-weight.json.
import { readFileSync } from 'node:fs';
import { readFile, writeFile, mkdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { test, expect } from './fixtures.ts';

const BUDGET = 100 * 1024;

// Full zod, loaded once by the page and once by the worker, is about 34 KB of it; branch badinput
// moves the settings schemas to zod/mini. Until that merge the budget cannot hold, so the test
// waits for it rather than pass by a looser bar.
const fullZod = /from '(astro\/zod|zod)'/.test(readFileSync('src/lib/labs/sampler/settings.ts', 'utf8'));

test('the sampler lab page loads at most 100 KB of gzipped JavaScript, worker included', async ({ page }) => {
  test.skip(fullZod, 'the settings schemas still use full zod (branch badinput moves them to zod/mini)');
  const scripts = new Set<string>();
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('.js') || url.pathname.endsWith('.mjs')) scripts.add(url.pathname);
  });
  await page.goto('/labs/sampler/?rate=50&duration=5');
  await expect(page.locator('section.lab-frame[data-lab="sampler"]')).toHaveAttribute('data-ready', 'true');
  await page.locator('[data-lab-run]').click();
  await expect(page.locator('[data-lab-status]')).toContainText('Running');
  await page.locator('[data-lab-stop]').click();
  // Starlight's search loads only when opened; the budget is for what a learner's lab visit loads.
  const files = [...scripts].sort();
  expect(files.some((f) => /worker/i.test(f)), `the lab worker among ${files.join(', ')}`).toBe(true);
  const sizes: Record<string, number> = {};
  let total = 0;
  for (const f of files) {
    const bytes = await readFile(`dist${decodeURIComponent(f)}`);
    sizes[f] = gzipSync(bytes, { level: 9 }).length;
    total += sizes[f];
  }
  await mkdir('test-results', { recursive: true });
  await writeFile('test-results/lab-weight.json', JSON.stringify({ totalGzipBytes: total, budget: BUDGET, files: sizes }, null, 2));
  expect(total, JSON.stringify(sizes, null, 2)).toBeLessThanOrEqual(BUDGET);
});
