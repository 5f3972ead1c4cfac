// What the accessibility gate's fixes give a keyboard and screen-reader user, checked the way they
// meet it: Tab to a wide table on a phone and scroll it with the arrow keys; hear each checklist
// box named after its item; hear which row a comparison figure belongs to.
import { test, expect } from './fixtures.ts';

test.describe('on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('Tab reaches a table too wide for the screen, and the arrow keys scroll it', async ({ page }) => {
    await page.goto('/plugins/performance/');
    const region = page.getByRole('region', { name: 'Table: Figures from the seed documents' });
    await expect(region).toBeVisible();
    const overflow = await region.evaluate((el) => el.scrollWidth - el.clientWidth);
    expect(overflow, 'the table is wider than the phone screen').toBeGreaterThan(40);

    // Tab from the top of the page until the table's region has focus, as a keyboard user would.
    let reached = false;
    for (let i = 0; i < 150 && !reached; i++) {
      await page.keyboard.press('Tab');
      reached = await region.evaluate((el) => el === document.activeElement);
    }
    expect(reached, 'the table region is in the tab order').toBe(true);
    // A keyboard user sees where focus is.
    expect(await region.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

    expect(await region.evaluate((el) => el.scrollLeft)).toBe(0);
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    // Held down, the arrow key reaches the last column.
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => region.evaluate((el) => Math.round(el.scrollLeft))).toBe(overflow);
    // The page itself never scrolls sideways: only the table does.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});

test('every checklist box is named after its item', async ({ page }) => {
  await page.goto('/webassembly/security-hardening/');
  const items = page.locator('.sl-markdown-content li.task-list-item');
  await expect(items).toHaveCount(12);
  for (const item of await items.all()) {
    const text = (await item.innerText()).replace(/\s+/g, ' ').trim();
    expect(text.length).toBeGreaterThan(5);
    await expect(item.getByRole('checkbox')).toHaveAccessibleName(text);
  }
  await expect(page.getByRole('checkbox', { name: 'Memory cap stops grow.wat', exact: true })).toBeVisible();
});

test('a comparison table names its rows, so each figure has a row and a column header', async ({ page }) => {
  await page.goto('/webassembly/');
  const table = page.getByRole('region', { name: 'Table: The three runtimes at a glance' }).getByRole('table');
  const bodyRows = table.locator('tbody tr');
  const rows = await bodyRows.count();
  expect(rows).toBeGreaterThan(2);
  await expect(table.getByRole('rowheader')).toHaveCount(rows);
  // The corner stays an (empty) column header; the runtime names stay column headers.
  await expect(table.getByRole('columnheader', { name: 'Wasmtime' })).toBeVisible();
});

test('during a run, keyboard focus on a lab control survives the live updates', async ({ page }) => {
  const lab = page.locator('section.lab-frame[data-lab="sampler"]');
  await page.goto('/labs/sampler/?rate=300&duration=60');
  await expect(lab).toHaveAttribute('data-ready', 'true');
  const ratio = lab.locator('[name="ratio"]');
  await lab.locator('[data-lab-run]').focus();
  await page.keyboard.press('Enter');
  await expect(lab.locator('[data-lab-status]')).toContainText('Running');
  await expect(lab.locator('[data-lab-stop]')).toBeFocused();

  // Move to the ratio slider with the keyboard and change it while spans keep arriving.
  await ratio.focus();
  const before = await ratio.inputValue();
  await page.keyboard.press('ArrowRight');
  await expect(ratio).not.toHaveValue(before);
  const kept = Number(await lab.locator('[data-viewer-counts]').getAttribute('data-kept'));
  await expect.poll(async () => Number(await lab.locator('[data-viewer-counts]').getAttribute('data-kept'))).toBeGreaterThan(kept);
  await expect(ratio).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(lab.locator('[data-lab-status]')).toHaveText(/^Stopped/);
});
