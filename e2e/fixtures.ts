import { test as base, expect, type Page } from '@playwright/test';

/** What a page did that a site served offline must never do. */
export interface PageGuard {
  outsideRequests: string[];
  consoleErrors: string[];
}

/** Requests to anything but the site's own origin (data: and blob: URLs stay in the page). */
function isOutside(url: string, origin: string): boolean {
  if (url.startsWith('data:') || url.startsWith('blob:') || url.startsWith('about:')) return false;
  return new URL(url).origin !== origin;
}

export function guardPage(page: Page, origin: string): PageGuard {
  const guard: PageGuard = { outsideRequests: [], consoleErrors: [] };
  page.on('request', (req) => {
    if (isOutside(req.url(), origin)) guard.outsideRequests.push(req.url());
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') guard.consoleErrors.push(msg.text());
  });
  page.on('pageerror', (err) => guard.consoleErrors.push(`uncaught: ${err.message}`));
  return guard;
}

/**
 * Every test gets a page that fails the test if it made a request to another host or logged an
 * error. Tests that provoke an error on purpose call `guard.allowConsoleError(pattern)`; a test of
 * the Collector export allows the Collector's origin with `guard.allowRequestsTo(origin)`.
 */
export const test = base.extend<{
  guard: PageGuard & { allowConsoleError(re: RegExp): void; allowRequestsTo(origin: string): void };
}>({
  guard: [
    async ({ page, baseURL }, use) => {
      const origin = new URL(baseURL!).origin;
      const g = guardPage(page, origin);
      const allowed: RegExp[] = [];
      const allowedOrigins: string[] = [];
      await use({ ...g, allowConsoleError: (re) => allowed.push(re), allowRequestsTo: (o) => allowedOrigins.push(o) });
      // A test may allow an origin the learner names on purpose (the Collector export); nothing else.
      const outside = g.outsideRequests.filter((u) => !allowedOrigins.includes(new URL(u).origin));
      expect(outside, 'requests to other hosts').toEqual([]);
      const errors = g.consoleErrors.filter((e) => !allowed.some((re) => re.test(e)));
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
