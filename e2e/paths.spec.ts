import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const pathIds = readdirSync('content/paths')
  .filter((name) => name.endsWith('.yaml'))
  .map((name) => name.replace(/\.yaml$/, ''));

const checkboxes = (page: Page) => page.locator('[data-learning-path] [data-step] input[type="checkbox"]');
const progressText = (page: Page) => page.locator('[data-learning-path] > .progress [data-progress-text]');
const tools = (page: Page) => page.locator('[data-progress-tools]');

test('the seven learning paths exist', () => {
  expect(pathIds.sort()).toEqual([
    'architect',
    'cloud-native-architect-in-a-month',
    'devops-engineer',
    'docker-in-a-week',
    'researcher',
    'wasm-in-a-week',
    'web-developer',
  ]);
});

for (const id of pathIds) {
  test(`${id}: ticks survive a reload; export, reset and import restore them; bad files change nothing`, async ({ page }) => {
    await page.goto(`/paths/${id}/`);
    const boxes = checkboxes(page);
    const total = await boxes.count();
    expect(total).toBeGreaterThan(3);
    await expect(progressText(page)).toHaveText(`0 of ${total} steps done`);

    // Tick the first step with the mouse and the second with the keyboard.
    await boxes.nth(0).check();
    await boxes.nth(1).focus();
    await page.keyboard.press('Space');
    await expect(boxes.nth(1)).toBeChecked();
    await expect(progressText(page)).toHaveText(`2 of ${total} steps done`);
    const bar = page.locator('[data-learning-path] > .progress [role="progressbar"]');
    await expect(bar).toHaveAttribute('aria-valuenow', '2');
    await expect(bar).toHaveAttribute('aria-valuemax', String(total));

    await page.reload();
    await expect(boxes.nth(0)).toBeChecked();
    await expect(boxes.nth(1)).toBeChecked();
    await expect(boxes.nth(2)).not.toBeChecked();
    await expect(progressText(page)).toHaveText(`2 of ${total} steps done`);

    // Export downloads a versioned JSON file holding the two ticks.
    const downloading = page.waitForEvent('download');
    await tools(page).getByRole('button', { name: 'Export progress' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^wol-progress-\d{4}-\d{2}-\d{2}\.json$/);
    const exported = readFileSync((await download.path())!, 'utf8');
    const data = JSON.parse(exported);
    expect(data.format).toBe('wasm-observability-labs/progress');
    expect(data.version).toBe(1);
    expect(data.steps[id]).toHaveLength(2);
    await expect(tools(page).locator('[data-message-ok]')).toContainText('Exported 2 ticked steps in 1 path');

    // Reset asks first; Cancel keeps everything.
    await tools(page).getByRole('button', { name: 'Reset progress…' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    await expect(progressText(page)).toHaveText(`2 of ${total} steps done`);

    await tools(page).getByRole('button', { name: 'Reset progress…' }).click();
    await dialog.getByRole('button', { name: 'Clear progress' }).click();
    await expect(progressText(page)).toHaveText(`0 of ${total} steps done`);
    await expect(boxes.nth(0)).not.toBeChecked();
    await expect(tools(page).locator('[data-message-ok]')).toContainText('Progress cleared');
    await page.reload();
    await expect(progressText(page)).toHaveText(`0 of ${total} steps done`);

    // Importing the exported file restores the ticks.
    const fileInput = tools(page).locator('[data-import-file]');
    await fileInput.setInputFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(exported) });
    // The import says what it would change and asks first.
    const review = page.getByRole('dialog');
    await expect(review).toContainText(`this file has 2 of ${total} steps; you have 0 of ${total}`);
    await review.getByRole('button', { name: 'Replace mine with the file' }).click();
    await expect(progressText(page)).toHaveText(`2 of ${total} steps done`);
    await expect(boxes.nth(0)).toBeChecked();
    await expect(tools(page).locator('[data-message-ok]')).toContainText('Imported 2 ticked steps in 1 path');

    // A corrupt file, a foreign JSON file and a newer version: a clear error, nothing changes.
    const error = tools(page).locator('[data-message-error]');
    const bad = [
      { name: 'broken.json', body: '{"format": "wasm-observability-labs/progress", "version": 1, ', message: 'not valid JSON' },
      { name: 'package.json', body: '{"name": "some-app", "version": "1.0.0"}', message: 'not a progress file from Wasm Observability Labs' },
      { name: 'future.json', body: '{"format": "wasm-observability-labs/progress", "version": 7, "steps": {}, "labs": {}}', message: 'format version 7' },
    ];
    for (const file of bad) {
      await fileInput.setInputFiles({ name: file.name, mimeType: 'application/json', buffer: Buffer.from(file.body) });
      await expect(error).toContainText(`Could not import ${file.name}`);
      await expect(error).toContainText(file.message);
      await expect(error).toContainText('Your progress was not changed.');
      await expect(progressText(page)).toHaveText(`2 of ${total} steps done`);
    }
    await page.reload();
    await expect(progressText(page)).toHaveText(`2 of ${total} steps done`);
  });
}

test('the index shows each path’s progress', async ({ page }) => {
  await page.goto('/paths/web-developer/');
  await checkboxes(page).nth(0).check();
  await page.goto('/paths/');
  const card = page.locator('[data-path-card="web-developer"]');
  const total = JSON.parse((await card.getAttribute('data-steps'))!).length;
  await expect(card.locator('[data-progress-text]')).toHaveText(`1 of ${total} steps done`);
  await expect(card.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
  await expect(page.locator('[data-path-card="architect"] [data-progress-text]')).toHaveText(/^0 of \d+ steps done$/);
  // Every path is listed, linking to its page.
  for (const id of pathIds) await expect(page.locator(`[data-path-card="${id}"] a[href="/paths/${id}/"]`)).toBeVisible();
});

test('a completed lab run ticks the lab’s steps in every path', async ({ page }) => {
  await page.goto('/paths/web-developer/');
  const labStep = page.locator('[data-step][data-lab="sampler"]');
  const box = labStep.locator('input[type="checkbox"]');
  await expect(box).not.toBeChecked();
  await page.evaluate(() =>
    window.dispatchEvent(new CustomEvent('wol:lab-run-complete', { detail: { lab: 'sampler' } })),
  );
  await expect(box).toBeChecked();
  await expect(box).toBeDisabled();
  await expect(labStep.locator('[data-lab-note]')).toContainText('you completed a run of this lab on');
  await page.goto('/paths/researcher/');
  await expect(page.locator('[data-step][data-lab="sampler"] input[type="checkbox"]')).toBeChecked();
  await page.goto('/paths/');
  await expect(page.locator('[data-path-card="wasm-in-a-week"] [data-progress-text]')).toHaveText(/^1 of \d+ steps done$/);
});

test('a malformed lab event is ignored with a warning', async ({ page }) => {
  const warnings: string[] = [];
  page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
  await page.goto('/paths/web-developer/');
  await page.evaluate(() => window.dispatchEvent(new CustomEvent('wol:lab-run-complete', { detail: {} })));
  await expect.poll(() => warnings.join('\n')).toContain('wol:lab-run-complete');
  await expect(progressText(page)).toHaveText(/^0 of/);
});

test('progress follows changes made in another tab', async ({ page, context }) => {
  await page.goto('/paths/architect/');
  const other = await context.newPage();
  await other.goto('/paths/');
  await checkboxes(page).nth(2).check();
  await expect(other.locator('[data-path-card="architect"] [data-progress-text]')).toHaveText(/^1 of \d+ steps done$/);
  await other.close();
});

test('a damaged saved copy is reported and kept: ticking does not write over it', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('wol:progress', '{damaged');
      sessionStorage.setItem('seeded', '1');
    }
  });
  await page.goto('/paths/researcher/');
  await expect(tools(page).locator('[data-unreadable]')).toContainText('could not be read');
  await checkboxes(page).nth(0).click();
  await expect(checkboxes(page).nth(0)).not.toBeChecked();
  await page.reload();
  expect(await page.evaluate(() => localStorage.getItem('wol:progress'))).toBe('{damaged');
});

test('without JavaScript a path is a plain reading list', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
  const page = await context.newPage();
  await page.goto('/paths/docker-in-a-week/');
  await expect(page.getByRole('link', { name: 'A multi-stage Rust Dockerfile' })).toBeVisible();
  await expect(page.getByText('You will be able to write a multi-stage Dockerfile')).toBeVisible();
  const boxes = checkboxes(page);
  expect(await boxes.count()).toBeGreaterThan(3);
  for (const box of await boxes.all()) await expect(box).toBeDisabled();
  await expect(page.locator('[data-progress]').first()).toBeHidden();
  await expect(tools(page)).toBeHidden();
  await context.close();
});
