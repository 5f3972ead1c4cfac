// Limits of the trace import, in one place so the panel and its worker agree.

/**
 * The largest file the viewer reads. JSON.parse of OTLP JSON holds the text and several times its
 * size in objects; above this a tab risks running out of memory, so the file is refused before a
 * byte is read.
 */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

/**
 * Spans per message from the worker. Deserialising a message is one task on the main thread:
 * 2,000 spans took 50–150 ms on a busy two-core machine and 1,000 still came near 200 ms under
 * load, so 500; a few hundred more messages cost little.
 */
export const IMPORT_CHUNK_SPANS = 500;

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

/** Why a file is refused before it is read, or null when its size is fine. */
export function sizeRefusal(bytes: number, limit = MAX_IMPORT_BYTES): string | null {
  if (bytes <= limit) return null;
  return `the file is ${formatBytes(bytes)}, more than the ${formatBytes(limit)} the viewer can hold, so it was not read`;
}
