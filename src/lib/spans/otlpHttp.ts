// Sending spans to an OpenTelemetry Collector over OTLP/HTTP with JSON bodies: one POST per
// TracesData, the same documents the OTLP JSON Lines download holds. The report says exactly what
// the Collector accepted: the OTLP/HTTP specification lets a 200 reply carry
// ExportTraceServiceResponse.partialSuccess with the number of rejected spans and a message.
import type { Attributes, LabSpan } from './model.ts';
import { otlpDocumentCount, otlpDocuments, toOtlpDocuments, type OtlpScope } from './otlp.ts';
import { groupDigits } from '../text/plain.ts';

/** Checks a Collector traces endpoint typed by a learner; returns a URL or a message saying what is wrong. */
export function parseCollectorUrl(text: string): { url: URL } | { error: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: 'enter a full URL such as http://localhost:4318/v1/traces' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'the URL must start with http:// or https://' };
  // Never repeat what was typed here: the message would show the password on the page.
  if (url.username || url.password) {
    return {
      error:
        'the URL contains a user name or password before the host. Browsers refuse to send credentials written in a URL, and the URL would show them to anyone who sees the page. Remove them; for a Collector that needs authentication, run a local Collector without it that forwards to the one that does',
    };
  }
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/traces';
  return { url };
}

/** The request bodies for an export: one TracesData JSON document each. Ghost spans are left out. */
export function otlpHttpBodies(spans: readonly LabSpan[], resource: Attributes, scope: OtlpScope): string[] {
  return toOtlpDocuments(spans, resource, scope).map((d) => d.json);
}

/** What became of one request. */
export interface BatchResult {
  /** 1-based. */
  request: number;
  spans: number;
  accepted: number;
  rejected: number;
  /** partialSuccess.errorMessage, or why the request failed. */
  message: string;
  ok: boolean;
}

