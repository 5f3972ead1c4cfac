// The span viewer on the sampler lab page: responsiveness targets measured in Chromium (figures go
// to test-results/viewer-timings.json and src/lib/viewer/README.md), keyboard and focus during a
// live run, follow and hold, the run comparison, and an accessibility scan mid-run.
import { writeFile, mkdir } from 'node:fs/promises';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { PERF, contentionFactor, judgeLongTasks } from './timing.ts';

const LAB = 'section.lab-frame[data-lab="sampler"]';
const VIEWER = `${LAB} [data-span-viewer]`;
const timings: Record<string, number | string> = {};

/**
 * The targets are for a machine with a core to spare: the tests that time the page carry @perf and
 * run in the perf project, alone, where the factor is 1 (see timing.ts). Run otherwise, on a shared
 * machine whose load average is above its core count, every task stretches by about load ÷ cores;
 * the bars are scaled by that factor, and the raw figures and the factor are both recorded.
 */
function bar(ms: number): number {
  const factor = contentionFactor();
  timings.loadFactor = Math.round(factor * 10) / 10;
  return ms * factor;
}

test.afterAll(async () => {
  if (Object.keys(timings).length === 0) return;
  await mkdir('test-results', { recursive: true });
  await writeFile(`test-results/viewer-timings-${test.info().project.name || 'chromium'}.json`, JSON.stringify(timings, null, 2));
});

async function open(page: Page, query = '') {
  await page.goto(`/labs/sampler/${query}`);
  await expect(page.locator(LAB)).toHaveAttribute('data-ready', 'true');
}

/** Starts recording main-thread long tasks (over 50 ms, as Chromium reports them). */
async function watchLongTasks(page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[]; __longAt: number[] };
    w.__long = [];
    w.__longAt = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__long.push(e.duration);
        w.__longAt.push(e.startTime);
      }
    }).observe({ type: 'longtask', buffered: false });
  });
}
const longTasks = (page: Page) => page.evaluate(() => (window as unknown as { __long: number[] }).__long.slice());
/** Long tasks that began at or after `sinceMs` (the page's performance.now()). */
const longTasksSince = (page: Page, sinceMs: number) =>
  page.evaluate((t) => {
    const w = window as unknown as { __long: number[]; __longAt: number[] };
    return w.__long.filter((_, i) => w.__longAt[i]! >= t);
  }, sinceMs);
/** Long tasks that began before `beforeMs` (the page's performance.now()). */
const longTasksBefore = (page: Page, beforeMs: number) =>
  page.evaluate((t) => {
    const w = window as unknown as { __long: number[]; __longAt: number[] };
    return w.__long.filter((_, i) => w.__longAt[i]! < t);
  }, beforeMs);

test('a 30 s run at 2,000 requests/s never blocks the main thread for 50 ms, and Stop answers at once', PERF, async ({ page }) => {
  test.setTimeout(90_000);
  await open(page, '?ratio=0.25&rate=2000&duration=30');
  // The lab is ready before the page has finished loading: the load's own tasks (51 ms to 127 ms in
  // its first 1.2 s, with Starlight's search UI or without it) would be counted as the run's. A
  // learner reads before pressing Run; the run is measured once the page has settled, the search
  // UI (built in the first idle period after load) in place and a second gone by.
  await expect(page.locator('#starlight__search .pagefind-ui')).toBeAttached({ timeout: 15_000 });
  await page.waitForTimeout(1000);
  await watchLongTasks(page);
  const runAt = await page.evaluate(() => performance.now());
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(page.locator(`${LAB} [data-lab-status]`)).toContainText('Running');
  // Past the 60,000-span limit (about 15 s at this rate), so eviction runs too.
  await page.waitForTimeout(25_000);
  const counts = page.locator(`${VIEWER} [data-viewer-counts]`);
  const kept = Number(await counts.getAttribute('data-kept'));
  const dropped = Number(await counts.getAttribute('data-dropped'));
  // On a machine with a core to spare the worker makes all 2,000 requests a second and passes the
  // 60,000-span limit after about 15 s; on a loaded one it makes fewer. Eviction is recorded either way.
  expect(kept + dropped).toBeGreaterThan(5_000);
  timings['run2000.evicted'] = String(await page.locator(`${VIEWER} [data-viewer-evicted]`).isVisible());

  // Stop: the time from the click to the status saying so, measured in the page.
  const stopAt = await page.evaluate(() => performance.now());
  const stopMs = await page.evaluate(async (lab) => {
    const status = document.querySelector(`${lab} [data-lab-status]`)!;
    const t0 = performance.now();
    const seen = new Promise<number>((resolve) => {
      new MutationObserver(() => {
        if (/^Stop/.test(status.textContent ?? '')) resolve(performance.now() - t0);
      }).observe(status, { childList: true, characterData: true, subtree: true });
    });
    document.querySelector<HTMLButtonElement>(`${lab} [data-lab-stop]`)!.click();
    return seen;
  }, LAB);
  await expect(page.locator(`${LAB} [data-lab-status]`)).toHaveText(/^Stopped/, { timeout: bar(2000) });
  // The end of the run is part of it: the final draw, the status and focus, and the run summarised
  // for comparison in slices. A second covers them all.
  await page.waitForTimeout(1_000);
  const allTasks = await longTasks(page);
  const tasks = await longTasksBefore(page, stopAt);
  timings['run2000.longTasksAfterStop'] = allTasks.length - tasks.length;
  timings['run2000.longestTaskOverallMs'] = Math.round(Math.max(0, ...allTasks));
  timings['run2000.longTasksOver50ms'] = tasks.length;
  timings['run2000.longestTaskMs'] = Math.round(Math.max(0, ...tasks));
  // When each long task began, in ms after the Run click: where in the run the time went.
  timings['run2000.longTasksAtMs'] = JSON.stringify(await page.evaluate((t0) => {
    const w = window as unknown as { __long: number[]; __longAt: number[] };
    return w.__longAt.map((at, i) => [Math.round(at - t0), Math.round(w.__long[i]!)]);
  }, runAt));
  timings['run2000.stopAnsweredMs'] = Math.round(stopMs);
  timings['run2000.decisionsCounted'] = kept + dropped;
  expect(stopMs).toBeLessThan(bar(100));
  if (judgeLongTasks()) expect(allTasks.map(Math.round), `main-thread tasks over 50 ms during the run and its end; every long task as [ms after Run, duration]: ${timings['run2000.longTasksAtMs']}`).toEqual([]);
  else test.info().annotations.push({ type: 'long tasks not asserted (machine busy)', description: `${JSON.stringify(allTasks.map(Math.round))} ms` });
  // Counts stay exact across eviction: kept + dropped equals what the plugin says it decided.
  const decided = Number(await page.locator(`${VIEWER} [data-figure="decided"]`).getAttribute('data-value'));
  const finalKept = Number(await counts.getAttribute('data-kept'));
  const finalDropped = Number(await counts.getAttribute('data-dropped'));
  expect(finalKept + finalDropped).toBeGreaterThanOrEqual(decided);
});

