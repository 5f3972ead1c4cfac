// The work of the import worker, kept apart from the worker's wiring so Node tests can run it:
// read the file as UTF-8 with progress, parse and check all of it, and only then hand the spans
// over in chunks. Nothing is sent before the whole file was found correct.
import { OtlpFormatError, parseOtlp } from '../../spans/otlpImport.ts';
import type { FromImportWorker } from './protocol.ts';
import { sizeRefusal } from './limits.ts';

/** Progress messages at most this often; more would only queue up on the main thread. */
const PROGRESS_INTERVAL_MS = 100;

export async function runImport(file: Blob, limitBytes: number, chunkSpans: number, post: (m: FromImportWorker) => void): Promise<void> {
  const refusal = sizeRefusal(file.size, limitBytes);
  if (refusal) return post({ type: 'error', message: refusal });
  let lastProgress = 0;
  const progress = (m: Extract<FromImportWorker, { type: 'progress' }>, force = false) => {
    const now = Date.now();
    if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    post(m);
  };

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const parts: string[] = [];
  let bytesRead = 0;
  const reader = file.stream().getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      bytesRead += value.byteLength;
      parts.push(decoder.decode(value, { stream: true }));
      progress({ type: 'progress', phase: 'reading', bytesRead, totalBytes: file.size, spans: 0 });
    }
    parts.push(decoder.decode());
  } catch (err) {
    const message = err instanceof TypeError ? `the file is not UTF-8 text (an invalid byte within its first ${bytesRead.toLocaleString('en-US')} bytes)` : `the file could not be read (${(err as Error).message})`;
    return post({ type: 'error', message });
  }
  progress({ type: 'progress', phase: 'reading', bytesRead, totalBytes: file.size, spans: 0 }, true);

  let spans;
  try {
    spans = parseOtlp(parts.join(''), {
      onProgress: (n) => progress({ type: 'progress', phase: 'parsing', bytesRead, totalBytes: file.size, spans: n }),
    });
  } catch (err) {
    if (err instanceof OtlpFormatError) return post({ type: 'error', message: err.message });
    // A RangeError from an engine limit (a string too long for JSON.parse) is still the file's size.
    return post({ type: 'error', message: `the file could not be parsed (${(err as Error).message})` });
  }
  post({ type: 'parsed', total: spans.length });
  for (let i = 0; i < spans.length; i += chunkSpans) post({ type: 'spans', spans: spans.slice(i, i + chunkSpans) });
  post({ type: 'done', total: spans.length });
}
