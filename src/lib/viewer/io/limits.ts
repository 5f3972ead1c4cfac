// Limits of the trace import, in one place so the panel and its worker agree.

/**
 * The largest file the viewer reads. JSON.parse of OTLP JSON holds the text and several times its
 * size in objects; above this a tab risks running out of memory, so the file is refused before a
 * byte is read.
 */
export const MAX_IMPORT_BYTES = 128 * 1024 * 1024;

/**
 * Spans per message from the worker. Structured clone of a message is one task on the main thread;
 * a few thousand spans keep it well under the 50 ms a frame can spare.
 */
export const IMPORT_CHUNK_SPANS = 2000;

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
