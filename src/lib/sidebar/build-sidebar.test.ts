import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { buildSidebar, readDocPages, slugForDocFile, type DocPage, type SectionSpec } from './build-sidebar.ts';

/** Writes a fixture docs tree: path → frontmatter lines (without the --- fences). */
function fixture(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'sidebar-'));
  for (const [path, frontmatter] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), `---\n${frontmatter}\n---\n\nBody.\n`);
  }
  return root;
}

const SECTIONS: SectionSpec[] = [
  { label: 'Start here', directory: '' },
  { label: 'Guides', directory: 'guides' },
  { label: 'Labs', directory: 'labs' },
];

const tree = fixture({
  'index.mdx': 'title: Home\nsidebar:\n  order: 0',
  'start.mdx': 'title: About\nsidebar:\n  order: 1',
  // Index has a higher order than its siblings: the landing page still comes first.
  'guides/index.mdx': 'title: Guides overview\nsidebar:\n  order: 9',
  'guides/second.mdx': 'title: Second\nsidebar:\n  order: 2',
  'guides/first.mdx': 'title: First\nsidebar:\n  order: 1',
  // No order: after every ordered page, by path.
  'guides/zeta.mdx': 'title: Zeta',
  'guides/alpha.md': 'title: Alpha',
  'guides/hidden.mdx': 'title: Hidden\nsidebar:\n  hidden: true\n  order: 0',
  'guides/draft.mdx': 'title: Draft\ndraft: true',
  'guides/_partial.mdx': 'title: Partial',
  'guides/new.mdx': "title: New\nsidebar:\n  order: 3\n  badge: { text: 'New', variant: 'tip' }",
  // A nested folder becomes a group named by its index page and placed by that page's order.
  'guides/deep/index.mdx': 'title: Deep dives\nsidebar:\n  order: 1.5',
  'guides/deep/b.mdx': 'title: B\nsidebar:\n  order: 2',
  'guides/deep/a.mdx': 'title: A\nsidebar:\n  order: 1',
  'labs/Sampler Lab.mdx': 'title: Sampler',
  'moved.mdx': 'title: Moved\nslug: elsewhere/page\nsidebar:\n  order: 2',
  'extra/index.mdx': 'title: Extra section\nsidebar:\n  label: Extras',
  'extra/page.mdx': 'title: Extra page',
  'empty/only-hidden.mdx': 'title: Only hidden\nsidebar:\n  hidden: true',
});

test('each section lists its index first, then sidebar.order, then unordered pages by path', () => {
  const sidebar = buildSidebar(SECTIONS, readDocPages(tree));
  assert.deepEqual(
    sidebar.map((g) => g.label),
    ['Start here', 'Guides', 'Labs', 'Extras'],
  );
  assert.deepEqual(sidebar[0]!.items, [{ slug: 'index' }, { slug: 'start' }, { slug: 'elsewhere/page' }]);
  assert.deepEqual(sidebar[1]!.items, [
    { slug: 'guides' },
    { slug: 'guides/first' },
    { label: 'Deep dives', items: [{ slug: 'guides/deep' }, { slug: 'guides/deep/a' }, { slug: 'guides/deep/b' }] },
    { slug: 'guides/second' },
    { slug: 'guides/new' },
    { slug: 'guides/alpha' },
    { slug: 'guides/zeta' },
  ]);
  assert.deepEqual(sidebar[2]!.items, [{ slug: 'labs/sampler-lab' }]);
});

test('hidden, draft and underscore pages are left out; a folder with nothing visible is not a group', () => {
  const slugs = JSON.stringify(buildSidebar(SECTIONS, readDocPages(tree)));
  for (const gone of ['guides/hidden', 'guides/draft', 'guides/_partial', 'empty']) {
    assert.ok(!slugs.includes(gone), `${gone} should not be in the sidebar`);
  }
});

test('a page with a badge is a plain slug link, so Starlight shows the badge and label from its frontmatter', () => {
  const pages = readDocPages(tree);
  const page = pages.find((p) => p.file === 'guides/new.mdx')!;
  assert.deepEqual(page.frontmatter.sidebar, { order: 3, badge: { text: 'New', variant: 'tip' } });
  const guides = buildSidebar(SECTIONS, pages)[1]!.items;
  assert.deepEqual(guides.filter((i) => 'slug' in i && i.slug === 'guides/new'), [{ slug: 'guides/new' }]);
});

test('every visible page appears exactly once', () => {
  const pages = readDocPages(tree);
  const slugs: string[] = [];
  const collect = (items: unknown[]) => {
    for (const item of items as Record<string, unknown>[]) {
      if (typeof item.slug === 'string') slugs.push(item.slug);
      if (Array.isArray(item.items)) collect(item.items);
    }
  };
  collect(buildSidebar(SECTIONS, pages));
  assert.equal(new Set(slugs).size, slugs.length, `duplicates in ${slugs.join(', ')}`);
  assert.equal(slugs.length, 15);
});

test('orders compare as numbers, and equal orders fall back to the path', () => {
  const pages: DocPage[] = [
    { file: 's/b.mdx', frontmatter: { sidebar: { order: 10 } } },
    { file: 's/a.mdx', frontmatter: { sidebar: { order: 10 } } },
    { file: 's/c.mdx', frontmatter: { sidebar: { order: 9 } } },
    { file: 's/d.mdx', frontmatter: { sidebar: { order: -1 } } },
  ];
  assert.deepEqual(buildSidebar([{ label: 'S', directory: 's' }], pages)[0]!.items, [
    { slug: 's/d' },
    { slug: 's/c' },
    { slug: 's/a' },
    { slug: 's/b' },
  ]);
});

test('a malformed sidebar field fails with the file named', () => {
  const bad = (sidebar: unknown) => () =>
    buildSidebar([{ label: 'S', directory: 's' }], [{ file: 's/x.mdx', frontmatter: { sidebar } }]);
  assert.throws(bad({ order: '2' }), /content\/docs\/s\/x\.mdx: sidebar\.order must be a number, found "2"/);
  assert.throws(bad({ hidden: 'yes' }), /content\/docs\/s\/x\.mdx: sidebar\.hidden must be true or false/);
  assert.throws(bad(3), /content\/docs\/s\/x\.mdx: sidebar must be a map/);
  const root = fixture({ 'broken.mdx': 'title: [unclosed' });
  assert.throws(() => readDocPages(root), /content\/docs\/broken\.mdx: the frontmatter is not valid YAML/);
});

test('slugForDocFile matches the docs collection ids', () => {
  assert.equal(slugForDocFile('index.mdx'), 'index');
  assert.equal(slugForDocFile('research/index.mdx'), 'research');
  assert.equal(slugForDocFile('Paths/Web Developer.md'), 'paths/web-developer');
  assert.equal(slugForDocFile('old.mdx', '/new/place/'), 'new/place');
});