/** Loads one synthetic trace of `n` spans (a fan-out two levels deep) through the viewer's load(). */
async function loadWideTrace(page: Page, n: number) {
  await page.evaluate(async ({ viewer, n }) => {
    const traceId = 'ab'.repeat(16);
    const id = (i: number) => (i + 1).toString(16).padStart(16, '0');
    const spans = [];
    for (let i = 0; i < n; i++) {
      const parent = i === 0 ? undefined : i < 100 ? 0 : (i % 99) + 1;
      spans.push({
        traceId, spanId: id(i), ...(parent === undefined ? {} : { parentSpanId: id(parent) }),
        name: i === 0 ? 'GET /big' : `work ${i}`, kind: 1, startMs: 1_000_000 + i * 0.1, endMs: 1_000_000 + i * 0.1 + 5 + (i % 7),
        attributes: { 'work.index': i }, events: i % 50 === 0 ? [{ name: 'mark', timeMs: 1_000_000 + i * 0.1 + 1, attributes: {} }] : [], links: [], status: { code: i % 997 === 0 ? 2 : 0 }, dropped: false,
      });
    }
    const el = document.querySelector(viewer) as unknown as { spanViewer: { store: { load(s: unknown[], l: string): Promise<void> } } };
    await el.spanViewer.store.load(spans, `Synthetic trace of ${n} spans.`);
  }, { viewer: VIEWER, n });
}

test('a 10,000-span trace: first render within 300 ms, scrolling and expanding without long tasks', PERF, async ({ page }) => {
  await open(page);
  await loadWideTrace(page, 10_000);
  const row = page.locator(`${VIEWER} [data-viewer-trace-rows] .tl-row`).first();
  await expect(row).toContainText('GET /big');
  await expect(row).toContainText('10000 spans');
  await watchLongTasks(page);

  const firstRender = await page.evaluate((viewer) => new Promise<number>((resolve) => {
    const target = document.querySelector<HTMLElement>(`${viewer} [data-viewer-trace-rows] .tl-row .tl-name`)!;
    const t0 = performance.now();
    target.click();
    // After the click's work, the next frame's paint: rAF, then a task after it.
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
  }), VIEWER);
  const wf = page.locator(`${VIEWER} [data-viewer-waterfall]`);
  await expect(wf).toHaveAttribute('aria-rowcount', '10001');
  expect(await page.locator(`${VIEWER} [data-viewer-waterfall-rows] .wf-row`).count()).toBeLessThan(80);
  timings['trace10k.firstRenderMs'] = Math.round(firstRender);
  expect(firstRender).toBeLessThanOrEqual(bar(300));

  // Scroll through the whole trace in steps, a frame apart. The first render's own task (up to
  // 300 ms is its target) came before and is not counted here.
  const scrollFrom = await page.evaluate(() => performance.now());
  await page.evaluate((viewer) => new Promise<void>((resolve) => {
    const scroller = document.querySelector<HTMLElement>(`${viewer} [data-viewer-waterfall]`)!;
    let step = 0;
    const next = () => {
      scroller.scrollTop += 3000;
      if (++step < 100) requestAnimationFrame(next);
      else resolve();
    };
    requestAnimationFrame(next);
  }), VIEWER);
  const scrollTasks = await longTasksSince(page, scrollFrom);
  timings['trace10k.firstRenderTasksMs'] = JSON.stringify((await longTasksBefore(page, scrollFrom)).map(Math.round));
  timings['trace10k.scrollLongestTaskMs'] = Math.round(Math.max(0, ...scrollTasks));
  if (judgeLongTasks()) expect(scrollTasks.filter((d) => d > 50), 'long tasks while scrolling').toEqual([]);
  else test.info().annotations.push({ type: 'long tasks not asserted (machine busy)', description: `scroll: ${JSON.stringify(scrollTasks.map(Math.round))} ms` });

  // Collapse and expand the root (10,000 rows in or out), and a mid-level node, from the keyboard.
  await wf.focus();
  await page.keyboard.press('Home');
  const toggleMs: number[] = [];
  for (const key of ['Enter', 'Enter', 'ArrowDown', 'ArrowLeft', 'ArrowRight']) {
    toggleMs.push(await page.evaluate(async (k) => {
      const t0 = performance.now();
      document.activeElement!.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
      return performance.now() - t0;
    }, key));
  }
  timings['trace10k.toggleWorstMs'] = Math.round(Math.max(...toggleMs) * 10) / 10;
  expect(Math.max(...toggleMs)).toBeLessThanOrEqual(bar(50));
  await expect(wf).toHaveAttribute('aria-rowcount', '10001');
});

