// Sending spans to an OpenTelemetry Collector over OTLP/HTTP with JSON bodies: one POST per
// TracesData, the same objects the OTLP JSON Lines download holds.
import type { Attributes, LabSpan } from './model.ts';
import { toOtlpJsonLines, type OtlpScope } from './otlp.ts';

/** Checks a Collector traces endpoint typed by a learner; returns a URL or a message saying what is wrong. */
export function parseCollectorUrl(text: string): { url: URL } | { error: string } {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return { error: 'enter a full URL such as http://localhost:4318/v1/traces' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return { error: 'the URL must start with http:// or https://' };
  if (url.pathname === '/' || url.pathname === '') url.pathname = '/v1/traces';
  return { url };
}

/** The request bodies for an export: one TracesData JSON document each. Ghost spans are left out. */
export function otlpHttpBodies(spans: readonly LabSpan[], resource: Attributes, scope: OtlpScope): string[] {
  return toOtlpJsonLines(spans, resource, scope).split('\n').filter((line) => line.length > 0);
}

export interface ExportResult {
  sent: number;
  message: string;
  ok: boolean;
}

/** POSTs the spans; stops at the first failure and says which request failed and why. */
export async function exportOtlpHttp(
  spans: readonly LabSpan[],
  url: URL,
  resource: Attributes,
  scope: OtlpScope,
  fetchImpl: typeof fetch = fetch,
): Promise<ExportResult> {
  const bodies = otlpHttpBodies(spans, resource, scope);
  const recorded = spans.filter((s) => !s.dropped).length;
  if (bodies.length === 0) return { sent: 0, ok: false, message: 'there are no recorded spans to send yet' };
  for (const [i, body] of bodies.entries()) {
    let response: Response;
    try {
      response = await fetchImpl(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
    } catch {
      return {
        sent: 0,
        ok: false,
        message: `could not reach ${url.href}. Is the Collector running, and does its OTLP HTTP receiver allow this page's origin (${globalThis.location?.origin ?? 'this origin'}) in cors.allowed_origins?`,
      };
    }
    if (!response.ok) {
      return { sent: 0, ok: false, message: `${url.href} answered HTTP ${response.status} to request ${i + 1} of ${bodies.length}` };
    }
  }
  return { sent: recorded, ok: true, message: `sent ${recorded} spans to ${url.href} in ${bodies.length} request${bodies.length > 1 ? 's' : ''}` };
}
