// Accessibility gate: every page in the sitemap, in the light and the dark theme, plus the sampler
// lab while it runs, checked by axe-core against WCAG 2.1 A and AA. A serious or critical violation
// fails the test; every violation of any impact is written to .test-results/axe/ and
// `node scripts/axe-summary.mjs` sums them by impact and by rule.
import { test, expect } from './fixtures.ts';
import { blocking, failing, record, scan, settle, sitemapPaths, useTheme, type Theme } from './axe.ts';

const themes: Theme[] = ['light', 'dark'];
const paths = sitemapPaths();

// No transition may be half-way when axe measures a colour.
test.use({ colorScheme: 'light', reducedMotion: 'reduce' });

test('the gate covers the whole sitemap', () => {
  expect(paths.length).toBeGreaterThan(30);
  expect(paths).toContain('/labs/sampler/');
  expect(paths).toContain('/webassembly/security-hardening/');
});

for (const theme of themes) {
  test.describe(`${theme} theme`, () => {
    test.beforeEach(async ({ page }) => useTheme(page, theme));

    for (const path of paths) {
      test(`${path} has no serious or critical WCAG 2.1 AA violation`, async ({ page }) => {
        await page.goto(path);
        await settle(page, theme);
        const result = await scan(page, path, theme);
        record(result);
        expect(blocking(result)).toEqual([]);
      });
    }

    const LAB = 'section.lab-frame[data-lab="sampler"]';

    /** Starts a long sampler run and waits until spans are arriving. */
    async function startRun(page: import('@playwright/test').Page) {
      await page.goto('/labs/sampler/?rate=300&duration=60');
      await expect(page.locator(LAB)).toHaveAttribute('data-ready', 'true');
      await settle(page, theme);
      await page.locator(`${LAB} [data-lab-run]`).click();
      await expect(page.locator(`${LAB} [data-lab-status]`)).toContainText('Running');
      await expect(page.locator(`${LAB} [data-viewer-trace-rows] .tl-row`).first()).toBeVisible();
      await expect(page.locator(LAB)).toHaveAttribute('data-status', 'running');
    }

    test('the sampler lab mid-run, outside the span viewer, has no serious or critical violation', async ({ page }) => {
      await startRun(page);
      const result = await scan(page, 'sampler lab mid-run (without the span viewer)', theme, '[data-span-viewer]');
      await expect(page.locator(LAB)).toHaveAttribute('data-status', 'running');
      record(result);
      expect(blocking(result)).toEqual([]);
      await page.locator(`${LAB} [data-lab-stop]`).click();
    });

    test('the sampler lab mid-run, span viewer included, has no serious or critical violation', async ({ page }) => {
      await startRun(page);
      const result = await scan(page, 'sampler lab mid-run', theme);
      record(result);
      expect(blocking(result)).toEqual([]);
      await page.locator(`${LAB} [data-lab-stop]`).click();
    });
  });
}

// Which boxes scroll sideways depends on the width: on a phone many more do. Only the layout rule
// runs here (colours and names do not change with the width), so all pages fit in one test.
test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('every box that scrolls sideways, on every page, can be reached by keyboard', async ({ page }) => {
    test.setTimeout(60_000 + paths.length * 5_000);
    const found: string[] = [];
    for (const path of paths) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      for (const f of await failing(page, ['scrollable-region-focusable'])) found.push(`${path} ${f}`);
    }
    expect(found).toEqual([]);
  });
});

