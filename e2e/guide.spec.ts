import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { decisionTree, nodeById, shortestRoutes, type Outcome } from '../src/lib/guide/tree.ts';

const guide = (page: Page) => page.locator('[data-decision-guide]');
const visibleCard = (page: Page) => guide(page).locator('[data-node]:visible');

test.describe('decision guide', () => {
  for (const [outcomeId, route] of shortestRoutes(decisionTree)) {
    const outcome = nodeById(decisionTree, outcomeId) as Outcome;
    test(`reaches the outcome "${outcome.title}"`, async ({ page }) => {
      await page.goto('/comparison/decision-guide/');
      for (const [i, step] of route.steps.entries()) {
        const question = nodeById(decisionTree, step.question);
        if (question.kind !== 'question') throw new Error('route through an outcome');
        const card = visibleCard(page);
        await expect(card).toHaveCount(1);
        await expect(card.getByRole('heading')).toHaveText(question.prompt);
        await expect(card.locator('[data-question-number]')).toHaveText(`Question ${i + 1}`);
        await card.getByRole('button', { name: question.answers[step.answer]!.label, exact: true }).click();
      }
      const card = visibleCard(page);
      await expect(card.getByRole('heading')).toHaveText(outcome.title);
      await expect(card.getByRole('heading')).toBeFocused();
      for (const link of outcome.links) {
        await expect(card.getByRole('link', { name: link.label })).toHaveAttribute('href', link.href);
      }
      // The trail lists every answer given, with its explanation.
      await expect(guide(page).locator('[data-trail] > li')).toHaveCount(route.steps.length);
    });
  }

  test('Back returns to the previous question and Start again to the first', async ({ page }) => {
    await page.goto('/comparison/decision-guide/');
    const start = nodeById(decisionTree, decisionTree.start);
    if (start.kind !== 'question') throw new Error('the tree starts with a question');
    const back = guide(page).getByRole('button', { name: 'Back' });
    const restart = guide(page).getByRole('button', { name: 'Start again' });
    await expect(back).toBeDisabled();
    await visibleCard(page).getByRole('button', { name: 'One workload' }).click();
    await visibleCard(page).getByRole('button', { name: 'No', exact: true }).click();
    await expect(visibleCard(page).getByRole('heading')).toHaveText(/whole operating system/);
    await back.click();
    await expect(visibleCard(page).getByRole('heading')).toHaveText(/code you do not trust/);
    await expect(guide(page).locator('[data-trail] > li')).toHaveCount(1);
    await restart.click();
    await expect(visibleCard(page).getByRole('heading')).toHaveText(start.prompt);
    await expect(back).toBeDisabled();
    await expect(guide(page).locator('[data-trail-box]')).toBeHidden();
  });

  test('works from the keyboard alone', async ({ page }) => {
    await page.goto('/comparison/decision-guide/');
    const first = visibleCard(page).getByRole('button', { name: 'One workload' });
    await first.focus();
    await page.keyboard.press('Enter');
    const heading = visibleCard(page).getByRole('heading');
    await expect(heading).toHaveText(/code you do not trust/);
    await expect(heading).toBeFocused();
    // From the focused heading, the next Tab reaches the first answer.
    await page.keyboard.press('Tab');
    await expect(visibleCard(page).getByRole('button', { name: 'Yes', exact: true })).toBeFocused();
    await page.keyboard.press('Space');
    await expect(visibleCard(page).getByRole('heading')).toHaveText('What do the tenants hand you?');
  });

  test('without JavaScript the whole tree is a nested list', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const page = await context.newPage();
    await page.goto('/comparison/decision-guide/');
    await expect(guide(page)).toBeHidden();
    const tree = page.locator('.decision-tree');
    for (const node of Object.values(decisionTree.nodes)) {
      if (node.kind === 'question') await expect(tree.getByText(node.prompt, { exact: true }).first()).toBeVisible();
      else {
        await expect(tree.locator(`a[href="#outcome-${node.id}"]`).first()).toBeVisible();
        await expect(page.locator(`h3#outcome-${node.id}`)).toHaveText(node.title);
      }
    }
    await context.close();
  });
});

