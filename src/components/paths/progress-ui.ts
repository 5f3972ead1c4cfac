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
  reviewImport,
  type CountableStep,
  type ImportReview,
  type Progress,
  type ProgressCatalog,
} from '../../lib/progress/progress.ts';
import {
  PROGRESS_CHANGE_EVENT,
  STORAGE_KEY,
  exportProgressText,
  importProgress,
  listenForLabRuns,
  loadProgress,
  resetProgress,
  startAfresh,
  toggleStep,
  type ImportMode,
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

/** The unreadable saved copy, as last shown to the learner: Start afresh removes only this text. */
let shownUnreadable: string | null = null;

function render(): void {
  const { progress, error, unreadable } = loadProgress();
  shownUnreadable = unreadable ?? null;
  document.querySelectorAll<HTMLElement>('[data-learning-path]').forEach((root) => renderPath(root, progress));
  document.querySelectorAll<HTMLElement>('[data-path-card]').forEach((card) => renderCard(card, progress));
  if (unreadable !== undefined) {
    // The bars would say "0 of n", which reads as lost progress; say where the explanation is.
    document.querySelectorAll<HTMLElement>('[data-progress-text]').forEach((el) => {
      el.textContent = 'Your saved progress cannot be read, so it is not shown. See “Your progress” below.';
    });
  }
  document.querySelectorAll<HTMLElement>('[data-progress-tools]').forEach((tools) => {
    const block = tools.querySelector<HTMLElement>('[data-unreadable]');
    if (block) {
      block.hidden = unreadable === undefined;
      const message = block.querySelector<HTMLElement>('[data-unreadable-message]');
      if (message) message.textContent = unreadable === undefined ? '' : `${error} Until then, ticks and lab runs are not saved.`;
    }
    if (error && unreadable === undefined) say(tools, 'error', error);
  });
}

const LISTED = 5;

/** Up to LISTED items, then a count of the rest, so a hostile file cannot fill the dialog. */
function listShort(items: string[]): string {
  const shown = items.slice(0, LISTED).map((item) => `“${item.length > 60 ? `${item.slice(0, 60)}…` : item}”`);
  return items.length > LISTED ? `${shown.join(', ')} and ${items.length - LISTED} more` : shown.join(', ');
}

function fillReview(dialog: HTMLDialogElement, fileName: string, review: ImportReview): void {
  dialog.querySelector('[data-import-title]')!.textContent = `Import ${fileName.length > 60 ? `${fileName.slice(0, 60)}…` : fileName}?`;
  const list = dialog.querySelector<HTMLElement>('[data-import-review]')!;
  list.replaceChildren(
    ...(review.paths.length
      ? review.paths.map((row) => {
          const item = document.createElement('li');
          item.textContent = `${row.title}: this file has ${row.theirs} of ${row.total} steps; you have ${row.mine} of ${row.total}. Merging gives ${row.merged} of ${row.total}.`;
          return item;
        })
      : [Object.assign(document.createElement('li'), { textContent: 'Neither this file nor this browser has a step of this site’s paths done.' })]),
  );
  const warnings: string[] = [];
  if (review.unknownPaths.length) warnings.push(`This site has no path ${listShort(review.unknownPaths)}; those ticks are imported as they are but count nowhere.`);
  if (review.unknownSteps.length) warnings.push(`These steps are not on their path: ${listShort(review.unknownSteps)}; they are imported but count nowhere.`);
  if (review.unknownLabs.length) warnings.push(`This site has no lab ${listShort(review.unknownLabs)}; those runs are imported but count nowhere.`);
  if (review.impossibleDates.length) {
    warnings.push(`Left out, because the date of the run is impossible: ${listShort(review.impossibleDates.map((d) => `${d.lab} at ${d.at} (${d.why})`))}.`);
  }
  dialog.querySelector('[data-import-warnings]')!.replaceChildren(...warnings.map((text) => Object.assign(document.createElement('p'), { textContent: text })));
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
  const importDialog = tools.querySelector<HTMLDialogElement>('[data-import-dialog]')!;
  const afreshDialog = tools.querySelector<HTMLDialogElement>('[data-afresh-dialog]')!;
  const catalog = JSON.parse(tools.dataset.catalog ?? '{"paths":{},"labs":[]}') as ProgressCatalog;
  let pending: { text: string; name: string } | null = null;

  tools.querySelector('[data-action="export"]')?.addEventListener('click', () => {
    const now = new Date();
    let text: string;
    try {
      text = exportProgressText(undefined, now);
    } catch (error) {
      say(tools, 'error', `Nothing exported. ${(error as Error).message}`);
      return;
    }
    const name = exportFileName(now);
    download(text, name);
    const parsed = parseProgress(text);
    say(tools, 'ok', `Exported ${parsed.ok ? describe(parsed.progress) : 'your progress'} to ${name}.`);
  });

  tools.querySelector('[data-action="download-unreadable"]')?.addEventListener('click', () => {
    const { unreadable } = loadProgress();
    if (unreadable === undefined) return render();
    const name = `wol-progress-unreadable-${new Date().toISOString().slice(0, 10)}.json`;
    download(unreadable, name);
    say(tools, 'ok', `Downloaded the unreadable copy, exactly as saved, to ${name}. It is still saved in this browser.`);
  });

  tools.querySelector('[data-action="start-afresh"]')?.addEventListener('click', () => afreshDialog.showModal());
  afreshDialog.addEventListener('close', () => {
    if (afreshDialog.returnValue !== 'confirm') return;
    afreshDialog.returnValue = '';
    try {
      if (shownUnreadable !== null && startAfresh(shownUnreadable)) {
        say(tools, 'ok', 'The unreadable copy was deleted. New ticks and lab runs are saved from now on.');
      } else {
        say(tools, 'error', 'Nothing was deleted: the saved progress changed in another tab since this page showed it. Look again below.');
      }
    } catch (error) {
      say(tools, 'error', (error as Error).message);
    }
    render();
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
    const text = await file.text();
    const parsed = parseProgress(text);
    if (!parsed.ok) {
      say(tools, 'error', `Could not import ${file.name}: ${parsed.error} ${unchanged}`);
      return;
    }
    const current = loadProgress();
    if (current.unreadable !== undefined) {
      say(tools, 'error', `Could not import ${file.name}: the progress already saved here cannot be read, and an import would replace it. Download it or start afresh first. ${unchanged}`);
      return;
    }
    pending = { text, name: file.name };
    fillReview(importDialog, file.name, reviewImport(current.progress, parsed.progress, catalog, new Date()));
    importDialog.showModal();
  });

  importDialog.addEventListener('close', () => {
    const mode = importDialog.returnValue as ImportMode | 'cancel' | '';
    importDialog.returnValue = '';
    const chosen = pending;
    pending = null;
    if (!chosen) return;
    if (mode !== 'replace' && mode !== 'merge') {
      say(tools, 'ok', `Import of ${chosen.name} cancelled. Your progress was not changed.`);
      return;
    }
    const result = importProgress(chosen.text, undefined, mode);
    if (!result.ok) {
      say(tools, 'error', `Could not import ${chosen.name}: ${result.error} Your progress was not changed.`);
      return;
    }
    say(
      tools,
      'ok',
      mode === 'replace'
        ? `Imported ${describe(result.progress)} from ${chosen.name}, in place of yours.`
        : `Merged ${chosen.name} with your progress: you now have ${describe(result.progress)}.`,
    );
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
