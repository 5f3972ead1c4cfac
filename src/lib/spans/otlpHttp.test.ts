import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabSpan } from './model.ts';
import { exportOtlpHttp, otlpHttpBodies, parseCollectorUrl, readPartialSuccess } from './otlpHttp.ts';

const span = (i: number, dropped = false): LabSpan => ({
  traceId: 'a'.repeat(32), spanId: (i + 1).toString(16).padStart(16, '0'), name: `s${i}`, kind: 2,
  startMs: 1, endMs: 2, attributes: {}, events: [], links: [], status: { code: 0 }, dropped,
});
const URL_ = new URL('http://c:4318/v1/traces');
const many = (n: number) => Array.from({ length: n }, (_, i) => span(i));

/** A fake Collector answering the n-th request (0-based) with `reply(n)`. */
function collector(reply: (n: number) => Response | 'refuse') {
  const calls: string[] = [];
  const fetchImpl = (async (_url: URL, init: RequestInit) => {
    calls.push(String(init.body));
    const r = reply(calls.length - 1);
    if (r === 'refuse') throw new TypeError('Failed to fetch');
    return r;
  }) as unknown as typeof fetch;
  return { calls, fetchImpl };
}
const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

test('a Collector URL needs a scheme and gets the traces path when it has none', () => {
  const ok = parseCollectorUrl('http://localhost:4318');
  assert.ok('url' in ok);
  assert.equal(ok.url.href, 'http://localhost:4318/v1/traces');
  assert.deepEqual(parseCollectorUrl('localhost:4318'), { error: 'the URL must start with http:// or https://' });
  assert.match((parseCollectorUrl('not a url') as { error: string }).error, /full URL/);
});

test('a Collector URL with credentials is refused, and the message repeats neither name nor password', () => {
  for (const typed of ['http://alice:s3cr3t-pa55@localhost:4318/v1/traces', 'https://s3cr3t-pa55@collector.example:4318', 'http://:s3cr3t-pa55@127.0.0.1:4318']) {
    const r = parseCollectorUrl(typed);
    assert.ok('error' in r, typed);
    assert.match(r.error, /contains a user name or password/);
    assert.match(r.error, /Browsers refuse to send credentials/);
    assert.doesNotMatch(r.error, /s3cr3t|pa55|alice/);
  }
});

test('bodies are TracesData documents without ghost spans', () => {
  const bodies = otlpHttpBodies([span(0), span(1, true)], { 'service.name': 'x' }, { name: 'wol' });
  assert.equal(bodies.length, 1);
  assert.equal(JSON.parse(bodies[0]!).resourceSpans[0].scopeSpans[0].spans.length, 1);
});

test('posts each body as JSON and reports every request as accepted', async () => {
  const { calls, fetchImpl } = collector(() => json({}));
  const result = await exportOtlpHttp(many(600), URL_, {}, { name: 'wol' }, fetchImpl);
  assert.equal(result.message, 'sent 600 spans to http://c:4318/v1/traces in 2 requests; the Collector accepted all of them');
  assert.deepEqual([result.ok, result.sent, result.rejected, result.unsent], [true, 600, 0, 0]);
  assert.deepEqual(result.batches.map((b) => [b.request, b.spans, b.accepted]), [[1, 500, 500], [2, 100, 100]]);
  assert.equal(calls.length, 2);
});

test('partialSuccess is reported with the rejected count and the Collector\'s message', async () => {
  // rejectedSpans is an int64: a Collector writes it as a string.
  const { fetchImpl } = collector((n) => (n === 1 ? json({ partialSuccess: { rejectedSpans: '7', errorMessage: 'attribute too long' } }) : json({ partialSuccess: {} })));
  const r = await exportOtlpHttp(many(1100), URL_, {}, { name: 'wol' }, fetchImpl);
  assert.equal(r.ok, false);
  assert.deepEqual([r.sent, r.rejected, r.unsent], [1093, 7, 0]);
  assert.deepEqual(r.batches[1], { request: 2, spans: 500, accepted: 493, rejected: 7, ok: true, message: 'attribute too long' });
  assert.equal(r.message, 'sent 1,100 spans to http://c:4318/v1/traces in 3 requests; the Collector accepted 1,093 spans and rejected 7 spans');
});

test('readPartialSuccess: only a JSON reply with something rejected or a message counts', () => {
  assert.equal(readPartialSuccess('', 'application/json'), null);
  assert.equal(readPartialSuccess('{"partialSuccess":{}}', 'application/json'), null);
  assert.equal(readPartialSuccess('\x0a\x02', 'application/x-protobuf'), null);
  assert.deepEqual(readPartialSuccess('{"partialSuccess":{"rejectedSpans":3}}', 'application/json; charset=utf-8'), { rejected: 3, message: '' });
  assert.deepEqual(readPartialSuccess('{"partialSuccess":{"errorMessage":"sampled out"}}', 'application/json'), { rejected: 0, message: 'sampled out' });
});

test('a failure after accepted requests reports what was accepted before it', async () => {
  const { calls, fetchImpl } = collector((n) => (n < 2 ? json({}) : json({ code: 8, message: 'queue is full' }, 503)));
  const r = await exportOtlpHttp(many(1600), URL_, {}, { name: 'wol' }, fetchImpl);
  assert.equal(calls.length, 3);
  assert.deepEqual([r.ok, r.sent, r.rejected, r.unsent], [false, 1000, 0, 600]);
  assert.equal(r.message, 'http://c:4318/v1/traces answered HTTP 503: "queue is full" to request 3 of 4. Before it, the Collector accepted 1,000 spans in 2 requests; 600 spans in requests 3–4 were not accepted');
});

test('a refused connection or an error status on the first request is reported plainly', async () => {
  const r1 = await exportOtlpHttp([span(0)], URL_, {}, { name: 'wol' }, collector(() => 'refuse').fetchImpl);
  assert.equal(r1.ok, false);
  assert.match(r1.message, /^could not reach http:\/\/c:4318\/v1\/traces. Is the Collector running.*Nothing was accepted; 1 span not sent$/);
  const r2 = await exportOtlpHttp([span(0)], URL_, {}, { name: 'wol' }, collector(() => new Response('no', { status: 415 })).fetchImpl);
  assert.equal(r2.message, 'http://c:4318/v1/traces answered HTTP 415 to request 1 of 1. Nothing was accepted; 1 span not sent');
  assert.equal((await exportOtlpHttp([span(0, true)], URL_, {}, { name: 'wol' })).message, 'there are no recorded spans to send yet');
});

test('a send stopped midway says what was accepted and that nothing more was sent', async () => {
  const controller = new AbortController();
  const seen: string[] = [];
  const { calls, fetchImpl } = collector((n) => {
    if (n === 1) controller.abort();
    return json({});
  });
  const r = await exportOtlpHttp(many(1600), URL_, {}, { name: 'wol' }, fetchImpl, { signal: controller.signal, onRequest: (i, n) => seen.push(`${i}/${n}`) });
  assert.equal(calls.length, 2);
  assert.deepEqual(seen, ['1/4', '2/4']);
  assert.deepEqual([r.ok, r.sent, r.unsent], [false, 1000, 600]);
  assert.equal(r.message, 'stopped before request 3 of 4 finished. The Collector had accepted 1,000 spans in 2 requests; 600 spans were not sent or not confirmed');
});
