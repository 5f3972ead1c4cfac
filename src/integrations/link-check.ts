import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { AstroIntegration } from 'astro';

/** A link in a built page that leads nowhere. */
export interface BrokenLink {
  page: string;
  href: string;
  reason: string;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return htmlFiles(full);
    return name.endsWith('.html') ? [full] : [];
  });
}

/** The file a site path is served from, following the static server's rules. */
function resolveTarget(dist: string, pathname: string): string | null {
  const clean = decodeURIComponent(pathname);
  const candidates = clean.endsWith('/')
    ? [join(dist, clean, 'index.html')]
    : [join(dist, clean), join(dist, clean, 'index.html'), join(dist, `${clean}.html`)];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

const idsCache = new Map<string, Set<string>>();
function idsOf(file: string): Set<string> {
  let ids = idsCache.get(file);
  if (!ids) {
    const html = readFileSync(file, 'utf8');
    ids = new Set([...html.matchAll(/\s(?:id|name)="([^"]+)"/g)].map((m) => m[1]!));
    idsCache.set(file, ids);
  }
  return ids;
}

/**
 * Checks every same-site link in the built HTML: the target page or file must exist, and a #hash
 * must name an element id on it. This reads the final HTML, so links that components render
 * (learning paths, lab panels) are checked as well as links written in MDX.
 */
export function findBrokenLinks(dist: string): BrokenLink[] {
  idsCache.clear();
  const broken: BrokenLink[] = [];
  for (const file of htmlFiles(dist)) {
    const page = '/' + relative(dist, file).split(sep).join('/');
    const html = readFileSync(file, 'utf8');
    const pageUrl = new URL(page, 'http://site.invalid');
    for (const match of html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)) {
      const href = match[1]!.replaceAll('&amp;', '&');
      if (/^(?:[a-z]+:)?\/\//i.test(href) || /^(mailto|tel|data|javascript):/i.test(href)) continue;
      const url = new URL(href, pageUrl);
      const target = resolveTarget(dist, url.pathname);
      if (!target) {
        broken.push({ page, href, reason: 'no such page or file' });
        continue;
      }
      const hash = decodeURIComponent(url.hash.slice(1));
      if (hash && target.endsWith('.html') && !idsOf(target).has(hash)) {
        broken.push({ page, href, reason: `no element with id "${hash}" on the target page` });
      }
    }
  }
  return broken;
}

/** Fails `astro build` when any internal link or #hash in the output is broken. */
export function linkCheck(): AstroIntegration {
  return {
    name: 'wol:link-check',
    hooks: {
      'astro:build:done': ({ dir, logger }) => {
        const dist = dir.pathname;
        const broken = findBrokenLinks(dist);
        if (broken.length > 0) {
          for (const b of broken) logger.error(`${b.page}: ${b.href} (${b.reason})`);
          throw new Error(`${broken.length} broken internal link(s); see the list above.`);
        }
        logger.info(`all internal links and anchors resolve (${htmlFiles(dist).length} pages)`);
      },
    },
  };
}
