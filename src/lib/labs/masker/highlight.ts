// Text with its matches marked, as DOM nodes: the before/after view and the leak view share it.
import type { Finding } from './units.ts';

/** Nodes for `text` with each finding inside [0, text.length) wrapped in <mark data-rule>. */
export function highlighted(text: string, findings: readonly Finding[]): Node[] {
  const nodes: Node[] = [];
  let at = 0;
  for (const f of findings) {
    if (f.start < at || f.start >= text.length) continue;
    const end = Math.min(f.end, text.length);
    if (f.start > at) nodes.push(document.createTextNode(text.slice(at, f.start)));
    const mark = document.createElement('mark');
    mark.dataset.rule = f.rule;
    mark.title = f.rule;
    mark.textContent = text.slice(f.start, end);
    nodes.push(mark);
    at = end;
  }
  if (at < text.length) nodes.push(document.createTextNode(text.slice(at)));
  return nodes;
}
