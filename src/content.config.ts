import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { docsSchema } from '@astrojs/starlight/schema';
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
