// The JavaScript a built page loads, gzipped: its module scripts, what they import, the workers
// they start (`new Worker(new URL(...))`), and the inline scripts in its HTML.
// Usage, after `npx astro build`: node scripts/page-weight.mjs [page path, default labs/sampler]
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';

const dist = 'dist';
const page = process.argv[2] ?? 'labs/sampler';
const html = readFileSync(join(dist, page, 'index.html'), 'utf8');
const gz = (text) => gzipSync(text, { level: 9 }).length;

const files = new Map();
const queue = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => resolve(dist, '.' + m[1]));
while (queue.length) {
  const file = queue.shift();
  if (files.has(file) || !file.endsWith('.js') || !existsSync(file)) continue;
  const text = readFileSync(file, 'utf8');
  files.set(file, gz(text));
  // Static imports and module workers load with the page; dynamic import() (search's UI) loads
  // on use and is left out. The bundler writes relative or root-relative specifiers.
  for (const m of text.matchAll(/(?:\bimport|\bfrom|new URL\()\s*["'`]((?:\.{1,2}|\/_astro)\/[^"'`]+\.js)["'`]/g)) {
    queue.push(m[1].startsWith('/') ? resolve(dist, '.' + m[1]) : resolve(dirname(file), m[1]));
  }
}
const inline = [...html.matchAll(/<script(?![^>]*\ssrc=)(?![^>]*type="application)[^>]*>([\s\S]*?)<\/script>/g)]
  .map((m) => m[1])
  .filter((s) => s.trim());

let total = 0;
for (const [file, bytes] of [...files].sort((a, b) => b[1] - a[1])) {
  total += bytes;
  console.log(`${String(bytes).padStart(8)}  ${file.slice(resolve(dist).length)}`);
}
const inlineBytes = inline.reduce((n, s) => n + gz(s), 0);
console.log(`${String(inlineBytes).padStart(8)}  ${inline.length} inline scripts`);
console.log(`${String(total + inlineBytes).padStart(8)}  total, gzipped bytes, /${page}/`);
