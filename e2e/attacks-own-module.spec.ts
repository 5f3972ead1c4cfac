// A learner's own module in the attack lab: uploaded through the file input (bytes assembled in
// the test with binaryen's IR builder, see labs/attacks/test/own-modules.ts), run under the
// defences set on the page, traced and reported like an attack; every bad file gets its error,
// and the lab, its last run and its spans stay as they were.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { LAB, expectNoLongTask, open, result, runToEnd, status, violations } from './attacks-page.ts';
import { blocking, scan, settle, useTheme } from './axe.ts';
import { PERF } from './timing.ts';
import {
  CONNECTOR,
  connectorComponent,
  endlessModule,
  fatMemoryModule,
  foreignImportsModule,
  libraryModule,
  memoryHogModule,
  writerModule,
  WRITER_TEXT,
} from '../labs/attacks/test/own-modules.ts';

const input = (page: Page) => page.locator(`${LAB} [data-own-input]`);
const ownStatus = (page: Page) => page.locator(`${LAB} [data-own-status]`);
const output = (page: Page) => page.locator(`${LAB} [data-attack-output]`);
const figure = (page: Page, id: string) => page.locator(`${LAB} [data-figure="${id}"]`);

/** The requests for the meter's chunk (binaryen): the page must make none until a module that passed its checks runs. */
function meterRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on('request', (r) => {
    if (/\/_astro\/meter-[^/]*\.js$/.test(new URL(r.url()).pathname)) urls.push(r.url());
  });
  return urls;
}

const wasm = (name: string, bytes: Uint8Array) => ({ name, mimeType: 'application/wasm', buffer: Buffer.from(bytes) });

async function upload(page: Page, name: string, bytes: Uint8Array) {
  await input(page).setInputFiles(wasm(name, bytes));
}

async function uploadAccepted(page: Page, name: string, bytes: Uint8Array) {
  await upload(page, name, bytes);
  await expect(ownStatus(page)).toHaveText(new RegExp(`^Run runs ${name.replace('.', '\\.')} \\(`));
}

test('a benign WASI command writes to stdout and a file, traced like an attack, with no long task on the page', PERF, async ({ page }) => {
  const meter = meterRequests(page);
  await open(page, '?breaker=off&v=1');
  await uploadAccepted(page, 'writer.wasm', writerModule());
  expect(meter, 'binaryen is not loaded to check a file').toEqual([]);
  await expect(ownStatus(page)).toHaveText(/a WASI preview1 command importing fd_write, path_open, proc_exit; 1 page of memory at start\.$/);
  await expect(page.locator(`${LAB} [name="attack"]`)).toBeDisabled();
  await runToEnd(page);
  await expect(status(page)).toHaveText(/^Run complete/);
  await expect(result(page)).toHaveText('The module finished on its own.');
  await expect(output(page)).toHaveText(WRITER_TEXT);
  await expect(figure(page, 'files')).toHaveAttribute('data-value', '1');
  await expect(figure(page, 'bytes')).toHaveAttribute('data-value', String(WRITER_TEXT.length));
  await expect(violations(page)).toHaveCount(0);
  expect(meter, 'binaryen is loaded once the module runs').toHaveLength(1);
  await expectNoLongTask(page);
});

