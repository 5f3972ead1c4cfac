import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabSpan } from '../spans/model.ts';
import { SpanStore } from './SpanStore.ts';
import { NO_TRACE_FILTER, TraceRowModel, filtersNothing, type GhostGroup, type TraceFilter } from './TraceRowModel.ts';

describe('filtersNothing', () => {
  test('a copy of the empty filter filters nothing (the viewer copies its filter on every change)', () => {
    assert.equal(filtersNothing({ ...NO_TRACE_FILTER }), true);
    assert.equal(filtersNothing({ decision: 'all', route: '', status: 'all', text: '', range: null }), true);
  });

  test('each field set on its own counts as a filter', () => {
    const set: Partial<TraceFilter>[] = [
      { decision: 'kept' },
      { decision: 'dropped' },
      { route: '/checkout' },
      { status: '5xx' },
      { status: 'error' },
      { text: 'hgetall' },
      { range: { fromMs: 0, toMs: 0 } },
    ];
    for (const part of set) assert.equal(filtersNothing({ ...NO_TRACE_FILTER, ...part }), false, JSON.stringify(part));
  });
});

let n = 0;
/** One trace of a single decided span, starting at `t`. */
function trace(t: number, keep: boolean): LabSpan {
  const traceId = (++n).toString(16).padStart(32, '0');
  return {
    traceId, spanId: n.toString(16).padStart(16, '0'), kind: 2, name: keep ? 'GET /kept' : 'GET /dropped', startMs: t, endMs: t + 1,
    events: [], links: [], status: { code: 0 }, dropped: !keep, attributes: { 'sampler.decision': keep ? 'keep' : 'drop' },
  };
}

/** What a learner sees of the rows: kind, traces, and whether a group is open. */
const shape = (m: TraceRowModel) =>
  m.rows.map((r) => (r.kind === 'trace' ? `${r.group ? 'member' : 'trace'} ${r.trace.traceId}` : `group ${r.group.expanded ? 'open' : 'closed'} ${r.group.traces.map((t) => t.traceId).join(',')}`));

/** A store of `limit` spans and a row model kept in step with it, as the trace list keeps its rows. */
function following(limit: number) {
  const store = new SpanStore(limit);
  const model = new TraceRowModel();
  store.subscribe((c) => {
    model.append(c.added);
    if (c.evicted.length) model.dropFront(c.evicted);
  });
  return { store, model };
}

describe('TraceRowModel.dropFront', () => {
  test('a group at the front loses only its evicted members, its open member rows with them, and keeps its place', () => {
    const { store, model } = following(10);
    // Four dropped traces fold into one group, then a kept one.
    store.add([trace(0, false), trace(1, false), trace(2, false), trace(3, false), trace(4, true)]);
    model.toggle((model.rows[0] as { group: GhostGroup }).group, true);
    assert.equal(model.rows.length, 6);
    const kept = model.rows[5]!;
    // Six more kept traces: 11 spans > 10, so the store lets go down to 8, the three oldest.
    store.add([5, 6, 7, 8, 9, 10].map((t) => trace(t, true)));
    const ids = store.traces().map((t) => t.traceId);
    assert.equal(ids.length, 8);
    assert.deepEqual(shape(model).slice(0, 3), [`group open ${ids[0]}`, `member ${ids[0]}`, `trace ${ids[1]}`]);
    assert.equal(model.rows.indexOf(kept), 2);
  });

  test('a group let go whole is closed to new arrivals: the next dropped trace starts a group that is shown', () => {
    const { store, model } = following(10);
    store.add([trace(0, false)]);
    // One dropped trace of 12 spans joins the open group and is over the limit alone: all is let go.
    const big = trace(1, false);
    store.add([big, ...Array.from({ length: 11 }, (_, i) => ({ ...big, spanId: `c${i}`.padStart(16, '0'), parentSpanId: big.spanId }))]);
    assert.equal(store.traceCount, 0);
    assert.deepEqual(model.rows, []);
    const next = trace(2, false);
    store.add([next]);
    assert.deepEqual(shape(model), [`group closed ${next.traceId}`]);
  });

  test('matches a rebuild from the store after every eviction, and maps every row that stays to its new place', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (const filter of [{ ...NO_TRACE_FILTER }, { ...NO_TRACE_FILTER, decision: 'kept' as const }, { ...NO_TRACE_FILTER, decision: 'dropped' as const }]) {
      for (let round = 0; round < 30; round++) {
        const store = new SpanStore(20 + Math.floor(random() * 40));
        const model = new TraceRowModel();
        model.filter = filter;
        let evictions = 0;
        store.subscribe((c) => {
          model.append(c.added);
          // Learners open groups as they go.
          for (const r of model.rows) if (r.kind === 'group' && !r.group.expanded && random() < 0.2) model.toggle(r.group, true);
          if (!c.evicted.length) return;
          evictions++;
          const before = model.rows.slice();
          const moved = model.dropFront(c.evicted);
          const fresh = new TraceRowModel();
          fresh.filter = filter;
          // Given the same groups open (a rebuild finds them by their first trace), a rebuild agrees.
          fresh.rows = model.rows.map((r) => (r.kind === 'group' ? { kind: 'group' as const, group: { ...r.group, traces: r.group.traces.slice() } } : r));
          fresh.rebuild(store.traces());
          assert.deepEqual(shape(model), shape(fresh), `round ${round}, filter ${filter.decision}`);
          assert.equal(moved.removed, before.length - model.rows.length, 'removed counts the rows taken out');
          for (let old = 0; old < before.length; old++) {
            const at = moved.indexOf(old);
            if (at >= 0) assert.equal(model.rows[at], before[old], `row ${old} is found where indexOf says`);
            const land = moved.landing(old);
            // The row now in old's place is old's own when it stayed, else the next one left.
            let next = old;
            while (next < before.length && moved.indexOf(next) < 0) next++;
            assert.equal(land, next < before.length ? moved.indexOf(next) : model.rows.length, `landing of ${old}`);
          }
        });
        for (let t = 0; t < 200; t++) store.add(Array.from({ length: 1 + Math.floor(random() * 3) }, () => trace(t, random() < 0.3)));
        assert.ok(evictions > 3);
      }
    }
  });
});