test.describe('cost calculator', () => {
  const row = (page: Page, key: string) => page.locator(`[data-result="${key}"]`);

  test('starts from the scenario’s figures', async ({ page }) => {
    await page.goto('/comparison/cost-calculator/');
    await expect(row(page, 'vm').locator('[data-total]')).toHaveText('$6,073.60');
    await expect(row(page, 'containers').locator('[data-total]')).toHaveText('$677.44');
    await expect(row(page, 'containers').locator('[data-comparison]')).toHaveText('89% less');
    await expect(row(page, 'wasmRequests').locator('[data-total]')).toHaveText('$186.67');
    await expect(page.getByLabel('VM instances')).toBeEnabled();
  });

  test('recomputes as you type', async ({ page }) => {
    await page.goto('/comparison/cost-calculator/');
    await page.getByLabel('Price per host-hour (USD)').first().fill('0.0832');
    await expect(row(page, 'containers').locator('[data-total]')).toHaveText('$1,214.72');
    await expect(row(page, 'containers').locator('[data-comparison]')).toHaveText('80% less');
    await expect(row(page, 'containers').locator('[data-formula]')).toHaveText('20 × $0.0832 × 730 h');
  });

  for (const [input, message] of [
    ['-5', 'cannot be negative'],
    ['', 'Enter a number.'],
    ['abc', 'Enter a number using digits'],
    ['12.5', 'Enter a whole number.'],
    ['0,5', 'decimal point, not a comma'],
  ] as const) {
    test(`bad input "${input}" shows a message on the field and no NaN`, async ({ page }) => {
      await page.goto('/comparison/cost-calculator/');
      const field = page.getByLabel('VM instances');
      await field.fill(input);
      await expect(field).toHaveAttribute('aria-invalid', 'true');
      const error = page.locator('#calc-vm-instances-error');
      await expect(error).toContainText(message);
      await expect(field).toHaveAccessibleDescription(new RegExp(message.replace('.', '\\.')));
      await expect(row(page, 'vm').locator('[data-total]')).toHaveText('–');
      await expect(row(page, 'vm').locator('[data-formula]')).toHaveText('Fix “VM instances” above.');
      // Other options still compute; nothing anywhere reads NaN.
      await expect(row(page, 'containers').locator('[data-total]')).toHaveText('$677.44');
      await expect(page.locator('[data-cost-calculator]')).not.toContainText('NaN');
      // Fixing the field clears the message.
      await field.fill('200');
      await expect(field).not.toHaveAttribute('aria-invalid');
      await expect(error).toBeEmpty();
      await expect(row(page, 'vm').locator('[data-total]')).toHaveText('$6,073.60');
    });
  }

  test('restores the scenario’s inputs', async ({ page }) => {
    await page.goto('/comparison/cost-calculator/');
    await page.getByLabel('Requests per month').fill('oops');
    await page.getByLabel('Memory per execution (MB)').fill('128');
    await page.getByRole('button', { name: 'Restore the scenario’s inputs' }).click();
    await expect(page.getByLabel('Requests per month')).toHaveValue('100,000,000');
    await expect(row(page, 'wasmRequests').locator('[data-total]')).toHaveText('$186.67');
    await expect(page.getByLabel('Requests per month')).not.toHaveAttribute('aria-invalid');
  });

  test('without JavaScript the table shows the scenario and the inputs are inert', async ({ browser, baseURL }) => {
    const context = await browser.newContext({ javaScriptEnabled: false, baseURL });
    const page = await context.newPage();
    await page.goto('/comparison/cost-calculator/');
    await expect(row(page, 'vm').locator('[data-total]')).toHaveText('$6,073.60');
    await expect(page.getByLabel('VM instances')).toBeDisabled();
    await context.close();
  });
});
