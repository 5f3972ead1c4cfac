import { test } from 'node:test';
import assert from 'node:assert/strict';
// Sätteri is the Markdown engine Astro 7 renders every page with; the tests run the plugin in it.
import { markdownToHtml, mdxToJs } from 'satteri';
import { hasEmptyCorner, tableRowHeaders } from './table-row-headers.ts';
import type { HastLike } from './hast.ts';

const render = async (md: string) => (await markdownToHtml(md, { hastPlugins: [tableRowHeaders()] })).html;

/** The tag and text of every cell in rendered HTML, row by row. */
function cells(html: string): string[][] {
  return [...html.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<(t[hd])([^>]*)>([\s\S]*?)<\/t[hd]>/g)].map((c) => `${c[1]}${c[2]}:${c[3]!.replace(/<[^>]+>/g, '')}`),
  );
}

test('with an empty corner, the first cell of every body row becomes a row header', async () => {
  const html = await render('| | Wasmtime | WasmEdge |\n| --- | --- | --- |\n| Start-up | 3 ms | 2 ms |\n| Memory | 1 MB | 2 MB |\n');
  assert.deepEqual(cells(html), [
    ['th:', 'th:Wasmtime', 'th:WasmEdge'],
    ['th scope="row":Start-up', 'td:3 ms', 'td:2 ms'],
    ['th scope="row":Memory', 'td:1 MB', 'td:2 MB'],
  ]);
});

test('a row name keeps its markup and its alignment', async () => {
  const html = await render('| | A |\n| :-: | --- |\n| **Bold** [link](/x/) | 1 |\n');
  assert.match(html, /<th style="text-align: center" scope="row"><strong>Bold<\/strong> <a href="\/x\/">link<\/a><\/th>/);
});

test('a table whose corner has a heading is left as it is', async () => {
  const html = await render('| Runtime | Start-up |\n| --- | --- |\n| Wasmtime | 3 ms |\n');
  assert.ok(!html.includes('scope='), html);
  assert.deepEqual(cells(html)[1], ['td:Wasmtime', 'td:3 ms']);
});

test('a key-value table with an empty header row gets row headers too', async () => {
  const html = await render('| | |\n| --- | --- |\n| Authors | Someone |\n| Year | 2025 |\n');
  assert.deepEqual(cells(html).slice(1), [['th scope="row":Authors', 'td:Someone'], ['th scope="row":Year', 'td:2025']]);
});

test('works the same in MDX', async () => {
  const { code } = await mdxToJs('| | A |\n| --- | --- |\n| Row | 1 |\n', { hastPlugins: [tableRowHeaders()] });
  assert.match(code, /_components\.th, \{\s*scope: "row",\s*children: "Row"/);
});

test('hasEmptyCorner: a corner holding only an image or code is not empty', async () => {
  const table = (corner: HastLike[]): HastLike => ({
    type: 'element',
    tagName: 'table',
    children: [{ type: 'element', tagName: 'thead', children: [{ type: 'element', tagName: 'tr', children: [{ type: 'element', tagName: 'th', children: corner }] }] }],
  });
  assert.equal(hasEmptyCorner(table([])), true);
  assert.equal(hasEmptyCorner(table([{ type: 'text', value: ' ' }])), true);
  assert.equal(hasEmptyCorner(table([{ type: 'element', tagName: 'img', properties: { alt: 'logo' }, children: [] }])), false);
  assert.equal(hasEmptyCorner(table([{ type: 'text', value: 'Runtime' }])), false);
});
