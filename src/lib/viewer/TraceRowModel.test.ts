import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NO_TRACE_FILTER, filtersNothing, type TraceFilter } from './TraceRowModel.ts';

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
