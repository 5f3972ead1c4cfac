import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  allRoutes,
  decisionTree,
  nodesInReadingOrder,
  shortestRoutes,
  treeLinks,
  unreachableNodes,
  type DecisionTree,
  type OutcomeId,
} from './tree.ts';

const OUTCOMES: OutcomeId[] = ['vm', 'container', 'wasm', 'hybrid', 'vm-isolated-containers'];

test('every node is stored under its own id', () => {
  for (const [key, node] of Object.entries(decisionTree.nodes)) assert.equal(node.id, key);
});

test('every route through the tree ends in an outcome', () => {
  const routes = allRoutes(decisionTree);
  assert.ok(routes.length > 0);
  for (const route of routes) {
    assert.ok(OUTCOMES.includes(route.outcome), route.outcome);
    assert.equal(decisionTree.nodes[route.outcome]?.kind, 'outcome');
  }
});

test('every outcome is reachable', () => {
  assert.deepEqual([...shortestRoutes(decisionTree).keys()].sort(), [...OUTCOMES].sort());
});

test('no node is unreachable', () => {
  assert.deepEqual(unreachableNodes(decisionTree), []);
});

test('every question has at least two answers, each explained', () => {
  for (const node of Object.values(decisionTree.nodes)) {
    if (node.kind !== 'question') continue;
    assert.ok(node.answers.length >= 2, node.id);
    for (const a of node.answers) assert.ok(a.explain.length > 20, `${node.id}: ${a.label}`);
  }
});

test('every outcome links to at least one page, as a site path', () => {
  for (const node of Object.values(decisionTree.nodes)) {
    if (node.kind !== 'outcome') continue;
    assert.ok(node.links.length > 0, node.id);
  }
  for (const { href } of treeLinks(decisionTree)) assert.match(href, /^\/(?:[a-z0-9-]+\/)*$/);
});

test('the reading order lists each node once, questions first, starting with the start', () => {
  const order = nodesInReadingOrder(decisionTree);
  assert.equal(order.length, Object.keys(decisionTree.nodes).length);
  assert.equal(order[0]!.id, decisionTree.start);
  const firstOutcome = order.findIndex((n) => n.kind === 'outcome');
  assert.ok(order.slice(firstOutcome).every((n) => n.kind === 'outcome'));
});

test('a broken tree is caught: a missing node, a cycle, an unreachable node', () => {
  const missing: DecisionTree = {
    start: 'a',
    nodes: {
      a: { kind: 'question', id: 'a', prompt: 'A?', answers: [
        { label: 'x', explain: 'x', next: 'nowhere' },
        { label: 'y', explain: 'y', next: 'a' },
      ] },
    },
  };
  assert.throws(() => allRoutes(missing), /no node "nowhere"/);

  const cycle: DecisionTree = {
    start: 'a',
    nodes: {
      a: { kind: 'question', id: 'a', prompt: 'A?', answers: [
        { label: 'x', explain: 'x', next: 'b' },
        { label: 'y', explain: 'y', next: 'vm' },
      ] },
      b: { kind: 'question', id: 'b', prompt: 'B?', answers: [
        { label: 'x', explain: 'x', next: 'a' },
        { label: 'y', explain: 'y', next: 'vm' },
      ] },
      vm: { kind: 'outcome', id: 'vm', title: 'VM', verdict: 'v', body: [], cites: [], links: [] },
    },
  };
  assert.throws(() => allRoutes(cycle), /cycle/);

  const orphan: DecisionTree = {
    start: 'vm',
    nodes: {
      vm: { kind: 'outcome', id: 'vm', title: 'VM', verdict: 'v', body: [], cites: [], links: [] },
      wasm: { kind: 'outcome', id: 'wasm', title: 'Wasm', verdict: 'w', body: [], cites: [], links: [] },
    },
  };
  assert.deepEqual(unreachableNodes(orphan), ['wasm']);
});
