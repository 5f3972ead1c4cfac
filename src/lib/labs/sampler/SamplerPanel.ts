// The sampler lab's controls: policy, ratio, traffic, errors, the incident switch, and a raw
// configuration editor. Settings live in the URL query, so a link reproduces the setup.
import type { Attributes, LabSpan, SpanAnnotation } from '../../spans/model.ts';
import type { ViewerCounts } from '../../spans/counts.ts';
import type { LabFigure } from '../figures.ts';
import type { LabPanel, PanelFrame } from '../frame/LabPanel.ts';
import { replaceInQuery } from '../share-link.ts';
import { showShareNotices } from '../share-link-notice.ts';
import {
  BOOST_WINDOW_MS,
  SAMPLER_LINK,
  pluginConfig,
  MAX_PLUGIN_CONFIG_BYTES,
  pluginConfigSizeError,
  samplerSettingsSchema,
  settingsFromQuery,
  type SamplerSettings,
} from './settings.ts';
import { PRESETS, SERVICES, forLink, withPreset } from './presets.ts';
import { DECIDED, DECIDE_COST } from './workerFigures.ts';

const BOOST_RATIO = { off: 0, promotion: 0.05, incident: 0.5 } as const;

export class SamplerPanel implements LabPanel {
  readonly lab = 'sampler' as const;
  #root: HTMLElement;
  #frame: PanelFrame | null = null;
  #settings: SamplerSettings;
  #boostSince: number | null = null;
  #boostTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(root: HTMLElement) {
    this.#root = root;
    const { settings, notices } = settingsFromQuery(new URLSearchParams(location.search));
    this.#settings = settings;
    this.#writeControls();
    showShareNotices(this.#q<HTMLElement>('[data-share-link-notice]'), notices);
    this.#q<HTMLFormElement>('[data-sampler-controls]').addEventListener('input', (e) => this.#onControls(e.target));
    this.#q<HTMLFormElement>('[data-sampler-controls]').addEventListener('submit', (e) => e.preventDefault());
    this.#q<HTMLButtonElement>('[data-sampler-apply]').addEventListener('click', () => this.#applyRaw());
    const editor = this.#q<HTMLTextAreaElement>('[data-sampler-config]');
    editor.value = this.#configText();
    editor.addEventListener('paste', (e) => this.#refuseOversized(editor, e.clipboardData?.getData('text/plain') ?? null, e));
    editor.addEventListener('beforeinput', (e) => {
      if (e.inputType !== 'insertFromPaste') this.#refuseOversized(editor, e.data ?? e.dataTransfer?.getData('text/plain') ?? null, e);
    });
  }

  /**
   * Refuses a paste, drop or typed insertion that would take the editor past the size limit,
   * before the browser lays out megabytes of text in it (a 10 MB paste froze the page for
   * seconds). A paste is caught at its `paste` event, which costs only the clipboard read; the
   * `beforeinput` that follows an accepted paste, and drops or typing, are caught there.
   */
  #refuseOversized(editor: HTMLTextAreaElement, inserted: string | null, e: Event): void {
    if (inserted === null || !e.cancelable) return;
    // A string longer than the limit in UTF-16 units is over it in UTF-8 bytes too; only a short
    // insertion needs the edited text built to be measured.
    const after = inserted.length > MAX_PLUGIN_CONFIG_BYTES
      ? inserted
      : editor.value.slice(0, editor.selectionStart) + inserted + editor.value.slice(editor.selectionEnd);
    const error = pluginConfigSizeError(after);
    if (!error) return;
    e.preventDefault();
    this.#sayConfig('error', `Not pasted: the configuration would be ${error}. The editor keeps its text.`);
  }

