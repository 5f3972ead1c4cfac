import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { KNOWN_LABS } from './labs.ts';
import { missingSubject, pageTitleFor, subjectWords } from './subject.ts';

test('subjectWords drops filler and plurals', () => {
  assert.deepEqual([...subjectWords('Wasm plugins in production')], ['wasm', 'plugin', 'production']);
  assert.deepEqual([...subjectWords('VMs, containers and Edera')], ['vm', 'container', 'edera']);
});

test('a step that hides what its page is about is caught; one that names it passes', () => {
  const page = 'Wasm plugins in production';
  assert.deepEqual(
    missingSubject({ title: 'Production checklist and troubleshooting', outcome: 'check your deployment' }, page),
    ['wasm', 'plugin'],
  );
  assert.deepEqual(missingSubject({ title: 'Wasm plugins in production', outcome: 'roll a plugin out' }, page), []);
  // Exactly half named is enough: "Security hardening checklist" from "Hardening checklist".
  assert.deepEqual(missingSubject({ title: 'Hardening', outcome: 'a checklist' }, 'Security hardening checklist notes'), []);
});

test('every learning-path step leads to a page whose subject matches the step', () => {
  const root = join(process.cwd(), 'content', 'paths');
  const problems: string[] = [];
  for (const name of readdirSync(root).filter((n) => n.endsWith('.yaml'))) {
    const path = parse(readFileSync(join(root, name), 'utf8')) as {
      stages: { steps: { id: string; title: string; outcome: string; href: string; lab?: string }[] }[];
    };
    for (const step of path.stages.flatMap((s) => s.steps)) {
      const title = pageTitleFor(step.href) ?? (step.lab ? KNOWN_LABS[step.lab as keyof typeof KNOWN_LABS]?.title : undefined);
      if (!title) {
        problems.push(`content/paths/${name}, step ${step.id}: ${step.href} is not a page`);
        continue;
      }
      const missing = missingSubject(step, title);
      if (missing.length > 0) {
        problems.push(`content/paths/${name}, step ${step.id}: "${step.title}" leads to "${title}" but does not say ${missing.join(', ')}`);
      }
    }
  }
  assert.deepEqual(problems, []);
});
