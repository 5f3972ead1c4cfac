// The attack lab's controls: the attack, its variant, each defence on or off, the circuit breaker
// and what the last run ran into. Settings live in the URL query, so a link reproduces a scenario.
import type { Attributes } from '../../spans/model.ts';
import type { RunOutcome } from '../host.ts';
import type { LabPanel, PanelFrame } from '../frame/LabPanel.ts';
import { replaceInQuery } from '../share-link.ts';
import { showShareNotices } from '../share-link-notice.ts';
import { CircuitBreaker } from '../sandbox/CircuitBreaker.ts';
import { ATTACK_LINK, DEFAULT_SETTINGS, LEVELS, VARIANTS, deadlineOf, policyOf, settingsFromQuery, type Attack, type AttackSettings } from './settings.ts';
import { OwnModuleControl } from './OwnModuleControl.ts';
import { effectiveLimit, OUTER_LIMITS } from '../sandbox/policy.ts';
import { groupDigits } from '../../text/plain.ts';

/** The breaker quarantines a module; every attack here is the same module. A learner's is keyed by its SHA-256. */
const MODULE = 'labs/attacks';

/** The bound on reading, checking and metering a learner's module before its own deadline starts. */
const OWN_MODULE_PREPARE_MS = 60_000;

const PROGRESS: Record<string, string> = {
  reading: 'Reading your module…',
  checking: 'Checking your module…',
  'loading jco': 'Loading jco\'s transpiler to turn your component into JavaScript (3.5 MB of WebAssembly)…',
  transpiling: 'Transpiling your component…',
  'loading binaryen': 'Loading binaryen to meter your module (about 2.6 MB, once per run)…',
  metering: 'Metering your module: a fuel charge at every function entry and loop header…',
  running: 'Running your module…',
};

const SWITCHES = ['fuel', 'deadline', 'memory', 'quota', 'hostBudget', 'breaker'] as const;

export class AttackPanel implements LabPanel {
  readonly lab = 'attacks' as const;
  /** The guest runs synchronously in the worker, which cannot answer a stop request: terminate at once. */
  readonly stopGraceMs = 0;
  #root: HTMLElement;
  #settings: AttackSettings;
  #breaker = new CircuitBreaker(LEVELS.breaker);
  #runViolations = 0;
  #lastLimit = '';
  #sandboxMessage: string | null = null;
  #own: OwnModuleControl;
  /** The breaker key of the run in progress (the module may be changed while it runs). */
  #runModule = MODULE;
  #frame: PanelFrame | null = null;