  #sayConfig(state: 'info' | 'ok' | 'error', text: string): void {
    const message = this.#q<HTMLElement>('[data-sampler-config-message]');
    message.dataset.state = state;
    message.textContent = text;
  }

  #q<T extends Element>(sel: string): T {
    const found = this.#root.querySelector<T>(sel);
    if (!found) throw new Error(`sampler panel markup is missing ${sel}`);
    return found;
  }

  #input(name: string): HTMLInputElement | HTMLSelectElement {
    return this.#q(`[name="${name}"]`);
  }

  #writeControls(): void {
    this.#writeFields(this.#settings);
  }

  /**
   * Every control named after a setting shows its value. Generic over the form's elements, so a
   * new setting needs only its markup; under a preset this also shows the preset's services.
   */
  #writeFields(s: SamplerSettings): void {
    const values = s as unknown as Record<string, unknown>;
    for (const el of this.#q<HTMLFormElement>('[data-sampler-controls]').elements) {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !(el.name in values)) continue;
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = values[el.name] === true;
      else el.value = String(values[el.name]);
    }
    this.#q<HTMLElement>('[data-sampler-services]').hidden = s.scenario === 'off';
    this.#writeOutputs(s);
  }

  #writeOutputs(s: SamplerSettings = this.#settings): void {
    this.#q<HTMLOutputElement>('[data-out="ratio"]').value = `${+(s.ratio * 100).toFixed(1)}%`;
    this.#q<HTMLOutputElement>('[data-out="rate"]').value = `${s.rate} req/s`;
    this.#q<HTMLOutputElement>('[data-out="errorRate"]').value = `${+(s.errorRate * 100).toFixed(1)}%`;
    for (const name of SERVICES) this.#q<HTMLOutputElement>(`[data-out="${name}Ratio"]`).value = `${+(s[`${name}Ratio`] * 100).toFixed(1)}%`;
  }

  #readControls(): SamplerSettings | null {
    const raw: Record<string, unknown> = {};
    for (const el of this.#q<HTMLFormElement>('[data-sampler-controls]').elements) {
      if (!(el instanceof HTMLInputElement || el instanceof HTMLSelectElement) || !el.name) continue;
      raw[el.name] = el instanceof HTMLSelectElement ? el.value : el.type === 'checkbox' ? el.checked : Number(el.value);
    }
    const parsed = samplerSettingsSchema.safeParse(raw);
    const error = this.#q<HTMLElement>('[data-sampler-error]');
    if (!parsed.success) {
      error.textContent = parsed.error.issues.map((i) => i.message).join('; ');
      return null;
    }
    error.textContent = '';
    return parsed.data;
  }

  #onControls(target: EventTarget | null): void {
    const name = target instanceof HTMLInputElement || target instanceof HTMLSelectElement ? target.name : '';
    const scenario = this.#input('scenario');
    // A service's own control turns a preset into the learner's custom setup; choosing a preset
    // shows its settings in the service controls.
    if (SERVICES.some((s) => name.startsWith(s)) && scenario.value in PRESETS) scenario.value = 'custom';
    const read = this.#readControls();
    if (!read) return;
    const next = withPreset(read);
    if (name === 'scenario') this.#writeFields(next);
    if (next.boost !== this.#settings.boost) this.#startBoost(next.boost === 'off' ? null : Date.now());
    this.#settings = next;
    this.#writeOutputs();
    // Keep the page's other query parameters; write only this lab's.
    const search = replaceInQuery(new URLSearchParams(location.search), forLink(next), SAMPLER_LINK).toString();
    history.replaceState(history.state, '', `${location.pathname}${search ? `?${search}` : ''}${location.hash}`);
    this.#q<HTMLTextAreaElement>('[data-sampler-config]').value = this.#configText();
    this.#frame?.update(next);
    this.#frame?.refreshFigures();
  }

  /** The switch raises the rate for BOOST_WINDOW_MS; the expected ratio drops back when it ends. */
  #startBoost(since: number | null): void {
    this.#boostSince = since;
    clearTimeout(this.#boostTimer);
    if (since !== null) this.#boostTimer = setTimeout(() => this.#frame?.refreshFigures(), BOOST_WINDOW_MS + 10);
  }

  #configText(): string {
    return JSON.stringify(JSON.parse(pluginConfig(this.#settings, this.#boostSince ?? Date.now())), null, 2);
  }

  #applyRaw(): void {
    const text = this.#q<HTMLTextAreaElement>('[data-sampler-config]').value;
    const tooLarge = pluginConfigSizeError(text);
    if (tooLarge) this.#sayConfig('error', `Not sent: the configuration is ${tooLarge}. Nothing was sent to the plugin.`);
    else if (!this.#frame?.configure(text)) this.#sayConfig('info', 'Start a run first: the configuration is sent to the running plugin, which checks it.');
    else this.#sayConfig('info', 'Sent to the plugin…');
  }

  settings(): SamplerSettings {
    return this.#settings;
  }

  deadlineMs(): number {
    // The traffic's own duration, plus time to load the component and drain the last tick.
    return this.#settings.duration * 1000 + 5000;
  }

  runAttributes(): Attributes {
    const s = this.#settings;
    return {
      'lab.settings.policy': s.policy,
      'lab.settings.ratio': s.ratio,
      'lab.settings.force_keep': s.forceKeep,
      'lab.settings.boost': s.boost,
      'lab.settings.rate': s.rate,
      'lab.settings.error_rate': s.errorRate,
      'lab.settings.duration_s': s.duration,
      'lab.settings.algorithm': s.algorithm,
      'lab.settings.scenario': s.scenario,
    };
  }

  /** The ratio the plugin is configured for now, the incident switch's window included. */
  #configuredRatio(): number {
    const s = this.#settings;
    const boosted = this.#boostSince !== null && Date.now() < this.#boostSince + BOOST_WINDOW_MS;
    return boosted ? Math.max(s.ratio, BOOST_RATIO[s.boost]) : s.ratio;
  }

  /** The explanations' module, loaded with the span details (it is not needed before a span is opened). */
  #notes: typeof import('./annotations.ts') | null = null;

  annotationsReady(): Promise<void> {
    return import('./annotations.ts').then((m) => {
      this.#notes = m;
    });
  }

  annotate(span: LabSpan): SpanAnnotation[] | undefined {
    return this.#notes?.annotationsFromSpan(span);
  }

  readonly decides = true;
  readonly workerFigures = [DECIDED, DECIDE_COST];

  figures(counts: ViewerCounts): LabFigure[] {
    // In the scenario each service has its own ratio, so no single configured ratio applies.
    const configured: LabFigure[] = this.#settings.scenario === 'off'
      ? [{ id: 'configured-ratio', label: 'configured ratio', value: this.#configuredRatio(), format: 'percent', max: 1 }]
      : [];
    return [
      ...configured,
      {
        id: 'observed-ratio',
        label: `observed (last ${counts.recentWindowMs / 1000} s)`,
        value: counts.recentRatio ?? Number.NaN,
        format: 'percent',
        max: 1,
      },
      { id: 'overall-ratio', label: 'observed (whole run)', value: counts.observedRatio ?? Number.NaN, format: 'percent', max: 1 },
    ];
  }

  runStarting(): void {
    // The worker starts the boost window when the run starts with the switch on; so does the panel.
    this.#startBoost(this.#settings.boost === 'off' ? null : Date.now());
  }

  connect(frame: PanelFrame): void {
    this.#frame = frame;
  }

  configResult(result: { ok: true; config: string } | { ok: false; message: string }): void {
    if (result.ok) {
      this.#sayConfig('ok', 'The plugin accepted the configuration. In force now:');
      this.#q<HTMLElement>('[data-sampler-config-current]').textContent = JSON.stringify(JSON.parse(result.config), null, 2);
    } else {
      this.#sayConfig('error', `The plugin rejected the configuration and kept the previous one: ${result.message}`);
    }
  }
}
