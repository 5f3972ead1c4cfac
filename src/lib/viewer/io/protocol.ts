// Messages between the trace I/O panel and its import worker: one discriminated union each way.
import type { LabSpan } from '../../spans/model.ts';

export type ToImportWorker = { type: 'import'; file: Blob; limitBytes: number; chunkSpans: number };

export type FromImportWorker =
  /** Bytes read so far (reading), or spans checked so far (parsing). */
  | { type: 'progress'; phase: 'reading' | 'parsing'; bytesRead: number; totalBytes: number; spans: number }
  /** The file was read completely and correctly; `total` spans follow in chunks. */
  | { type: 'parsed'; total: number }
  | { type: 'spans'; spans: LabSpan[] }
  | { type: 'done'; total: number }
  | { type: 'error'; message: string };
