// The attack lab's controls: the attack, its variant, each defence on or off, the circuit breaker
// and what the last run ran into. Settings live in the URL query, so a link reproduces a scenario.
import type { Attributes } from '../../spans/model.ts';
import type { RunOutcome } from '../host.ts';
import type { LabPanel, PanelFrame } from '../frame/LabPanel.ts';
import { replaceInQuery } from '../share-link.ts';
import { showShareNotices } from '../share-link-notice.ts';
import { CircuitBreaker } from '../sandbox/CircuitBreaker.ts';
import { ATTACK_LINK, DEFAULT_SETTINGS, LEVELS, VARIANTS, deadlineOf, settingsFromQuery, type Attack, type AttackSettings } from './settings.ts';

/** The breaker quarantines a module; every attack here is the same module. */
const MODULE = 'labs/attacks';

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

  constructor(root: HTMLElement) {
    this.#root = root;
    const { settings, notices } = settingsFromQuery(new URLSearchParams(location.search));
    this.#settings = settings;
    showShareNotices(this.#q<HTMLElement>('[data-share-link-notice]'), notices);
    this.#writeControls();
    const form = this.#q<HTMLFormElement>('[data-attack-controls]');
    form.addEventListener('input', () => this.#onControls());
    form.addEventListener('change', () => this.#onControls());
    form.addEventListener('submit', (e) => e.preventDefault());
    this.#q<HTMLButtonElement>('[data-breaker-reset]').addEventListener('click', () => {
      this.#breaker.reset(MODULE);
      this.#drawBreaker();
      this.#q<HTMLElement>('[data-breaker-status]').focus();
    });
    this.#drawBreaker();
    this.#drawLink();
  }

  createWorker(): Worker {
    return new Worker(new URL('../worker/attacks.worker.ts', import.meta.url), { type: 'module', name: 'attacks-lab' });
  }

  settings(): AttackSettings {
    return { ...this.#settings };
  }

  deadlineMs(): number {
    return deadlineOf(this.#settings);
  }

  outerDeadline(): boolean {
    return this.#settings.deadline === 'off';
  }

  runAttributes(): Attributes {
    const s = this.#settings;
    return {
      'lab.settings.attack': s.attack,
      'lab.settings.variant': s.variant,
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
    if (this.#settings.breaker === 'off' || this.#breaker.allows(MODULE)) return null;
    return 'Refused: the circuit breaker has quarantined this module after repeated violations. Reset the breaker to run it again.';
  }

  runStarting(): void {
    this.#runViolations = 0;
    this.#lastLimit = '';
    this.#sandboxMessage = null;
    this.#q<HTMLElement>('[data-attack-result]').textContent = 'Running…';
    this.#q<HTMLElement>('[data-attack-violations]').replaceChildren();
  }

  runEvent(name: string, attributes: Attributes): void {
    if (name === 'lab.violation') {
      this.#runViolations++;
      this.#lastLimit = String(attributes['lab.violation.limit']);
      const item = document.createElement('li');
      const stop = attributes['lab.violation.stop_ms'];
      item.textContent = `${attributes['lab.violation.limit']}: ${Number(attributes['lab.violation.value']).toLocaleString('en')} against a limit of ${Number(attributes['lab.violation.max']).toLocaleString('en')}${attributes['lab.violation.outer'] ? ' (the outer limit)' : ''}; stopped ${Number(stop).toFixed(1)} ms after the breach`;
      this.#q<HTMLElement>('[data-attack-violations]').append(item);
    } else if (name === 'lab.sandbox.outcome') {
      this.#sandboxMessage = String(attributes['lab.sandbox.message']);
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
          this.#settings.deadline === 'on'
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
    if (this.#settings.breaker === 'on' && this.#runViolations > 0) this.#breaker.record(MODULE, this.#runViolations, this.#lastLimit);
    this.#drawBreaker();
  }

  connect(_frame: PanelFrame): void {}

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
    const state = this.#breaker.state(MODULE);
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

  #drawLink(): void {
    const query = replaceInQuery(new URLSearchParams(location.search), this.#settings, ATTACK_LINK);
    const url = `${location.pathname}?${query}${location.hash}`;
    history.replaceState(history.state, '', url);
    this.#q<HTMLAnchorElement>('[data-attack-link]').href = url;
  }
}