test('100,000 spans load in chunks: no main-thread task over 200 ms, and the page answers meanwhile', PERF, async ({ page }) => {
  await open(page);
  // Build the spans first (that is the import worker's job on a real import), then time the load.
  await page.evaluate(() => {
    const spans = [];
    for (let t = 0; t < 20_000; t++) {
      const traceId = t.toString(16).padStart(32, '0');
      for (let i = 0; i < 5; i++) {
        spans.push({
          traceId, spanId: (t * 8 + i + 1).toString(16).padStart(16, '0'), ...(i ? { parentSpanId: (t * 8 + 1).toString(16).padStart(16, '0') } : {}),
          name: i ? `child ${i}` : 'GET /import', kind: 2, startMs: 1e6 + t, endMs: 1e6 + t + 3, attributes: { 'http.route': '/import' }, events: [], links: [], status: { code: 0 }, dropped: false,
        });
      }
    }
    (window as unknown as { __spans: unknown[] }).__spans = spans;
  });
  await watchLongTasks(page);
  const result = await page.evaluate(async (viewer) => {
    const el = document.querySelector(viewer) as unknown as { spanViewer: { store: { load(s: unknown[], l: string): Promise<void>; traceCount: number } } };
    // A timer set as the load starts must fire before it ends: the load yields to the page.
    let timerFiredAt = Infinity;
    setTimeout(() => (timerFiredAt = performance.now()), 0);
    const t0 = performance.now();
    await el.spanViewer.store.load((window as unknown as { __spans: unknown[] }).__spans, 'Imported.');
    const t1 = performance.now();
    return { ms: t1 - t0, yielded: timerFiredAt < t1, traces: el.spanViewer.store.traceCount };
  }, VIEWER);
  await page.waitForTimeout(200);
  const tasks = await longTasks(page);
  timings['load100k.totalMs'] = Math.round(result.ms);
  timings['load100k.longestTaskMs'] = Math.round(Math.max(0, ...tasks));
  expect(Math.max(0, ...tasks)).toBeLessThanOrEqual(bar(200));
  expect(result.yielded).toBe(true);
  // 100,000 spans exceed the 60,000-span memory limit: the oldest traces are let go, and it says so.
  expect(result.traces).toBeLessThan(20_000);
  await expect(page.locator(`${VIEWER} [data-viewer-evicted]`)).toContainText('were let go');
});

