import { readFileSync, readdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures.ts';
import { SECTIONS } from '../src/sidebar.mjs';
import { readDocPages, slugForDocFile } from '../src/lib/sidebar/build-sidebar.ts';

/** Every page the sitemap lists, as a path on the local server. */
function sitemapPaths(): string[] {
  const files = readdirSync('dist').filter((f) => /^sitemap-\d+\.xml$/.test(f));
  const urls = files.flatMap((f) => [...readFileSync(`dist/${f}`, 'utf8').matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!));
  return urls.map((u) => new URL(u).pathname);
}

const SIDEBAR = 'nav[aria-label="Main"]';

interface Group {
  label: string;
  links: { text: string; href: string }[];
}

/** The sidebar as rendered: each top-level group with the links under it, in document order. */
async function sidebarGroups(page: Page): Promise<Group[]> {
  return page.locator(`${SIDEBAR} ul.top-level > li`).evaluateAll((items) =>
    items.map((li) => ({
      label: li.querySelector(':scope > details > summary .group-label')?.textContent?.trim() ?? '',
      links: [...li.querySelectorAll<HTMLAnchorElement>('a[href]')].map((a) => ({
        text: a.textContent!.replace(/\s+/g, ' ').trim(),
        href: new URL(a.href).pathname,
      })),
    })),
  );
}

/** Pages whose frontmatter says `sidebar: { hidden: true }`: in the sitemap, deliberately not in the sidebar. */
const hiddenPaths = new Set(
  readDocPages('content/docs')
    .filter((p) => (p.frontmatter.sidebar as { hidden?: boolean } | undefined)?.hidden === true)
    .map((p) => {
      const slug = slugForDocFile(p.file, p.frontmatter.slug);
      return slug === 'index' ? '/' : `/${slug}/`;
    }),
);

const paths = sitemapPaths();

test('the sidebar lists every page of the sitemap, once, and nothing else', async ({ page }) => {
  expect(paths.length).toBeGreaterThan(30);
  await page.goto('/start/');
  const hrefs = (await sidebarGroups(page)).flatMap((g) => g.links.map((l) => l.href));
  expect(new Set(hrefs).size, `duplicates in ${hrefs.join(' ')}`).toBe(hrefs.length);
  expect([...hrefs].sort()).toEqual(paths.filter((p) => !hiddenPaths.has(p)).sort());
});

test('the sections are the documented ones, in the documented order, none empty, each led by its index page', async ({ page }) => {
  await page.goto('/containers/dockerfile/');
  const groups = await sidebarGroups(page);
  expect(groups.map((g) => g.label)).toEqual(SECTIONS.map((s) => s.label));
  for (const [i, section] of SECTIONS.entries()) {
    const group = groups[i]!;
    expect(group.links.length, `${group.label} is empty`).toBeGreaterThan(0);
    expect(group.links[0]!.href, `${group.label} starts with its index page`).toBe(`/${section.directory}${section.directory ? '/' : ''}`);
    for (const link of group.links) {
      if (section.directory) expect(link.href.startsWith(`/${section.directory}/`), `${link.href} in ${group.label}`).toBe(true);
      expect(link.text.length, `label of ${link.href}`).toBeGreaterThan(0);
    }
  }
  // The page being read is marked in the sidebar.
  await expect(page.locator(`${SIDEBAR} a[aria-current="page"]`)).toHaveAttribute('href', '/containers/dockerfile/');
});

test('previous/next links walk every page in sidebar order, both ways, and every target loads', async ({ page, request }) => {
  await page.goto('/start/');
  const order = (await sidebarGroups(page)).flatMap((g) => g.links.map((l) => l.href));
  // The walk covers the whole site, not just whatever the sidebar happens to hold.
  expect([...order].sort()).toEqual(paths.filter((p) => !hiddenPaths.has(p)).sort());
  const pagination = (html: string) => ({
    prev: /<a href="([^"]+)" rel="prev"/.exec(html)?.[1] ?? null,
    next: /<a href="([^"]+)" rel="next"/.exec(html)?.[1] ?? null,
  });
  for (const [i, path] of order.entries()) {
    const response = await request.get(path);
    expect(response.status(), path).toBe(200);
    const html = await response.text();
    // The home page is a splash page: Starlight shows it no pagination.
    if (path === '/') continue;
    const links = pagination(html);
    expect(links.prev, `previous of ${path}`).toBe(order[i - 1] ?? null);
    expect(links.next, `next of ${path}`).toBe(order[i + 1] ?? null);
    for (const target of [links.prev, links.next]) {
      if (target) expect((await request.get(target)).status(), `${path} → ${target}`).toBe(200);
    }
  }
});

