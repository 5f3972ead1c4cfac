// Test support: the fixture trees and an assertion for expected problems.
import assert from 'node:assert/strict';
import { fileURLToPath } from 'node:url';
import { openConfigFolder, type ConfigFolder } from './config-folder.ts';
import type { Problem } from './problem.ts';

/** A miniature content/configs/ in which every file is valid. */
export const goodFixtures: ConfigFolder = openConfigFolder(fileURLToPath(new URL('./fixtures/good', import.meta.url)));

/** Files that are each wrong in a known way, in the same folder layout. */
export const brokenFixtures: ConfigFolder = openConfigFolder(fileURLToPath(new URL('./fixtures/broken', import.meta.url)));

/** Asserts exactly these problems, in line order (stable for equal lines): each as [line, message pattern]. */
export function assertProblems(problems: Problem[], expected: [line: number | undefined, message: RegExp][]): void {
  const actual = [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  const shown = actual.map((p) => `${p.line ?? '-'}: ${p.message}`).join('\n');
  assert.equal(actual.length, expected.length, `expected ${expected.length} problem(s), got:\n${shown}`);
  expected.forEach(([line, pattern], i) => {
    assert.equal(actual[i].line, line, `problem ${i + 1} line, in:\n${shown}`);
    assert.match(actual[i].message, pattern);
  });
}

/** Fixture paths in one folder, e.g. `docker/`. */
export function filesIn(folder: ConfigFolder, kind: string): string[] {
  return folder.files.filter((path) => path.startsWith(`${kind}/`));
}
