// The site's comparison tables leave the top-left cell empty: `| | Wasmtime | WasmEdge |`. That
// empty corner says the first column names the rows, but GFM renders those names as plain <td>,
// so a cell such as "3 ms" has a column header and no row header, and a screen reader reading it
// cannot say which row it belongs to (WCAG 1.3.1; axe rule td-has-header, critical). This plugin
// turns the first cell of each body row of such a table into <th scope="row">.
import type { HastPluginDefinition } from 'satteri';
import { isElement, textOf, walk, type HastLike } from './hast.ts';

/** True when the table's header row starts with an empty cell. */
export function hasEmptyCorner(table: HastLike): boolean {
  const thead = (table.children ?? []).find((c) => isElement(c, 'thead'));
  const firstRow = (thead?.children ?? []).find((c) => isElement(c, 'tr'));
  const corner = (firstRow?.children ?? []).find((c) => isElement(c, 'th', 'td'));
  return corner !== undefined && textOf(corner) === '' && (corner.children ?? []).every((c) => c.type === 'text');
}

/** The first cell of each body row of every table under `root` whose header row has an empty corner. */
export function rowHeaderCells(root: HastLike): HastLike[] {
  const cells: HastLike[] = [];
  for (const { node } of walk(root)) {
    if (!isElement(node, 'table') || !hasEmptyCorner(node)) continue;
    for (const tbody of (node.children ?? []).filter((c) => isElement(c, 'tbody'))) {
      for (const tr of (tbody.children ?? []).filter((c) => isElement(c, 'tr'))) {
        const first = (tr.children ?? []).find((c) => isElement(c, 'td', 'th'));
        if (first && isElement(first, 'td')) cells.push(first);
      }
    }
  }
  return cells;
}

/** Sätteri hast plugin: row names of tables with an empty corner become row headers. */
export function tableRowHeaders(): HastPluginDefinition {
  return {
    name: 'wol-table-row-headers',
    before(root, ctx) {
      for (const td of rowHeaderCells(root as HastLike)) {
        ctx.replaceNode(td as never, {
          type: 'element',
          tagName: 'th',
          properties: { ...td.properties, scope: 'row' },
          children: [...(td.children ?? [])] as never,
        });
      }
    },
  };
}
