import { z } from 'astro/zod';
import { sourceStatus } from './source.ts';

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * One file in content/figures/; its file name is the id pages use in <Figure id="…" />.
 * A figure is a number together with what it measures and what it is compared with: a page never
 * retypes it, so the value, its scope and its citation cannot drift apart between pages.
 */
export const figureSchema = z
  .object({
    /** The number itself, e.g. 55 for "up to 55× higher". The checks compare it with the quoted source. */
    value: z.number({ message: 'value: give the number alone, e.g. 55 (the unit goes in unit)' }),
    /** The unit as written after the number: ×, %, ms, s, MB, or words such as "M decisions/s". */
    unit: z.string().min(1, 'unit: give the unit, e.g. × or ms'),
    /** The value as a page shows it, with its bound and direction, e.g. "up to 55× higher". It must contain the number. */
    display: z.string().min(1, 'display: write the value as readers see it, e.g. "up to 30× smaller"'),
    /** What was measured, as a phrase that follows the value, e.g. "warm latency of interpreted Wasm". */
    measures: z.string().min(5, 'measures: say what was measured, e.g. "image size of AoT-compiled Wasm"'),
    /** Compared with what, e.g. "container images", or "none named in the abstract". The comparison is part of the figure. */
    baseline: z.string().min(3, 'baseline: say what the figure is compared with, or "none named in the source"'),
    /** An id from content/sources/. */
    source: z.string().regex(idPattern, 'source: the id of a file in content/sources/, e.g. lumos'),
    /** Where in the source: "abstract", "Table 3", "section 5.2". For a verified figure, the source must quote that place. */
    at: z.string().min(3, 'at: say where in the source, e.g. "abstract" or "Table 3"'),
    /** verified: its words are in the source's quoted text; secondary: from a summary; unverified: only in the seed documents; illustrative: a scenario, not a measurement. */
    status: sourceStatus,
    /** Verified figures only: the number exactly as the quoted sentence writes it, e.g. "55x" or ".9%". */
    quotedAs: z.string().min(1).optional(),
    /** A figure this project measures: the command that reproduces it, e.g. "npm run bench". */
    command: z.string().min(3).optional(),
    /** Extra literal forms the restatement check looks for on pages, besides those derived from value and unit. */
    literals: z.array(z.string().min(2)).optional(),
    /**
     * For a number common in unrelated text ("5 ms", "10 MB"): words of which one must be on the same
     * line for the restatement check to count it, e.g. ["filter", "Lua", "Envoy"]. Without it, any
     * line with the number counts.
     */
    context: z.array(z.string().min(2, 'context: give whole words, e.g. "Lua"')).min(1).optional(),
  })
  .strict()
  .refine((f) => f.status !== 'verified' || f.quotedAs !== undefined, {
    message: 'quotedAs: a verified figure gives the number as its source quote writes it; without a quote it cannot be verified',
    path: ['quotedAs'],
  });

export type FigureData = z.infer<typeof figureSchema>;
