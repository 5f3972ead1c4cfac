// The trace I/O panel: import (OTLP JSON or JSON Lines, parsed in a Worker with progress and
// Cancel), downloads (OTLP JSON Lines, Chrome trace-event JSON for Perfetto) and sending to a
// Collector. It knows the viewer only through TraceIOSource; its markup is
// src/components/labs/TraceIO.astro.
import type { LabSpan } from '../../spans/model.ts';
// The encoders and the Collector client are loaded when a learner first downloads or sends, so the
// lab page does not pay for them up front (the page's script budget: e2e/lab-weight.spec.ts).
import type { ExportResult } from '../../spans/otlpHttp.ts';
import { RESOURCE, SCOPE } from '../../tracing/LabTracing.ts';
import { IMPORT_CHUNK_SPANS, MAX_IMPORT_BYTES, formatBytes, sizeRefusal } from './limits.ts';
import type { FromImportWorker, ToImportWorker } from './protocol.ts';
import { groupDigits } from '../../text/plain.ts';
import { formatTime } from '../format.ts';

export interface TraceIOSource {
  /** Kept spans currently held (ghosts of dropped traces are never exported). */
  spans(): readonly LabSpan[];
  /** Spans let go to stay within memory, so downloads and the Collector report can say so. */
  evicted(): { spans: number; untilMs: number | null };
  /** Replaces the viewer's content with an imported set. Called only after a file was read completely and correctly. May index in chunks. */
  load(spans: LabSpan[], label: string): Promise<void>;
}

export interface TraceIOOptions {
  /** Creates the import worker; tests may pass another. */
  createWorker?: () => Worker;
  limitBytes?: number;
}

const count = (n: number, one: string, many = `${one}s`) => `${groupDigits(n)} ${n === 1 ? one : many}`;

/** One import in flight; `cancel` ends it and its worker at once. */
interface ImportJob {
  file: File;
  worker: Worker;
  cancel(): void;
}

export class TraceIOPanel {
  #root: HTMLElement;
  #source: TraceIOSource;
  #options: TraceIOOptions;
  #job: ImportJob | null = null;
  #fileInput: HTMLInputElement;
  #progress: HTMLElement;
  #progressBar: HTMLProgressElement;
  #progressText: HTMLElement;
  #cancel: HTMLButtonElement;
  #message: HTMLElement;
  #evictedNote: HTMLElement;
  #sendButton: HTMLButtonElement;
  #stopSending: HTMLButtonElement;
  #sending: AbortController | null = null;
  #urlInput: HTMLInputElement;
  #report: HTMLElement;
  #batches: HTMLOListElement;

