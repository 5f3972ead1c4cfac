// The masker lab's controls and views: the input (a payload in the editor, a generated 10 MB one,
// or synthetic traffic), rule switches and custom rules, the before/after view with the matches
// marked, the report, and the "what would have leaked" view over the spans of the current run.
// Settings and rules live in the URL query; a payload never does.
import type { Attributes } from '../../spans/model.ts';
import type { LabPanel, PanelFrame } from '../frame/LabPanel.ts';
import { noticeText, replaceInQuery } from '../share-link.ts';
import { highlighted } from './highlight.ts';
import { isMaskerLabData, type MaskerLabData } from './lab-data.ts';
import { SAMPLES } from './samples.ts';
import type { Original } from './traffic.ts';
import {
  MASKER_LINK, MAX_CUSTOM_RULES, customRuleSchema, payloadSizeError, pluginConfig, settingsFromQuery,
  maskerSettingsSchema, type CustomRule, type MaskerRun, type MaskerSettings,
} from './settings.ts';

import { LARGE_PAYLOAD_BYTES } from './traffic.ts';
import { groupDigits } from '../../text/plain.ts';
/** The most the editor takes by paste; larger payloads come in as a file. */
export const EDITOR_LIMIT = 1_000_000;
/** The leak view lists the originals of at most this many of the newest spans. */
const LEAK_ROWS = 50;

