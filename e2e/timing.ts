// When a wall-clock bar on the main thread (no task over 50 ms, and the like) is judged.
//
// Tests that carry the tag @perf run in the `perf` project of playwright.config.ts: after every
// other test has finished, one at a time, so that nothing but the page under test and the preview
// server competes for the machine's cores. There the bars are always asserted. Run in any other
// way (one spec by hand on a busy machine, say), a task is stretched by the time the page waits for a
// core: the bars are then asserted only below one runnable thread per core, and otherwise recorded
// as an annotation of the test.
import { availableParallelism, loadavg } from 'node:os';
import { test } from '@playwright/test';

export const PERF = { tag: '@perf' } as const;

export const inPerfProject = (): boolean => test.info().project.name === 'perf';

/** How much the machine stretches a task's wall-clock time: 1 in the perf project or on an idle machine. */
export function contentionFactor(): number {
  return inPerfProject() ? 1 : Math.max(1, loadavg()[0]! / availableParallelism());
}

/** Whether the 50 ms long-task bar is asserted now (see above); when not, the caller records its figures. */
export function judgeLongTasks(): boolean {
  return inPerfProject() || loadavg()[0]! / availableParallelism() < 1;
}
