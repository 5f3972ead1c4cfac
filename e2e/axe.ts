import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

export type Theme = 'light' | 'dark';
export type Impact = 'critical' | 'serious' | 'moderate' | 'minor';

/** WCAG 2.0 and 2.1, levels A and AA: the rules the accessibility gate runs. */
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Rules Lighthouse's accessibility audit runs that a WCAG tag selection skips: td-has-header is
 * WCAG 1.3.1 but marked experimental in axe, image-redundant-alt is a best practice.
 */
export const EXTRA_RULES = ['td-has-header', 'image-redundant-alt'];

/**
 * One rule on one element that the gate does not count, each with the reason. Every other element
 * is still checked against the rule.
 */
export interface Exception {
  rule: string;
  selector: string;
  reason: string;
}

export const EXCEPTIONS: Exception[] = [
  {
    // Starlight's search button is named "Search" (aria-label) and shows "Search" with a keycap
    // hint "Ctrl K" beside it; axe counts the hint as part of the visible label. The hint is a
    // shortcut, announced through aria-keyshortcuts="Control+K", not part of the button's name;
    // Starlight chose this markup after testing it in VoiceOver and NVDA:
    // https://github.com/withastro/starlight/pull/2025 . Overriding the component would mean
    // copying all of Search.astro (dialog, Pagefind wiring, styles) to change one attribute.
    // Same finding and reasoning on another docs theme: https://github.com/vuejs/vitepress/issues/5401
    rule: 'label-content-name-mismatch',
    selector: 'site-search > button[data-open-modal]',
    reason: "Starlight's search button: keycap hint counted as visible label (withastro/starlight#2025)",
  },
];

/** Where each scan writes its result; `node scripts/axe-summary.mjs` sums them. */
export const AXE_RESULTS_DIR = join('.test-results', 'axe');

/** Every page the sitemap of the built site lists, as a path on the local server. */
export function sitemapPaths(): string[] {
  const files = readdirSync('dist').filter((f) => /^sitemap-\d+\.xml$/.test(f));
  const urls = files.flatMap((f) => [...readFileSync(`dist/${f}`, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]));
  return urls.map((u) => new URL(u).pathname);
}

/** Makes every page of this browser context open in `theme`, the way Starlight's theme picker stores it. */
export async function useTheme(page: Page, theme: Theme): Promise<void> {
  await page.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
}

/**
 * Waits until what axe would see is final: Starlight's theme applied, web fonts ready, no request
 * in flight, and the search button and any lab's Run button enabled (both are enabled from a
 * script, and the contrast rule skips a disabled button, so scanning earlier would miss them).
 */
export async function settle(page: Page, theme: Theme): Promise<void> {
  await page.waitForLoadState('networkidle');
  await page.waitForFunction((t) => document.documentElement.dataset.theme === t, theme);
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  await page.locator('button[data-open-modal]').and(page.locator(':enabled')).waitFor({ state: 'attached' });
  // A lab enables its Run button once its module is loaded; scan the enabled button.
  await page.locator('section.lab-frame:not([data-ready="true"])').first().waitFor({ state: 'detached' });
}

export interface ScanNode {
  target: string;
  html: string;
  summary: string;
}

export interface ScanViolation {
  id: string;
  impact: Impact;
  help: string;
  helpUrl: string;
  nodes: ScanNode[];
}

export interface ScanResult {
  /** What was scanned: a page path, or a named state such as the sampler lab mid-run. */
  scan: string;
  theme: Theme;
  axeVersion: string;
  scannedAt: string;
  violations: ScanViolation[];
  /** Elements left out under EXCEPTIONS, so the summary can show them. */
  excepted: { rule: string; target: string }[];
}

/** Runs the gate's rules on the page as it is now; `exclude` leaves out a part (a CSS selector). */
export async function scan(page: Page, name: string, theme: Theme, exclude?: string): Promise<ScanResult> {
  let builder = new AxeBuilder({ page }).options({
    runOnly: { type: 'tag', values: WCAG_TAGS },
    rules: Object.fromEntries(EXTRA_RULES.map((id) => [id, { enabled: true }])),
  });
  if (exclude) builder = builder.exclude(exclude);
  const results = await builder.analyze();
  const violations: ScanViolation[] = [];
  const excepted: { rule: string; target: string }[] = [];
  for (const v of results.violations) {
    const nodes: ScanNode[] = [];
    for (const n of v.nodes) {
      const target = n.target.join(' ');
      if (await isExcepted(page, v.id, target)) excepted.push({ rule: v.id, target });
      else nodes.push({ target, html: n.html, summary: n.failureSummary ?? '' });
    }
    if (nodes.length > 0) violations.push({ id: v.id, impact: (v.impact ?? 'minor') as Impact, help: v.help, helpUrl: v.helpUrl, nodes });
  }
  return { scan: name, theme, axeVersion: results.testEngine.version, scannedAt: new Date().toISOString(), violations, excepted };
}

/** The elements that fail any of `rules` on the page as it is now, as "rule: selector". */
export async function failing(page: Page, rules: string[]): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withRules(rules).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id}: ${n.target.join(' ')}`));
}

/** Whether the element axe names by `target` is one an exception covers for `rule`. */
async function isExcepted(page: Page, rule: string, target: string): Promise<boolean> {
  const selectors = EXCEPTIONS.filter((e) => e.rule === rule).map((e) => e.selector);
  if (selectors.length === 0) return false;
  return page.evaluate(
    ({ target, selectors }) => {
      const el = document.querySelector(target);
      return el !== null && selectors.some((s) => el.matches(s));
    },
    { target, selectors },
  );
}

/** Writes one scan's result where `scripts/axe-summary.mjs` finds it. */
export function record(result: ScanResult): void {
  mkdirSync(AXE_RESULTS_DIR, { recursive: true });
  const slug = result.scan.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '') || 'home';
  writeFileSync(join(AXE_RESULTS_DIR, `${result.theme}--${slug}.json`), JSON.stringify(result, null, 2));
}

/** The violations the gate refuses, one readable line per element, for the failure message. */
export function blocking(result: ScanResult): string[] {
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${n.target} (${v.help})`));
}