  constructor(root: HTMLElement, source: TraceIOSource, options: TraceIOOptions = {}) {
    this.#root = root;
    this.#source = source;
    this.#options = options;
    const q = <T extends Element>(sel: string) => {
      const found = root.querySelector<T>(sel);
      if (!found) throw new Error(`trace I/O markup is missing ${sel}`);
      return found;
    };
    this.#fileInput = q('[data-viewer-import]');
    this.#progress = q('[data-io-progress]');
    this.#progressBar = q('[data-io-progress-bar]');
    this.#progressText = q('[data-io-progress-text]');
    this.#cancel = q('[data-io-cancel]');
    this.#message = q('[data-viewer-file-error]');
    this.#evictedNote = q('[data-io-evicted]');
    this.#sendButton = q('[data-viewer-export]');
    this.#stopSending = q('[data-io-send-stop]');
    this.#urlInput = q('[data-viewer-export-url]');
    this.#report = q('[data-viewer-export-result]');
    this.#batches = q('[data-io-batches]');

    this.#fileInput.addEventListener('change', () => {
      const file = this.#fileInput.files?.[0];
      this.#fileInput.value = '';
      if (file) void this.importFile(file);
    });
    this.#cancel.addEventListener('click', () => this.cancelImport());
    q<HTMLButtonElement>('[data-viewer-download]').addEventListener('click', () => void this.downloadOtlp());
    q<HTMLButtonElement>('[data-io-download-chrome]').addEventListener('click', () => void this.downloadChromeTrace());
    this.#sendButton.addEventListener('click', () => void this.send());
    this.#stopSending.addEventListener('click', () => this.#sending?.abort());
    // The note about evicted spans is refreshed when a learner is about to use the tools.
    root.addEventListener('focusin', () => this.refresh());
    root.addEventListener('pointerenter', () => this.refresh());
    this.refresh();
    root.dataset.ready = 'true';
  }

  /** Redraws the note about spans let go; the viewer may call it when it evicts. */
  refresh(): void {
    const { spans, untilMs } = this.#source.evicted();
    this.#evictedNote.textContent = spans > 0 ? this.#evictionText(spans, untilMs) : '';
    this.#evictedNote.hidden = spans === 0;
  }

  #evictionText(spans: number, untilMs: number | null): string {
    const kept = this.#source.spans().filter((s) => !s.dropped).length;
    return `The viewer let go of the ${count(spans, 'oldest span')}${untilMs === null ? '' : ` (started up to ${formatTime(untilMs)})`} to stay within memory. Downloads and sends hold only the ${count(kept, 'span')} it still has.`;
  }

  // ——— import ———

  /** Reads, checks and loads a file. Nothing already shown changes unless all of it is correct. */
  async importFile(file: File): Promise<void> {
    this.cancelImport(false);
    const limit = this.#options.limitBytes ?? MAX_IMPORT_BYTES;
    const refusal = sizeRefusal(file.size, limit);
    if (refusal) return this.#fail(file, refusal);
    const worker = this.#options.createWorker?.() ?? new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module', name: 'trace-import' });
    const received: LabSpan[] = [];
    let total = 0;
    let settle: () => void = () => {};
    const finished = new Promise<void>((resolve) => (settle = resolve));
    const job: ImportJob = {
      file,
      worker,
      cancel: () => {
        worker.terminate();
        settle();
      },
    };
    this.#job = job;
    this.#showProgress(`Reading ${file.name}…`, 0);
    const end = () => {
      worker.terminate();
      if (this.#job === job) this.#job = null;
      this.#hideProgress();
      settle();
    };
    worker.addEventListener('message', (e: MessageEvent<FromImportWorker>) => {
      if (this.#job !== job) return;
      const m = e.data;
      switch (m.type) {
        case 'progress':
          if (m.phase === 'reading') this.#showProgress(`Reading ${file.name}: ${formatBytes(m.bytesRead)} of ${formatBytes(m.totalBytes)}`, m.totalBytes ? (m.bytesRead / m.totalBytes) * 0.5 : 0);
          else this.#showProgress(`Checking ${file.name}: ${count(m.spans, 'span')} read`, null);
          break;
        case 'parsed':
          total = m.total;
          this.#showProgress(`${file.name} is correct. Receiving ${count(total, 'span')}…`, 0.5);
          break;
        case 'spans':
          for (const s of m.spans) received.push(s);
          this.#showProgress(`Receiving spans: ${groupDigits(received.length)} of ${groupDigits(total)}`, 0.5 + (received.length / Math.max(total, 1)) * 0.5);
          break;
        case 'done':
          worker.terminate();
          // From here the import cannot be cancelled: the viewer is being replaced. aria-disabled,
          // not disabled, so a learner whose focus is on Cancel keeps it (a disabled button drops
          // focus to the page's body) and #hideProgress can hand it back to the file input.
          this.#cancel.setAttribute('aria-disabled', 'true');
          this.#showProgress(`Showing ${count(received.length, 'span')}…`, 1);
          // A frame first, so "Showing…" is painted before the viewer starts its work; the marks
          // tell DevTools and tests where the viewer's work begins and ends.
          void new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
            .then(() => {
              performance.mark('trace-io:load-start');
              return this.#source.load(received, `Loaded ${count(received.length, 'span')} from ${file.name}.`);
            })
            .then(
              () => this.#say('ok', `Loaded ${count(received.length, 'span')} from ${file.name}.`),
              (err: unknown) => this.#fail(file, `the viewer could not show it (${(err as Error)?.message ?? err})`),
            )
            .finally(() => {
              performance.mark('trace-io:load-end');
              this.#cancel.removeAttribute('aria-disabled');
              end();
              this.refresh();
            });
          break;
        case 'error':
          end();
          this.#fail(file, m.message);
          break;
      }
    });
    worker.addEventListener('error', (e) => {
      if (this.#job !== job) return;
      e.preventDefault();
      end();
      this.#fail(file, `the import worker stopped (${e.message || 'no reason given'})`);
    });
    const message: ToImportWorker = { type: 'import', file, limitBytes: limit, chunkSpans: IMPORT_CHUNK_SPANS };
    worker.postMessage(message);
    return finished;
  }

  /** Stops an import in progress; what the viewer showed stays as it was. */
  cancelImport(announce = true): void {
    const job = this.#job;
    if (!job || this.#cancel.getAttribute('aria-disabled') === 'true') return;
    this.#job = null;
    job.cancel();
    this.#hideProgress();
    if (announce) this.#say('info', `Import of ${job.file.name} cancelled. The viewer still shows what it showed before.`);
  }

  #showProgress(text: string, fraction: number | null): void {
    const wasHidden = this.#progress.hidden;
    this.#progress.hidden = false;
    this.#root.setAttribute('aria-busy', 'true');
    this.#progressText.textContent = text;
    if (fraction === null) this.#progressBar.removeAttribute('value');
    else this.#progressBar.value = fraction;
    if (wasHidden) this.#say('info', '');
  }

  #hideProgress(): void {
    // Keep keyboard focus in the panel when the Cancel button it was on disappears.
    const hadFocus = document.activeElement === this.#cancel;
    this.#progress.hidden = true;
    this.#root.removeAttribute('aria-busy');
    if (hadFocus) this.#fileInput.focus();
  }

  #fail(file: File, reason: string): void {
    this.#say('error', `${file.name} was not loaded: ${reason}. The viewer still shows what it showed before.`);
  }

  #say(state: 'ok' | 'error' | 'info', text: string): void {
    this.#message.dataset.state = state;
    this.#message.textContent = text;
  }

  // ——— downloads ———

  #stamp(): string {
    return new Date().toISOString().replace(/[:.]/g, '-');
  }

  #save(parts: BlobPart[], type: string, name: string): void {
    performance.mark('trace-io:save');
    const url = URL.createObjectURL(new Blob(parts, { type }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  }

  #downloadNote(what: string, spans: number): void {
    this.refresh();
    const { spans: evicted, untilMs } = this.#source.evicted();
    this.#say('ok', `Downloaded ${count(spans, 'span')} as ${what}.${evicted ? ` ${this.#evictionText(evicted, untilMs)}` : ''}`);
  }

  /**
   * Runs a serialiser in slices of about 25 ms, yielding to the page between them, so a download
   * of 60,000 spans never blocks input. Text is encoded to UTF-8 a megabyte at a time as it comes:
   * a Blob made from tens of megabytes of strings encodes them all in one task.
   */
  async #collect(parts: Iterable<string>, what: string): Promise<Uint8Array<ArrayBuffer>[]> {
    const encoder = new TextEncoder();
    const blocks: Uint8Array<ArrayBuffer>[] = [];
    let block = '';
    let sliceStart = performance.now();
    for (const part of parts) {
      block += part;
      if (block.length > 1 << 20) {
        blocks.push(encoder.encode(block));
        block = '';
      }
      if (performance.now() - sliceStart > 25) {
        this.#say('info', `Preparing ${what}…`);
        await new Promise((resolve) => setTimeout(resolve, 0));
        sliceStart = performance.now();
      }
    }
    if (block) blocks.push(encoder.encode(block));
    return blocks;
  }

  async #download(button: HTMLButtonElement, work: () => Promise<void>): Promise<void> {
    // aria-disabled, not disabled: a disabled button drops keyboard focus to the page's body, and
    // a learner who pressed Enter on it would have to find their place again.
    if (button.getAttribute('aria-disabled') === 'true') return;
    button.setAttribute('aria-disabled', 'true');
    // The spans are taken as they are now; a run that goes on adds to the viewer, not to the file.
    try {
      await work();
    } finally {
      button.removeAttribute('aria-disabled');
    }
  }

  /** OTLP JSON Lines, one TracesData per line, as the Collector's file exporter writes them. */
  downloadOtlp(): Promise<void> {
    return this.#download(this.#root.querySelector<HTMLButtonElement>('[data-viewer-download]')!, async () => {
      let spans = 0;
      const lines = function* (docs: Iterable<{ json: string; spans: number }>) {
        for (const d of docs) {
          spans += d.spans;
          yield `${d.json}\n`;
        }
      };
      const { otlpDocuments } = await import('../../spans/otlp.ts');
      const blocks = await this.#collect(lines(otlpDocuments([...this.#source.spans()], RESOURCE, SCOPE)), 'the OTLP JSON Lines file');
      this.#save(blocks, 'application/jsonl', `lab-run-${this.#stamp()}.otlp.jsonl`);
      this.#downloadNote('OTLP JSON Lines', spans);
    });
  }

  /** Chrome trace-event JSON, which Perfetto UI (ui.perfetto.dev) and chrome://tracing open. */
  downloadChromeTrace(): Promise<void> {
    return this.#download(this.#root.querySelector<HTMLButtonElement>('[data-io-download-chrome]')!, async () => {
      const { spans: evicted, untilMs } = this.#source.evicted();
      const notes: Record<string, string | number> = evicted ? { 'evicted-spans': evicted, ...(untilMs === null ? {} : { 'evicted-until-unix-ms': untilMs }) } : {};
      const spans = [...this.#source.spans()];
      const { chromeTraceJson } = await import('../../spans/chromeTrace.ts');
      const blocks = await this.#collect(chromeTraceJson(spans, RESOURCE, notes), 'the Perfetto file');
      this.#save(blocks, 'application/json', `lab-run-${this.#stamp()}.trace.json`);
      this.#downloadNote('Chrome trace-event JSON (open it in Perfetto UI)', spans.filter((s) => !s.dropped).length);
    });
  }

  // ——— Collector ———

  async send(): Promise<ExportResult | null> {
    this.#batches.replaceChildren();
    const { exportOtlpHttp, parseCollectorUrl } = await import('../../spans/otlpHttp.ts');
    const parsed = parseCollectorUrl(this.#urlInput.value);
    if ('error' in parsed) {
      // Take credentials out of the field too, so the password is not left on the page.
      try {
        const u = new URL(this.#urlInput.value.trim());
        if (u.username || u.password) {
          u.username = '';
          u.password = '';
          this.#urlInput.value = u.href;
        }
      } catch {
        // not a URL at all: nothing to take out
      }
      this.#report.dataset.state = 'error';
      this.#report.textContent = `Not sent: ${parsed.error}.`;
      return null;
    }
    const controller = new AbortController();
    this.#sending = controller;
    this.#sendButton.disabled = true;
    this.#stopSending.hidden = false;
    this.#report.dataset.state = '';
    this.#report.textContent = 'Sending…';
    // A copy: the viewer may add or let go of spans while the requests are under way.
    const result = await exportOtlpHttp([...this.#source.spans()], parsed.url, RESOURCE, SCOPE, fetch, {
      signal: controller.signal,
      onRequest: (request, requests) => {
        if (requests > 1) this.#report.textContent = `Sending request ${request} of ${requests}…`;
      },
    });
    this.#sending = null;
    // Keep keyboard focus in the panel when the Stop button it was on goes away.
    const stopHadFocus = document.activeElement === this.#stopSending;
    this.#stopSending.hidden = true;
    this.#sendButton.disabled = false;
    if (stopHadFocus) this.#sendButton.focus();
    const { spans: evicted, untilMs } = this.#source.evicted();
    const note = evicted ? ` ${this.#evictionText(evicted, untilMs)}` : '';
    this.#report.dataset.state = result.ok ? 'ok' : result.sent > 0 ? 'partial' : 'error';
    this.#report.textContent = result.ok
      ? `Done: ${result.message}.${note}`
      : controller.signal.aborted
        ? `Stopped: ${result.message}.${note}`
        : result.sent > 0 || result.rejected > 0
        ? `Partly accepted: ${result.message}.${note}`
        : `Not sent: ${result.message}.${note}`;
    if (result.batches.length > 1 || result.batches.some((b) => !b.ok || b.rejected)) {
      this.#batches.replaceChildren(...groupBatches(result.batches).map((g) => {
        const li = document.createElement('li');
        li.dataset.state = g.state;
        li.textContent = describeGroup(g);
        return li;
      }));
    }
    return result;
  }
}

