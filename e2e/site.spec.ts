import { readFileSync, readdirSync } from 'node:fs';
import { test, expect } from './fixtures.ts';

/** Every page the sitemap lists, as a path on the local server. */
function sitemapPaths(): string[] {
  const files = readdirSync('dist').filter((f) => /^sitemap-\d+\.xml$/.test(f));
  const urls = files.flatMap((f) => [...readFileSync(`dist/${f}`, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
  return urls.map((u) => new URL(u).pathname);
}

const paths = sitemapPaths();

test('the sitemap lists the home page and every section', () => {
  for (const p of ['/', '/start/', '/research/', '/containers/', '/webassembly/', '/comparison/', '/plugins/', '/labs/', '/paths/']) {
    expect(paths).toContain(p);
  }
});

for (const path of paths) {
  test(`page ${path} loads with status 200, no console error and no outside request`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first()).toBeVisible();
    // Heading anchors: every h2/h3 in the article body has an id and a link to itself.
    const headings = page.locator('.sl-markdown-content :is(h2, h3)');
    for (const h of await headings.all()) {
      const id = await h.getAttribute('id');
      expect(id, 'heading id').toBeTruthy();
    }
    await page.waitForLoadState('networkidle');
  });
}

test('canonical links point at the configured site', async ({ page }) => {
  await page.goto('/start/');
  const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
  expect(canonical).toMatch(/^https?:\/\/[^/]+\/start\/$/);
});

test('search finds the page that holds a figure', async ({ page }) => {
  await page.goto('/');
  const open = page.locator('button[data-open-modal]');
  await expect(open).toBeEnabled();
  await expect(page.locator('dialog[aria-label="Search"] input')).toBeAttached({ timeout: 30_000 });
  await open.click();
  const input = page.locator('dialog[aria-label="Search"] input');
  await input.fill('740 ms');
  const results = page.locator('.pagefind-ui__result-link');
  await expect(results.first()).toBeVisible();
  const hrefs = await results.evaluateAll((els) => els.map((e) => (e as HTMLAnchorElement).pathname));
  expect(hrefs).toContain('/research/edera/');
});

test('keyboard: the skip link is the first stop and moves focus to the content', async ({ page }) => {
  await page.goto('/start/');
  await page.keyboard.press('Tab');
  const skip = page.locator('a.sl-skip-link');
  await expect(skip).toBeFocused();
  await expect(skip).toBeVisible();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/#_top$/);
});

test('keyboard: Ctrl+K opens search, Escape closes it, and it opens again', async ({ page }) => {
  await page.goto('/start/');
  const dialog = page.locator('dialog[aria-label="Search"]');
  await expect(page.locator('button[data-open-modal]')).toBeEnabled();
  // Starlight builds the search UI when the page is idle; on a busy machine that can take a while.
  await expect(dialog.locator('input')).toBeAttached({ timeout: 30_000 });
  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
  await expect(dialog.locator('input')).toBeFocused();
  await dialog.locator('input').fill('wasm');
  await expect(dialog.locator('.pagefind-ui__result-link').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await page.keyboard.press('Control+k');
  await expect(dialog).toBeVisible();
});

test('reading works without JavaScript', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('/start/');
  await expect(page.locator('h1')).toHaveText('About this site');
  await expect(page.locator('.sl-markdown-content table').first()).toBeVisible();
  await context.close();
});
