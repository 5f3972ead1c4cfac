// Screenshots of the trace I/O panel for review, at a laptop and a phone size in both themes.
// Not part of the suite: TRACE_IO_SCREENSHOTS=<folder> npx playwright test e2e/trace-io-screens.spec.ts
import { createServer } from 'node:http';
import { writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { test, expect } from './fixtures.ts';

const out = process.env.TRACE_IO_SCREENSHOTS;
const IO = 'section.lab-frame[data-lab="sampler"] [data-trace-io]';
const sizes = [[1366, 900], [390, 844]] as const;
const themes = ['light', 'dark'] as const;

function bigFile(count: number): string {
  const spans = Array.from({ length: count }, (_, i) => ({
    traceId: 'ab'.repeat(16), spanId: (i + 1).toString(16).padStart(16, '0'), name: `op ${i % 9}`, kind: 2,
    startTimeUnixNano: String(1_767_225_600_000_000_000n + BigInt(i) * 1000n), endTimeUnixNano: String(1_767_225_600_000_000_000n + BigInt(i) * 1000n + 700n),
  }));
  const lines: string[] = [];
  for (let i = 0; i < count; i += 1000) lines.push(JSON.stringify({ resourceSpans: [{ scopeSpans: [{ spans: spans.slice(i, i + 1000) }] }] }));
  return lines.join('\n');
}

for (const [width, height] of sizes) {
  for (const theme of themes) {
    test(`trace I/O panel at ${width}×${height}, ${theme}`, async ({ page, guard }, testInfo) => {
      test.skip(!out, 'set TRACE_IO_SCREENSHOTS to a folder to take screenshots');
      test.setTimeout(120_000);
      const server = createServer((req, res) => {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Allow-Headers', 'Content-Type');
        if (req.method === 'OPTIONS') return res.writeHead(204).end();
        req.resume();
        req.on('end', () => res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ partialSuccess: { rejectedSpans: '3', errorMessage: 'attribute value too long' } })));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      guard.allowRequestsTo(origin);
      try {
        await page.setViewportSize({ width, height });
        await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
        await page.goto('/labs/sampler/');
        await expect(page.locator(IO)).toHaveAttribute('data-ready', 'true');
        const shot = async (name: string) => {
          await page.locator(IO).scrollIntoViewIfNeeded();
          await page.screenshot({ path: `${out}/${name}-${width}-${theme}.png` });
        };
        const big = testInfo.outputPath('big.jsonl');
        await writeFile(big, bigFile(60_000));
        await page.locator(`${IO} [data-viewer-import]`).setInputFiles(big);
        await expect(page.locator(`${IO} [data-io-progress]`)).toBeVisible();
        await expect(page.locator(`${IO} [data-io-progress-text]`)).toContainText(/Checking|Receiving/, { timeout: 60_000 });
        await shot('progress');
        await expect(page.locator(`${IO} [data-viewer-file-error]`)).toContainText('Loaded', { timeout: 60_000 });
        await page.locator(`${IO} [data-viewer-import]`).setInputFiles({ name: 'collector-output.json', mimeType: 'application/json', buffer: Buffer.from('{\n  "resourceSpans": [\n    { "scopeSpans": [ { "spans": [ { "traceId": "5B8EFFF798038103D269B633813FC60C", "spanId": "EEE19B7EC3C1B174", "kind": "server" } ] } ] }\n  ]\n}') });
        await expect(page.locator(`${IO} [data-viewer-file-error]`)).toContainText('was not loaded');
        await shot('error');
        await page.locator(`${IO} summary`).click();
        await page.locator(`${IO} [data-viewer-export-url]`).fill(`${origin}/v1/traces`);
        await page.locator(`${IO} [data-viewer-export]`).click();
        await expect(page.locator(`${IO} [data-viewer-export-result]`)).toContainText('Partly accepted');
        await page.locator(`${IO} [data-io-batches]`).scrollIntoViewIfNeeded();
        await page.screenshot({ path: `${out}/collector-${width}-${theme}.png` });
      } finally {
        await new Promise<void>((r) => server.close(() => r()));
      }
    });
  }
}
