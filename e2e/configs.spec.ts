import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { test, expect } from './fixtures.ts';

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? files(full) : [full];
  });
}

const configs = files('content/configs').map((f) => relative('content/configs', f).split(sep).join('/'));

/** Every page of the built site that offers a config download, by config path. */
const offeredOn = new Map<string, string[]>();
for (const html of files('dist').filter((f) => f.endsWith('.html'))) {
  const page = '/' + relative('dist', html).split(sep).join('/').replace(/index\.html$/, '');
  for (const m of readFileSync(html, 'utf8').matchAll(/<a [^>]*href="\/configs\/([^"]+)"[^>]*download/g)) {
    offeredOn.set(m[1]!, [...(offeredOn.get(m[1]!) ?? []), page]);
  }
}

test('every config file is offered for download on at least one page', () => {
  const missing = configs.filter((c) => !offeredOn.has(c));
  expect(missing, 'config files no page offers').toEqual([]);
});

for (const config of configs) {
  test(`the download link for ${config} serves the validated file byte for byte`, async ({ request }) => {
    const response = await request.get(`/configs/${config}`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe(readFileSync(`content/configs/${config}`, 'utf8'));
  });
}

test('a download link on a page works when clicked', async ({ page }) => {
  const [config, pages] = [...offeredOn.entries()][0]!;
  await page.goto(pages[0]!);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`a[href="/configs/${config}"]`).first().click()]);
  expect(download.suggestedFilename()).toBe(config.split('/').pop());
});
