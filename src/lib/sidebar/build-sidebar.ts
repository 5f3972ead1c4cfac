import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { parse } from 'yaml';

/**
 * Builds Starlight's sidebar from the content/docs/ tree at config time.
 *
 * Starlight's `autogenerate` only looks under src/content/docs/, so with the pages in a top-level
 * content/docs/ it finds none. This module reads the same tree the docs collection reads and emits
 * plain `{ slug }` items: Starlight then takes each link's label and badge from the page's own
 * frontmatter (`sidebar.label`, `sidebar.badge`, else `title`), and previous/next links follow the
 * sidebar's order. Membership and order are decided here, from `sidebar.order` and `sidebar.hidden`.
 */

/** One sidebar group: a folder under content/docs/, in the order the site lists them. */
export interface SectionSpec {
  /** The group's heading in the sidebar. */
  label: string;
  /**
   * A top-level folder under content/docs/; '' takes the top-level files only (not the section
   * folders). Top-level files appear only if a section with '' is listed.
   */
  directory: string;
  /** Starlight's `collapsed` for the group. */
  collapsed?: boolean;
}

/** A docs file and the frontmatter fields the sidebar needs. */
export interface DocPage {
  /** Path relative to content/docs/, with '/' separators, e.g. "research/edera.mdx". */
  file: string;
  frontmatter: Record<string, unknown>;
}

export type SidebarLink = { slug: string };
export type SidebarGroup = {
  label: string;
  collapsed?: boolean;
  badge?: unknown;
  items: SidebarItem[];
};
export type SidebarItem = SidebarLink | SidebarGroup;

/** Pages with no `sidebar.order` come after every ordered page of their folder. */
const UNORDERED = Number.POSITIVE_INFINITY;

const DOC_FILE = /\.mdx?$/;

/** Reads every page the docs collection loads (the glob `**\/[^_]*.{md,mdx}`), with its frontmatter. */
export function readDocPages(root: string): DocPage[] {
  const pages: DocPage[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (DOC_FILE.test(name) && !name.startsWith('_')) {
        const file = relative(root, full).split(sep).join('/');
        pages.push({ file, frontmatter: readFrontmatter(readFileSync(full, 'utf8'), file) });
      }
    }
  };
  walk(root);
  return pages;
}

export function readFrontmatter(text: string, file: string): Record<string, unknown> {
  const block = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text)?.[1];
  if (block === undefined) return {};
  let data: unknown;
  try {
    data = parse(block);
  } catch (error) {
    throw new Error(`content/docs/${file}: the frontmatter is not valid YAML (${(error as Error).message})`);
  }
  return data !== null && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
}

/** The docs collection's entry id for a file: its path without extension, "/index" dropped, or its frontmatter `slug`. */
export function slugForDocFile(file: string, frontmatterSlug?: unknown): string {
  if (typeof frontmatterSlug === 'string' && frontmatterSlug !== '') return frontmatterSlug.replace(/^\/|\/$/g, '');
  return file
    .replace(DOC_FILE, '')
    .split('/')
    .map((segment) => segment.toLowerCase().replace(/\s+/g, '-'))
    .join('/')
    .replace(/\/index$/, '');
}

interface SidebarFields {
  order: number;
  hidden: boolean;
  label?: string;
  badge?: unknown;
}

/** `sidebar` frontmatter as Starlight defines it; a wrong type fails the build with the file named. */
function sidebarFields(page: DocPage): SidebarFields {
  const raw = page.frontmatter.sidebar;
  if (raw === undefined || raw === null) return { order: UNORDERED, hidden: false };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new Error(`content/docs/${page.file}: sidebar must be a map such as { order: 2 }`);
  }
  const fields = raw as Record<string, unknown>;
  const { order, hidden, label, badge } = fields;
  if (order !== undefined && (typeof order !== 'number' || !Number.isFinite(order))) {
    throw new Error(`content/docs/${page.file}: sidebar.order must be a number, found ${JSON.stringify(order)}`);
  }
  if (hidden !== undefined && typeof hidden !== 'boolean') {
    throw new Error(`content/docs/${page.file}: sidebar.hidden must be true or false`);
  }
  return {
    order: typeof order === 'number' ? order : UNORDERED,
    hidden: hidden === true,
    label: typeof label === 'string' ? label : undefined,
    badge,
  };
}

