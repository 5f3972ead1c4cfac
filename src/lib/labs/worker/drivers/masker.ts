// The masker lab inside the worker: loads the Wasm component built from labs/masker and puts it in
// the data path, as a proxy-wasm filter sits in Envoy's: every request body and every span and
// event attribute value goes through it before a span leaves the worker. The originals of values
// that had matches go to the page's panel alone (lab-data), never into a span.
import { instantiate, type Root as MaskerComponent } from '../../../../../labs/out/masker/masker.js';
import coreUrl from '../../../../../labs/out/masker/masker.core.wasm?url';
import { pluginConfigError } from '../errors.ts';
import type { DriverIO, LabDriver } from '../driver.ts';
import { compileCoreModule } from '../compile.ts';
import type { LabFigure } from '../../figures.ts';
import { maskText, type Finding } from '../../masker/units.ts';
import { MAX_PAYLOAD_BYTES, maskerSettingsSchema, payloadSizeError, pluginConfig, type MaskerSettings } from '../../masker/settings.ts';
import { generateRequest, largePayload, lineChunks, maskedAnnotation, maskedRequestSpan, utf8Length, type Original } from '../../masker/traffic.ts';
import { SPAN_KIND } from '../../../spans/model.ts';
import type { MaskerLabData } from '../../masker/lab-data.ts';

const TICK_MS = 100;
/** A payload is masked in pieces of about this many code units, ending at a line break, with a progress report after each. */
const CHUNK = 256 * 1024;
/** How much of a payload the page shows before and after: laying out more costs the main thread. */
export const PREVIEW = 5_000;
/** Progress and figures go to the page at most this often. */
const REPORT_MS = 250;
const SPAN_BODY = 2_000;