test('previous/next at the foot of a page show the neighbours’ titles and lead there', async ({ page }) => {
  await page.goto('/research/edera/');
  const next = page.locator('.pagination-links a[rel="next"]');
  await expect(next).toContainText('Resource isolation attacks on Wasm containers');
  await expect(page.locator('.pagination-links a[rel="prev"]')).toContainText('Research overview');
  await next.click();
  await expect(page).toHaveURL(/\/research\/wasm-isolation-attacks\/$/);
  await expect(page.locator('h1')).toHaveText('Resource isolation attacks on Wasm containers');
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the menu lists the same entries as the desktop sidebar, each reachable', async ({ page, browser, baseURL }) => {
    const desktop = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    await desktop.goto(`${baseURL}/plugins/envoy/`);
    const wanted = await sidebarGroups(desktop);
    await desktop.close();

    await page.goto('/plugins/envoy/');
    const sidebar = page.locator('#starlight__sidebar');
    await expect(sidebar).toBeHidden();
    const menu = page.locator('button.sl-menu-button');
    await expect(menu).toBeVisible();
    await menu.click();
    await expect(sidebar).toBeVisible();
    expect(await sidebarGroups(page)).toEqual(wanted);
    // Every entry can be scrolled to and seen in the open menu.
    const links = sidebar.locator('a[href]');
    expect(await links.count()).toBe(wanted.flatMap((g) => g.links).length);
    for (const link of await links.all()) {
      await link.scrollIntoViewIfNeeded();
      await expect(link).toBeInViewport();
    }
    // Choosing an entry goes there.
    await sidebar.getByRole('link', { name: 'Trace sampler lab' }).click();
    await expect(page).toHaveURL(/\/labs\/sampler\/$/);
  });

  test('keyboard alone: Menu opens the sidebar, Tab walks its entries, Escape closes it and returns focus', async ({ page }) => {
    await page.goto('/plugins/envoy/');
    const menu = page.locator('button.sl-menu-button');
    for (let i = 0; i < 10 && !(await menu.evaluate((b) => b === document.activeElement)); i++) await page.keyboard.press('Tab');
    await expect(menu).toBeFocused();
    await page.keyboard.press('Enter');
    const sidebar = page.locator('#starlight__sidebar');
    await expect(sidebar).toBeVisible();
    await page.keyboard.press('Tab'); // the "Start here" group's toggle
    await page.keyboard.press('Tab');
    await expect(sidebar.getByRole('link', { name: 'Home' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(sidebar.getByRole('link', { name: 'About this site' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(sidebar).toBeHidden();
    await expect(menu).toBeFocused();
  });

  for (const width of [390, 320]) {
    test(`the site title is shown whole at ${width} px and does not cover the header buttons`, async ({ page }) => {
      await page.setViewportSize({ width, height: 844 });
      await page.goto('/start/');
      const title = page.locator('.site-title span');
      await expect(title).toHaveText('Wasm Observability Labs');
      const box = await title.evaluate((el) => {
        const r = el.getBoundingClientRect();
        const wrapper = el.closest('.title-wrapper')!.getBoundingClientRect();
        const search = document.querySelector('site-search button, button[data-open-modal]')!.getBoundingClientRect();
        const header = document.querySelector('header.header')!.getBoundingClientRect();
        return { scroll: el.scrollWidth, client: el.clientWidth, right: r.right, top: r.top, bottom: r.bottom, wrapperRight: wrapper.right, searchLeft: search.left, headerTop: header.top, headerBottom: header.bottom };
      });
      expect(box.scroll, 'title text wider than its box').toBeLessThanOrEqual(box.client);
      expect(box.right).toBeLessThanOrEqual(box.wrapperRight + 0.5);
      expect(box.right).toBeLessThanOrEqual(box.searchLeft);
      expect(box.top).toBeGreaterThanOrEqual(box.headerTop);
      expect(box.bottom).toBeLessThanOrEqual(box.headerBottom);
    });
  }

  test('a wide table shows that it scrolls, with the wrapper and without it', async ({ page }) => {
    await page.goto('/webassembly/');
    const table = page.locator('.sl-markdown-content table').first();
    /** The box that scrolls: the focusable .table-scroll wrapper when the table has one, else the table. */
    const affordance = () =>
      table.evaluate((t) => {
        const box = t.parentElement!.classList.contains('table-scroll') ? t.parentElement! : t;
        const cs = getComputedStyle(box);
        const inner = box === t ? null : getComputedStyle(t).backgroundImage;
        return { wrapped: box !== t, image: cs.backgroundImage, attachment: cs.backgroundAttachment, overflowX: cs.overflowX, scroll: box.scrollWidth, client: box.clientWidth, inner };
      });
    const check = (a: Awaited<ReturnType<typeof affordance>>) => {
      const where = a.wrapped ? 'wrapper' : 'bare table';
      expect(a.scroll, `${where}: wider than a phone`).toBeGreaterThan(a.client);
      expect(a.overflowX, where).toBe('auto');
      expect(a.image.match(/radial-gradient/g)?.length, `${where}: two edge shadows`).toBe(2);
      expect(a.attachment, where).toBe('local, local, scroll, scroll');
      if (a.wrapped) expect(a.inner, 'no second set of shadows on the table inside').toBe('none');
    };
    const first = await affordance();
    check(first);
    // The other markup: wrap a bare table as the rehype plugin does, or unwrap a wrapped one.
    await table.evaluate((t) => {
      const parent = t.parentElement!;
      if (parent.classList.contains('table-scroll')) {
        parent.replaceWith(t);
      } else {
        const wrap = document.createElement('div');
        wrap.className = 'table-scroll';
        wrap.tabIndex = 0;
        wrap.setAttribute('role', 'region');
        t.replaceWith(wrap);
        wrap.append(t);
      }
    });
    const second = await affordance();
    expect(second.wrapped).toBe(!first.wrapped);
    check(second);
  });
});

test('the home page is titled once, other pages with the site name after theirs', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveTitle('Wasm Observability Labs');
  await page.goto('/start/');
  await expect(page).toHaveTitle('About this site | Wasm Observability Labs');
});

test('learning paths list their stages in “On this page”, and each entry leads to its heading', async ({ page }) => {
  await page.goto('/paths/devops-engineer/');
  const toc = page.locator('starlight-toc nav');
  const entries = async () => (await toc.locator('a').allTextContents()).map((t) => t.trim());
  expect(await entries()).toEqual(['Overview', 'Read', 'Practise', 'Learn next']);

  // Every path page: the entries after "Overview" are exactly the stage headings, and link to them.
  for (const path of paths.filter((p) => /^\/paths\/.+/.test(p))) {
    await page.goto(path);
    const stages = await page.locator('.learning-path__stage > h2').evaluateAll((hs) => hs.map((h) => ({ text: h.textContent!.trim(), id: h.id })));
    expect(stages.length, `${path} renders stages`).toBeGreaterThan(1);
    const links = await toc.locator('a').evaluateAll((as) => as.map((a) => ({ text: a.textContent!.trim(), id: new URL((a as HTMLAnchorElement).href).hash.slice(1) })));
    expect(links.slice(1), path).toEqual(stages);
  }

  // The phone's "On this page" menu has them too.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('/paths/web-developer/');
  await page.locator('mobile-starlight-toc summary').click();
  const mobile = page.locator('mobile-starlight-toc .dropdown a');
  await expect(mobile).toHaveText(['Overview', 'Read', 'Practise', 'Learn next']);
  await mobile.filter({ hasText: 'Learn next' }).click();
  await expect(page).toHaveURL(/#stage-learn-next$/);
  await expect(page.locator('#stage-learn-next')).toBeInViewport();
});
