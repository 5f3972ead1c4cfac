import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findUnresolvedLinks, listDocRoutes, routeForDocFile } from './routes.ts';

test('routeForDocFile follows the docs collection’s ids', () => {
  assert.equal(routeForDocFile('index.mdx'), '/');
  assert.equal(routeForDocFile('start.mdx'), '/start/');
  assert.equal(routeForDocFile('containers/index.mdx'), '/containers/');
  assert.equal(routeForDocFile('comparison/decision-guide.mdx'), '/comparison/decision-guide/');
  assert.equal(routeForDocFile('Paths/Web-Developer.md'), '/paths/web-developer/');
  assert.equal(routeForDocFile('old/name.mdx', 'new/name'), '/new/name/');
});

test('listDocRoutes reads the folder, honours slug and skips _files', () => {
  const root = mkdtempSync(join(tmpdir(), 'docs-'));
  mkdirSync(join(root, 'labs'));
  writeFileSync(join(root, 'index.mdx'), '---\ntitle: Home\n---\n');
  writeFileSync(join(root, 'labs', 'sampler.mdx'), '---\ntitle: Sampler\n---\n');
  writeFileSync(join(root, 'labs', '_draft.mdx'), '---\ntitle: Draft\n---\n');
  writeFileSync(join(root, 'moved.md'), '---\ntitle: Moved\nslug: elsewhere/page\n---\n');
  assert.deepEqual([...listDocRoutes(root)].sort(), ['/', '/elsewhere/page/', '/labs/sampler/']);
});

test('findUnresolvedLinks accepts pages and known labs, and names the rest', () => {
  const routes = new Set(['/', '/containers/']);
  const result = findUnresolvedLinks(
    [
      { where: 'a', href: '/containers/' },
      { where: 'b', href: '/labs/sampler/' },
      { where: 'c', href: '/containers/nope/' },
      { where: 'd', href: '/containers/#setup' },
    ],
    routes,
  );
  assert.deepEqual(
    result.map((r) => [r.where, r.reason]),
    [
      ['c', 'no page in content/docs/ and no known lab at this address'],
      ['d', 'must be a site path with no query or #anchor'],
    ],
  );
});
