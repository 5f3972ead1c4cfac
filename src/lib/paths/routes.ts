import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { KNOWN_LABS } from './labs.ts';

/** Where the docs collection's files live (see src/content.config.ts). */
export const DOCS_ROOT = join(process.cwd(), 'content', 'docs');

/** A link kept as data (a path step, a decision-guide outcome) and where it was written. */
export interface DataLink {
  /** e.g. "content/paths/web-developer.yaml, step read-overview". */
  where: string;
  href: string;
}

export interface UnresolvedLink extends DataLink {
  reason: string;
}

/**
 * The URL Starlight serves a docs file at, mirroring the glob loader's ids: the path without its
 * extension, "index" dropping out, each segment lower-cased; a frontmatter `slug` wins.
 */
export function routeForDocFile(relPath: string, frontmatterSlug?: string): string {
  const slug =
    frontmatterSlug ??
    relPath
      .replace(/\\/g, '/')
      .replace(/\.mdx?$/, '')
      .split('/')
      .map((segment) => segment.toLowerCase().replace(/\s+/g, '-'))
      .join('/')
      .replace(/(^|\/)index$/, '');
  return slug === '' ? '/' : `/${slug.replace(/^\/|\/$/g, '')}/`;
}

function frontmatterSlug(text: string): string | undefined {
  const frontmatter = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  const slug = frontmatter && /^slug:\s*['"]?([^'"\n]+?)['"]?\s*$/m.exec(frontmatter)?.[1];
  return slug || undefined;
}

/** Every URL the docs collection produces, read from the files (the same glob as the collection). */
export function listDocRoutes(root: string = DOCS_ROOT): Set<string> {
  const routes = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (/\.mdx?$/.test(name) && !name.startsWith('_')) {
        const rel = relative(root, full).split(sep).join('/');
        routes.add(routeForDocFile(rel, frontmatterSlug(readFileSync(full, 'utf8'))));
      }
    }
  };
  walk(root);
  return routes;
}

/** The links that lead to neither a docs page nor a known lab. */
export function findUnresolvedLinks(links: readonly DataLink[], docRoutes: ReadonlySet<string>): UnresolvedLink[] {
  const labHrefs = new Set<string>(Object.values(KNOWN_LABS).map((lab) => lab.href));
  return links.flatMap((link) => {
    if (!link.href.startsWith('/') || /[?#]/.test(link.href)) {
      return [{ ...link, reason: 'must be a site path with no query or #anchor' }];
    }
    if (docRoutes.has(link.href) || labHrefs.has(link.href)) return [];
    return [{ ...link, reason: 'no page in content/docs/ and no known lab at this address' }];
  });
}
