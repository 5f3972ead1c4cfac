import { groupDigits } from '../../text/plain.ts';
// Limits of the trace import, in one place so the panel and its worker agree.

/**
 * The largest file the viewer reads. JSON.parse of OTLP JSON holds the text and several times its
 * size in objects; above this a tab risks running out of memory, so the file is refused before a
 * byte is read.
 */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

/**
 * Spans per message from the worker. Deserialising a message is one task on the main thread:
 * 2,000 spans took 50–150 ms on a busy two-core machine, and 500 still reached 200 ms when other
 * builds ran beside it, so 250; a few hundred more messages cost little.
 */
export const IMPORT_CHUNK_SPANS = 250;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  // One decimal, without a trailing ".0": "128 MiB", "30.7 MiB".
  const oneDecimal = (n: number) => n.toFixed(1).replace(/\.0$/, '');
  if (bytes < 1024 * 1024) return `${oneDecimal(bytes / 1024)} KiB`;
  return `${oneDecimal(bytes / (1024 * 1024))} MiB`;
}

/** Why a file is refused before it is read, or null when its size is fine. */
export function sizeRefusal(bytes: number, limit = MAX_IMPORT_BYTES): string | null {
  if (bytes <= limit) return null;
  let [size, max] = [formatBytes(bytes), formatBytes(limit)];
  // Just over the limit, both round alike; exact bytes say why it was refused.
  if (size === max) [size, max] = [`${groupDigits(bytes)} bytes`, `${groupDigits(limit)} bytes`];
  return `the file is ${size}, more than the ${max} the viewer can hold, so it was not read`;
}