test('held, the rows in view stay where they are while the oldest traces are let go; Home goes to the oldest held', async ({ page }) => {
  await open(page);
  // Spans are added as a run adds them, in batches, through the viewer behind the page: 3 spans a
  // trace, two dropped traces in every five (folded into groups). 14,000 traces stay under the
  // 60,000-span limit; 8,000 more pass it, and the store lets go of its oldest traces.
  await page.evaluate(() => {
    const w = window as unknown as { __add: (from: number, to: number) => void };
    const viewer = document.querySelector('[data-span-viewer]') as unknown as { spanViewer: { add(s: unknown[]): void } };
    w.__add = (from, to) => {
      for (let b = from; b < to; b += 500) {
        const spans = [];
        for (let t = b; t < Math.min(to, b + 500); t++) {
          const traceId = (t + 1).toString(16).padStart(32, '0');
          const root = ((t + 1) * 4).toString(16).padStart(16, '0');
          const dropped = t % 5 < 2;
          for (let i = 0; i < 3; i++) {
            spans.push({
              traceId, spanId: ((t + 1) * 4 + i).toString(16).padStart(16, '0'), ...(i ? { parentSpanId: root } : {}),
              name: i ? `child ${i}` : `GET /t/${t}`, kind: 2, startMs: 1e6 + t, endMs: 1e6 + t + 2,
              attributes: i ? {} : { 'sampler.decision': dropped ? 'drop' : 'keep', 'http.route': '/t/{n}' }, events: [], links: [], status: { code: 0 }, dropped,
            });
          }
        }
        viewer.spanViewer.add(spans);
      }
    };
    w.__add(0, 14_000);
  });
  const scroller = page.locator(`${VIEWER} [data-viewer-traces]`);
  await expect(scroller).toHaveAttribute('aria-rowcount', String(1 + 14_000 * 0.6 + 14_000 / 5));
  await scroller.scrollIntoViewIfNeeded();
  // The learner scrolls to the middle (which holds the view) and reads a row there.
  await scroller.evaluate((el) => (el.scrollTop = Math.round(el.scrollHeight / 2) + 12));
  await expect(page.locator(`${VIEWER} [data-viewer-follow]`)).toHaveAttribute('aria-pressed', 'false');
  const firstInView = () => scroller.evaluate((grid) => {
    const box = grid.getBoundingClientRect();
    const rows = [...grid.querySelectorAll<HTMLElement>('.tl-row[data-trace]')].map((r) => ({ r, top: r.getBoundingClientRect().top - box.top }));
    const first = rows.filter((x) => x.top >= 30).sort((a, b) => a.top - b.top)[0]!;
    return { name: first.r.querySelector('.tl-name')!.textContent, top: Math.round(first.top) };
  });
  await expect.poll(async () => (await firstInView()).name).toMatch(/^GET \/t\/\d+$/);
  const before = await firstInView();

  await page.evaluate(() => (window as unknown as { __add: (from: number, to: number) => void }).__add(14_000, 22_000));
  await expect(page.locator(`${VIEWER} [data-viewer-evicted]`)).toContainText('were let go');
  const rowCount = Number(await scroller.getAttribute('aria-rowcount'));
  expect(rowCount, 'rows of let-go traces are taken out').toBeLessThan(1 + 22_000 * 0.8);
  await page.waitForTimeout(300);
  expect(await firstInView(), 'the row read before is where it was').toEqual(before);

  // The list holds exactly the rows of the traces still held: from the oldest, N, to the newest.
  const oldest = await page.evaluate((viewer) => {
    const el = document.querySelector(viewer) as unknown as { spanViewer: { store: { traces(): { root: { name: string } }[] } } };
    return Number(el.spanViewer.store.traces()[0]!.root.name.split('/')[2]);
  }, VIEWER);
  expect(oldest).toBeGreaterThan(0);
  let rows = 0;
  for (let t = oldest; t < 22_000; t++) if (t % 5 >= 2 || t % 5 === 0 || t === oldest) rows++;
  expect(rowCount).toBe(1 + rows);

  // Home goes to the first of them: a group of two dropped traces, or the oldest trace's own row.
  await scroller.focus();
  await page.keyboard.press('Home');
  const active = scroller.locator('.tl-row.is-active');
  await expect(active).toHaveAttribute('aria-rowindex', '2');
  await expect(active.locator('.tl-name')).toHaveText(oldest % 5 === 0 ? /^▸ 2 dropped traces/ : `GET /t/${oldest}`);
});

test('a 30,000-deep parent chain and a parent cycle load without error and are explained', async ({ page }) => {
  await open(page);
  await page.evaluate(async (viewer) => {
    const spans = [];
    const deep = 'de'.repeat(16);
    for (let i = 0; i < 30_000; i++) {
      spans.push({ traceId: deep, spanId: (i + 1).toString(16).padStart(16, '0'), ...(i ? { parentSpanId: i.toString(16).padStart(16, '0') } : {}), name: i ? `level ${i}` : 'deep root', kind: 1, startMs: 1e6 + i * 0.001, endMs: 1e6 + 100 - i * 0.001, attributes: {}, events: [], links: [], status: { code: 0 }, dropped: false });
    }
    const cyc = 'cc'.repeat(16);
    const ids = ['0000000000000001', '0000000000000002', '0000000000000003'];
    ids.forEach((id, i) => spans.push({ traceId: cyc, spanId: id, parentSpanId: ids[(i + 2) % 3], name: `cycle ${i}`, kind: 1, startMs: 2e6 + i, endMs: 2e6 + 10, attributes: {}, events: [], links: [], status: { code: 0 }, dropped: false }));
    const el = document.querySelector(viewer) as unknown as { spanViewer: { store: { load(s: unknown[], l: string): Promise<void> } } };
    await el.spanViewer.store.load(spans, 'Hostile shapes.');
  }, VIEWER);
  const rows = page.locator(`${VIEWER} [data-viewer-trace-rows] .tl-row`);
  await rows.filter({ hasText: 'deep root' }).locator('.tl-name').click();
  await expect(page.locator(`${VIEWER} [data-viewer-waterfall]`)).toHaveAttribute('aria-rowcount', '30001');
  await expect(page.locator(`${VIEWER} [data-viewer-waterfall-rows] .wf-row`).first()).toHaveAttribute('aria-level', '1');
  await page.locator(`${VIEWER} [data-viewer-waterfall]`).focus();
  await page.keyboard.press('End');
  await expect(page.locator(`${VIEWER} [data-viewer-waterfall-rows] .wf-row[aria-level="30000"]`)).toBeVisible();
  await rows.filter({ hasText: /cycle/ }).locator('.tl-name').click();
  await expect(page.locator(`${VIEWER} [data-viewer-waterfall-caption]`)).toContainText('1 parent cycle was broken to draw the tree');
  await expect(page.locator(`${VIEWER} [data-viewer-waterfall]`)).toHaveAttribute('aria-rowcount', '4');
});

