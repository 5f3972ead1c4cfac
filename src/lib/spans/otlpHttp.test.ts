import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LabSpan } from './model.ts';
import { exportOtlpHttp, otlpHttpBodies, parseCollectorUrl } from './otlpHttp.ts';

const span = (i: number, dropped = false): LabSpan => ({
  traceId: 'a'.repeat(32), spanId: (i + 1).toString(16).padStart(16, '0'), name: `s${i}`, kind: 2,
  startMs: 1, endMs: 2, attributes: {}, events: [], links: [], status: { code: 0 }, dropped,
});

test('a Collector URL needs a scheme and gets the traces path when it has none', () => {
  const ok = parseCollectorUrl('http://localhost:4318');
  assert.ok('url' in ok);
  assert.equal(ok.url.href, 'http://localhost:4318/v1/traces');
  assert.deepEqual(parseCollectorUrl('localhost:4318'), { error: 'the URL must start with http:// or https://' });
  assert.match((parseCollectorUrl('not a url') as { error: string }).error, /full URL/);
});

test('bodies are TracesData documents without ghost spans', () => {
  const bodies = otlpHttpBodies([span(0), span(1, true)], { 'service.name': 'x' }, { name: 'wol' });
  assert.equal(bodies.length, 1);
  assert.equal(JSON.parse(bodies[0]!).resourceSpans[0].scopeSpans[0].spans.length, 1);
});

test('posts each body as JSON and reports the count', async () => {
  const calls: { url: string; init: RequestInit }[] = [];
  const fake = (async (url: URL, init: RequestInit) => {
    calls.push({ url: url.href, init });
    return new Response('{}', { status: 200 });
  }) as unknown as typeof fetch;
  const spans = Array.from({ length: 600 }, (_, i) => span(i));
  const result = await exportOtlpHttp(spans, new URL('http://c:4318/v1/traces'), {}, { name: 'wol' }, fake);
  assert.deepEqual(result, { sent: 600, ok: true, message: 'sent 600 spans to http://c:4318/v1/traces in 2 requests' });
  assert.equal(calls.length, 2);
  assert.equal((calls[0]!.init.headers as Record<string, string>)['Content-Type'], 'application/json');
});

test('a refused connection or an error status is reported plainly', async () => {
  const refused = (async () => { throw new TypeError('Failed to fetch'); }) as unknown as typeof fetch;
  const r1 = await exportOtlpHttp([span(0)], new URL('http://c:4318/v1/traces'), {}, { name: 'wol' }, refused);
  assert.equal(r1.ok, false);
  assert.match(r1.message, /could not reach http:\/\/c:4318\/v1\/traces. Is the Collector running/);
  const bad = (async () => new Response('no', { status: 415 })) as unknown as typeof fetch;
  const r2 = await exportOtlpHttp([span(0)], new URL('http://c:4318/v1/traces'), {}, { name: 'wol' }, bad);
  assert.match(r2.message, /answered HTTP 415 to request 1 of 1/);
  assert.equal((await exportOtlpHttp([span(0, true)], new URL('http://c/v1/traces'), {}, { name: 'wol' })).message, 'there are no recorded spans to send yet');
});