  constructor(root: HTMLElement) {
    this.#root = root;
    this.#own = new OwnModuleControl(
      this.#q('[data-own-module]'),
      () => effectiveLimit(policyOf(this.#settings).memoryPages, OUTER_LIMITS.memoryPages).max,
      () => {
        this.#drawOwn();
        this.#drawBreaker();
      },
    );
    const { settings, notices } = settingsFromQuery(new URLSearchParams(location.search));
    this.#settings = settings;
    showShareNotices(this.#q<HTMLElement>('[data-share-link-notice]'), notices);
    this.#writeControls();
    const form = this.#q<HTMLFormElement>('[data-attack-controls]');
    form.addEventListener('input', () => this.#onControls());
    form.addEventListener('change', () => this.#onControls());
    form.addEventListener('submit', (e) => e.preventDefault());
    this.#q<HTMLButtonElement>('[data-breaker-reset]').addEventListener('click', () => {
      this.#breaker.reset(this.#module());
      this.#drawBreaker();
      this.#q<HTMLElement>('[data-breaker-status]').focus();
    });
    this.#drawBreaker();
    this.#drawLink();
  }

  createWorker(): Worker {
    return new Worker(new URL('../worker/attacks.worker.ts', import.meta.url), { type: 'module', name: 'attacks-lab' });
  }

  settings(): AttackSettings & { own?: { file: Blob; name: string; sha256: string } } {
    const own = this.#own.choice;
    return { ...this.#settings, ...(own ? { own: { file: own.file, name: own.name, sha256: own.sha256 } } : {}) };
  }

  /** The breaker's key for what Run runs now. */
  #module(): string {
    const own = this.#own.choice;
    return own ? `own:${own.sha256}` : MODULE;
  }

  deadlineMs(): number {
    // A module of the learner's is read, checked and metered first (binaryen alone is 13 MB of
    // script to load); its own deadline starts when it starts (see labData).
    return this.#own.choice ? OWN_MODULE_PREPARE_MS : deadlineOf(this.#settings);
  }

  outerDeadline(): boolean {
    return this.#settings.deadline === 'off';
  }

  runAttributes(): Attributes {
    const s = this.#settings;
    const own = this.#own.choice;
    return {
      ...(own ? { 'lab.settings.module': own.name, 'lab.settings.module_sha256': own.sha256 } : { 'lab.settings.attack': s.attack, 'lab.settings.variant': s.variant }),
      'lab.settings.fuel': s.fuel,
      'lab.settings.deadline': s.deadline,
      'lab.settings.memory': s.memory,
      'lab.settings.quota': s.quota,
      'lab.settings.fs': s.fs,
      'lab.settings.net': s.net,
      'lab.settings.host_budget': s.hostBudget,
      'lab.settings.breaker': s.breaker,
    };
  }

  refusal(): string | null {
    if (this.#settings.breaker === 'off' || this.#breaker.allows(this.#module())) return null;
    return 'Refused: the circuit breaker has quarantined this module after repeated violations. Reset the breaker to run it again.';
  }

  runStarting(): void {
    this.#runModule = this.#module();
    this.#runViolations = 0;
    this.#lastLimit = '';
    this.#sandboxMessage = null;
    this.#q<HTMLElement>('[data-attack-result]').textContent = 'Running…';
    this.#q<HTMLElement>('[data-attack-violations]').replaceChildren();
    const pre = this.#q<HTMLElement>('[data-attack-output]');
    pre.textContent = '';
    pre.hidden = true;
  }

  runEvent(name: string, attributes: Attributes): void {
    if (name === 'lab.violation') {
      this.#runViolations++;
      this.#lastLimit = String(attributes['lab.violation.limit']);
      const item = document.createElement('li');
      const stop = attributes['lab.violation.stop_ms'];
      item.textContent = `${attributes['lab.violation.limit']}: ${groupDigits(Number(attributes['lab.violation.value']))} against a limit of ${groupDigits(Number(attributes['lab.violation.max']))}${attributes['lab.violation.outer'] ? ' (the outer limit)' : ''}; stopped ${Number(stop).toFixed(1)} ms after the breach`;
      this.#q<HTMLElement>('[data-attack-violations]').append(item);
    } else if (name === 'lab.sandbox.outcome') {
      this.#sandboxMessage = String(attributes['lab.sandbox.message']);
      const output = attributes['lab.sandbox.output'];
      const pre = this.#q<HTMLElement>('[data-attack-output]');
      pre.textContent = typeof output === 'string' ? output : '';
      pre.hidden = typeof output !== 'string';
    }
  }

  runEnded(outcome: RunOutcome): void {
    const result = this.#q<HTMLElement>('[data-attack-result]');
    switch (outcome.kind) {
      case 'completed':
        result.textContent = this.#sandboxMessage ?? 'The run ended.';
        break;
      case 'deadline':
        result.textContent =
          this.#own.choice && outcome.deadlineMs === OWN_MODULE_PREPARE_MS
            ? `Reading, checking and metering your module took longer than ${OWN_MODULE_PREPARE_MS / 1000} s, so the run was ended before the module started.`
            : this.#settings.deadline === 'on'
            ? `Deadline: the run passed ${LEVELS.deadlineMs / 1000} s, so the watchdog terminated its worker ${outcome.overrunMs.toFixed(1)} ms after the deadline fell due.`
            : `Outer watchdog: with the deadline off, the run went on until the lab's outer limit of ${this.deadlineMs() / 1000} s, when its worker was terminated. A real host without a deadline would let it run for ever.`;
        break;
      case 'stopped':
        result.textContent = 'Stopped by you: the worker was terminated at once.';
        break;
      case 'failed':
        result.textContent = outcome.message;
        break;
    }
    if (this.#settings.breaker === 'on' && this.#runViolations > 0) this.#breaker.record(this.#runModule, this.#runViolations, this.#lastLimit);
    this.#drawBreaker();
  }

  labData(data: unknown): void {
    const stage = (data as { ownModule?: unknown } | null)?.ownModule;
    if (typeof stage === 'string' && PROGRESS[stage]) this.#q<HTMLElement>('[data-attack-result]').textContent = PROGRESS[stage];
    if (stage === 'running') this.#frame?.restartDeadline(deadlineOf(this.#settings));
  }

  connect(frame: PanelFrame): void {
    this.#frame = frame;
  }

  configResult(): void {}

  #q<T extends Element>(sel: string): T {
    const found = this.#root.querySelector<T>(sel);
    if (!found) throw new Error(`attack panel markup is missing ${sel}`);
    return found;
  }

  #field<T extends Element>(name: string): T {
    return this.#q<T>(`[name="${name}"]`);
  }

  #writeControls(): void {
    const s = this.#settings;
    this.#field<HTMLSelectElement>('attack').value = s.attack;
    this.#fillVariants(s.attack, s.variant);
    for (const key of SWITCHES) this.#field<HTMLInputElement>(key).checked = s[key] === 'on';
    this.#field<HTMLSelectElement>('fs').value = s.fs;
    this.#field<HTMLSelectElement>('net').value = s.net;
    this.#drawAbout();
  }

  #fillVariants(attack: Attack, selected: string): void {
    const select = this.#field<HTMLSelectElement>('variant');
    const variants: readonly string[] = VARIANTS[attack];
    select.replaceChildren(...variants.map((v) => new Option(v, v, false, v === selected)));
    select.value = variants.includes(selected) ? selected : variants[0]!;
  }