test('the run span carries the module and its outcome in the downloaded OTLP', async ({ page }, testInfo) => {
  await open(page, '?breaker=off&memory=on&v=1');
  await uploadAccepted(page, 'hog.wasm', memoryHogModule());
  await runToEnd(page);
  await expect(result(page)).toHaveText('Memory cap: growth past 256 pages (16 MiB) failed inside the module.');
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`${LAB} [data-viewer-download]`).click()]);
  const file = testInfo.outputPath('own.otlp.jsonl');
  await download.saveAs(file);
  const spans = (await readFile(file, 'utf8'))
    .trim()
    .split('\n')
    .flatMap((l) => JSON.parse(l).resourceSpans.flatMap((rs: any) => rs.scopeSpans.flatMap((ss: any) => ss.spans)));
  const attr = (span: any, k: string) => span.attributes.find((a: any) => a.key === k)?.value;
  const run = spans.find((s: any) => s.name === 'lab.run attacks');
  expect(attr(run, 'lab.settings.module')).toEqual({ stringValue: 'hog.wasm' });
  expect(attr(run, 'lab.settings.module_sha256')?.stringValue).toMatch(/^[0-9a-f]{64}$/);
  const event = run.events.find((e: any) => e.name === 'lab.violation');
  expect(attr(event, 'lab.violation.limit')).toEqual({ stringValue: 'memory.pages' });
  expect(attr(event, 'lab.violation.max')).toEqual({ intValue: '256' });
  const guest = spans.find((s: any) => s.name === 'guest own module hog.wasm');
  expect(attr(guest, 'lab.sandbox.outcome')).toEqual({ stringValue: 'memory-cap' });
  expect(attr(guest, 'lab.sandbox.memory_pages')).toEqual({ intValue: '256' });
});

test('an endless loop runs out of fuel, and with fuel off the deadline ends it', async ({ page }) => {
  await open(page, '?breaker=off&v=1');
  await uploadAccepted(page, 'endless.wasm', endlessModule());
  await runToEnd(page);
  await expect(result(page)).toHaveText(/^Out of fuel: the module used its budget of 100,000,000 units/);
  await expect(violations(page).first()).toHaveText(/^fuel: /);
  await page.locator(`${LAB} [name="fuel"]`).uncheck();
  await runToEnd(page);
  await expect(status(page)).toHaveText(/^Stopped by the watchdog/);
  await expect(result(page)).toHaveText(/^Deadline: the run passed 5 s/);
  // The choice survived both runs and the change of defences.
  await expect(ownStatus(page)).toHaveText(/^Run runs endless\.wasm/);
});

test('Stop ends a module of your own while binaryen loads, meters and runs it', async ({ page }) => {
  await open(page, '?fuel=off&deadline=off&breaker=off&v=1');
  await uploadAccepted(page, 'endless.wasm', endlessModule());
  await page.locator(`${LAB} [data-lab-run]`).click();
  // The progress names each step; Stop is live from the first.
  await expect(result(page)).toHaveText(/^(Reading|Checking|Loading binaryen|Metering|Running) /);
  await expect(page.locator(`${LAB} [data-lab-stop]`)).toBeEnabled();
  await expect(result(page)).toHaveText('Running your module…', { timeout: 20_000 });
  await page.locator(`${LAB} [data-lab-stop]`).click();
  await expect(status(page)).toHaveText(/^Stopped/);
  await expect(result(page)).toHaveText(/^Stopped by you/);
});

const BAD: [string, () => Uint8Array, RegExp][] = [
  ['page.html', () => new TextEncoder().encode('<!doctype html><title>not a module</title>'), /^Not loaded: page\.html is not WebAssembly: a module starts with the bytes 00 61 73 6d/],
  ['truncated.wasm', () => writerModule().slice(0, 60), /^Not loaded: truncated\.wasm starts like WebAssembly but is not a valid module: /],
  ['huge.wasm', () => new Uint8Array(8 * 1024 * 1024 + 1), /^Not loaded: huge\.wasm is 8\.0 MiB \(8,388,609 bytes\); the sandbox takes modules of at most 8\.0 MiB \(8,388,608 bytes\)\./],
  [
    'foreign.wasm',
    foreignImportsModule,
    /^Not loaded: foreign\.wasm imports what the sandbox does not provide: env\.emscripten_notify_memory_growth \(function\), wasi\.thread-spawn \(function\)\./,
  ],
  ['fat.wasm', () => fatMemoryModule(300), /^Not loaded: fat\.wasm declares 300 pages \(18\.8 MiB\) of memory at start, more than the cap of 256 pages \(16\.0 MiB\)\./],
  ['library.wasm', libraryModule, /^Not loaded: library\.wasm exports no _start function, so it is not a WASI command the sandbox can run\./],
];

