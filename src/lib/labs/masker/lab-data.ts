// What the masker's driver sends its panel alone (WorkerToHost 'lab-data'): never a span, never
// exported. The originals live only in the page's memory, for the "what would have leaked" view.
import type { Finding } from './units.ts';
import type { Original } from './traffic.ts';

export type MaskerLabData =
  /** Code units of the payload masked so far. */
  | { kind: 'progress'; done: number; total: number }
  /** Original values with matches, by the lab.request_id attribute of their span. */
  | { kind: 'originals'; entries: { requestId: string; originals: Record<string, Original> }[] }
  /** A payload's result: the start of the masked text, and its findings there. */
  | {
    kind: 'payload';
    length: number;
    bytes: number;
    /** The start of the original, for the before view (the page does not hold a generated payload). */
    original: string;
    masked: string;
    findings: Finding[];
    total: number;
    counts: Record<string, number>;
    ms: number;
  };

export function isMaskerLabData(data: unknown): data is MaskerLabData {
  if (!data || typeof data !== 'object') return false;
  const kind = (data as { kind?: unknown }).kind;
  return kind === 'progress' || kind === 'originals' || kind === 'payload';
}