test('keyboard: a focused row keeps focus and its place while spans stream in, and Escape still stops the run', async ({ page }) => {
  await open(page, '?ratio=0.5&rate=500&duration=60');
  await page.locator(`${LAB} [data-lab-run]`).click();
  const list = page.locator(`${VIEWER} [data-viewer-traces]`);
  await expect(page.locator(`${VIEWER} [data-viewer-trace-rows] .tl-row`).nth(5)).toBeVisible();
  await list.focus();
  await page.keyboard.press('Home');
  await page.keyboard.press('j');
  await page.keyboard.press('j');
  await page.keyboard.press('k');
  const active = await list.getAttribute('aria-activedescendant');
  expect(active).toMatch(/-row-1$/);
  const row = page.locator(`#${active}`);
  const trace = await row.getAttribute('data-trace') ?? await row.innerText();
  // Where the row sits in the list's viewport (the page above it may grow as figures arrive).
  const place = () => row.evaluate((el) => el.getBoundingClientRect().top - el.closest('[data-viewer-traces]')!.getBoundingClientRect().top);
  const before = await place();
  await page.waitForTimeout(1500);
  // Still focused, same row, same trace, same place on screen: the live run moved nothing.
  expect(await page.evaluate(() => document.activeElement?.getAttribute('data-viewer-traces'))).not.toBeNull();
  await expect(list).toHaveAttribute('aria-activedescendant', active!);
  expect(await row.getAttribute('data-trace') ?? await row.innerText()).toBe(trace);
  expect(await place()).toBe(before);
  await expect(page.locator(`${VIEWER} [data-viewer-follow]`)).toHaveAttribute('aria-pressed', 'false');

  // Into the waterfall with Enter, down a row, and the details follow.
  const waterfall = page.locator(`${VIEWER} [data-viewer-waterfall]`);
  await expect(page.locator(`${VIEWER} [data-viewer-caption]`)).toContainText('rows listed (runs of dropped traces fold');
  await page.keyboard.press('/');
  await expect(page.locator(`${VIEWER} [data-viewer-search]`)).toBeFocused();
  await page.keyboard.type('HGETALL');
  await expect(page.locator(`${VIEWER} [data-viewer-caption]`)).toContainText('with the filters below');
  await page.keyboard.press('Escape');
  await expect(page.locator(`${VIEWER} [data-viewer-search]`)).toHaveValue('');
  await expect(page.locator(`${LAB} [data-lab-status]`)).toContainText('Running');
  await list.focus();
  await page.keyboard.press('Enter');
  await expect(waterfall).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(page.locator(`${LAB} [data-lab-status]`)).toHaveText(/^Stopped/, { timeout: 2000 });
});

// Counts that gain a digit, figures that arrive, a caption that grows a line: each moved everything
// below the viewer, and each move repainted the whole page in the middle of a run (a 37 ms paint in
// a trace of the run's first second). The lab frame keeps one size from Run until well into the run.
for (const [width, height] of [[1366, 900], [390, 844]] as const) {
  test(`the lab keeps its size while a run starts and goes on, so the page never moves (${width} px)`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await open(page, '?ratio=0.25&rate=2000&duration=30');
    // A sampling lab shows its decisions from the start, and the worker's figures have places already.
    await expect(page.locator(`${VIEWER} [data-figure="kept"] strong`)).toHaveText('0');
    await expect(page.locator(`${VIEWER} [data-figure="decided"] strong`)).toHaveText('–');
    // The rows laid out while the page loaded, to look their fonts up early (dom.ts warmFaces), are gone.
    await expect(page.locator(`${VIEWER} [data-warm-faces]`)).toHaveCount(0);
    await page.evaluate((lab) => {
      const frame = document.querySelector(lab)!;
      const w = window as unknown as { __sizes: Map<string, number> };
      w.__sizes = new Map();
      const t0 = performance.now();
      const tick = () => {
        const size = `lab ${Math.round(frame.getBoundingClientRect().height)} px, page ${document.documentElement.scrollHeight} px`;
        if (!w.__sizes.has(size)) w.__sizes.set(size, Math.round(performance.now() - t0));
        if (performance.now() - t0 < 4000) requestAnimationFrame(tick);
      };
      tick();
    }, LAB);
    await page.locator(`${LAB} [data-lab-run]`).click();
    await expect(page.locator(`${LAB} [data-lab-status]`)).toContainText('Running');
    // The worker's own figures have reported, and rows fill the list.
    await expect(page.locator(`${VIEWER} [data-figure="decided"]`)).toHaveAttribute('data-value', /^[1-9]/);
    await page.waitForTimeout(4000);
    const sizes = await page.evaluate(() => [...(window as unknown as { __sizes: Map<string, number> }).__sizes].map(([size, at]) => `${size} at ${at} ms`));
    expect(sizes, 'sizes of the lab and the page, each with the first time it was seen after Run').toHaveLength(1);
    await page.keyboard.press('Escape');
  });
}

