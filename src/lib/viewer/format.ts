/** Display helpers for the span viewer. */
import { clockTime } from '../text/plain.ts';

export function formatDuration(ms: number): string {
  if (ms < 1) return `${Math.round(ms * 1000)} µs`;
  if (ms < 1000) return `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

export function formatPercent(ratio: number | null): string {
  if (ratio === null) return '–';
  const pct = ratio * 100;
  return `${pct < 10 && pct !== 0 ? pct.toFixed(1) : Math.round(pct)}%`;
}

export function formatTime(ms: number): string {
  const d = new Date(ms);
  return `${clockTime(d)}.${String(Math.floor(ms % 1000)).padStart(3, '0')}`;
}

const KINDS = ['unspecified', 'internal', 'server', 'client', 'producer', 'consumer'];
export const kindName = (kind: number): string => KINDS[kind] ?? String(kind);

const STATUS = ['unset', 'ok', 'error'];
export const statusName = (code: number): string => STATUS[code] ?? String(code);