export class MaskerPanel implements LabPanel {
  readonly lab = 'masker' as const;
  #root: HTMLElement;
  #frame: PanelFrame | null = null;
  #settings: MaskerSettings;
  /** True when the next run masks the generated large payload rather than the editor's text. */
  #large = false;
  /** A file chosen to be masked instead of the editor's text. */
  #file: File | null = null;
  /** The editor's text for the run in progress (empty for the large payload). */
  #runPayload = '';
  /** Originals of masked values, by request id: the page's memory only. */
  #originals = new Map<string, Record<string, Original>>();
  #leakTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement) {
    this.#root = root;
    const { settings, notices } = settingsFromQuery(new URLSearchParams(location.search));
    this.#settings = settings;
    if (notices.length) {
      const notice = this.#q<HTMLElement>('[data-masker-notice]');
      notice.hidden = false;
      const list = document.createElement('ul');
      list.append(...notices.map((n) => Object.assign(document.createElement('li'), { textContent: noticeText(n) })));
      notice.replaceChildren('Some settings in the link could not be used, so the lab uses its defaults for them:', list);
    }
    this.#writeControls();
    const editor = this.#q<HTMLTextAreaElement>('[data-masker-editor]');
    editor.value = SAMPLES[0]!.text;
    this.#q<HTMLFormElement>('[data-masker-controls]').addEventListener('input', (e) => {
      if ((e.target as Element).closest('[data-masker-rule-form]')) return;
      this.#onControls();
    });
    this.#q<HTMLFormElement>('[data-masker-controls]').addEventListener('submit', (e) => e.preventDefault());
    this.#q<HTMLButtonElement>('[data-masker-load-sample]').addEventListener('click', () => {
      const id = this.#q<HTMLSelectElement>('[data-masker-sample]').value;
      editor.value = SAMPLES.find((s) => s.id === id)?.text ?? '';
      this.#useEditor();
    });
    this.#q<HTMLButtonElement>('[data-masker-large]').addEventListener('click', () => this.#makeLarge());
    this.#q<HTMLInputElement>('[data-masker-file]').addEventListener('change', (e) => {
      const file = (e.target as HTMLInputElement).files?.[0] ?? null;
      if (!file) return;
      this.#large = false;
      this.#file = file;
      this.#q<HTMLElement>('[data-masker-large-note]').textContent =
        `${file.name} (${groupDigits(file.size)} bytes) is ready: press Run to mask it. The worker reads the file; the editor keeps its text, and typing in it goes back to the editor's text.`;
    });
    editor.addEventListener('input', () => this.#useEditor());
    editor.addEventListener('paste', (e) => {
      const pasted = e.clipboardData?.getData('text/plain') ?? '';
      // The editor's text is copied to the worker on the main thread, and a textarea lays out all
      // of it: past EDITOR_LIMIT a file is the way in, read by the worker itself.
      const error = payloadSizeError(pasted);
      if (error || pasted.length > EDITOR_LIMIT) {
        e.preventDefault();
        this.#say(
          `Not pasted: ${error ?? `the text is ${groupDigits(pasted.length)} characters, more than the editor takes (${groupDigits(EDITOR_LIMIT)}).`} Choose it as a file instead: the worker reads it without the page holding it. The editor keeps its text.`,
          'error',
        );
      }
    });
    this.#q<HTMLButtonElement>('[data-masker-add-rule]').addEventListener('click', () => this.#addRule());
    this.#q<HTMLInputElement>('[data-masker-leak]').addEventListener('change', () => this.#renderLeaks());
    this.#renderRules();
  }

  #q<T extends Element>(sel: string): T {
    const found = this.#root.querySelector<T>(sel);
    if (!found) throw new Error(`masker panel markup is missing ${sel}`);
    return found;
  }

  #input(name: string): HTMLInputElement {
    return this.#q(`[name="${name}"]`);
  }

  #say(text: string, state: 'info' | 'error' = 'info'): void {
    const el = this.#q<HTMLElement>('[data-masker-message]');
    el.dataset.state = state;
    el.textContent = text;
  }

  #writeControls(): void {
    const s = this.#settings;
    for (const el of this.#root.querySelectorAll<HTMLInputElement>('[name="source"]')) el.checked = el.value === s.source;
    this.#input('card').checked = s.card;
    this.#q<HTMLSelectElement>('[name="cardKeep"]').value = s.cardKeep;
    this.#input('cnMobile').checked = s.cnMobile;
    this.#input('e164').checked = s.e164;
    this.#input('email').checked = s.email;
    this.#input('rate').value = String(s.rate);
    this.#input('duration').value = String(s.duration);
    this.#showSource();
  }

  #showSource(): void {
    const traffic = this.#settings.source === 'traffic';
    this.#q<HTMLElement>('[data-masker-payload-input]').hidden = traffic;
    this.#q<HTMLElement>('[data-masker-traffic-input]').hidden = !traffic;
  }

  #read(): MaskerSettings | null {
    const source = this.#root.querySelector<HTMLInputElement>('[name="source"]:checked')?.value;
    const parsed = maskerSettingsSchema.safeParse({
      source,
      card: this.#input('card').checked,
      cardKeep: this.#q<HTMLSelectElement>('[name="cardKeep"]').value,
      cnMobile: this.#input('cnMobile').checked,
      e164: this.#input('e164').checked,
      email: this.#input('email').checked,
      rules: this.#settings.rules,
      rate: Number(this.#input('rate').value),
      duration: Number(this.#input('duration').value),
    });
    const error = this.#q<HTMLElement>('[data-masker-error]');
    if (!parsed.success) {
      error.textContent = parsed.error.issues.map((i) => i.message).join('; ');
      return null;
    }
    error.textContent = '';
    return parsed.data;
  }

  #onControls(): void {
    const next = this.#read();
    if (next) this.#adopt(next);
  }

  #adopt(next: MaskerSettings): void {
    this.#settings = next;
    this.#showSource();
    const search = replaceInQuery(new URLSearchParams(location.search), next, MASKER_LINK).toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
    this.#frame?.update(next);
  }

  #useEditor(): void {
    if (!this.#large && !this.#file) return;
    this.#large = false;
    this.#file = null;
    this.#q<HTMLInputElement>('[data-masker-file]').value = '';
    this.#q<HTMLElement>('[data-masker-large-note]').textContent = '';
  }

  #makeLarge(): void {
    // The worker builds it: 10 MB cloned from the page to the worker would hold the main thread.
    this.#large = true;
    this.#file = null;
    this.#q<HTMLInputElement>('[data-masker-file]').value = '';
    const note = this.#q<HTMLElement>('[data-masker-large-note]');
    note.textContent = `A generated payload of ${(LARGE_PAYLOAD_BYTES / 1e6).toFixed(0)} MB of mixed traffic is ready: press Run to mask it. It is not shown in the editor (laying out 10 MB of text would freeze the page); typing in the editor or loading a sample goes back to the editor's text.`;
  }

  #addRule(): void {
    const form = this.#q<HTMLElement>('[data-masker-rule-form]');
    const value = (name: string) => form.querySelector<HTMLInputElement | HTMLSelectElement>(`[name="${name}"]`)!.value;
    const parsed = customRuleSchema.safeParse({ name: value('ruleName'), kind: value('ruleKind'), text: value('ruleText'), style: value('ruleStyle') });
    const message = this.#q<HTMLElement>('[data-masker-rule-message]');
    const rules = this.#settings.rules;
    if (!parsed.success) {
      message.textContent = parsed.error.issues.map((i) => i.message).join('; ');
      return;
    }
    if (rules.length >= MAX_CUSTOM_RULES) message.textContent = `At most ${MAX_CUSTOM_RULES} custom rules.`;
    else if (rules.some((r) => r.name === parsed.data.name) || ['card', 'cn-mobile', 'e164', 'email'].includes(parsed.data.name)) {
      message.textContent = `A rule named ${parsed.data.name} exists already.`;
    } else if (parsed.data.kind === 'literal' && parsed.data.style === 'slots') {
      message.textContent = 'The slots style masks what a pattern\'s # and @ match; a literal has none.';
    } else {
      message.textContent = `Added ${parsed.data.name}.`;
      this.#adopt({ ...this.#settings, rules: [...rules, parsed.data] });
      this.#renderRules();
    }
  }

  #renderRules(): void {
    const list = this.#q<HTMLElement>('[data-masker-rules]');
    list.replaceChildren(
      ...this.#settings.rules.map((r: CustomRule) => {
        const li = document.createElement('li');
        const code = document.createElement('code');
        code.textContent = r.text;
        const remove = document.createElement('button');
        remove.type = 'button';
        remove.textContent = `Remove ${r.name}`;
        remove.addEventListener('click', () => {
          this.#adopt({ ...this.#settings, rules: this.#settings.rules.filter((x) => x !== r) });
          this.#renderRules();
          this.#q<HTMLButtonElement>('[data-masker-add-rule]').focus();
        });
        li.append(`${r.name}: ${r.kind} `, code, `, style ${r.style} `, remove);
        return li;
      }),
    );
  }

  settings(): MaskerRun {
    if (this.#settings.source === 'traffic') return this.#settings;
    if (this.#file) return { ...this.#settings, file: this.#file };
    return this.#large ? { ...this.#settings, large: true } : { ...this.#settings, payload: this.#runPayload };
  }

  deadlineMs(): number {
    return this.#settings.source === 'traffic' ? this.#settings.duration * 1000 + 5000 : 60_000;
  }

  runAttributes(): Attributes {
    const s = this.#settings;
    return {
      'lab.settings.source': s.source,
      'lab.settings.config': pluginConfig(s),
      ...(s.source === 'traffic' ? { 'lab.settings.rate': s.rate, 'lab.settings.duration_s': s.duration } : {}),
    };
  }

  runStarting(): void {
    this.#runPayload = this.#large || this.#file ? '' : this.#q<HTMLTextAreaElement>('[data-masker-editor]').value;
    this.#originals.clear();
    this.#q<HTMLElement>('[data-masker-before]').replaceChildren();
    this.#q<HTMLElement>('[data-masker-after]').replaceChildren();
    this.#q<HTMLElement>('[data-masker-report]').textContent = '';
    const progress = this.#q<HTMLProgressElement>('[data-masker-progress]');
    progress.value = 0;
    this.#q<HTMLElement>('[data-masker-progress-wrap]').hidden = this.#settings.source === 'traffic';
    this.#q<HTMLElement>('[data-masker-progress-label]').textContent = '';
    this.#renderLeaks();
  }

  labData(data: unknown): void {
    if (!isMaskerLabData(data)) return;
    this.#onData(data);
  }

  #onData(d: MaskerLabData): void {
    switch (d.kind) {
      case 'progress': {
        const progress = this.#q<HTMLProgressElement>('[data-masker-progress]');
        progress.max = Math.max(d.total, 1);
        progress.value = d.done;
        this.#q<HTMLElement>('[data-masker-progress-label]').textContent =
          `${groupDigits(d.done)} of ${groupDigits(d.total)} characters masked`;
        break;
      }
      case 'originals':
        for (const e of d.entries) this.#originals.set(e.requestId, e.originals);
        // The viewer takes spans in batches, a moment after the worker sent them: draw then.
        clearTimeout(this.#leakTimer);
        if (this.#q<HTMLInputElement>('[data-masker-leak]').checked) this.#leakTimer = setTimeout(() => this.#renderLeaks(), 300);
        break;
      case 'payload': {
        const shown = d.masked.length;
        this.#q<HTMLElement>('[data-masker-before]').replaceChildren(...highlighted(d.original, d.findings));
        this.#q<HTMLElement>('[data-masker-after]').replaceChildren(...highlighted(d.masked, d.findings));
        const rules = Object.entries(d.counts).map(([rule, n]) => `${rule} ${groupDigits(n)}`).join(', ');
        const mbs = d.ms > 0 ? (d.bytes / 1e6 / (d.ms / 1000)).toFixed(1) : '–';
        this.#q<HTMLElement>('[data-masker-report]').textContent =
          `${groupDigits(d.total)} matches (${rules || 'none'}) in ${groupDigits(d.bytes)} bytes, masked in ${d.ms.toFixed(1)} ms: ${mbs} MB/s.` +
          (d.length > shown ? ` Showing the first ${groupDigits(shown)} of ${groupDigits(d.length)} characters.` : '');
        break;
      }
    }
  }

  /** The originals of the current run's spans, matches marked; only while the switch is on. */
  #renderLeaks(): void {
    const on = this.#q<HTMLInputElement>('[data-masker-leak]').checked;
    const list = this.#q<HTMLElement>('[data-masker-leaks]');
    list.hidden = !on;
    if (!on) {
      list.replaceChildren();
      return;
    }
    const rows: HTMLElement[] = [];
    const spans = this.#frame?.currentSpans() ?? [];
    for (let i = spans.length - 1; i >= 0 && rows.length < LEAK_ROWS; i--) {
      const id = spans[i]!.attributes['lab.request_id'];
      const originals = typeof id === 'string' ? this.#originals.get(id) : undefined;
      if (!originals) continue;
      for (const [key, o] of Object.entries(originals)) {
        const li = document.createElement('li');
        const label = document.createElement('code');
        label.textContent = `${id} ${key}`;
        const value = document.createElement('span');
        value.className = 'masker-panel__leak-value';
        value.append(...highlighted(o.value, o.findings));
        li.append(label, value);
        rows.push(li);
      }
    }
    if (!rows.length) {
      list.replaceChildren(Object.assign(document.createElement('li'), { textContent: 'Nothing in the current run had a match yet.' }));
    } else list.replaceChildren(...rows);
  }

  connect(frame: PanelFrame): void {
    this.#frame = frame;
  }

  configResult(result: { ok: true; config: string } | { ok: false; message: string }): void {
    if (result.ok) this.#say('The masker accepted the rules.');
    else this.#say(`The masker rejected the rules and kept the previous ones: ${result.message}`, 'error');
  }
}
