// MOUNT POINT for the trace I/O panel. Branch viewer-io replaces this file with
// src/lib/viewer/io/TraceIOPanel.ts (import in a Worker with progress and Cancel, OTLP JSON Lines
// and Chrome trace downloads, the Collector report) and TraceIO.astro. Until that merge, this keeps
// the earlier download, import and Collector controls working over the same TraceIOSource.
import { parseOtlpJsonLines, toOtlpJsonLines, OtlpFormatError } from '../spans/otlp.ts';
import { exportOtlpHttp, parseCollectorUrl } from '../spans/otlpHttp.ts';
import { RESOURCE, SCOPE } from '../tracing/LabTracing.ts';
import type { TraceIOSource } from './TraceIOSource.ts';

export class LegacyTraceIO {
  #source: TraceIOSource;

  constructor(root: HTMLElement, source: TraceIOSource) {
    this.#source = source;
    const q = <T extends Element>(sel: string) => {
      const found = root.querySelector<T>(sel);
      if (!found) throw new Error(`trace I/O markup is missing ${sel}`);
      return found;
    };
    const fileError = q<HTMLElement>('[data-viewer-file-error]');
    q<HTMLButtonElement>('[data-viewer-download]').addEventListener('click', () => this.download());
    q<HTMLInputElement>('[data-viewer-import]').addEventListener('change', async (e) => {
      const input = e.target as HTMLInputElement;
      const file = input.files?.[0];
      if (!file) return;
      try {
        const spans = parseOtlpJsonLines(await file.text());
        fileError.textContent = '';
        await this.#source.load(spans, `Loaded ${spans.length} spans from ${file.name}.`);
      } catch (err) {
        const reason = err instanceof OtlpFormatError ? err.message : `could not read the file (${(err as Error).message})`;
        fileError.textContent = `${file.name} was not loaded: ${reason}. The viewer still shows what it showed before.`;
      } finally {
        input.value = '';
      }
    });
    const exportButton = q<HTMLButtonElement>('[data-viewer-export]');
    exportButton.addEventListener('click', async () => {
      const result = q<HTMLElement>('[data-viewer-export-result]');
      const parsed = parseCollectorUrl(q<HTMLInputElement>('[data-viewer-export-url]').value);
      if ('error' in parsed) {
        result.dataset.state = 'error';
        result.textContent = `Not sent: ${parsed.error}.`;
        return;
      }
      exportButton.disabled = true;
      result.dataset.state = '';
      result.textContent = 'Sending…';
      const outcome = await exportOtlpHttp(this.#source.spans(), parsed.url, RESOURCE, SCOPE);
      exportButton.disabled = false;
      result.dataset.state = outcome.ok ? 'ok' : 'error';
      result.textContent = outcome.ok ? `Done: ${outcome.message}.` : `Not sent: ${outcome.message}.`;
    });
  }

  download(): void {
    const text = toOtlpJsonLines(this.#source.spans(), RESOURCE, SCOPE);
    const url = URL.createObjectURL(new Blob([text], { type: 'application/jsonl' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `lab-run-${new Date().toISOString().replace(/[:.]/g, '-')}.otlp.jsonl`;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }
}
