// A table wider than the column scrolls sideways inside its own box. A mouse or a touch screen can
// scroll it; a keyboard cannot, unless the box takes focus (WCAG 2.1.1; axe rule
// scrollable-region-focusable, serious). This plugin wraps every Markdown table in a focusable,
// named region, so Tab reaches it and the arrow keys scroll it, and a screen reader says which
// table it is.
import type { HastPluginDefinition } from 'satteri';
import { hasClass, isElement, textOf, walk, type HastLike } from './hast.ts';

/** The class of the wrapper; site.css makes it scroll, and draws its focus ring. */
export const TABLE_SCROLL_CLASS = 'table-scroll';

/**
 * The name of each table under `root`, in document order: its caption if it has one, otherwise
 * "Table: " and the heading it sits under (numbered from the second table under the same heading,
 * so no two regions share a name), otherwise "Table: " and `fallbackTitle` (the page's title).
 * Tables already wrapped are left out.
 */
export function tableLabels(root: HastLike, fallbackTitle = ''): { table: HastLike; label: string }[] {
  const found: { table: HastLike; label: string }[] = [];
  let heading = fallbackTitle.trim();
  let underHeading = 0;
  for (const { node, parent } of walk(root)) {
    if (isElement(node, 'h1', 'h2', 'h3', 'h4', 'h5', 'h6')) {
      heading = textOf(node);
      underHeading = 0;
      continue;
    }
    if (!isElement(node, 'table')) continue;
    if (parent && isElement(parent, 'div') && hasClass(parent, TABLE_SCROLL_CLASS)) continue;
    underHeading += 1;
    const caption = (node.children ?? []).find((c) => isElement(c, 'caption'));
    const captionText = caption ? textOf(caption) : '';
    const nth = underHeading > 1 ? ` ${underHeading}` : '';
    const label = captionText || (heading ? `Table${nth}: ${heading}` : `Table${nth}`);
    found.push({ table: node, label });
  }
  return found;
}

/** The wrapper element for a table named `label`. */
export function tableScrollWrapper(label: string) {
  return {
    type: 'element' as const,
    tagName: 'div',
    properties: { className: [TABLE_SCROLL_CLASS], role: 'region', tabIndex: 0, ariaLabel: label },
    children: [],
  };
}

/** Sätteri hast plugin: wraps each Markdown table in a focusable, labelled scrolling region. */
export function tableScroll(): HastPluginDefinition {
  return {
    name: 'wol-table-scroll',
    before(root, ctx) {
      const title = (ctx.data as { astro?: { frontmatter?: { title?: unknown } } }).astro?.frontmatter?.title;
      for (const { table, label } of tableLabels(root as HastLike, typeof title === 'string' ? title : '')) {
        ctx.wrapNode(table as never, tableScrollWrapper(label));
      }
    },
  };
}