test('each bad file gets its error; the chosen module, the last run and its spans stay', async ({ page }) => {
  const meter = meterRequests(page);
  await open(page, '?breaker=off&v=1');
  // A built-in attack and a bad file never load binaryen.
  await runToEnd(page);
  await expect(result(page)).toHaveText(/^Out of fuel/);
  for (const [name, bytes] of BAD.slice(0, 2)) {
    await upload(page, name, bytes());
    await expect(ownStatus(page)).toHaveText(/^Not loaded: /);
  }
  expect(meter).toEqual([]);
  await uploadAccepted(page, 'writer.wasm', writerModule());
  await runToEnd(page);
  await expect(result(page)).toHaveText('The module finished on its own.');
  const counts = page.locator(`${LAB} [data-viewer-counts]`);
  const countsText = await counts.textContent();
  expect(countsText).toMatch(/[1-9]/);
  for (const [name, bytes, message] of BAD) {
    await upload(page, name, bytes());
    await expect(ownStatus(page)).toHaveText(message);
    await expect(ownStatus(page)).toHaveText(/The lab still runs writer\.wasm\.$/);
    await expect(page.locator(`${LAB} fieldset[data-own-module]`)).toHaveAttribute('data-own-error', 'true');
  }
  // Nothing was run or wiped: the last run's outcome, output and spans are as they were.
  await expect(result(page)).toHaveText('The module finished on its own.');
  await expect(output(page)).toHaveText(WRITER_TEXT);
  await expect(counts).toHaveText(countsText!);
  // The lab still runs the module chosen before, then the built-in attacks.
  await runToEnd(page);
  await expect(result(page)).toHaveText('The module finished on its own.');
  await page.locator(`${LAB} [data-own-clear]`).click();
  await expect(input(page)).toBeFocused();
  await expect(page.locator(`${LAB} [name="attack"]`)).toBeEnabled();
  await runToEnd(page);
  await expect(result(page)).toHaveText(/^Out of fuel: the module used its budget of 100,000,000 units/);
});

test('a component is transpiled in the worker by jco, metered, and run under the same policy', async ({ page }) => {
  const { componentNew, preview1AdapterCommandPath } = await import('@bytecodealliance/jco');
  const component = await componentNew(writerModule(), [['wasi_snapshot_preview1', await readFile(preview1AdapterCommandPath())]]);
  await open(page, '?breaker=off&v=1');
  await uploadAccepted(page, 'writer.component.wasm', component);
  await expect(ownStatus(page)).toHaveText(/: a component, transpiled with jco when it runs, which checks its imports\.$/);
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(result(page)).toHaveText(/^(Reading|Checking|Loading jco|Transpiling|Loading binaryen|Metering|Running) /);
  await expect(status(page)).toHaveText(/^Run complete/, { timeout: 30_000 });
  await expect(result(page)).toHaveText('The module finished on its own.');
  await expect(output(page)).toHaveText(WRITER_TEXT);
  await expect(figure(page, 'files')).toHaveAttribute('data-value', '1');
  // Metered: the fuel gauge counts the component's own core module.
  expect(Number(await figure(page, 'fuel').getAttribute('data-value'))).toBeGreaterThan(0);
  await page.locator(`${LAB} [name="fs"]`).selectOption('read-only');
  await runToEnd(page, 30_000);
  await expect(result(page)).toHaveText('Read-only filesystem: the first write was refused with EROFS.');
});

test('a component that opens wasi:sockets connections meets the page\'s network policy', async ({ page }) => {
  test.slow(); // jco's transpiler (3.5 MB of WebAssembly) loads in the worker, and each run transpiles afresh
  await open(page, '?breaker=off&v=1');
  await uploadAccepted(page, 'connector.wasm', await connectorComponent());
  // Limited (the default): 16 connections, then the cap refuses the 17th.
  await runToEnd(page, 30_000);
  await expect(result(page)).toHaveText('Connection cap: 16 connections were open; the next was refused.');
  await expect(figure(page, 'connections')).toHaveAttribute('data-value', '16');
  await expect(violations(page).first()).toHaveText(/^net\.connections: 17 against a limit of 16;/);
  // Denied: the first socket is refused.
  await page.locator(`${LAB} [name="net"]`).selectOption('deny');
  await runToEnd(page, 30_000);
  await expect(result(page)).toHaveText('Network denied: the first connection was refused.');
  await expect(figure(page, 'connections')).toHaveAttribute('data-value', '0');
  // Open: every connection and every byte goes out, within the outer limits.
  await page.locator(`${LAB} [name="net"]`).selectOption('open');
  await runToEnd(page, 30_000);
  await expect(result(page)).toHaveText('The module finished on its own.');
  await expect(figure(page, 'connections')).toHaveAttribute('data-value', String(CONNECTOR.connections));
});

