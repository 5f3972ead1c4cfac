// Does a learning-path step lead to the page it promises? A step's title and outcome must name at
// least half of what the target page's title says it is about. "Production checklist" leading to
// "Wasm plugins in production" fails: the step hides that the page is about Wasm plugins.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DOCS_ROOT } from './routes.ts';

const STOP = new Set(
  'a an the and or of in on to at by for with from into your you how what this that its are was is be about one page site use using run runs'.split(' '),
);

/** Content words, lower-cased, with a plural "s" dropped (plugins → plugin, VMs → vm). */
export function subjectWords(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9]+/)
      .filter((w) => w.length >= 2 && !STOP.has(w))
      .map((w) => w.replace(/(?<=..)s$/, '')),
  );
}

/** The words of the page title that the step's title and outcome leave out; empty when at least half are named. */
export function missingSubject(step: { title: string; outcome: string }, pageTitle: string): string[] {
  const page = [...subjectWords(pageTitle)];
  const said = subjectWords(`${step.title} ${step.outcome}`);
  const missing = page.filter((w) => !said.has(w));
  return missing.length * 2 > page.length ? missing : [];
}

/** The title in a docs page's frontmatter, for a site path such as /containers/basics/. */
export function pageTitleFor(href: string, root: string = DOCS_ROOT): string | undefined {
  const base = join(root, href.replace(/^\/|\/$/g, ''));
  for (const file of [`${base}.mdx`, `${base}.md`, join(base, 'index.mdx'), join(base, 'index.md')]) {
    if (!existsSync(file)) continue;
    const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'))?.[1];
    const title = fm ? (parse(fm) as { title?: unknown }).title : undefined;
    return typeof title === 'string' ? title : undefined;
  }
  return undefined;
}
