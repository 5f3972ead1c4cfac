import { readFile } from 'node:fs/promises';
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema, i18nSchema } from '@astrojs/starlight/schema';
import { pageFields } from './schemas/page.ts';
import { sourceSchema } from './schemas/source.ts';
import { pathSchema } from './schemas/path.ts';
import { figureSchema } from './schemas/figure.ts';

// Content lives at the top level in content/, not in src/content/, so writers never need to open src/.
export const collections = {
  docs: defineCollection({
    loader: glob({ base: './content/docs', pattern: '**/[^_]*.{md,mdx}' }),
    schema: docsSchema({ extend: pageFields }),
  }),
  sources: defineCollection({
    // One file per source, so that pages written in parallel never edit the same file.
    loader: glob({ base: './content/sources', pattern: '*.yaml' }),
    schema: sourceSchema,
  }),
  i18n: defineCollection({
    // Starlight's interface strings, overridden where the site words them differently. Starlight
    // keys this collection by file path relative to src/content/i18n/, so a glob over content/i18n/
    // would give the wrong key; the one file is loaded as the entry `en` instead. Without the
    // collection the build warns that it is missing.
    loader: async () => [{ id: 'en', ...JSON.parse(await readFile('./content/i18n/en.json', 'utf8')) }],
    schema: i18nSchema(),
  }),
  figures: defineCollection({
    // One file per figure: pages cite it with <Figure id="…" /> and never retype the number.
    loader: glob({ base: './content/figures', pattern: '*.yaml' }),
    schema: figureSchema,
  }),
  paths: defineCollection({
    // One file per learning path; content/docs/paths/<id>.mdx renders it.
    loader: glob({ base: './content/paths', pattern: '*.yaml' }),
    schema: pathSchema,
  }),
};
