import { reference } from 'astro:content';
import { z } from 'astro/zod';

/** Fields every knowledge-base page may add to Starlight's own frontmatter. */
export const pageFields = z.object({
  /** Ids from content/sources/ that back the figures on this page; listed at the foot of the page. */
  sources: z.array(reference('sources')).default([]),
  /** The date the page's facts were last checked against their sources (YYYY-MM-DD). */
  reviewed: z.coerce.date({ message: 'reviewed: use a date such as 2026-11-22' }).optional(),
  /** Pages with commands or configs: what they were checked against, and how. Shown at the top of the page. */
  testedWith: z
    .object({
      /** Ids from content/versions/tools.yaml; each shows its version and how configs that use it are checked. */
      tools: z.array(z.string().regex(/^[a-z0-9-]+$/, 'testedWith.tools: ids from content/versions/tools.yaml, e.g. otelcol')).default([]),
      /** Commands or code no tool version covers, and their status, e.g. "The wasmtime commands were not run here." */
      note: z.string().min(10, 'testedWith.note: say what was or was not run, and against which documentation').optional(),
    })
    .strict()
    .refine((t) => t.tools.length > 0 || t.note !== undefined, {
      message: 'testedWith: list tools from content/versions/tools.yaml, or give a note',
    })
    .optional(),
});
