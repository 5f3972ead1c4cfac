/**
 * Brings the server-rendered learning paths to life: enables the step checkboxes, shows progress,
 * and wires export, import and reset. Without JavaScript none of this runs, and the pages stay
 * plain reading lists with inert checkboxes.
 *
 * It re-renders from storage on every change: this tab's (PROGRESS_CHANGE_EVENT), another tab's
 * (`storage`), and a lab's (LAB_RUN_COMPLETE_EVENT, through listenForLabRuns).
 */
import {
  countDone,
  exportFileName,
  isStepDone,
  labCompletion,
  MAX_PROGRESS_FILE_BYTES,
  parseProgress,
  percentDone,
  progressSize,
  type CountableStep,
  type Progress,
} from '../../lib/progress/progress.ts';
import {
  PROGRESS_CHANGE_EVENT,
  STORAGE_KEY,
  exportProgressText,
  importProgress,
  listenForLabRuns,
  loadProgress,
  resetProgress,
  toggleStep,
} from '../../lib/progress/store.ts';

const STARTED = Symbol.for('wol.progress.ui');

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric' });

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Updates a progress block rendered by ProgressBar.astro. */
function renderBar(root: Element, done: number, total: number): void {
  const text = done === total && total > 0 ? `All ${total} steps done` : `${done} of ${total} steps done`;
  root.querySelectorAll<HTMLElement>('[data-progress-text]').forEach((el) => (el.textContent = text));
  const bar = root.querySelector<HTMLElement>('[role="progressbar"]');
  if (bar) {
    bar.setAttribute('aria-valuenow', String(done));
    bar.setAttribute('aria-valuetext', text);
    const fill = bar.querySelector<HTMLElement>('[data-progress-fill]');
    if (fill) fill.style.inlineSize = `${percentDone(done, total)}%`;
  }
  root.querySelectorAll<HTMLElement>('[data-progress]').forEach((el) => (el.hidden = false));
}

function renderPath(root: HTMLElement, progress: Progress): void {
  const pathId = root.dataset.learningPath!;
  const steps: CountableStep[] = [];
  root.querySelectorAll<HTMLElement>('[data-step]').forEach((item) => {
    const step: CountableStep = { id: item.dataset.step!, lab: item.dataset.lab || undefined };
    steps.push(step);
    const box = item.querySelector<HTMLInputElement>('input[type="checkbox"]');
    const labDone = labCompletion(progress, step);
    if (box) {
      box.checked = isStepDone(progress, pathId, step);
      // A step completed through its lab stays ticked: unticking it would not undo the lab run.
      box.disabled = labDone !== undefined;
    }
    item.classList.toggle('is-done', isStepDone(progress, pathId, step));
    const labNote = item.querySelector<HTMLElement>('[data-lab-note]');
    if (labNote && labDone) labNote.textContent = `Done: you completed a run of this lab on ${dateFormat.format(new Date(labDone))}.`;
    else if (labNote) labNote.textContent = labNote.dataset.labNote ?? '';
  });
  renderBar(root, countDone(progress, pathId, steps), steps.length);
}

function renderCard(card: HTMLElement, progress: Progress): void {
  const steps = JSON.parse(card.dataset.steps ?? '[]') as CountableStep[];
  renderBar(card, countDone(progress, card.dataset.pathCard!, steps), steps.length);
}

function toolsFor(el: Element): HTMLElement | null {
  return (
    el.closest('[data-progress-scope]')?.querySelector<HTMLElement>('[data-progress-tools]') ??
    document.querySelector<HTMLElement>('[data-progress-tools]')
  );
}

function say(tools: HTMLElement | null, kind: 'ok' | 'error', message: string): void {
  if (!tools) return;
  const ok = tools.querySelector<HTMLElement>('[data-message-ok]');
  const error = tools.querySelector<HTMLElement>('[data-message-error]');
  if (ok) ok.textContent = kind === 'ok' ? message : '';
  if (error) error.textContent = kind === 'error' ? message : '';
}

