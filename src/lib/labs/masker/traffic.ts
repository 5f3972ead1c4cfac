// Synthetic traffic for the masker lab, and the spans it becomes once masked. Pure apart from the
// random source, so tests can run it with a seeded one.
import { SPAN_KIND, type Attributes, type SpanAnnotation } from '../../spans/model.ts';
import type { WorkerSpan } from '../protocol.ts';
import { mixedPayload, sample } from '../../../../labs/masker/payload.mjs';
import type { Finding, MaskedText } from './units.ts';

export type Random = () => number;

const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
  'shop-app/5.2.1 (Android 14; Pixel 8; contact: support@example.com)',
];
const USERS = ['zhang.san@example.com', 'li.si+orders@mail.example.cn', 'alice@shop.example.org', 'bob.smith@example.com'];

/** One request as the proxy sees it: the values a span would carry, before masking. */
export interface RawRequest {
  requestId: string;
  traceId: string;
  startMs: number;
  durationMs: number;
  attributes: Record<string, string>;
  /** A log line written while handling the request: an event's attribute. */
  log: string;
}

function hex32(rand: Random): string {
  let s = '';
  for (let i = 0; i < 4; i++) s += Math.floor(rand() * 0x100000000).toString(16).padStart(8, '0');
  return s;
}

export function generateRequest(seq: number, startMs: number, rand: Random): RawRequest {
  const phone = `1${3 + Math.floor(rand() * 7)}${String(Math.floor(rand() * 1e9)).padStart(9, '0')}`;
  return {
    requestId: `req-${seq}`,
    traceId: hex32(rand),
    startMs,
    durationMs: 5 + rand() * 40,
    attributes: {
      'http.request.method': 'POST',
      'url.path': '/api/v1/checkout',
      'http.request.body': sample(rand),
      'enduser.id': USERS[Math.floor(rand() * USERS.length)]!,
      'user_agent.original': AGENTS[Math.floor(rand() * AGENTS.length)]!,
      'http.request.header.x-customer-phone': rand() < 0.5 ? phone : `+86 ${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
    },
    log: sample(rand).split('\n')[0]!,
  };
}

/** Counts of findings by rule, as "card ×2, email ×1". */
export function describeFindings(findings: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
  return [...counts].map(([rule, n]) => `${rule} ×${n}`).join(', ');
}

export function maskedAnnotation(findings: readonly Finding[]): string {
  return `masked in the worker before the span left it: ${describeFindings(findings)}`;
}

/** What the page keeps of one masked value: the original and where the matches were. */
export interface Original {
  value: string;
  findings: Finding[];
}

/**
 * The span of a request whose every attribute value, and its log event's, went through `mask`;
 * and the originals of the values that had matches, for the page's memory alone.
 */
export function maskedRequestSpan(
  req: RawRequest,
  localId: number,
  mask: (text: string) => MaskedText,
): { span: WorkerSpan; originals: Record<string, Original> } {
  const attributes: Attributes = { 'lab.request_id': req.requestId };
  const annotations: SpanAnnotation[] = [];
  const originals: Record<string, Original> = {};
  for (const [key, value] of Object.entries(req.attributes)) {
    const m = mask(value);
    attributes[key] = m.text;
    if (m.findings.length) {
      annotations.push({ target: { attribute: key }, text: maskedAnnotation(m.findings) });
      originals[key] = { value, findings: m.findings };
    }
  }
  const log = mask(req.log);
  if (log.findings.length) {
    annotations.push({ target: { event: 'log' }, text: maskedAnnotation(log.findings) });
    originals['event log: log.message'] = { value: req.log, findings: log.findings };
  }
  const span: WorkerSpan = {
    localId,
    traceId: req.traceId,
    name: 'POST /api/v1/checkout',
    kind: SPAN_KIND.server,
    startMs: req.startMs,
    endMs: req.startMs + req.durationMs,
    attributes,
    events: [{ name: 'log', timeMs: req.startMs + req.durationMs / 2, attributes: { 'log.message': log.text } }],
    keep: true,
  };
  if (annotations.length) span.annotations = annotations;
  return { span, originals };
}

/** Splits a payload into pieces that end at a line break, each about `size` code units or more. */
export function lineChunks(text: string, size: number): [number, number][] {
  const out: [number, number][] = [];
  let start = 0;
  while (start < text.length) {
    let end = start + size >= text.length ? text.length : text.indexOf('\n', start + size);
    end = end < 0 ? text.length : Math.min(text.length, end + 1);
    out.push([start, end]);
    start = end;
  }
  return out;
}

/** Size of the generated large payload, in UTF-8 bytes (at least). */
export const LARGE_PAYLOAD_BYTES = 10_000_000;

/**
 * The lab's large payload: a 100 kB block of mixed traffic, repeated to LARGE_PAYLOAD_BYTES. The
 * worker builds it, so that 10 MB never crosses from the page (cloning it there is a long task).
 */
export function largePayload(): string {
  const block = mixedPayload(100_000, 7);
  return block.repeat(Math.ceil(LARGE_PAYLOAD_BYTES / utf8Length(block)));
}

/** UTF-8 length of a string, without encoding it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00 && i + 1 < s.length && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
