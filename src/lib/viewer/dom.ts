/** Creates an element with properties and children: the viewer's one DOM helper. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> & { className?: string } = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/**
 * Sets text only when it changed: rows are refilled on every draw, most cells stay the same. A cell
 * that holds one text node keeps it and changes its data: assigning textContent would swap the node,
 * and Chromium would throw away the text's layout object and build a new one for every cell.
 */
export function setText(node: Node, text: string): void {
  const only = node.firstChild;
  if (only && only === node.lastChild && only.nodeType === 3) {
    if ((only as Text).data !== text) (only as Text).data = text;
  } else if (node.textContent !== text) node.textContent = text;
}

/** Width below which the viewer uses its phone layout (two-line rows, details below). */
export const NARROW_PX = 600;

/** Sets an attribute only when it changed: an attribute write invalidates style even when equal. */
export function setAttr(node: Element, name: string, value: string | null): void {
  if (value === null) {
    if (node.hasAttribute(name)) node.removeAttribute(name);
  } else if (node.getAttribute(name) !== value) node.setAttribute(name, value);
}

/**
 * Lays out `samples` once, out of sight and out of the accessibility tree, at the end of `parent`,
 * and removes them two frames later. Chromium looks a font up the first time a face or a glyph is
 * laid out, and the first rows of a run bring several at once (italic dropped rows, bold error
 * statuses, the ▸ ▾ of a dropped-trace group, which come from a fallback font): in a trace of a
 * run's first frames that lookup was 10–30 ms of a single layout. Warming them while the page loads
 * keeps that work out of a running lab's frames.
 */
export function warmFaces(parent: HTMLElement, samples: HTMLElement[]): void {
  const box = el('div');
  box.setAttribute('aria-hidden', 'true');
  box.dataset.warmFaces = '';
  box.style.cssText = 'position:absolute;inset:0 0 auto 0;visibility:hidden;pointer-events:none;';
  box.append(...samples);
  parent.append(box);
  requestAnimationFrame(() => requestAnimationFrame(() => box.remove()));
}
