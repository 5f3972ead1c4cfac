// The trace I/O panel is loaded when a learner first reaches for it, not with the page: a pointer
// over it, keyboard focus in it, or a file handed to its input (e2e/lab-weight.spec.ts holds the
// page to its script budget). A click or a file choice that arrives before the module is replayed
// once the panel is there, so nothing a learner does is lost to the wait.
import type { TraceIOSource } from './TraceIOPanel.ts';

export function loadTraceIOOnDemand(root: HTMLElement, source: TraceIOSource): void {
  let loading: Promise<void> | null = null;
  const early: (() => void)[] = [];
  const load = () =>
    (loading ??= import('./TraceIOPanel.ts').then(({ TraceIOPanel }) => {
      new TraceIOPanel(root, source);
      for (const replay of early.splice(0)) replay();
    }));
  root.addEventListener('pointerenter', load);
  root.addEventListener('focusin', load);
  root.addEventListener('click', (e) => {
    if (root.dataset.ready === 'true') return;
    const button = (e.target as Element).closest('button');
    if (!button) return;
    early.push(() => button.click());
    void load();
  }, true);
  root.addEventListener('change', (e) => {
    if (root.dataset.ready === 'true') return;
    const input = e.target as HTMLInputElement;
    if (input.type !== 'file') return;
    early.push(() => input.dispatchEvent(new Event('change')));
    void load();
  }, true);
}