test('follow shows the newest traces; hold keeps the view still while the run goes on', async ({ page }) => {
  await open(page, '?ratio=0.5&rate=400&duration=60');
  await page.locator(`${LAB} [data-lab-run]`).click();
  const scroller = page.locator(`${VIEWER} [data-viewer-traces]`);
  const follow = page.locator(`${VIEWER} [data-viewer-follow]`);
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  const atEnd = () => scroller.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight < 40);
  await expect.poll(() => scroller.evaluate((el) => el.scrollHeight > el.clientHeight * 2), { timeout: 15_000 }).toBe(true);
  await expect.poll(atEnd).toBe(true);
  await page.waitForTimeout(1000);
  expect(await atEnd()).toBe(true);

  await follow.click();
  await expect(follow).toHaveAttribute('aria-pressed', 'false');
  await expect(follow).toHaveText('Holding view');
  const top = await scroller.evaluate((el) => el.scrollTop);
  await page.waitForTimeout(1500);
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(top);
  expect(await atEnd()).toBe(false);
  await follow.click();
  await expect.poll(atEnd).toBe(true);

  // A mouse over the list holds its rows where they are, so a click lands on the row aimed at;
  // following stays on and takes the list to the newest rows when the mouse leaves.
  const box = (await scroller.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await expect(scroller).toHaveAttribute('data-pointer-hold', '');
  const held = await scroller.evaluate((el) => el.scrollTop);
  const heightBefore = await scroller.evaluate((el) => el.scrollHeight);
  await page.waitForTimeout(1500);
  expect(await scroller.evaluate((el) => el.scrollHeight), 'rows went on arriving').toBeGreaterThan(heightBefore);
  expect(await scroller.evaluate((el) => el.scrollTop)).toBe(held);
  await expect(follow).toHaveAttribute('aria-pressed', 'true');
  await page.mouse.move(1, 1);
  await expect(scroller).not.toHaveAttribute('data-pointer-hold', '');
  await expect.poll(atEnd).toBe(true);
  await page.locator(`${LAB} [data-lab-stop]`).click();
});

/** What the row watch below counts in the page: nodes in and out of the rows and cells, and each cell's text node. */
type RowsWatch = { rowChanges: number; cellChanges: number; texts: (Node | null)[] };

test('following a live run, the list refills its rows where they stand: no row leaves the document, no cell swaps its text node', async ({ page }) => {
  // While the list follows the newest traces, every row in view shows another trace on every draw.
  // A row taken out of the document and put back has its style computed afresh, and a text node
  // swapped for a new one has its layout object rebuilt: either way each draw's style and layout
  // work grew with the rows in view.
  await open(page, '?ratio=0.5&rate=400&duration=60');
  await page.locator(`${LAB} [data-lab-run]`).click();
  const scroller = page.locator(`${VIEWER} [data-viewer-traces]`);
  const body = page.locator(`${VIEWER} [data-viewer-trace-rows]`);
  await expect(page.locator(`${VIEWER} [data-viewer-follow]`)).toHaveAttribute('aria-pressed', 'true');
  // The list holds more rows than it shows, so the rows in the document stay as many from here on.
  await expect.poll(() => scroller.evaluate((el) => el.scrollHeight > el.clientHeight * 3), { timeout: 15_000 }).toBe(true);
  const before = await body.evaluate((rows) => {
    const watch: RowsWatch = { rowChanges: 0, cellChanges: 0, texts: [] };
    (window as unknown as { __rowsWatch: RowsWatch }).__rowsWatch = watch;
    new MutationObserver((list) => {
      for (const m of list) watch.rowChanges += m.addedNodes.length + m.removedNodes.length;
    }).observe(rows, { childList: true });
    const cellWatch = new MutationObserver((list) => {
      for (const m of list) watch.cellChanges += m.addedNodes.length + m.removedNodes.length;
    });
    const cells = [...rows.querySelectorAll('.tl-cell')];
    for (const c of cells) cellWatch.observe(c, { childList: true });
    watch.texts = cells.map((c) => c.firstChild);
    return { rows: rows.children.length, starts: [...rows.querySelectorAll('.tl-time')].map((c) => c.textContent) };
  });
  expect(before.rows).toBeGreaterThan(5);
  // About five draws.
  await page.waitForTimeout(1200);
  const after = await body.evaluate((rows) => {
    const watch = (window as unknown as { __rowsWatch: RowsWatch }).__rowsWatch;
    const cells = [...rows.querySelectorAll('.tl-cell')];
    return {
      rows: rows.children.length,
      starts: [...rows.querySelectorAll('.tl-time')].map((c) => c.textContent),
      rowChanges: watch.rowChanges,
      cellChanges: watch.cellChanges,
      sameTextNodes: cells.length === watch.texts.length && cells.every((c, i) => c.firstChild === watch.texts[i] && c.childNodes.length === 1),
    };
  });
  await page.locator(`${LAB} [data-lab-stop]`).click();
  expect(after.starts, 'the rows went on to newer traces').not.toEqual(before.starts);
  expect(after.rows).toBe(before.rows);
  expect(after.rowChanges, 'row elements taken out of or put into the list').toBe(0);
  expect(after.cellChanges, 'text nodes swapped in cells').toBe(0);
  expect(after.sameTextNodes).toBe(true);
});

