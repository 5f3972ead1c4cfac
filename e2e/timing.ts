// When a wall-clock bar on the main thread (no task over 50 ms, and the like) is judged.
//
// Tests that carry the tag @perf run in the `perf` project of playwright.config.ts: after every
// other test has finished, one at a time, so that nothing but the page under test and the preview
// server competes for the machine's cores. Even there a task is stretched by the time the page waits
// for a core when the machine is busy with other work, so the bars are asserted below one runnable
// thread per core (the one-minute load average) and otherwise recorded as an annotation of the test.
import { availableParallelism, loadavg } from 'node:os';
import { test } from '@playwright/test';

export const PERF = { tag: '@perf' } as const;

export const inPerfProject = (): boolean => test.info().project.name === 'perf';

/** How much the machine stretches a task's wall-clock time: 1 on an idle machine. */
export function contentionFactor(): number {
  return Math.max(1, loadavg()[0]! / availableParallelism());
}

/** Whether the 50 ms long-task bar is asserted now (see above); when not, the caller records its figures. */
export function judgeLongTasks(): boolean {
  return loadavg()[0]! / availableParallelism() < 1;
}
