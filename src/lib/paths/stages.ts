/**
 * The id of a learning-path stage's heading. LearningPath.astro renders the headings and the page's
 * "On this page" list links to them, so both take the id from here.
 */
export function stageHeadingId(title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `stage-${slug}`;
}

/** The path a page renders, read from its `<LearningPath path="…" />`; undefined for other pages. */
export function learningPathOf(body: string | undefined): string | undefined {
  return body ? /<LearningPath\s[^>]*?\bpath=["']([^"']+)["']/.exec(body)?.[1] : undefined;
}

interface TocItemLike {
  depth: number;
  slug: string;
  text: string;
  children: TocItemLike[];
}

/**
 * Appends a path's stages to a Starlight table of contents as level-2 entries. The stages are
 * rendered by a component, so Starlight, which reads only the Markdown headings, never sees them;
 * the component closes the page body, so they belong at the end.
 */
export function withStages<T extends TocItemLike>(items: T[], stageTitles: readonly string[]): T[] {
  const known = new Set<string>();
  const walk = (list: readonly TocItemLike[]) => list.forEach((i) => (known.add(i.slug), walk(i.children)));
  walk(items);
  const added = stageTitles
    .map((text) => ({ depth: 2, slug: stageHeadingId(text), text, children: [] }) as unknown as T)
    .filter((item) => !known.has(item.slug));
  return [...items, ...added];
}