export interface ExportResult {
  ok: boolean;
  /** Spans the Collector accepted, over all requests. */
  sent: number;
  /** Spans the Collector said it rejected in partialSuccess replies. */
  rejected: number;
  /** Spans never accepted because a request failed (that request's and the ones after it). */
  unsent: number;
  requests: number;
  batches: BatchResult[];
  message: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${groupDigits(n)} ${n === 1 ? one : many}`;

/**
 * Reads partialSuccess from a JSON reply. An empty body, a protobuf body or a body without
 * partialSuccess means full success (the specification's wording); rejectedSpans is an int64 and
 * may arrive as a string.
 */
export function readPartialSuccess(body: string, contentType: string | null): { rejected: number; message: string } | null {
  if (!body.trim() || !(contentType ?? '').includes('json')) return null;
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return null;
  }
  const ps = (data as Record<string, unknown> | null)?.partialSuccess ?? (data as Record<string, unknown> | null)?.partial_success;
  if (!ps || typeof ps !== 'object') return null;
  const p = ps as Record<string, unknown>;
  const rawRejected = p.rejectedSpans ?? p.rejected_spans ?? 0;
  const rejected = typeof rawRejected === 'number' || (typeof rawRejected === 'string' && /^\d+$/.test(rawRejected)) ? Number(rawRejected) : 0;
  const rawMessage = p.errorMessage ?? p.error_message;
  const message = typeof rawMessage === 'string' ? rawMessage : '';
  if (rejected === 0 && !message) return null;
  return { rejected, message };
}

/** A failed reply's reason: the google.rpc.Status message when the body carries one. */
async function failureText(response: Response): Promise<string> {
  let detail = '';
  try {
    const text = await response.text();
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed?.message === 'string') detail = parsed.message;
  } catch {
    // no readable body: the status says enough
  }
  const short = detail.length > 200 ? `${detail.slice(0, 200)}…` : detail;
  return `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}${short ? `: "${short}"` : ''}`;
}

export interface ExportOptions {
  /** Called before each request (1-based) with the number of requests. */
  onRequest?(request: number, requests: number): void;
  /** Aborted: no further request starts, and the one in flight is abandoned. */
  signal?: AbortSignal;
}

/** POSTs the spans; stops at the first failure and says what had been accepted before it. */
export async function exportOtlpHttp(
  spans: readonly LabSpan[],
  url: URL,
  resource: Attributes,
  scope: OtlpScope,
  fetchImpl: typeof fetch = fetch,
  options: ExportOptions = {},
): Promise<ExportResult> {
  // Each body is made just before it is sent, so a large export never serialises on one task.
  const total = spans.reduce((n, s) => n + (s.dropped ? 0 : 1), 0);
  const docs = { length: otlpDocumentCount(total) };
  const batches: BatchResult[] = [];
  const result = (ok: boolean, message: string): ExportResult => {
    const sent = batches.reduce((n, b) => n + b.accepted, 0);
    const rejected = batches.reduce((n, b) => n + b.rejected, 0);
    return { ok, sent, rejected, unsent: total - sent - rejected, requests: docs.length, batches, message };
  };
  if (docs.length === 0) return result(false, 'there are no recorded spans to send yet');
  let request = 0;
  for (const doc of otlpDocuments(spans, resource, scope)) {
    request++;
    if (options.signal?.aborted) return result(false, stopped(request, docs.length, batches, total));
    options.onRequest?.(request, docs.length);
    let response: Response;
    try {
      response = await fetchImpl(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: doc.json, signal: options.signal });
    } catch {
      // An abandoned request may or may not have reached the Collector; it is counted as not accepted.
      if (options.signal?.aborted) return result(false, stopped(request, docs.length, batches, total));
      batches.push({ request, spans: doc.spans, accepted: 0, rejected: 0, ok: false, message: 'no answer' });
      const reason = `could not reach ${url.href}. Is the Collector running, and does its OTLP HTTP receiver allow this page's origin (${globalThis.location?.origin ?? 'this origin'}) in cors.allowed_origins?`;
      return result(false, withBefore(reason, request, docs.length, batches, total));
    }
    if (!response.ok) {
      const why = await failureText(response);
      batches.push({ request, spans: doc.spans, accepted: 0, rejected: 0, ok: false, message: why });
      return result(false, withBefore(`${url.href} answered ${why} to request ${request} of ${docs.length}`, request, docs.length, batches, total));
    }
    const partial = readPartialSuccess(await response.text().catch(() => ''), response.headers.get('Content-Type'));
    const rejected = Math.min(partial?.rejected ?? 0, doc.spans);
    batches.push({ request, spans: doc.spans, accepted: doc.spans - rejected, rejected, ok: true, message: partial?.message ?? '' });
  }
  const r = result(true, '');
  const requests = plural(docs.length, 'request');
  r.message =
    r.rejected === 0
      ? `sent ${plural(r.sent, 'span')} to ${url.href} in ${requests}; the Collector accepted all of them`
      : `sent ${plural(total, 'span')} to ${url.href} in ${requests}; the Collector accepted ${plural(r.sent, 'span')} and rejected ${plural(r.rejected, 'span')}`;
  r.ok = r.rejected === 0;
  return r;
}

function withBefore(reason: string, failed: number, requests: number, batches: BatchResult[], total: number): string {
  const accepted = batches.reduce((n, b) => n + b.accepted, 0);
  const rejected = batches.reduce((n, b) => n + b.rejected, 0);
  if (failed === 1) return `${reason}. Nothing was accepted; ${plural(total, 'span')} not sent`;
  return `${reason}. Before it, the Collector accepted ${plural(accepted, 'span')} in ${plural(failed - 1, 'request')}${rejected ? ` and rejected ${plural(rejected, 'span')}` : ''}; ${plural(total - accepted - rejected, 'span')} in ${failed === requests ? `request ${failed}` : `requests ${failed}–${requests}`} were not accepted`;
}

function stopped(next: number, requests: number, batches: BatchResult[], total: number): string {
  const accepted = batches.reduce((n, b) => n + b.accepted, 0);
  const rejected = batches.reduce((n, b) => n + b.rejected, 0);
  return `stopped before request ${next} of ${requests} finished. The Collector had accepted ${plural(accepted, 'span')} in ${plural(next - 1, 'request')}${rejected ? ` and rejected ${plural(rejected, 'span')}` : ''}; ${plural(total - accepted - rejected, 'span')} were not sent or not confirmed`;
}