export function createMaskerDriver(): LabDriver {
  let component: MaskerComponent | null = null;

  const need = (): MaskerComponent => {
    if (!component) throw new Error('the component is not instantiated');
    return component;
  };

  const configure = (config: string): string => {
    const c = need();
    try {
      c.configure(config);
    } catch (err) {
      throw pluginConfigError(err);
    }
    return c.currentConfig();
  };

  const adopt = (raw: unknown): MaskerSettings => {
    const s = maskerSettingsSchema.parse(raw);
    configure(pluginConfig(s));
    return s;
  };

  return {
    configure,
    update: (raw) => configure(pluginConfig(maskerSettingsSchema.parse(raw))),

    async instantiate(fault) {
      const module = await compileCoreModule(coreUrl, fault === 'corrupt-module');
      component = await instantiate(() => module, {});
      return { 'lab.component': 'wol:masker@0.1.0', 'lab.imports': 'none' };
    },

    async run(rawSettings, io: DriverIO) {
      const c = need();
      const settings = adopt(rawSettings);
      const { payload, large, file } = rawSettings as { payload?: unknown; large?: unknown; file?: unknown };
      const send = (data: MaskerLabData) => io.labData(data);
      const counts = new Map<string, number>();
      let bytes = 0;
      let maskMs = 0;
      const figures = (): LabFigure[] => [
        ...[...counts].map(([rule, n]): LabFigure => ({ id: `matches-${rule}`, label: `matches: ${rule}`, value: n, format: 'count' })),
        { id: 'bytes-scanned', label: 'bytes scanned', value: bytes, format: 'bytes' },
        { id: 'throughput', label: 'masking throughput', value: maskMs > 0 ? bytes / 1e6 / (maskMs / 1000) : Number.NaN, unit: 'MB/s' },
      ];
      const mask = (text: string) => {
        const t0 = performance.now();
        const m = maskText(c, text);
        maskMs += performance.now() - t0;
        bytes += utf8Length(text);
        for (const f of m.findings) counts.set(f.rule, (counts.get(f.rule) ?? 0) + 1);
        return m;
      };

      if (settings.source === 'payload') {
        let text: string;
        if (file instanceof Blob) {
          // Refused by size before a byte is read: a UTF-8 file is at least as many bytes as characters.
          if (file.size > MAX_PAYLOAD_BYTES) {
            throw new Error(`The file is ${file.size.toLocaleString('en-US')} bytes, over the masker's limit of 16 MiB (${MAX_PAYLOAD_BYTES.toLocaleString('en-US')} bytes). It was not read.`);
          }
          text = await file.text();
        } else text = large === true ? largePayload() : typeof payload === 'string' ? payload : '';
        const tooLarge = payloadSizeError(text);
        if (tooLarge) throw new Error(`${tooLarge} It was not passed to the masker.`);
        // Pieces end at line breaks, which no built-in match spans; a custom rule that contains one
        // could, so then the payload goes in one piece.
        const oneLine = settings.rules.some((r) => /[\n\r]/.test(r.text));
        const chunks = oneLine ? [[0, text.length] as [number, number]] : lineChunks(text, CHUNK);
        const maskedParts: string[] = [];
        const findings: Finding[] = [];
        const startMs = performance.timeOrigin + performance.now();
        send({ kind: 'progress', done: 0, total: text.length });
        let reported = performance.now();
        for (const [from, to] of chunks) {
          if (io.signal.aborted) return;
          const m = mask(text.slice(from, to));
          maskedParts.push(m.text);
          for (const f of m.findings) findings.push({ rule: f.rule, start: f.start + from, end: f.end + from });
          // The first piece is reported at once: a whole 10 MB payload can take less than REPORT_MS,
          // and the bar should move, and Stop have something to stop, before the run is over.
          if (from === 0 || performance.now() - reported >= REPORT_MS || to === text.length) {
            reported = performance.now();
            send({ kind: 'progress', done: to, total: text.length });
            io.figures(figures());
          }
          // Let a Stop message in between pieces.
          await new Promise((resolve) => setTimeout(resolve, 0));
        }
        const masked = maskedParts.join('');
        const endMs = performance.timeOrigin + performance.now();
        const shown = findings.filter((f) => f.end <= SPAN_BODY);
        const attributes = {
          'lab.request_id': 'payload',
          'http.request.body': masked.slice(0, SPAN_BODY),
          'http.request.body.size': utf8Length(text),
          'masker.matches': findings.length,
          ...Object.fromEntries([...counts].map(([rule, n]) => [`masker.matches.${rule}`, n])),
        };
        io.emit([{
          localId: 0,
          traceId: crypto.randomUUID().replaceAll('-', ''),
          name: 'mask request body',
          kind: SPAN_KIND.server,
          startMs,
          endMs,
          attributes,
          annotations: findings.length ? [{ target: { attribute: 'http.request.body' }, text: `${maskedAnnotation(findings)}${text.length > SPAN_BODY ? ` (the span carries the first ${SPAN_BODY.toLocaleString('en')} characters)` : ''}` }] : [],
          keep: true,
        }]);
        const originals: Record<string, Original> = {};
        if (shown.length) originals['http.request.body'] = { value: text.slice(0, SPAN_BODY), findings: shown };
        send({ kind: 'originals', entries: [{ requestId: 'payload', originals }] });
        send({
          kind: 'payload',
          length: text.length,
          bytes: utf8Length(text),
          original: text.slice(0, PREVIEW),
          masked: masked.slice(0, PREVIEW),
          findings: findings.filter((f) => f.start < PREVIEW),
          total: findings.length,
          counts: Object.fromEntries(counts),
          ms: maskMs,
        });
        io.figures(figures());
        return;
      }

      const endAt = Date.now() + settings.duration * 1000;
      let carry = 0;
      let seq = 0;
      let tick = 0;
      while (!io.signal.aborted && Date.now() < endAt) {
        const tickStart = Date.now();
        carry += (settings.rate * TICK_MS) / 1000;
        const n = Math.floor(carry);
        carry -= n;
        const spans = [];
        const entries = [];
        for (let i = 0; i < n; i++) {
          const req = generateRequest(seq++, tickStart + (TICK_MS * i) / Math.max(n, 1), Math.random);
          const { span, originals } = maskedRequestSpan(req, i, mask);
          spans.push(span);
          if (Object.keys(originals).length) entries.push({ requestId: req.requestId, originals });
        }
        if (spans.length) io.emit(spans);
        if (entries.length) send({ kind: 'originals', entries });
        if (++tick % 5 === 0) io.figures(figures());
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, TICK_MS - (Date.now() - tickStart))));
      }
      io.figures(figures());
    },
  };
}
