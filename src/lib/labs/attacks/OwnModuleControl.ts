// The attack lab's "Your own module" control: a file input and a drop zone over it. A chosen file is
// read and checked in a worker of its own (compiling up to 8 MiB to validate it would be a long
// task on the page); only a file that passed every check replaces the module the lab runs, so a
// bad file leaves the previous choice, the last run and its spans as they were.
import { MAX_MODULE_BYTES } from '../sandbox/ModuleCheck.ts';
import type { OwnModuleSummary } from '../sandbox/OwnModuleFile.ts';
import type { CheckReply, CheckRequest } from '../worker/own-module-check.worker.ts';
import type { OwnModuleSetting } from './settings.ts';

export interface OwnModuleChoice extends OwnModuleSetting {
  summary: OwnModuleSummary;
}

const STAGE_TEXT: Record<string, string> = { reading: 'Reading', checking: 'Checking' };

function sizeText(n: number): string {
  return n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

export class OwnModuleControl {
  #root: HTMLElement;
  #input: HTMLInputElement;
  #drop: HTMLElement;
  #status: HTMLElement;
  #clear: HTMLButtonElement;
  #choice: OwnModuleChoice | null = null;
  #checker: Worker | null = null;
  #capPages: () => number;
  #changed: () => void;

  /** `capPages`: the memory cap in force now; `changed`: the module the lab runs changed. */
  constructor(root: HTMLElement, capPages: () => number, changed: () => void) {
    this.#root = root;
    this.#capPages = capPages;
    this.#changed = changed;
    const q = <T extends Element>(sel: string) => {
      const found = root.querySelector<T>(sel);
      if (!found) throw new Error(`own-module markup is missing ${sel}`);
      return found;
    };
    this.#input = q('[data-own-input]');
    this.#drop = q('[data-own-drop]');
    this.#status = q('[data-own-status]');
    this.#clear = q('[data-own-clear]');
    this.#input.addEventListener('change', () => {
      const file = this.#input.files?.[0];
      if (file) this.choose(file);
    });
    this.#drop.addEventListener('dragover', (e) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = 'copy';
      this.#drop.dataset.over = 'true';
    });
    this.#drop.addEventListener('dragleave', () => delete this.#drop.dataset.over);
    this.#drop.addEventListener('drop', (e) => {
      e.preventDefault();
      delete this.#drop.dataset.over;
      const file = e.dataTransfer?.files[0];
      if (file) this.choose(file);
    });
    this.#clear.addEventListener('click', () => {
      this.#choice = null;
      this.#input.value = '';
      this.#draw('The lab runs its own attack module. Choose a .wasm file to run yours instead.');
      this.#changed();
      this.#input.focus();
    });
    this.#draw('The lab runs its own attack module. Choose a .wasm file to run yours instead.');
  }

  /** The module the next run uses, or null for the lab's attacks. */
  get choice(): OwnModuleChoice | null {
    return this.#choice;
  }

  /** Reads and checks `file` in a worker; replaces the choice only if it passed. */
  choose(file: File): void {
    this.#checker?.terminate();
    const checker = new Worker(new URL('../worker/own-module-check.worker.ts', import.meta.url), { type: 'module', name: 'own-module-check' });
    this.#checker = checker;
    this.#root.dataset.checking = 'true';
    this.#status.textContent = `${file.name}: waiting for the checker…`;
    const done = () => {
      checker.terminate();
      if (this.#checker === checker) this.#checker = null;
      delete this.#root.dataset.checking;
    };
    checker.addEventListener('message', (e: MessageEvent<CheckReply>) => {
      if (this.#checker !== checker) return;
      const m = e.data;
      if (m.type === 'stage') {
        this.#status.textContent = `${STAGE_TEXT[m.stage] ?? m.stage} ${file.name}…`;
        return;
      }
      done();
      if (m.result.ok) {
        this.#choice = { file, name: file.name, sha256: m.result.summary.sha256, summary: m.result.summary };
        this.#draw();
        this.#changed();
      } else {
        this.#root.dataset.ownError = 'true';
        const keeps = this.#choice ? `The lab still runs ${this.#choice.name}.` : 'The lab still runs its own attack module.';
        this.#status.textContent = `Not loaded: ${m.result.message} ${keeps}`;
        // The input shows the rejected file's name otherwise; the status says which module runs.
        this.#input.value = '';
      }
    });
    checker.addEventListener('error', () => {
      if (this.#checker !== checker) return;
      done();
      this.#root.dataset.ownError = 'true';
      this.#status.textContent = `Not loaded: the checker for ${file.name} failed to start. The lab keeps what it ran before.`;
    });
    checker.postMessage({ file, capPages: this.#capPages() } satisfies CheckRequest);
  }

  #draw(idle?: string): void {
    delete this.#root.dataset.ownError;
    this.#root.dataset.own = this.#choice ? 'chosen' : 'none';
    this.#clear.hidden = !this.#choice;
    if (!this.#choice) {
      this.#status.textContent = idle ?? '';
      return;
    }
    const s = this.#choice.summary;
    if (s.kind === 'component') {
      this.#status.textContent = `Run runs ${s.name} (${sizeText(s.bytes)}, SHA-256 ${s.sha256.slice(0, 12)}…): a component, transpiled with jco when it runs, which checks its imports.`;
      return;
    }
    const imports = s.imports.length ? s.imports.map((i) => i.replace(/^wasi_snapshot_preview1\./, '')).join(', ') : 'nothing';
    const memory = s.initialPages === null ? 'no memory of its own' : `${s.initialPages} ${s.initialPages === 1 ? 'page' : 'pages'} of memory at start`;
    this.#status.textContent = `Run runs ${s.name} (${sizeText(s.bytes)}, SHA-256 ${s.sha256.slice(0, 12)}…): a WASI preview1 command importing ${imports}; ${memory}.`;
  }
}

export const OWN_MODULE_CAP_TEXT = `at most ${sizeText(MAX_MODULE_BYTES)}`;