interface BatchGroup {
  first: number;
  last: number;
  state: 'ok' | 'partial' | 'error';
  spans: number;
  accepted: number;
  rejected: number;
  message: string;
}

/** Consecutive requests with the same outcome and message, so 120 alike requests are one line. */
function groupBatches(batches: ExportResult['batches']): BatchGroup[] {
  const groups: BatchGroup[] = [];
  for (const b of batches) {
    const state = !b.ok ? 'error' : b.rejected ? 'partial' : 'ok';
    const last = groups[groups.length - 1];
    if (last && last.state === state && last.message === b.message && state !== 'error') {
      last.last = b.request;
      last.spans += b.spans;
      last.accepted += b.accepted;
      last.rejected += b.rejected;
    } else groups.push({ first: b.request, last: b.request, state, spans: b.spans, accepted: b.accepted, rejected: b.rejected, message: b.message });
  }
  return groups;
}

function describeGroup(g: BatchGroup): string {
  const n = (x: number) => groupDigits(x);
  const which = g.first === g.last ? `Request ${g.first}` : `Requests ${g.first}–${g.last}`;
  const spans = `${count(g.spans, 'span')}${g.first === g.last ? '' : ` in ${g.last - g.first + 1} requests`}`;
  if (g.state === 'error') return `${which}: ${spans}, failed: ${g.message}.`;
  if (g.state === 'partial') return `${which}: ${spans}, ${n(g.accepted)} accepted, ${n(g.rejected)} rejected${g.message ? `: "${g.message}"` : ''}.`;
  return `${which}: ${spans}, all accepted${g.message ? ` (the Collector said: "${g.message}")` : ''}.`;
}
