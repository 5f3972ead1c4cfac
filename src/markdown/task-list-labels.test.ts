import { test } from 'node:test';
import assert from 'node:assert/strict';
// Sätteri is the Markdown engine Astro 7 renders every page with; the tests run the plugin in it.
import { markdownToHtml, mdxToJs } from 'satteri';
import { taskItemLabel, taskListLabels } from './task-list-labels.ts';
import type { HastLike } from './hast.ts';

const render = async (md: string) => (await markdownToHtml(md, { hastPlugins: [taskListLabels()] })).html;

/** The aria-label of each checkbox in rendered HTML, in order (undefined where there is none). */
function labels(html: string): (string | undefined)[] {
  return [...html.matchAll(/<input type="checkbox"[^>]*>/g)].map((m) => m[0].match(/aria-label="([^"]*)"/)?.[1]);
}

test('each checkbox of a tight task list is named after its item, inline markup read as text', async () => {
  const html = await render('- [ ] Memory cap stops `grow.wat`\n- [x] Artifacts *signed* and [pinned](/x/)\n');
  assert.deepEqual(labels(html), ['Memory cap stops grow.wat', 'Artifacts signed and pinned']);
  // The box keeps its state and stays read-only.
  assert.match(html, /<input type="checkbox" checked disabled aria-label="Artifacts signed and pinned">/);
});

test('a nested task list does not leak into its parent item\'s name', async () => {
  const html = await render('- [ ] Outer item\n  - [ ] Inner item\n  - [x] Second inner\n');
  assert.deepEqual(labels(html), ['Outer item', 'Inner item', 'Second inner']);
});

test('in a loose list the name is the first paragraph only', async () => {
  const html = await render('- [ ] First\n\n  More about the first item.\n\n- [ ] Second\n');
  assert.deepEqual(labels(html), ['First', 'Second']);
});

test('ordered task lists are named too', async () => {
  assert.deepEqual(labels(await render('1. [ ] One\n2. [x] Two\n')), ['One', 'Two']);
});

test('a checkbox outside a task list, or an item with no text, is left alone', async () => {
  const html = (await markdownToHtml('<input type="checkbox">\n\n- [ ] \n- plain item\n', { hastPlugins: [taskListLabels()] })).html;
  assert.ok(!html.includes('aria-label'), html);
});

test('works the same in MDX, the format of every page on the site', async () => {
  const { code } = await mdxToJs('- [ ] Tenants write only to their own file systems\n', { hastPlugins: [taskListLabels()] });
  assert.match(code, /"aria-label": "Tenants write only to their own file systems"/);
});

test('taskItemLabel reads a hand-built tree: nested lists and the box itself are skipped', async () => {
  const li: HastLike = {
    type: 'element',
    tagName: 'li',
    properties: { className: ['task-list-item'] },
    children: [
      { type: 'element', tagName: 'input', properties: { type: 'checkbox' }, children: [] },
      { type: 'text', value: ' Alerts on  traps,\n' },
      { type: 'element', tagName: 'code', children: [{ type: 'text', value: 'pids.max' }] },
      { type: 'element', tagName: 'ul', children: [{ type: 'element', tagName: 'li', children: [{ type: 'text', value: 'nested' }] }] },
    ],
  };
  assert.equal(taskItemLabel(li), 'Alerts on traps, pids.max');
});
