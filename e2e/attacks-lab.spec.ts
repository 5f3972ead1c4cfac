import { readFile } from 'node:fs/promises';
import { test, expect } from './fixtures.ts';
import { LAB, expectNoLongTask, open, result, runToEnd, status, violations } from './attacks-page.ts';
import { PERF } from './timing.ts';

const ON: [string, string, RegExp, string][] = [
  ['cpu', 'loop', /^Out of fuel: the module used its budget of 100,000,000 units/, 'fuel'],
  ['memory', 'grow', /^Memory cap: growth past 256 pages \(16 MiB\) failed inside the module\.$/, 'memory.pages'],
  ['files', 'inodes', /^File quota: the module created 200 files; the next was refused with EDQUOT\.$/, 'fs.files'],
  ['network', 'connect', /^Connection cap: 16 connections were open; the next was refused\.$/, 'net.connections'],
  ['host-work', 'random', /^Host-work budget: the host refused further work after \d+ calls, 0 syncs and 16,777,216 bytes/, 'host.bytes'],
];

for (const [attack, variant, expected, limit] of ON) {
  test(`${attack} ${variant} with its defence on is contained, with no long task on the page`, PERF, async ({ page }) => {
    await open(page, `?attack=${attack}&variant=${variant}&breaker=off&v=1`);
    await runToEnd(page);
    await expect(status(page)).toHaveText(/^Run complete/);
    await expect(result(page)).toHaveText(expected);
    await expect(violations(page).first()).toHaveText(new RegExp(`^${limit.replace('.', '\\.')}: [\\d,]+ against a limit of [\\d,]+; stopped [\\d.]+ ms after the breach$`));
    await expectNoLongTask(page);
  });
}