  #onControls(): void {
    const attack = this.#field<HTMLSelectElement>('attack').value as Attack;
    if (attack !== this.#settings.attack) this.#fillVariants(attack, VARIANTS[attack][0]);
    const next: AttackSettings = {
      ...DEFAULT_SETTINGS,
      attack,
      variant: this.#field<HTMLSelectElement>('variant').value,
      fs: this.#field<HTMLSelectElement>('fs').value as AttackSettings['fs'],
      net: this.#field<HTMLSelectElement>('net').value as AttackSettings['net'],
    };
    for (const key of SWITCHES) next[key] = this.#field<HTMLInputElement>(key).checked ? 'on' : 'off';
    this.#settings = next;
    this.#drawAbout();
    this.#drawBreaker();
    this.#drawLink();
  }

  #drawAbout(): void {
    for (const p of this.#root.querySelectorAll<HTMLElement>('[data-attack-about]')) p.hidden = p.dataset.attackAbout !== this.#settings.attack;
  }

  #drawBreaker(): void {
    const status = this.#q<HTMLElement>('[data-breaker-status]');
    const reset = this.#q<HTMLButtonElement>('[data-breaker-reset]');
    const state = this.#breaker.state(this.#module());
    const { violations, windowMs } = LEVELS.breaker;
    if (this.#settings.breaker === 'off') {
      status.textContent = 'Circuit breaker off: violations are not counted.';
      this.#root.dataset.breaker = 'off';
    } else if (state.state === 'open') {
      status.textContent = `Quarantined: ${violations} violations within ${windowMs / 1000} s (the last: ${state.reason}). Runs of this module are refused until you reset the breaker.`;
      this.#root.dataset.breaker = 'open';
    } else {
      status.textContent = `Breaker closed: ${state.recent} of ${violations} violations within ${windowMs / 1000} s.`;
      this.#root.dataset.breaker = 'closed';
    }
    reset.disabled = state.state !== 'open' && state.recent === 0;
  }

  /** With a module of the learner's, the attack choice does not apply; the defences do. */
  #drawOwn(): void {
    const own = this.#own.choice;
    this.#q<HTMLFieldSetElement>('.attack-panel__attack').disabled = own !== null;
    this.#root.dataset.runs = own ? 'own-module' : 'attacks';
  }

  #drawLink(): void {
    const query = replaceInQuery(new URLSearchParams(location.search), this.#settings, ATTACK_LINK);
    const url = `${location.pathname}?${query}${location.hash}`;
    history.replaceState(history.state, '', url);
    this.#q<HTMLAnchorElement>('[data-attack-link]').href = url;
  }
}
