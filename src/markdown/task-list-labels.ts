// GFM task lists render each item's box as a bare <input type="checkbox" disabled>, with the item's
// text beside it but not tied to it, so a screen reader announces "checkbox, not checked" and
// nothing more (axe rule `label`, critical). This plugin names each box after its item.
import type { HastPluginDefinition } from 'satteri';
import { hasClass, isElement, textOf, walk, type HastLike } from './hast.ts';

/**
 * The accessible name for the checkbox of a task-list item: the text of the block that holds the
 * box (the item itself, or its first paragraph in a loose list), without any nested list, whose
 * items have boxes of their own. Empty when the item has no text.
 */
export function taskItemLabel(container: HastLike): string {
  return textOf(container, (n) => isElement(n, 'ul', 'ol', 'input'));
}

/** Each checkbox of a task list under `root`, with the name it should carry. */
export function taskListCheckboxes(root: HastLike): { checkbox: HastLike; label: string }[] {
  const found: { checkbox: HastLike; label: string }[] = [];
  const itemOf = new Map<HastLike, HastLike | null>();
  for (const { node, parent } of walk(root)) {
    if (parent) itemOf.set(node, parent);
    if (!isElement(node, 'input') || node.properties?.type !== 'checkbox' || !parent) continue;
    // Tight list: li > input. Loose list: li > p > input.
    const item = isElement(parent, 'li') ? parent : isElement(parent, 'p') ? itemOf.get(parent) : null;
    if (!item || !hasClass(item, 'task-list-item')) continue;
    const label = taskItemLabel(parent);
    if (label) found.push({ checkbox: node, label });
  }
  return found;
}

/** Sätteri hast plugin: gives every task-list checkbox an `aria-label` from its item's text. */
export function taskListLabels(): HastPluginDefinition {
  return {
    name: 'wol-task-list-labels',
    before(root, ctx) {
      for (const { checkbox, label } of taskListCheckboxes(root as HastLike)) {
        if (typeof checkbox.properties?.ariaLabel === 'string') continue; // an author's own name wins
        ctx.setProperty(checkbox as never, 'ariaLabel', label);
      }
    },
  };
}
