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
  // The page has more than one table of figures; read the citations and scopes of this one.
  const block = page.locator('.figure-table', { has: table });
  const sources = block.locator('.figure-table__sources');
  // One citation per place in the source the rows come from, not one per cell.
  await expect(sources.locator('a')).toHaveText([
    'Illustrative scenario, throughput and latency table',
    'Illustrative scenario, memory table',
    'Illustrative scenario, density comparison',
  ]);
  await expect(sources.locator('.cite__status')).toHaveText(['illustrative', 'illustrative', 'illustrative']);
  const scope = block.locator('.figure-table__scope');
  await expect(scope.locator('[data-figure-scope="seed-density-wasm"]')).toBeHidden();
  await scope.locator('summary').focus();
  await page.keyboard.press('Enter');
  await expect(scope.locator('[data-figure-scope="seed-density-wasm"]')).toContainText('baseline: the memory per instance');
});

test('the orders-of-magnitude ranges read as ranges from the data files, labelled illustrative', async ({ page }) => {
  await page.goto('/comparison/');
  const table = page.getByRole('region', { name: 'Table: Orders of magnitude: illustrative only' });
  await expect(table.getByRole('columnheader')).toHaveText(['VM', 'Container', 'Wasm']);
  const rows = {
    'Start-up': ['5–60 s', '100–1000 ms', '1–10 ms'],
    'Memory per instance': ['512 MB–8 GB', '50–500 MB', '1–50 MB'],
    'Image or disk size': ['1–20 GB', '50–500 MB', '0.5–5 MB (AoT)'],
  };
  for (const [label, cells] of Object.entries(rows)) {
    const row = table.getByRole('row', { name: new RegExp(`^${label}`) });
    await expect(row.getByRole('rowheader')).toHaveText(label);
    await expect(row.getByRole('cell')).toHaveText(cells);
  }
  await expect(table.locator('[data-figure="seed-range-startup-vm"]')).toHaveText('5–60 s');
  const block = page.locator('.figure-table', { has: table });
  await expect(block.locator('.figure-table__sources .cite')).toHaveCount(1);
  await expect(block.locator('.figure-table__sources a')).toHaveText('Illustrative scenario, core feature comparison table');
  await expect(block.locator('.figure-table__sources .cite__status')).toHaveText('illustrative');
  await block.locator('summary').click();
  await expect(block.locator('[data-figure-scope="seed-range-memory-wasm"]')).toContainText('1–50 MB: memory per instance of a WebAssembly module');
});

test('on a phone a range breaks after its dash, never between a number and its unit', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/comparison/');
  const table = page.getByRole('region', { name: 'Table: Orders of magnitude: illustrative only' });
  await expect(table.locator('[data-figure="seed-range-memory-vm"]')).toBeVisible();
  // Each "number unit" pair in a cell must lie on one line: its text's boxes share one top.
  const split = await table.locator('.figure__value').evaluateAll((values) =>
    values.flatMap((value) => {
      const text = value.firstChild as Text;
      return [...(text.data.matchAll(/[\d.]+[\s\u00a0](?:s|ms|MB|GB)\b/g))]
        .filter((m) => {
          const range = document.createRange();
          range.setStart(text, m.index);
          range.setEnd(text, m.index + m[0].length);
          return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
        })
        .map((m) => `${text.data}: "${m[0]}"`);
    }),
  );
  expect(split).toEqual([]);
  // The table is narrow enough that the breaks above, not a sideways scroll, make it fit.
  expect(await table.evaluate((el) => el.scrollWidth - el.clientWidth)).toBeLessThanOrEqual(0);
});

test('the Lumos warm-latency pairs are figures labelled unverified, and the Edera page cites the start-up range', async ({ page }) => {
  await page.goto('/research/lumos/');
  const table = page.getByRole('region', { name: 'Table: Warm latency as it circulates' });
  await expect(table.getByRole('columnheader')).toHaveText(['AoT-compiled Wasm', 'Container']);
  await expect(table.getByRole('row', { name: /P50/ }).getByRole('cell')).toHaveText(['5.5 ms', '5 ms']);
  await expect(table.getByRole('row', { name: /P99/ }).getByRole('cell')).toHaveText(['18 ms', '15 ms']);
  const sources = page.locator('.figure-table', { has: table }).locator('.figure-table__sources');
  await expect(sources.locator('.cite--unverified a')).toHaveText('Seed documents, Lumos summary');
  await expect(sources.locator('.cite__status')).toHaveText('unverified');

  await page.goto('/research/edera/');
  const range = page.locator('[data-figure="seed-range-startup-container"]');
  await expect(range.locator('.figure__value')).toHaveText('100–1000 ms');
  await expect(range.locator('.figure__scope')).toContainText('start-up time of a container');
  await expect(range.locator('.cite__status')).toHaveText('illustrative');
});
