import { defineConfig } from '@playwright/test';

// End-to-end tests run against the built site (npm run build) served by `astro preview`,
// in the system's Chromium: Playwright's own browser download is not available on our machines.
const port = Number(process.env.E2E_PORT ?? 4329);
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.PW_JSON_OUTPUT
    ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]]
    : [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
    trace: 'off',
  },
  // Tests that time the main thread carry @perf and run last, one at a time, once every other test
  // has finished, so that their bars are judged on a machine with a core to spare (e2e/timing.ts).
  projects: [
    { name: 'site', grepInvert: /@perf/ },
    { name: 'perf', grep: /@perf/, dependencies: ['site'], workers: 1, fullyParallel: false },
  ],
  webServer: {
    command: `npx astro preview --host 127.0.0.1 --port ${port}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: !process.env.CI,
    timeout: 60_000,
  },
});
