import { test } from 'node:test';
import assert from 'node:assert/strict';
// Sätteri is the Markdown engine Astro 7 renders every page with; the tests run the plugin in it.
import { markdownToHtml, mdxToJs } from 'satteri';
import { tableLabels, tableScroll } from './table-scroll.ts';
import type { HastLike } from './hast.ts';

const render = async (md: string, data?: Record<string, unknown>) => (await markdownToHtml(md, { hastPlugins: [tableScroll()], data })).html;
const table = (first = 'a') => `| ${first} | b |\n| --- | --- |\n| 1 | 2 |\n`;

/** Each wrapper's opening tag, in order. */
const wrappers = (html: string) => [...html.matchAll(/<div class="table-scroll"[^>]*>/g)].map((m) => m[0]);

test('a table is wrapped in a focusable region named after the heading it sits under', async () => {
  const html = await render(`## Isolation\n\n${table()}`);
  assert.deepEqual(wrappers(html), ['<div class="table-scroll" role="region" tabindex="0" aria-label="Table: Isolation">']);
  // The table itself sits directly inside, unchanged.
  assert.match(html, /aria-label="Table: Isolation"><table>\n<thead>/);
  assert.match(html, /<\/table><\/div>/);
});

test('a second table under the same heading gets a number, and a new heading starts again', async () => {
  const html = await render(`## Cost\n\n${table()}\n${table('c')}\n### Memory\n\n${table()}`);
  assert.deepEqual(
    wrappers(html).map((w) => w.match(/aria-label="([^"]*)"/)![1]),
    ['Table: Cost', 'Table 2: Cost', 'Table: Memory'],
  );
});

test('the heading text is read without its markup', async () => {
  const html = await render(`## The \`memory.max\` *limit*\n\n${table()}`);
  assert.match(html, /aria-label="Table: The memory.max limit"/);
});

test('a table before any heading is named after the page title when it is known', async () => {
  assert.match(await render(table(), { astro: { frontmatter: { title: 'Cost calculator' } } }), /aria-label="Table: Cost calculator"/);
  assert.match(await render(table()), /aria-label="Table"/);
});

test('every table on a page is wrapped once, however many there are', async () => {
  const html = await render(`## A\n\n${table()}\n${table()}\n${table()}`);
  assert.equal(wrappers(html).length, 3);
  assert.equal(html.match(/<table>/g)!.length, 3);
});

test('works the same in MDX, and leaves a table written as JSX alone', async () => {
  const { code } = await mdxToJs(`## Targets\n\n${table()}\n<table><tbody><tr><td>raw</td></tr></tbody></table>\n`, { hastPlugins: [tableScroll()] });
  assert.equal(code.match(/className: "table-scroll"/g)?.length, 1);
  assert.match(code, /"aria-label": "Table: Targets"/);
  assert.match(code, /tabIndex: "0"/);
});

test('tableLabels on a hand-built tree: a caption wins, and an already wrapped table is skipped', async () => {
  const cell = (t: string): HastLike => ({ type: 'element', tagName: 'td', children: [{ type: 'text', value: t }] });
  const captioned: HastLike = {
    type: 'element',
    tagName: 'table',
    children: [{ type: 'element', tagName: 'caption', children: [{ type: 'text', value: ' Start-up  times ' }] }, cell('1')],
  };
  const wrapped: HastLike = {
    type: 'element',
    tagName: 'div',
    properties: { className: ['table-scroll'] },
    children: [{ type: 'element', tagName: 'table', children: [cell('2')] }],
  };
  const root: HastLike = {
    type: 'root',
    children: [{ type: 'element', tagName: 'h2', children: [{ type: 'text', value: 'Start-up' }] }, captioned, wrapped],
  };
  assert.deepEqual(tableLabels(root).map((t) => t.label), ['Start-up times']);
});
