import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';

const LAB = 'section.lab-frame[data-lab="sampler"]';

async function open(page: Page, query = '') {
  await page.goto(`/labs/sampler/${query}`);
  await expect(page.locator(LAB)).toHaveAttribute('data-ready', 'true');
}

async function setRange(page: Page, name: string, value: number) {
  await page.locator(`${LAB} [name="${name}"]`).evaluate((el, v) => {
    (el as HTMLInputElement).value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

const counts = (page: Page) => page.locator(`${LAB} [data-viewer-counts]`);
const status = (page: Page) => page.locator(`${LAB} [data-lab-status]`);

/** Waits until the viewer's windowed observed ratio is within `tolerance` of `target`. */
async function expectObservedNear(page: Page, target: number, tolerance: number) {
  await expect
    .poll(async () => Number(await counts(page).getAttribute('data-observed-ratio')), { timeout: 15_000, intervals: [250] })
    .toBeGreaterThan(target - tolerance);
  await expect
    .poll(async () => Number(await counts(page).getAttribute('data-observed-ratio')), { timeout: 15_000, intervals: [250] })
    .toBeLessThan(target + tolerance);
}

test('runs traffic through the Wasm sampler, shows spans, and the observed ratio follows a change mid-run', async ({ page }) => {
  await open(page, '?ratio=0.1&errorRate=0&rate=1000&duration=60');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toContainText('Running');
  await expect(page.locator(`${LAB} [data-viewer-trace-rows] .tl-row[data-decision="kept"]`).first()).toBeVisible();
  await expect(page.locator(`${LAB} [data-viewer-trace-rows] .tl-row[data-decision="dropped"]`).first()).toBeVisible();
  await expect(counts(page).locator('[data-figure="configured-ratio"]')).toHaveAttribute('data-value', '0.1');
  await expectObservedNear(page, 0.1, 0.06);

  await setRange(page, 'ratio', 0.5);
  await expect(counts(page).locator('[data-figure="configured-ratio"]')).toHaveAttribute('data-value', '0.5');
  await expect(page).toHaveURL(/ratio=0\.5/);
  await expectObservedNear(page, 0.5, 0.08);

  // A request's details show the attributes the lab records, and why it was kept. The list is
  // held first, and the row chosen is one on screen: rows are virtualised and recycled, so an
  // element found by its text may show another trace by the time a scroll into view is done.
  await page.locator(`${LAB} [data-viewer-follow]`).click();
  await expect(page.locator(`${LAB} [data-viewer-follow]`)).toHaveAttribute('aria-pressed', 'false');
  let traceId: string | null = null;
  await expect
    .poll(async () => (traceId = await page.locator(`${LAB} [data-viewer-traces]`).evaluate((grid) => {
      const box = grid.getBoundingClientRect();
      for (const r of grid.querySelectorAll<HTMLElement>('.tl-row[data-decision="kept"][data-trace]')) {
        const b = r.getBoundingClientRect();
        if (b.top >= box.top + 30 && b.bottom <= box.bottom && /^(GET|POST) \//.test(r.querySelector('.tl-name')!.textContent!)) return r.dataset.trace!;
      }
      return null;
    })))
    .not.toBeNull();
  await page.locator(`${LAB} .tl-row[data-trace="${traceId}"] .tl-name`).click();
  await expect(page.locator(`${LAB} [data-viewer-details]`)).toContainText(traceId!);
  await expect(page.locator(`${LAB} [data-viewer-details]`)).toContainText('sampler.decision');
  await expect(page.locator(`${LAB} [data-viewer-details] .sd-notes`)).toContainText(/^kept: /);
  await page.locator(`${LAB} [data-lab-stop]`).click();
  await expect(status(page)).toHaveText(/^Stopped/);
});

test('Stop ends a run at once, and Escape does too', async ({ page }) => {
  await open(page, '?rate=500&duration=60');
  const run = page.locator(`${LAB} [data-lab-run]`);
  await run.click();
  await expect(status(page)).toContainText('Running');
  await page.locator(`${LAB} [data-lab-stop]`).click();
  await expect(status(page)).toHaveText(/^Stopped/, { timeout: 2000 });
  await expect(run).toBeEnabled();
  // The viewer redraws four times a second; once it has caught up, nothing more arrives.
  await page.waitForTimeout(600);
  const kept = await counts(page).getAttribute('data-kept');
  await page.waitForTimeout(1000);
  expect(await counts(page).getAttribute('data-kept')).toBe(kept);

  // Keyboard only: focus Run, press Enter, then Escape.
  await run.focus();
  await page.keyboard.press('Enter');
  await expect(status(page)).toContainText('Running');
  await page.keyboard.press('Escape');
  await expect(status(page)).toHaveText(/^Stopped/, { timeout: 2000 });
});

// The Run click answers at once and the run starts in the next task (LabFrame.start): a Stop that
// lands in between cancels the run before its worker is asked to start, and says so.
test('Stop pressed in the same task as Run cancels the run before it starts', async ({ page }) => {
  await open(page, '?rate=500&duration=60');
  const statuses = await page.evaluate((lab) => {
    const seen: string[] = [];
    const el = document.querySelector(`${lab} [data-lab-status]`)!;
    document.querySelector<HTMLButtonElement>(`${lab} [data-lab-run]`)!.click();
    seen.push(el.textContent ?? '');
    document.querySelector<HTMLButtonElement>(`${lab} [data-lab-stop]`)!.click();
    seen.push(el.textContent ?? '');
    return seen;
  }, LAB);
  expect(statuses).toEqual(['Loading the WebAssembly component in a worker…', 'Stopped before the run began.']);
  await expect(page.locator(`${LAB} [data-lab-run]`)).toBeEnabled();
  await expect(page.locator(`${LAB} [data-lab-stop]`)).toBeDisabled();
  // Nothing ran: no spans arrive, and the status stays.
  await page.waitForTimeout(1000);
  await expect(counts(page)).toHaveAttribute('data-kept', '0');
  await expect(page.locator(`${LAB} [data-viewer-trace-rows] .tl-row[data-trace]`)).toHaveCount(0);
  await expect(status(page)).toHaveText('Stopped before the run began.');
  // And the next Run starts normally.
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toContainText('Running');
  await page.keyboard.press('Escape');
  await expect(status(page)).toHaveText(/^Stopped/, { timeout: 2000 });
});

test('downloads the run as OTLP JSON Lines and loads it back', async ({ page }, testInfo) => {
  await open(page, '?rate=300&errorRate=0&duration=5');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toHaveText(/^Run complete/, { timeout: 20_000 });
  const kept = Number(await counts(page).getAttribute('data-kept'));
  expect(kept).toBeGreaterThan(50);

  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${LAB} [data-viewer-download]`).click()]);
  expect(download.suggestedFilename()).toMatch(/\.otlp\.jsonl$/);
  const file = testInfo.outputPath('run.otlp.jsonl');
  await download.saveAs(file);
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  const spans = lines.flatMap((l) => JSON.parse(l).resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)));
  expect(spans.some((s: any) => s.name === 'lab.run sampler')).toBe(true);
  expect(spans.some((s: any) => s.name === 'component.instantiate')).toBe(true);
  const requests = spans.filter((s: any) => s.attributes.some((a: any) => a.key === 'sampler.decision'));
  expect(requests.length).toBe(kept);
  expect(requests.every((s: any) => /^[0-9a-f]{32}$/.test(s.traceId) && typeof s.kind === 'number')).toBe(true);

  await page.reload();
  await expect(page.locator(LAB)).toHaveAttribute('data-ready', 'true');
  await page.locator(`${LAB} [data-viewer-import]`).setInputFiles(file);
  await expect(page.locator(`${LAB} [data-viewer-caption]`)).toContainText(`Loaded ${spans.length} spans`);
  await expect(counts(page)).toHaveAttribute('data-kept', String(kept));
  await expect(counts(page)).toHaveAttribute('data-dropped', '0');

  // A file that is not OTLP changes nothing and says why.
  await page.locator(`${LAB} [data-viewer-import]`).setInputFiles({ name: 'progress.json', mimeType: 'application/json', buffer: Buffer.from('{"paths": {}}') });
  await expect(page.locator(`${LAB} [data-viewer-file-error]`)).toContainText('progress.json was not loaded: line 1: expected a TracesData object');
  await expect(counts(page)).toHaveAttribute('data-kept', String(kept));
});

test('the plugin rejects a bad configuration, names the field, and keeps running on the old one', async ({ page }) => {
  await open(page, '?rate=200&duration=30');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toContainText('Running');
  await page.locator(`${LAB} summary`, { hasText: 'Plugin configuration' }).click();
  await page.locator(`${LAB} [data-sampler-config]`).fill('{"ratio": 1.5}');
  await page.locator(`${LAB} [data-sampler-apply]`).click();
  const message = page.locator(`${LAB} [data-sampler-config-message]`);
  await expect(message).toContainText('rejected the configuration and kept the previous one: ratio: must be a number from 0 to 1, got 1.5');
  await page.locator(`${LAB} [data-sampler-config]`).fill('{"ratio": 1, "color": "blue"}');
  await page.locator(`${LAB} [data-sampler-apply]`).click();
  await expect(message).toContainText('unknown field "color"');
  await page.locator(`${LAB} [data-sampler-config]`).fill('{"ratio": 1}');
  await page.locator(`${LAB} [data-sampler-apply]`).click();
  await expect(message).toContainText('accepted');
  await expect(page.locator(`${LAB} [data-sampler-config-current]`)).toContainText('"ratio": 1');
  await expect(status(page)).toContainText('Running');
  await page.locator(`${LAB} [data-lab-stop]`).click();
});

test('bad values in the link fall back to defaults with a visible notice', async ({ page }) => {
  await open(page, '?ratio=2&rate=fast&policy=random&errorRate=0.3');
  const notice = page.locator(`${LAB} [data-share-link-notice]`);
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('ratio="2": ratio must be at most 1');
  await expect(notice).toContainText('rate="fast": rate must be a number');
  await expect(notice).toContainText('policy="random": policy must be ratio, parent-based or route-rules');
  await expect(page.locator(`${LAB} [name="ratio"]`)).toHaveValue('0.25');
  await expect(page.locator(`${LAB} [name="errorRate"]`)).toHaveValue('0.3');
  await expect(page.locator(`${LAB} [name="policy"]`)).toHaveValue('ratio');
});

const drills = [
  ['corrupt-module', /not valid WebAssembly/],
  ['trap', /trapped/],
  ['bad-message', /outside the lab protocol/],
] as const;

for (const [drill, message] of drills) {
  test(`fault drill "${drill}" is reported plainly and the next run works`, async ({ page }) => {
    await open(page, '?rate=100&duration=5');
    await page.locator(`${LAB} summary`, { hasText: 'Fault drills' }).click();
    await page.locator(`${LAB} [data-lab-fault]`).selectOption(drill);
    await page.locator(`${LAB} [data-lab-run]`).click();
    await expect(status(page)).toContainText(message, { timeout: 15_000 });
    await expect(page.locator(LAB)).toHaveAttribute('data-status', 'error');
    await page.locator(`${LAB} [data-lab-fault]`).selectOption('none');
    await page.locator(`${LAB} [data-lab-run]`).click();
    await expect(status(page)).toContainText('Running');
    await expect(page.locator(`${LAB} [data-viewer-trace-rows] .tl-row`).first()).toBeVisible();
    await page.locator(`${LAB} [data-lab-stop]`).click();
  });
}

test('a hung worker never blocks the page: Stop terminates it', async ({ page }) => {
  await open(page, '?rate=100&duration=60');
  await page.locator(`${LAB} summary`, { hasText: 'Fault drills' }).click();
  await page.locator(`${LAB} [data-lab-fault]`).selectOption('hang');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toContainText('Running');
  await page.waitForTimeout(1000); // the drill hangs the worker after half a second
  // The main thread still answers: the filter control reacts while the worker spins.
  await page.locator(`${LAB} [data-filter="decision"]`).selectOption('kept');
  await page.locator(`${LAB} [data-lab-stop]`).click();
  await expect(status(page)).toContainText('did not answer in time, so it was terminated', { timeout: 3000 });
});

test('a completed run counts toward the learning paths that include the lab', async ({ page }) => {
  await open(page, '?rate=50&duration=5');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toHaveText(/^Run complete/, { timeout: 20_000 });
  await page.goto('/paths/web-developer/');
  const step = page.locator('[data-step][data-lab="sampler"]');
  await expect(step.locator('input[type="checkbox"]')).toBeChecked();
  await expect(step.locator('[data-lab-note]')).toContainText('you completed a run of this lab on');
});

test('a stopped run does not count as completed', async ({ page }) => {
  await open(page, '?rate=50&duration=30');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toContainText('Running');
  await page.locator(`${LAB} [data-lab-stop]`).click();
  await expect(status(page)).toHaveText(/^Stopped/);
  await page.goto('/paths/web-developer/');
  await expect(page.locator('[data-step][data-lab="sampler"] input[type="checkbox"]')).not.toBeChecked();
});

test('sends a run to a Collector over OTLP/HTTP only when asked, and explains a failure', async ({ page, guard }) => {
  const collector = 'http://127.0.0.1:4318';
  guard.allowRequestsTo(collector);
  const bodies: unknown[] = [];
  // Stands in for a Collector: accepts OTLP JSON and records what arrives.
  await page.route(`${collector}/v1/traces`, async (route) => {
    bodies.push(route.request().postDataJSON());
    await route.fulfill({ status: 200, contentType: 'application/json', body: '{}', headers: { 'Access-Control-Allow-Origin': '*' } });
  });
  await open(page, '?rate=100&errorRate=0&duration=5');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toHaveText(/^Run complete/, { timeout: 20_000 });
  expect(bodies).toEqual([]);

  await page.locator(`${LAB} summary`, { hasText: 'Send to an OpenTelemetry Collector' }).click();
  const url = page.locator(`${LAB} [data-viewer-export-url]`);
  const result = page.locator(`${LAB} [data-viewer-export-result]`);
  await url.fill('localhost:4318');
  await page.locator(`${LAB} [data-viewer-export]`).click();
  await expect(result).toHaveText('Not sent: the URL must start with http:// or https://.');

  await url.fill(`${collector}/v1/traces`);
  await page.locator(`${LAB} [data-viewer-export]`).click();
  await expect(result).toContainText(`Done: sent`);
  const spans = bodies.flatMap((b: any) => b.resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)));
  expect(spans.some((s: any) => s.name === 'lab.run sampler')).toBe(true);

  await page.route(`${collector}/v1/traces`, (route) => route.abort('connectionrefused'));
  guard.allowConsoleError(/ERR_CONNECTION_REFUSED|Failed to load resource/);
  await page.locator(`${LAB} [data-viewer-export]`).click();
  await expect(result).toContainText('could not reach http://127.0.0.1:4318/v1/traces. Is the Collector running');
});

const figure = (page: Page, id: string) => counts(page).locator(`[data-figure="${id}"]`);
const figureValue = async (page: Page, id: string) => Number(await figure(page, id).getAttribute('data-value'));

test('three services: the mixed preset breaks traces, parent-based downstream repairs them', async ({ page }) => {
  await open(page, '?errorRate=0&rate=500&duration=60');
  const scenario = page.locator(`${LAB} [name="scenario"]`);
  const services = page.locator(`${LAB} [data-sampler-services]`);
  await expect(services).toBeHidden();
  await scenario.selectOption('mixed');
  await expect(services).toBeVisible();
  await expect(page.locator(`${LAB} [name="checkoutAlgorithm"]`)).toHaveValue('threshold');
  await expect(page).toHaveURL(/scenario=mixed/);
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toContainText('Running');
  await expect.poll(() => figureValue(page, 'broken-traces'), { timeout: 15_000 }).toBeGreaterThan(0);
  await expect(figure(page, 'complete-traces')).toBeVisible();

  // A request's entry span names its service's algorithm and ratio, and why it was kept or dropped.
  // The mouse rests on the list first, as a learner's does, so the rows hold still: the virtual
  // list recycles its row elements, and a row found while it scrolls may show another trace (or a
  // folded group) by the time it is clicked.
  const list = page.locator(`${LAB} [data-viewer-traces]`);
  await list.scrollIntoViewIfNeeded();
  const box = (await list.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(list).toHaveAttribute('data-pointer-hold', '');
  const gateway = page.locator(`${LAB} [data-viewer-trace-rows] .tl-row[data-trace]`).filter({ has: page.locator('.tl-name', { hasText: /^gateway \// }) }).first();
  const traceId = await gateway.getAttribute('data-trace');
  await page.locator(`${LAB} .tl-row[data-trace="${traceId}"] .tl-name`).click();
  await expect(page.locator(`${LAB} [data-viewer-details]`)).toContainText(traceId!);
  await expect(page.locator(`${LAB} [data-viewer-details]`)).toContainText('sampler.algorithm');
  await expect(page.locator(`${LAB} [data-viewer-details] .sd-notes`).first()).toContainText(/^(kept|dropped): .*\(gateway: xor at 25%\.\)/);
  await page.locator(`${LAB} [data-lab-stop]`).click();
  await expect(status(page)).toHaveText(/^Stopped/);

  await scenario.selectOption('parent-based');
  await expect(page.locator(`${LAB} [name="checkoutParentBased"]`)).toBeChecked();
  await expect(page).toHaveURL(/scenario=parent-based/);
  await expect(page).not.toHaveURL(/checkoutParentBased/);
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toContainText('Running');
  // The previous run's figures stay until this run's first ones arrive: wait for this run's
  // (none broken, some complete), then check that more complete traces still break none.
  await expect.poll(async () => (await figureValue(page, 'broken-traces')) === 0 && (await figureValue(page, 'complete-traces')) > 20, { timeout: 15_000 }).toBe(true);
  const complete = await figureValue(page, 'complete-traces');
  await expect.poll(() => figureValue(page, 'complete-traces'), { timeout: 15_000 }).toBeGreaterThan(complete);
  expect(await figureValue(page, 'broken-traces')).toBe(0);
  await page.locator(`${LAB} [data-lab-stop]`).click();
  await expect(status(page)).toHaveText(/^Stopped/);
});

test('changing one service\'s control turns a preset into a custom setup, kept in the link', async ({ page }) => {
  await open(page, '?scenario=one-algorithm');
  await expect(page.locator(`${LAB} [name="gatewayAlgorithm"]`)).toHaveValue('threshold');
  await page.locator(`${LAB} [name="paymentsAlgorithm"]`).selectOption('xor');
  await expect(page.locator(`${LAB} [name="scenario"]`)).toHaveValue('custom');
  await expect(page).toHaveURL(/scenario=custom/);
  await expect(page).toHaveURL(/gatewayAlgorithm=threshold/);
  await page.reload();
  await expect(page.locator(`${LAB} [name="paymentsAlgorithm"]`)).toHaveValue('xor');
  await expect(page.locator(`${LAB} [name="checkoutAlgorithm"]`)).toHaveValue('threshold');
});