test('two runs compared side by side: 1% against 50% shows the decision share and counts', async ({ page }) => {
  test.setTimeout(60_000);
  await open(page, '?ratio=0.01&rate=300&errorRate=0&duration=5');
  const status = page.locator(`${LAB} [data-lab-status]`);
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status).toHaveText(/^Run complete/, { timeout: 20_000 });
  await page.locator(`${LAB} [name="ratio"]`).evaluate((el) => {
    (el as HTMLInputElement).value = '0.5';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(status).toHaveText(/^Run complete/, { timeout: 20_000 });
  const compare = page.locator(`${VIEWER} [data-viewer-compare]`);
  await compare.locator('summary').click();
  await expect(compare).toHaveAttribute('data-runs', '2');
  await expect(compare.locator('[data-compare="a"] option:checked')).toContainText('ratio=0.01');
  await expect(compare.locator('[data-compare="b"] option:checked')).toContainText('ratio=0.5');
  const cart = compare.locator('tbody tr').filter({ has: page.locator('th', { hasText: /^GET \/cart$/ }) });
  await expect(cart).toHaveClass(/rc-changed/);
  await expect(cart.locator('td').last()).toContainText(/sampler\.decision=keep: [0-9.]+% → [0-9.]+%/);
  const text = await cart.locator('td').last().innerText();
  const [, a, b] = /sampler\.decision=keep: ([0-9.]+)% → ([0-9.]+)%/.exec(text)!;
  expect(Number(a)).toBeLessThan(10);
  expect(Number(b)).toBeGreaterThan(35);
});

test('no serious or critical accessibility violation in the viewer mid-run, light and dark', async ({ page }) => {
  for (const theme of ['light', 'dark']) {
    await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
    await open(page, '?ratio=0.1&rate=300&errorRate=0.1&duration=30');
    await page.locator(`${LAB} [data-lab-run]`).click();
    await expect(page.locator(`${VIEWER} [data-viewer-trace-rows] .tl-row`).nth(3)).toBeVisible();
    await page.locator(`${VIEWER} [data-viewer-trace-rows] .tl-row[data-decision="kept"] .tl-name`).first().click();
    await page.locator(`${VIEWER} [data-viewer-compare] summary`).click();
    const results = await new AxeBuilder({ page }).include(VIEWER).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
    const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
    expect(bad, `${theme} theme`).toEqual([]);
    await page.locator(`${LAB} [data-lab-stop]`).click();
  }
});

test('on a phone, names are readable and durations visible in both lists', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '?ratio=1&rate=50&duration=5');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(page.locator(`${LAB} [data-lab-status]`)).toHaveText(/^Run complete/, { timeout: 20_000 });
  // The list shows its newest few rows, whichever routes the traffic drew last: list one route, so
  // a /products row is on screen whatever the random traffic was.
  await page.locator(`${VIEWER} [data-filter="route"]`).selectOption('/products');
  const row = page.locator(`${VIEWER} [data-viewer-trace-rows] .tl-row`).filter({ hasText: /GET \/products/ }).first();
  await row.locator('.tl-name').click();
  for (const sel of [`${VIEWER} [data-viewer-trace-rows] .tl-row`, `${VIEWER} [data-viewer-waterfall-rows] .wf-row`]) {
    const first = page.locator(sel).filter({ hasText: /GET \/products/ }).first();
    const name = first.locator('.tl-name, .wf-label');
    // The whole name fits: nothing is cut to "GET /pro…".
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const duration = first.locator('.tl-duration, .wf-duration');
    await expect(duration).toBeVisible();
    const box = (await duration.boundingBox())!;
    expect(box.x + box.width).toBeLessThanOrEqual(390);
  }
  // Details sit below the waterfall on a phone.
  const wf = (await page.locator(`${VIEWER} [data-viewer-waterfall]`).boundingBox())!;
  const details = (await page.locator(`${VIEWER} [data-viewer-details]`).boundingBox())!;
  expect(details.y).toBeGreaterThanOrEqual(wf.y + wf.height);
});