test('the breaker quarantines an uploaded module by its SHA-256, not the lab\'s attacks', async ({ page }) => {
  await open(page, '?memory=on&v=1');
  const breaker = page.locator(`${LAB} [data-breaker-status]`);
  await uploadAccepted(page, 'hog.wasm', memoryHogModule());
  for (let i = 1; i <= 3; i++) await runToEnd(page);
  await expect(breaker).toHaveText(/^Quarantined: 3 violations within 60 s \(the last: memory\.pages\)/);
  // The same bytes under another name are the same module.
  await uploadAccepted(page, 'renamed.wasm', memoryHogModule());
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status(page)).toHaveText(/^Refused: the circuit breaker has quarantined this module/);
  // The lab's own attack module has its own count.
  await page.locator(`${LAB} [data-own-clear]`).click();
  await expect(breaker).toHaveText('Breaker closed: 0 of 3 violations within 60 s.');
  await uploadAccepted(page, 'hog.wasm', memoryHogModule());
  await page.locator(`${LAB} [data-breaker-reset]`).click();
  await expect(breaker).toHaveText('Breaker closed: 0 of 3 violations within 60 s.');
  await runToEnd(page);
  await expect(status(page)).toHaveText(/^Run complete/);
});

test('the control works from the keyboard, and a file dropped on the zone is taken like a chosen one', async ({ page }) => {
  await open(page, '?breaker=off&v=1');
  await input(page).focus();
  const chooser = page.waitForEvent('filechooser');
  await page.keyboard.press('Space');
  let fileChooser = await Promise.race([chooser, page.waitForTimeout(2_000).then(() => null)]);
  if (!fileChooser) {
    // Headless Chromium sometimes drops the first key press on a file input.
    const again = page.waitForEvent('filechooser');
    await page.keyboard.press('Space');
    fileChooser = await again;
  }
  await fileChooser.setFiles(wasm('writer.wasm', writerModule()));
  await expect(ownStatus(page)).toHaveText(/^Run runs writer\.wasm/);
  await page.keyboard.press('Tab');
  await expect(page.locator(`${LAB} [data-own-clear]`)).toBeFocused();

  const bytes = Array.from(endlessModule());
  const transfer = await page.evaluateHandle((b) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(b)], 'dropped.wasm', { type: 'application/wasm' }));
    return dt;
  }, bytes);
  const zone = page.locator(`${LAB} [data-own-drop]`);
  await zone.dispatchEvent('dragover', { dataTransfer: transfer });
  await expect(zone).toHaveAttribute('data-over', 'true');
  await zone.dispatchEvent('drop', { dataTransfer: transfer });
  await expect(ownStatus(page)).toHaveText(/^Run runs dropped\.wasm/);
  await expect(zone).not.toHaveAttribute('data-over', 'true');
});

for (const theme of ['light', 'dark'] as const) {
  test(`the control, with a module chosen and after a refused file, has no serious or critical violation (${theme})`, async ({ page }) => {
    await useTheme(page, theme);
    await open(page, '?breaker=off&v=1');
    await uploadAccepted(page, 'writer.wasm', writerModule());
    await runToEnd(page);
    await upload(page, 'foreign.wasm', foreignImportsModule());
    await expect(ownStatus(page)).toHaveText(/^Not loaded: /);
    await settle(page, theme);
    const scanned = await scan(page, 'attack lab with an own module chosen and a refused file', theme, '[data-span-viewer]');
    expect(blocking(scanned)).toEqual([]);
  });
}