function render(): void {
  const { progress, error } = loadProgress();
  document.querySelectorAll<HTMLElement>('[data-learning-path]').forEach((root) => renderPath(root, progress));
  document.querySelectorAll<HTMLElement>('[data-path-card]').forEach((card) => renderCard(card, progress));
  if (error) document.querySelectorAll<HTMLElement>('[data-progress-tools]').forEach((t) => say(t, 'error', error));
}

function describe(progress: Progress): string {
  const { steps, paths, labs } = progressSize(progress);
  const parts = [`${plural(steps, 'ticked step', 'ticked steps')} in ${plural(paths, 'path', 'paths')}`];
  if (labs > 0) parts.push(plural(labs, 'completed lab', 'completed labs'));
  return parts.join(' and ');
}

function wireCheckboxes(): void {
  document.querySelectorAll<HTMLElement>('[data-learning-path]').forEach((root) => {
    const pathId = root.dataset.learningPath!;
    root.addEventListener('change', (event) => {
      const box = event.target as HTMLInputElement;
      const item = box.closest<HTMLElement>('[data-step]');
      if (!item || box.type !== 'checkbox') return;
      try {
        toggleStep(pathId, item.dataset.step!, box.checked);
      } catch (error) {
        box.checked = !box.checked;
        say(toolsFor(root), 'error', (error as Error).message);
      }
    });
  });
}

function download(text: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function wireTools(tools: HTMLElement): void {
  const fileInput = tools.querySelector<HTMLInputElement>('[data-import-file]')!;
  const dialog = tools.querySelector<HTMLDialogElement>('[data-reset-dialog]')!;

  tools.querySelector('[data-action="export"]')?.addEventListener('click', () => {
    const now = new Date();
    const text = exportProgressText(undefined, now);
    const name = exportFileName(now);
    download(text, name);
    const parsed = parseProgress(text);
    say(tools, 'ok', `Exported ${parsed.ok ? describe(parsed.progress) : 'your progress'} to ${name}.`);
  });

  tools.querySelector('[data-action="import"]')?.addEventListener('click', () => fileInput.click());
  fileInput.addEventListener('change', async () => {
    const file = fileInput.files?.[0];
    fileInput.value = ''; // so choosing the same file again fires another change
    if (!file) return;
    const unchanged = 'Your progress was not changed.';
    if (file.size > MAX_PROGRESS_FILE_BYTES) {
      say(tools, 'error', `Could not import ${file.name}: the file is too large to be a progress file. ${unchanged}`);
      return;
    }
    const result = importProgress(await file.text());
    if (result.ok) say(tools, 'ok', `Imported ${describe(result.progress)} from ${file.name}.`);
    else say(tools, 'error', `Could not import ${file.name}: ${result.error} ${unchanged}`);
  });

  tools.querySelector('[data-action="reset"]')?.addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', () => {
    if (dialog.returnValue !== 'confirm') return;
    dialog.returnValue = '';
    try {
      resetProgress();
      say(tools, 'ok', 'Progress cleared for every path in this browser.');
    } catch (error) {
      say(tools, 'error', (error as Error).message);
    }
  });

  tools.hidden = false;
}

/** Safe to call more than once per page: every progress component's script calls it. */
export function startProgressUi(): void {
  const marked = window as Window & { [STARTED]?: boolean };
  if (marked[STARTED]) return;
  marked[STARTED] = true;

  listenForLabRuns();
  wireCheckboxes();
  document.querySelectorAll<HTMLElement>('[data-progress-tools]').forEach(wireTools);
  window.addEventListener(PROGRESS_CHANGE_EVENT, render);
  window.addEventListener('storage', (event) => {
    // key is null when another tab cleared all of localStorage.
    if (event.key === STORAGE_KEY || event.key === null) render();
  });
  render();
}
