import type { Locator, Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

/** Relative luminance (0 black … 1 white) of a computed CSS colour such as "rgb(23, 24, 28)". */
function luminance(css: string): number {
  const [r, g, b] = (css.match(/[\d.]+/g) ?? []).slice(0, 3).map((v) => {
    const c = Number(v) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

async function colours(locator: Locator): Promise<{ color: string; background: string }> {
  return locator.evaluate((el) => {
    const cs = getComputedStyle(el);
    return { color: cs.color, background: cs.backgroundColor };
  });
}

/** Opens a page as a learner who chose the dark theme. */
async function openDark(page: Page, path: string) {
  await page.addInitScript(() => localStorage.setItem('starlight-theme', 'dark'));
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
}

test('a content page prints its prose, tables and sources in dark ink on white, without the site chrome', async ({ page }) => {
  await openDark(page, '/start/');
  // On screen the dark theme is in force, so what follows is the print stylesheet's doing.
  expect(luminance((await colours(page.locator('body'))).background)).toBeLessThan(0.1);

  await page.emulateMedia({ media: 'print' });
  for (const chrome of ['header.header', 'nav.sidebar', 'starlight-toc', 'mobile-starlight-toc', '.pagination-links', 'starlight-theme-select']) {
    await expect(page.locator(chrome).first(), chrome).toBeHidden();
  }
  await expect(page.locator('h1')).toHaveText('About this site');
  const firstParagraph = page.locator('.sl-markdown-content > p').first();
  await expect(firstParagraph).toBeVisible();
  await expect(page.locator('#page-sources-heading')).toBeVisible();

  const body = await colours(page.locator('body'));
  expect(luminance(body.background), `page background ${body.background}`).toBeGreaterThan(0.9);
  const text = await colours(firstParagraph);
  expect(luminance(text.color), `text colour ${text.color}`).toBeLessThan(0.1);

  // Tables print whole rather than as a box that scrolls (and would be cut at the paper's edge).
  const table = page.locator('.sl-markdown-content table').first();
  expect(await table.evaluate((t) => [getComputedStyle(t).display, getComputedStyle(t).overflowX])).toEqual(['table', 'visible']);
});

test('code blocks print dark on white after the dark theme was used', async ({ page }) => {
  await openDark(page, '/containers/dockerfile/');
  const code = page.locator('.expressive-code pre').first();
  const token = page.locator('.expressive-code .ec-line span[style]').first();
  expect(luminance((await colours(code)).background)).toBeLessThan(0.1);

  await page.emulateMedia({ media: 'print' });
  expect(luminance((await colours(code)).background)).toBeGreaterThan(0.9);
  const tokenColour = (await colours(token)).color;
  expect(luminance(tokenColour), `code token colour ${tokenColour}`).toBeLessThan(0.1);
});

test('form controls never print as dark boxes after the dark theme was used', async ({ page }) => {
  await openDark(page, '/comparison/cost-calculator/');
  const controls = page.locator('.sl-markdown-content :is(input[type="text"], select)');
  expect(await controls.count()).toBeGreaterThan(3);
  expect(luminance((await colours(controls.first())).background), 'dark on screen').toBeLessThan(0.2);

  await page.emulateMedia({ media: 'print' });
  for (const control of await controls.all()) {
    if (!(await control.isVisible())) continue;
    const { color, background } = await colours(control);
    expect(luminance(background), `control background ${background}`).toBeGreaterThan(0.9);
    expect(luminance(color), `control text ${color}`).toBeLessThan(0.1);
  }
  expect(await page.locator('html').evaluate((h) => getComputedStyle(h).colorScheme)).toBe('light');
});

test('the sampler lab prints the prose and the last run’s results, not the lab’s controls or span rows', async ({ page }) => {
  const LAB = 'section.lab-frame[data-lab="sampler"]';
  await openDark(page, '/labs/sampler/?rate=500&duration=60');
  await expect(page.locator(LAB)).toHaveAttribute('data-ready', 'true');
  await page.locator(`${LAB} [data-lab-run]`).click();
  const counts = page.locator(`${LAB} [data-viewer-counts]`);
  // Some traffic went through: the counts name a non-zero number of kept spans.
  await expect(counts).toContainText(/kept/);
  await expect(counts).toContainText(/[1-9]/);
  await page.waitForTimeout(1000);
  await page.locator(`${LAB} [data-lab-stop]`).click();
  await expect(page.locator(`${LAB} [data-lab-status]`)).toHaveText(/^Stopped/);
  const onScreen = (await counts.innerText()).replace(/\s+/g, ' ').trim();

  await page.emulateMedia({ media: 'print' });
  // The prose around the lab.
  await expect(page.locator('h1')).toHaveText('Trace sampler lab');
  await expect(page.locator('.sl-markdown-content h2', { hasText: 'Try it' })).toBeVisible();
  // The lab's title and the learner's last results, as they were on screen.
  await expect(page.locator(`${LAB} .lab-frame__title`)).toBeVisible();
  await expect(counts).toBeVisible();
  expect((await counts.innerText()).replace(/\s+/g, ' ').trim()).toBe(onScreen);
  for (const summary of await page.locator(`${LAB} [data-print-summary]`).all()) {
    const shown = await summary.evaluate((el) => el.textContent!.trim() !== '' && !el.hasAttribute('hidden'));
    if (shown) await expect(summary).toBeVisible();
  }

  // None of the interactive chrome.
  for (const chrome of [
    '[data-sampler-controls]',
    '[data-lab-run]',
    '[data-lab-stop]',
    '[data-lab-status]',
    '.lab-frame__drills',
    '.sampler-panel__raw',
    '.sv-toolbar',
    '.sv-export',
    '[data-viewer-rows]',
    '[data-viewer-details]',
  ]) {
    await expect(page.locator(`${LAB} ${chrome}`).first(), chrome).toBeHidden();
  }
  // Whatever the viewer's markup, the frame's printed text is its header and its summaries, nothing more.
  const printed = await page.locator(LAB).evaluate((frame) => {
    const text = (el: Element) => (el as HTMLElement).innerText.replace(/\s+/g, ' ').trim();
    const kept = [frame.querySelector('.lab-frame__header')!, ...frame.querySelectorAll('[data-print-summary]')];
    return { all: text(frame), kept: kept.map(text).filter(Boolean).join(' ') };
  });
  expect(printed.all).toBe(printed.kept);
  const visibleInteractive = await page.locator(LAB).evaluate((frame) =>
    [...frame.querySelectorAll('form, input, select, textarea, button, details, canvas, [role="treegrid"], .sv-row')]
      .filter((el) => (el as HTMLElement).checkVisibility())
      .map((el) => el.outerHTML.slice(0, 80)),
  );
  expect(visibleInteractive).toEqual([]);

  // Dark-theme backgrounds do not survive into print.
  expect(luminance((await colours(page.locator('body'))).background)).toBeGreaterThan(0.9);
  const countsText = (await colours(counts)).color;
  expect(luminance(countsText), `results colour ${countsText}`).toBeLessThan(0.15);
});
