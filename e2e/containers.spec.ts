import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.ts';

// Each containers page shows real files from content/configs/; the download link must serve the
// exact bytes that the test suite validated, not a copy.
const configsByPage: Record<string, string[]> = {
  '/containers/dockerfile/': ['docker/rust-service.Dockerfile'],
  '/containers/otlp-pipeline/': ['collector/otel-collector.yaml'],
  '/containers/compose-stack/': [
    'compose/observability-stack.yaml',
    'prometheus/prometheus.yaml',
    'grafana/datasources.yaml',
  ],
  '/containers/kubernetes/': ['kubernetes/service.yaml', 'kubernetes/namespace-policy.yaml'],
};

for (const [path, files] of Object.entries(configsByPage)) {
  test(`${path} shows its config files with working download links`, async ({ page, request }) => {
    await page.goto(path);
    for (const file of files) {
      const link = page.locator(`a[href="/configs/${file}"]`);
      await expect(link).toHaveAttribute('download', file.split('/').pop()!);
      const response = await request.get(`/configs/${file}`);
      expect(response.status()).toBe(200);
      expect(await response.text()).toBe(readFileSync(`content/configs/${file}`, 'utf8'));
    }
  });
}

test('the pipeline diagram on the overview loads and describes itself', async ({ page }) => {
  await page.goto('/containers/');
  const diagram = page.locator('figure img[src="/diagrams/containers-otel-pipeline.svg"]');
  await expect(diagram).toBeVisible();
  expect((await diagram.getAttribute('alt'))?.length).toBeGreaterThan(100);
  expect(await diagram.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
});

test('every figure in a containers page table names its source', async ({ page }) => {
  for (const path of ['/containers/dockerfile/', '/containers/otlp-pipeline/']) {
    await page.goto(path);
    const sourceColumns = page.locator('.sl-markdown-content table:has(th:text-is("Source"))');
    expect(await sourceColumns.count()).toBeGreaterThan(0);
    for (const table of await sourceColumns.all()) {
      const rows = table.locator('tbody tr');
      for (const row of await rows.all()) {
        await expect(row.locator('.cite')).not.toHaveCount(0);
      }
    }
  }
});
