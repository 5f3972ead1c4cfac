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

/** Gzipped bytes of each file, as a server at level 9 would send it. */
async function weigh(files: string[]): Promise<{ sizes: Record<string, number>; total: number }> {
  const sizes: Record<string, number> = {};
  let total = 0;
  for (const f of files) {
    const bytes = await readFile(`dist${decodeURIComponent(f)}`);
    sizes[f] = gzipSync(bytes, { level: 9 }).length;
    total += sizes[f];
  }
  return { sizes, total };
}

// What is counted: every script the page loads up to a run under way, the lab worker included.
// The viewer's parts that load when first used (span details, the run comparison) are weighed
// after Stop and a click on a span, reported apart, and held to a budget of their own. Stop is
// pressed only after the first figure is taken, and the run is long, so no run-end work (the
// comparison loads when a run ends) can slip into the first figure.
const ON_DEMAND_BUDGET = 12 * 1024;

test('the sampler lab page loads at most 100 KB of gzipped JavaScript, worker included', async ({ page }) => {
  test.skip(fullZod, 'the settings schemas still use full zod (branch badinput moves them to zod/mini)');
  const scripts = new Set<string>();
  page.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.endsWith('.js') || url.pathname.endsWith('.mjs')) scripts.add(url.pathname);
  });
  await page.goto('/labs/sampler/?rate=50&duration=60');
  await expect(page.locator('section.lab-frame[data-lab="sampler"]')).toHaveAttribute('data-ready', 'true');
  await page.locator('[data-lab-run]').click();
  await expect(page.locator('[data-lab-status]')).toContainText('Running');
  await expect(page.locator('[data-viewer-trace-rows] .tl-row').first()).toBeVisible();
  // Starlight's search loads only when opened; the budget is for what a learner's lab visit loads.
  const files = [...scripts].sort();
  expect(files.some((f) => /worker/i.test(f)), `the lab worker among ${files.join(', ')}`).toBe(true);
  const page1 = await weigh(files);

  // On demand: the comparison (loaded when the run ends) and the span details (on a click).
  // A kept request to open (not the run's own lab.run trace, which the sampler does not explain).
  const request = page.locator('[data-viewer-trace-rows] .tl-row[data-decision="kept"][data-trace]').filter({ hasText: /(GET|POST) \// });
  await expect(request.first()).toBeAttached({ timeout: 20_000 });
  await page.locator('[data-lab-stop]').click();
  await expect(page.locator('[data-lab-status]')).toHaveText(/^Stopped/);
  await expect(page.locator('[data-viewer-compare] select[data-compare="a"] option').first()).toBeAttached();
  // Once the last spans are recorded the list is final; a trace is clicked by its id, so a row the
  // virtual list recycles between finding and clicking cannot take the click (sampler-lab.spec.ts).
  await expect(page.locator('[data-lab-status]')).not.toContainText('Recording');
  const traceId = await request.first().getAttribute('data-trace');
  await page.locator(`[data-viewer-trace-rows] .tl-row[data-trace="${traceId}"] .tl-name`).click();
  await expect(page.locator('[data-viewer-details]')).toContainText(traceId!);
  await expect(page.locator('[data-viewer-details] .sd-notes')).toBeVisible();
  const later = await weigh([...scripts].filter((f) => !files.includes(f)).sort());

  await mkdir('test-results', { recursive: true });
  await writeFile(
    'test-results/lab-weight.json',
    JSON.stringify({ totalGzipBytes: page1.total, budget: BUDGET, files: page1.sizes, onDemand: { totalGzipBytes: later.total, budget: ON_DEMAND_BUDGET, files: later.sizes } }, null, 2),
  );
  expect(page1.total, JSON.stringify(page1.sizes, null, 2)).toBeLessThanOrEqual(BUDGET);
  expect(Object.keys(later.sizes).some((f) => /SpanDetails/.test(f)), `the details chunk among ${Object.keys(later.sizes).join(', ')}`).toBe(true);
  expect(Object.keys(later.sizes).some((f) => /RunComparison/.test(f)), `the comparison chunk among ${Object.keys(later.sizes).join(', ')}`).toBe(true);
  expect(later.total, JSON.stringify(later.sizes, null, 2)).toBeLessThanOrEqual(ON_DEMAND_BUDGET);
});