const OFF: [string, RegExp, RegExp][] = [
  ['attack=cpu&variant=bursts&fuel=off', /^Stopped by the watchdog/, /^Deadline: the run passed 5 s/],
  ['attack=memory&variant=grow&memory=off', /^Run complete/, /failed inside the module\. That was the lab's outer limit/],
  ['attack=files&variant=space&quota=off&hostBudget=off', /^Run complete/, /stored 67,108,864 bytes.*outer limit/],
  ['attack=network&variant=connect&net=open', /^Run complete/, /1,024 connections were open.*outer limit/],
  ['attack=host-work&variant=sync&hostBudget=off', /^Stopped by the watchdog/, /^Deadline: the run passed 5 s/],
];

for (const [query, statusText, expected] of OFF) {
  test(`with the defence off, an outer limit holds: ${query}`, PERF, async ({ page }) => {
    await open(page, `?${query}&breaker=off&v=1`);
    await runToEnd(page);
    await expect(status(page)).toHaveText(statusText);
    await expect(result(page)).toHaveText(expected);
    await expectNoLongTask(page);
  });
}

test('Stop ends an endless loop within 100 ms, from the mouse and from Escape', PERF, async ({ page }) => {
  // What Stop must do within 100 ms is end the guest: record when the page terminates the worker.
  await page.addInitScript(() => {
    const w = window as unknown as { __terminatedAt: number[] };
    w.__terminatedAt = [];
    const terminate = Worker.prototype.terminate;
    Worker.prototype.terminate = function (this: Worker) {
      w.__terminatedAt.push(performance.now());
      return terminate.call(this);
    };
  });
  await open(page, '?attack=cpu&variant=loop&fuel=off&deadline=off&breaker=off&v=1');
  const terminatedAt = () => page.evaluate(() => (window as unknown as { __terminatedAt: number[] }).__terminatedAt);
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toContainText('Running');
  await page.waitForTimeout(300); // the guest is deep in its loop
  const clickedAt = await page.locator(`${LAB} [data-lab-stop]`).evaluate((stop) => {
    const t0 = performance.now();
    (stop as HTMLButtonElement).click();
    return t0;
  });
  const [stoppedAt] = await terminatedAt();
  expect(stoppedAt! - clickedAt).toBeLessThan(100);
  await expect(status(page)).toHaveText(/^Stopped/);
  await expect(result(page)).toHaveText(/^Stopped by you/);

  await page.locator(`${LAB} [data-lab-run]`).focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Running');
  const escapeAt = await page.evaluate(() => performance.now());
  await page.keyboard.press('Escape');
  await expect.poll(async () => (await terminatedAt()).length).toBe(2);
  expect((await terminatedAt())[1]! - escapeAt).toBeLessThan(100);
  await expect(status(page)).toHaveText(/^Stopped/);
  await expectNoLongTask(page);
});

test('the status says how many spans are still being recorded, in good English, and drops it once they are', async ({ page }) => {
  await open(page, '?attack=network&variant=connect&breaker=off&v=1');
  // Every status text the run shows, in order.
  await page.evaluate((lab) => {
    const el = document.querySelector(`${lab} [data-lab-status]`)!;
    const w = window as unknown as { __statuses: string[] };
    w.__statuses = [];
    new MutationObserver(() => w.__statuses.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  }, LAB);
  await runToEnd(page);
  await expect(status(page)).toHaveText('Run complete.');
  const statuses = await page.evaluate(() => (window as unknown as { __statuses: string[] }).__statuses);
  for (const s of statuses.filter((t) => t.includes('Recording'))) {
    expect(s).toMatch(/^Run complete\. Recording the last (1 span|([2-9]|\d{2,}|\d{1,3}(,\d{3})+) spans) the worker sent\.$/);
  }
});

test('the circuit breaker quarantines the module after 3 violations and resets', async ({ page }) => {
  await open(page, '?attack=memory&variant=grow&v=1');
  const breaker = page.locator(`${LAB} [data-breaker-status]`);
  await expect(breaker).toHaveText('Breaker closed: 0 of 3 violations within 60 s.');
  for (let i = 1; i <= 2; i++) {
    await runToEnd(page);
    await expect(breaker).toHaveText(`Breaker closed: ${i} of 3 violations within 60 s.`);
  }
  await runToEnd(page);
  await expect(breaker).toHaveText(/^Quarantined: 3 violations within 60 s \(the last: memory\.pages\)/);
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toHaveText(/^Refused: the circuit breaker has quarantined this module/);
  await expect(result(page)).toHaveText(/^Memory cap/, { timeout: 100 }); // the refused run changed nothing
  await page.locator(`${LAB} [data-breaker-reset]`).click();
  await expect(breaker).toHaveText('Breaker closed: 0 of 3 violations within 60 s.');
  await expect(breaker).toBeFocused();
  await runToEnd(page);
  await expect(status(page)).toHaveText(/^Run complete/);
});

test('the settings are in the link, and a bad value is named and ignored', async ({ page }) => {
  await open(page, '?attack=network&variant=flood&net=deny&quota=sideways&v=1');
  await expect(page.locator(`${LAB} [name="attack"]`)).toHaveValue('network');
  await expect(page.locator(`${LAB} [name="variant"]`)).toHaveValue('flood');
  await expect(page.locator(`${LAB} [name="net"]`)).toHaveValue('deny');
  await expect(page.locator(`${LAB} [name="quota"]`)).toBeChecked();
  await expect(page.locator(`${LAB} [data-share-link-notice]`)).toContainText('quota="sideways": quota must be on or off');
  await page.locator(`${LAB} [name="attack"]`).selectOption('files');
  await expect(page.locator(`${LAB} [name="variant"]`)).toHaveValue('inodes');
  await page.locator(`${LAB} [name="fuel"]`).uncheck();
  await expect(page).toHaveURL(/attack=files/);
  await expect(page).toHaveURL(/fuel=off/);
  await expect(page).toHaveURL(/variant=inodes/);
});

test('the violation is in the downloaded OTLP, on the run span', async ({ page }, testInfo) => {
  await open(page, '?attack=files&variant=inodes&breaker=off&v=1');
  await runToEnd(page);
  await expect(page.locator(`${LAB} [data-figure="files"]`)).toHaveAttribute('data-value', '200');
  // No sampler sees this lab's spans: the counts never say "0 kept" beside the traces it lists.
  await expect(page.locator(`${LAB} [data-viewer-trace-rows] .tl-row[data-trace]`).first()).toBeVisible();
  await expect(page.locator(`${LAB} [data-viewer-counts] [data-figure="kept"], ${LAB} [data-viewer-counts] [data-figure="dropped"]`)).toHaveCount(0);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${LAB} [data-viewer-download]`).click()]);
  const file = testInfo.outputPath('run.otlp.jsonl');
  await download.saveAs(file);
  const spans = (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .flatMap((l) => JSON.parse(l).resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)));
  const run = spans.find((s: any) => s.name === 'lab.run attacks');
  expect(run).toBeTruthy();
  const event = run.events.find((e: any) => e.name === 'lab.violation');
  const attr = (k: string) => event.attributes.find((a: any) => a.key === k)?.value;
  expect(attr('lab.violation.limit')).toEqual({ stringValue: 'fs.files' });
  expect(attr('lab.violation.max')).toEqual({ intValue: '200' });
  expect(attr('lab.violation.value')).toEqual({ intValue: '201' });
  expect(attr('lab.violation.outer')).toEqual({ boolValue: false });
  expect(Number(attr('lab.violation.stop_ms')?.doubleValue ?? attr('lab.violation.stop_ms')?.intValue)).toBeLessThan(1000);
});
