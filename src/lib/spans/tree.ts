import type { LabSpan } from './model.ts';

export interface SpanNode {
  span: LabSpan;
  children: SpanNode[];
  /** True when the node hangs under its parent through a span link, not a parent id. */
  linked: boolean;
}

/**
 * Builds a forest from a span list. A span hangs under its parent when the parent is in the list;
 * otherwise under the first span it links to that is in the list (the lab's request traces link
 * to the run that made them); otherwise it is a root. Children and roots are in start order.
 */
export function buildTree(spans: readonly LabSpan[]): SpanNode[] {
  const nodes = new Map<string, SpanNode>();
  for (const span of spans) nodes.set(key(span.traceId, span.spanId), { span, children: [], linked: false });
  const roots: SpanNode[] = [];
  for (const node of nodes.values()) {
    const { span } = node;
    const parent = span.parentSpanId ? nodes.get(key(span.traceId, span.parentSpanId)) : undefined;
    if (parent && parent !== node) {
      parent.children.push(node);
      continue;
    }
    const linkTarget = span.links.map((l) => nodes.get(key(l.traceId, l.spanId))).find((n) => n && n !== node);
    if (linkTarget && !isAncestor(node, linkTarget)) {
      node.linked = true;
      linkTarget.children.push(node);
      continue;
    }
    roots.push(node);
  }
  const byStart = (a: SpanNode, b: SpanNode) => a.span.startMs - b.span.startMs;
  // Spans whose parents form a cycle hang under each other and under no root. Each such cycle is
  // cut at its earliest span, which becomes a root, so every span is shown exactly once.
  const reached = new Set<SpanNode>();
  const mark = (from: SpanNode) => {
    const stack = [from];
    while (stack.length) {
      const n = stack.pop()!;
      if (reached.has(n)) continue;
      reached.add(n);
      for (const c of n.children) stack.push(c);
    }
  };
  for (const r of roots) mark(r);
  if (reached.size < nodes.size) {
    const unreached = [...nodes.values()].filter((n) => !reached.has(n)).sort(byStart);
    for (const n of unreached) {
      if (reached.has(n)) continue;
      for (const holder of nodes.values()) {
        const i = holder.children.indexOf(n);
        if (i >= 0) holder.children.splice(i, 1);
      }
      n.linked = false;
      roots.push(n);
      mark(n);
    }
  }
  // Sorted with an explicit stack: a parent chain tens of thousands deep must not overflow.
  roots.sort(byStart);
  const stack = [...roots];
  while (stack.length) {
    const n = stack.pop()!;
    n.children.sort(byStart);
    for (const c of n.children) stack.push(c);
  }
  return roots;
}

function key(traceId: string, spanId: string): string {
  return `${traceId}/${spanId}`;
}

function isAncestor(candidate: SpanNode, of: SpanNode): boolean {
  const stack = [...candidate.children];
  while (stack.length) {
    const n = stack.pop()!;
    if (n === of) return true;
    stack.push(...n.children);
  }
  return false;
}

export interface SpanRow {
  span: LabSpan;
  depth: number;
  hasChildren: boolean;
  collapsed: boolean;
  linked: boolean;
  /** Bar position and width as fractions (0..1) of the timeline window. */
  offset: number;
  width: number;
}

export interface RowOptions {
  /** Span ids whose children are hidden. */
  collapsed?: ReadonlySet<string>;
  /** Most rows to return; the newest are kept when there are more. */
  limit?: number;
}

/** Flattens a forest into display rows, depth first, with waterfall geometry. */
export function toRows(roots: readonly SpanNode[], { collapsed = new Set(), limit = Infinity }: RowOptions = {}): SpanRow[] {
  const rows: SpanRow[] = [];
  // Depth first with an explicit stack (children pushed in reverse to come out in order).
  const stack: { node: SpanNode; depth: number }[] = [];
  for (let i = roots.length - 1; i >= 0; i--) stack.push({ node: roots[i]!, depth: 0 });
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    const isCollapsed = collapsed.has(node.span.spanId);
    rows.push({
      span: node.span,
      depth,
      hasChildren: node.children.length > 0,
      collapsed: isCollapsed,
      linked: node.linked,
      offset: 0,
      width: 0,
    });
    if (!isCollapsed) for (let i = node.children.length - 1; i >= 0; i--) stack.push({ node: node.children[i]!, depth: depth + 1 });
  }
  const visible = rows.length > limit ? rows.slice(rows.length - limit) : rows;
  if (visible.length === 0) return visible;
  // Reduced, not Math.min(...rows): spreading a large array overflows the argument stack.
  const start = visible.reduce((m, r) => Math.min(m, r.span.startMs), Infinity);
  const end = visible.reduce((m, r) => Math.max(m, r.span.endMs), -Infinity);
  const range = Math.max(end - start, 1e-6);
  for (const row of visible) {
    row.offset = (row.span.startMs - start) / range;
    row.width = Math.max((row.span.endMs - row.span.startMs) / range, 0);
  }
  return visible;
}
