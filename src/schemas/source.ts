import { z } from 'astro/zod';

/**
 * How far a figure can be trusted. Every figure on the site cites a source, and the source's
 * status is shown next to it, so a reader can tell a checked number from a scenario.
 */
export const sourceStatus = z.enum(['verified', 'secondary', 'unverified', 'illustrative'], {
  message: 'status must be one of: verified, secondary, unverified, illustrative',
});

/** One file in content/sources/; its file name is the id pages cite. */
export const sourceSchema = z
  .object({
    /** A short label shown inline, e.g. "Edera v2 (arXiv:2501.04580v2)". */
    label: z.string().min(3, 'label: give a short label readers will see inline'),
    /** The full title of the work. */
    title: z.string().min(3, 'title: give the full title of the work'),
    /** Where a reader can check it. Seed documents have no public URL. */
    url: z.url({ message: 'url: must be an absolute URL' }).optional(),
    /** verified: checked against the primary text; secondary: a summary of it; unverified: only in the seeds; illustrative: a made-up scenario. */
    status: sourceStatus,
    /** What was checked, or why it could not be. */
    note: z.string().optional(),
    /** For a source with no public URL: the page of this site that explains it, e.g. /start/#the-seed-documents. */
    explainedAt: z
      .string()
      .regex(/^\/(?:[a-z0-9-]+\/)*(?:#[a-z0-9-]+)?$/, 'explainedAt: a site path such as /start/#the-seed-documents')
      .optional(),
    /** The exact sentences the source was checked against, copied from it; verified figures must occur in them. */
    quotes: z
      .array(
        z
          .object({
            /** Where the text is, e.g. "abstract"; a figure's `at` names it. */
            at: z.string().min(3, 'quotes.at: say where the text is, e.g. "abstract"'),
            /** The sentences, copied exactly (only whitespace may differ). */
            text: z.string().min(20, 'quotes.text: copy the sentences exactly'),
          })
          .strict(),
      )
      .optional(),
  })
  .strict()
  .refine((src) => src.status !== 'verified' || (src.quotes?.length ?? 0) > 0, {
    message: 'quotes: a verified source holds the exact sentences it was checked against; without them mark it secondary or unverified',
    path: ['quotes'],
  });

export type SourceStatus = z.infer<typeof sourceStatus>;
