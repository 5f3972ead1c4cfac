// What the trace I/O panel (import, downloads, Collector) needs from the viewer. The panel itself
// lives in ./io/ (branch viewer-io); this interface is the seam both sides code against.
import type { LabSpan } from '../spans/model.ts';

export interface TraceIOSource {
  /** Kept spans currently held (ghosts of dropped traces are never exported). */
  spans(): readonly LabSpan[];
  /** Spans let go to stay within memory, so downloads and the Collector report can say so. */
  evicted(): { spans: number; untilMs: number | null };
  /** Replaces the viewer's content with an imported set. Called only after a file was read completely and correctly. May index in chunks. */
  load(spans: LabSpan[], label: string): Promise<void>;
}