const isIndex = (file: string) => /(^|\/)index\.mdx?$/.test(file);

/** A page, or a sub-folder, inside a section, with what it is sorted by. */
interface Node {
  order: number;
  /** The folder's own index page sorts before everything else in its folder. */
  index: boolean;
  key: string;
  item: SidebarItem;
}

const byReadingOrder = (a: Node, b: Node) =>
  Number(b.index) - Number(a.index) || a.order - b.order || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** The items of one folder: its index page first, then pages and sub-folders by `sidebar.order`, then by path. */
function folderItems(pages: readonly DocPage[], folder: string, recursive: boolean): Node[] {
  const prefix = folder === '' ? '' : `${folder}/`;
  const nodes: Node[] = [];
  const subfolders = new Map<string, DocPage[]>();
  for (const page of pages) {
    if (!page.file.startsWith(prefix)) continue;
    const rest = page.file.slice(prefix.length);
    const slash = rest.indexOf('/');
    if (slash >= 0) {
      const name = rest.slice(0, slash);
      if (!subfolders.has(name)) subfolders.set(name, []);
      subfolders.get(name)!.push(page);
      continue;
    }
    if (page.frontmatter.draft === true) continue;
    const fields = sidebarFields(page);
    if (fields.hidden) continue;
    nodes.push({
      order: fields.order,
      index: isIndex(page.file),
      key: page.file,
      item: { slug: slugForDocFile(page.file, page.frontmatter.slug) },
    });
  }
  if (recursive) {
    for (const [name, subPages] of subfolders) {
      const path = prefix + name;
      const children = folderItems(subPages, path, true);
      if (children.length === 0) continue;
      // A sub-folder is named and placed by its own index page when it has one.
      const indexPage = subPages.find((p) => p.file === `${path}/index.mdx` || p.file === `${path}/index.md`);
      const indexFields = indexPage ? sidebarFields(indexPage) : undefined;
      const title = typeof indexPage?.frontmatter.title === 'string' ? indexPage.frontmatter.title : undefined;
      const group: SidebarGroup = { label: indexFields?.label ?? title ?? name, items: children.map((c) => c.item) };
      nodes.push({
        order: indexFields && indexFields.order !== UNORDERED ? indexFields.order : Math.min(...children.map((c) => c.order)),
        index: false,
        key: path,
        item: group,
      });
    }
  }
  return nodes.sort(byReadingOrder);
}

/**
 * The sidebar: one group per section, in the order given. Every page not hidden appears exactly
 * once; a section with no pages is left out rather than shown as an empty heading.
 */
export function buildSidebar(sections: readonly SectionSpec[], pages: readonly DocPage[]): SidebarGroup[] {
  const claimed = new Set(sections.map((s) => s.directory).filter((d) => d !== ''));
  return sections.flatMap((section) => {
    // The top-level "section" takes loose files only; every folder belongs to a section of its own.
    const recursive = section.directory !== '';
    const own = recursive ? pages : pages.filter((p) => !p.file.includes('/'));
    const items = folderItems(own, section.directory, recursive).map((n) => n.item);
    if (items.length === 0) return [];
    const group: SidebarGroup = { label: section.label, items };
    if (section.collapsed !== undefined) group.collapsed = section.collapsed;
    return [group];
  }).concat(unlistedFolders(pages, claimed));
}

/**
 * Folders no section names still appear, after the named sections and labelled by their index
 * page, so that a new section is never silently missing from the site's navigation.
 */
function unlistedFolders(pages: readonly DocPage[], claimed: Set<string>): SidebarGroup[] {
  const extra = [...new Set(pages.filter((p) => p.file.includes('/')).map((p) => p.file.split('/')[0]!))]
    .filter((folder) => !claimed.has(folder))
    .sort();
  return extra.flatMap((folder) => {
    const items = folderItems(pages, folder, true).map((n) => n.item);
    if (items.length === 0) return [];
    const indexPage = pages.find((p) => p.file === `${folder}/index.mdx` || p.file === `${folder}/index.md`);
    const label = (indexPage && sidebarFields(indexPage).label) ?? (indexPage?.frontmatter.title as string | undefined) ?? folder;
    return [{ label, items }];
  });
}
