import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findBrokenLinks } from './link-check.ts';

function site(pages: Record<string, string>): string {
  const dist = mkdtempSync(join(tmpdir(), 'link-check-'));
  for (const [path, html] of Object.entries(pages)) {
    mkdirSync(join(dist, path, '..'), { recursive: true });
    writeFileSync(join(dist, path), html);
  }
  return dist;
}

test('accepts links to existing pages, files and anchors', () => {
  const dist = site({
    'index.html': '<a href="/guide/">g</a><a href="/guide/#setup">s</a><a href="configs/a.yaml">c</a><a href="https://example.org/x">x</a>',
    'guide/index.html': '<h2 id="setup">Setup</h2><a href="../">home</a><a href="#setup">self</a>',
    'configs/a.yaml': 'a: 1',
  });
  assert.deepEqual(findBrokenLinks(dist), []);
});

test('reports a missing page and a missing anchor', () => {
  const dist = site({
    'index.html': '<a href="/nowhere/">n</a><a class="x" href="/guide/#missing">m</a>',
    'guide/index.html': '<h2 id="setup">Setup</h2>',
  });
  const broken = findBrokenLinks(dist);
  assert.equal(broken.length, 2);
  assert.match(broken.find((b) => b.href === '/nowhere/')!.reason, /no such page/);
  assert.match(broken.find((b) => b.href === '/guide/#missing')!.reason, /id "missing"/);
});
