import { test, expect } from './fixtures.ts';

// Figures and "Tested with" notes as a reader meets them: the value, its scope and its citation
// together, on a desk and on a phone, and reachable from the keyboard.

test('a figure shows its value, what it measures, its baseline and a verified citation together', async ({ page }) => {
  await page.goto('/research/lumos/');
  const figure = page.locator('[data-figure="lumos-interpreted-warm-latency"]').first();
  await expect(figure.locator('.figure__value')).toHaveText('up to 55× higher');
  await expect(figure.locator('.figure__scope')).toHaveText(
    'warm latency of Wasm run by an interpreter (baseline: not named in the abstract)',
  );
  await expect(figure.locator('.cite__status')).toHaveText('verified');
  await expect(figure.getByRole('link', { name: 'Lumos (arXiv:2510.05118), abstract' })).toHaveAttribute(
    'href',
    'https://arxiv.org/abs/2510.05118',
  );
});

test('the same figure reads the same on every page that cites it', async ({ page }) => {
  const seen = new Set<string>();
  for (const path of ['/research/lumos/', '/comparison/', '/webassembly/size-and-startup/', '/webassembly/']) {
    await page.goto(path);
    seen.add(await page.locator('[data-figure="lumos-interpreted-warm-latency"]').first().innerText());
  }
  expect(seen.size).toBe(1);
});

test('a measured figure names the command that reproduces it', async ({ page }) => {
  await page.goto('/labs/sampler/');
  const figure = page.locator('[data-figure="sampler-decide-batch-rate"]');
  await expect(figure.locator('.figure__command code')).toHaveText('npm run bench');
});

test('a citation of the seed documents leads to the one place that explains them', async ({ page }) => {
  await page.goto('/research/lumos/');
  const cite = page.locator('.cite--unverified a', { hasText: 'Seed documents' }).first();
  await expect(cite).toHaveAttribute('href', '/start/#the-seed-documents');
  await cite.click();
  await expect(page.locator('#the-seed-documents')).toBeInViewport();
});

test('"Tested with" gives the versions at a glance and how they were checked on demand, by keyboard', async ({ page }) => {
  await page.goto('/containers/compose-stack/');
  const box = page.locator('details.tested-with');
  await expect(box.locator('summary')).toContainText('OpenTelemetry Collector (contrib distribution) 0.164.0');
  await expect(box.locator('summary')).toContainText('Redis 8.6.2');
  await expect(box.locator('li').first()).toBeHidden();
  await box.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(box.locator('li', { hasText: 'Redis 8.6.2' })).toContainText('validated');
});

test('a table of figures fits a phone without widening the page', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/comparison/');
  await expect(page.locator('[data-figure="edera-v1-startup"]')).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
});

test('a table of seed figures shows the values from the data files, each citation once, and each figure’s scope on demand', async ({ page }) => {
  await page.goto('/comparison/');
  const table = page.getByRole('region', { name: 'Table: Density, throughput and cost: illustrative only' });
  const memoryRow = table.getByRole('row', { name: /Memory per instance/ });
  await expect(memoryRow.locator('[data-figure="seed-memory-wasm"]')).toHaveText('10 MB');
  await expect(table.getByRole('rowheader', { name: /HTTP requests per second/ })).toBeVisible();
  await expect(table.locator('[data-figure="seed-throughput-bare-metal"]')).toHaveText('150K requests/s');
  const sources = page.locator('.figure-table__sources').first();
  // One citation per place in the source the rows come from, not one per cell.
  await expect(sources.locator('a')).toHaveText([
    'Illustrative scenario, throughput and latency table',
    'Illustrative scenario, memory table',
    'Illustrative scenario, density comparison',
  ]);
  await expect(sources.locator('.cite__status')).toHaveText(['illustrative', 'illustrative', 'illustrative']);
  const scope = page.locator('.figure-table__scope').first();
  await expect(scope.locator('[data-figure-scope="seed-density-wasm"]')).toBeHidden();
  await scope.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(scope.locator('[data-figure-scope="seed-density-wasm"]')).toContainText('baseline: the memory per instance');
});