test('printed, a lab page keeps its last counts and figures and hides the controls', async ({ page }) => {
  await open(page, '?rate=100&duration=5');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(page.locator(`${LAB} [data-lab-status]`)).toHaveText(/^Run complete/, { timeout: 20_000 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator(`${VIEWER} [data-viewer-counts][data-print-summary]`)).toBeVisible();
  await expect(page.locator(`${VIEWER} [data-figure="configured-ratio"]`)).toBeVisible();
  await expect(page.locator(`${LAB} [data-lab-run]`)).toBeHidden();
  await expect(page.locator(`${VIEWER} [data-viewer-traces]`)).toBeHidden();
  await expect(page.locator(`${LAB} [name="ratio"]`)).toBeHidden();
});

test('the run overview by keyboard alone: a stretch chosen mid-run lists exactly its traces, Enter opens a point, Escape clears', async ({ page }) => {
  await open(page, '?ratio=1&rate=40&errorRate=0.1&duration=60');
  const lab = page.locator(LAB);
  const status = lab.locator('[data-lab-status]');
  const canvas = page.locator(`${VIEWER} [data-viewer-overview]`);
  const cursor = page.locator(`${VIEWER} [data-viewer-cursor]`);
  const list = page.locator(`${VIEWER} [data-viewer-traces]`);
  await lab.locator('[data-lab-run]').focus();
  await page.keyboard.press('Enter');
  await expect(status).toContainText('Running');
  const kept = async () => Number(await page.locator(`${VIEWER} [data-viewer-counts]`).getAttribute('data-kept'));
  await expect.poll(kept).toBeGreaterThan(12);

  // Tab from Stop to the chart, as a keyboard user would.
  let reached = false;
  for (let i = 0; i < 40 && !reached; i++) {
    await page.keyboard.press('Tab');
    reached = await canvas.evaluate((el) => el === document.activeElement);
  }
  expect(reached, 'the overview is in the tab order').toBe(true);
  expect(await canvas.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
  await expect(cursor).toContainText(/^Trace (\d+) of \1 at \+/);

  await page.keyboard.press('Home');
  await expect(cursor).toContainText(/^Trace 1 of \d+ at \+0\.00 s: \S/);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(cursor).toContainText(/^Trace 4 of/);
  for (let i = 0; i < 5; i++) await page.keyboard.press('Shift+ArrowRight');
  await expect(cursor).toContainText(/^Selected \d+ traces from \+[0-9.]+ s to \+[0-9.]+ s; Enter lists them\. Trace 9 of/);
  const chosen = await canvas.getAttribute('data-cursor');
  const said = await cursor.innerText();

  // Spans keep arriving: the cursor, its line and focus stay where the keys left them.
  const held = await kept();
  await expect.poll(kept).toBeGreaterThan(held + 5);
  await expect(canvas).toBeFocused();
  await expect(canvas).toHaveAttribute('data-cursor', chosen!);
  await expect(cursor).toHaveText(said);

  await page.keyboard.press('Enter');
  await expect(cursor).toContainText(/^Listed in the trace list: \d+ traces from/);
  const [fromMs, toMs] = (await canvas.getAttribute('data-listed'))!.split(' ').map(Number) as [number, number];
  expect(toMs).toBeGreaterThan(fromMs);
  // What the store holds in that stretch, against what the list shows.
  const expected = await page.evaluate(({ viewer, fromMs, toMs }) => {
    const el = document.querySelector(viewer) as unknown as { spanViewer: { store: { traces(): { traceId: string; startMs: number }[] } } };
    return el.spanViewer.store.traces().filter((t) => t.startMs >= fromMs && t.startMs <= toMs).map((t) => t.traceId).sort();
  }, { viewer: VIEWER, fromMs, toMs });
  expect(expected.length).toBeGreaterThanOrEqual(6);
  await expect(cursor).toContainText(`Listed in the trace list: ${expected.length} traces`);
  await expect(list).toHaveAttribute('aria-rowcount', String(expected.length + 1));
  const listed = await page.locator(`${VIEWER} [data-viewer-trace-rows] .tl-row[data-trace]`).evaluateAll((rows) => rows.map((r) => r.getAttribute('data-trace')!).sort());
  expect(listed).toEqual(expected);
  await expect(page.locator(`${VIEWER} [data-viewer-range]`)).toBeVisible();
  await expect(canvas).toBeFocused();

  // Escape clears the stretch (the run goes on); with nothing left to clear it stops the run.
  await page.keyboard.press('Escape');
  await expect(page.locator(`${VIEWER} [data-viewer-range]`)).toBeHidden();
  await expect(cursor).toContainText('Selection cleared');
  await expect(canvas).toHaveAttribute('data-listed', '');
  await expect(status).toContainText('Running');
  const traceCount = () => page.evaluate((viewer) => (document.querySelector(viewer) as unknown as { spanViewer: { store: { traceCount: number } } }).spanViewer.store.traceCount, VIEWER);
  const rows = async () => Number(await list.getAttribute('aria-rowcount')) - 1;
  await expect.poll(rows).toBeGreaterThan(expected.length + 5);

  // Enter with nothing selected opens the trace under the cursor.
  await page.keyboard.press('Enter');
  await expect(page.locator(`${VIEWER} [data-viewer-waterfall-caption]`)).toContainText(`Trace ${chosen!.slice(0, 8)}…`);
  await expect(cursor).toContainText('Opened in the waterfall: Trace 9 of');
  await page.keyboard.press('Escape');
  await expect(status).toHaveText(/^Stopped/);
  // Every trace listed once: clearing the stretch mid-run neither lost nor repeated any.
  await expect.poll(async () => (await rows()) - (await traceCount())).toBe(0);
});

test('on a phone, a stretch chosen by keyboard fits: the status line and "Show all times" stay on screen, the button on one line', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await open(page, '?ratio=1&rate=40&duration=5');
  await page.locator(`${LAB} [data-lab-run]`).click();
  await expect(page.locator(`${LAB} [data-lab-status]`)).toHaveText(/^Run complete/, { timeout: 20_000 });
  const canvas = page.locator(`${VIEWER} [data-viewer-overview]`);
  await canvas.focus();
  const cursor = page.locator(`${VIEWER} [data-viewer-cursor]`);
  await expect(cursor).toContainText(/^Trace \d+ of/);
  await page.keyboard.press('Home');
  for (let i = 0; i < 4; i++) await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Enter');
  await expect(cursor).toContainText('Listed in the trace list: ');
  const button = page.locator(`${VIEWER} [data-viewer-clear-range]`);
  await expect(button).toBeVisible();
  const lineHeight = await button.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight) || 20);
  const box = (await button.boundingBox())!;
  expect(box.height, 'the button holds one line').toBeLessThan(lineHeight * 2);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  const status = (await cursor.boundingBox())!;
  expect(status.x + status.width).toBeLessThanOrEqual(390);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
