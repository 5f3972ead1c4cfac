import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-web';
import { toLabSpan } from './toLabSpan.ts';

const T = '0af7651916cd43dd8448eb211c80319c';
const context = (spanId: string) => ({ traceId: T, spanId, traceFlags: 1 });
const ended = (links: ReadableSpan['links']) =>
  ({
    spanContext: () => context('00f067aa0ba902b7'), name: 'GET /', kind: 1, startTime: [1, 0], endTime: [1, 5e6],
    attributes: {}, events: [], links, status: { code: 0 },
  }) as unknown as ReadableSpan;

test('one plain link to the same span is one shared list; any other link is the span\'s own', () => {
  const a = toLabSpan(ended([{ context: context('1111111111111111') }]));
  const b = toLabSpan(ended([{ context: context('1111111111111111') }]));
  assert.equal(a.links, b.links);
  assert.deepEqual(a.links, [{ traceId: T, spanId: '1111111111111111', attributes: {} }]);
  // Same trace, another span: not the list above.
  const c = toLabSpan(ended([{ context: context('2222222222222222') }]));
  assert.deepEqual(c.links.map((l) => l.spanId), ['2222222222222222']);
  assert.deepEqual(a.links.map((l) => l.spanId), ['1111111111111111']);
  // A link with attributes keeps them.
  const d = toLabSpan(ended([{ context: context('1111111111111111'), attributes: { why: 'retry' } }]));
  assert.deepEqual(d.links, [{ traceId: T, spanId: '1111111111111111', attributes: { why: 'retry' } }]);
  assert.equal(toLabSpan(ended([])).links.length, 0);
});
