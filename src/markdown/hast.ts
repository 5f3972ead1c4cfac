// The few hast reads the Markdown plugins share. Nodes are typed structurally so the same code
// walks the tree Sätteri hands a plugin and a plain object built in a unit test.

/** A hast node as the plugins read it. */
export interface HastLike {
  type: string;
  tagName?: string;
  value?: string;
  properties?: Record<string, unknown>;
  children?: readonly HastLike[];
}

export function isElement(node: HastLike, ...tagNames: string[]): boolean {
  return node.type === 'element' && (tagNames.length === 0 || tagNames.includes(node.tagName ?? ''));
}

export function hasClass(node: HastLike, className: string): boolean {
  const value = node.properties?.className;
  if (Array.isArray(value)) return value.includes(className);
  return typeof value === 'string' && value.split(/\s+/).includes(className);
}

/**
 * The text a reader sees in `node`, with runs of white space collapsed to one space, leaving out
 * every descendant for which `skip` says so.
 */
export function textOf(node: HastLike, skip: (n: HastLike) => boolean = () => false): string {
  const parts: string[] = [];
  const visit = (n: HastLike) => {
    if (skip(n)) return;
    if (n.type === 'text' && typeof n.value === 'string') parts.push(n.value);
    for (const child of n.children ?? []) visit(child);
  };
  visit(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

/** Every node under `root` (itself included) in document order, with its parent. */
export function* walk(root: HastLike, parent: HastLike | null = null): Generator<{ node: HastLike; parent: HastLike | null }> {
  yield { node: root, parent };
  for (const child of root.children ?? []) yield* walk(child, root);
}
