import { z } from 'astro/zod';
import { sourceStatus } from './source.ts';

const idPattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/**
 * A range such as "5–60 s" or "512 MB–8 GB": a figure the source states as a span, not one number.
 * Written `value: { min: 5, max: 60 }` with `unit: s`; it renders as "5–60 s", and the restatement
 * check finds it retyped as "5–60 s", "5-60s", "5 to 60 seconds" or "5 s–60 s".
 */
const rangeSchema = z
  .object({
    /** The low end, e.g. 5 for "5–60 s". */
    min: z.number({ message: 'value.min: give the low end as a number, e.g. 5' }),
    /** The high end, e.g. 60 for "5–60 s". */
    max: z.number({ message: 'value.max: give the high end as a number, e.g. 60' }),
    /** The unit of min when it differs from unit, e.g. MB for "512 MB–8 GB" (with unit: GB). */
    minUnit: z.string().min(1, 'value.minUnit: give the unit of the low end, e.g. MB').optional(),
  })
  .strict()
  .refine((r) => r.minUnit !== undefined || r.min < r.max, {
    message: 'value: a range gives min below max, e.g. { min: 5, max: 60 }',
  });

/**
 * One file in content/figures/; its file name is the id pages use in <Figure id="…" />.
 * A figure is a number together with what it measures and what it is compared with: a page never
 * retypes it, so the value, its scope and its citation cannot drift apart between pages.
 */
export const figureSchema = z
  .object({
    /**
     * The number itself, e.g. 55 for "up to 55× higher", or a range { min, max } for "5–60 s". The
     * checks compare it with the quoted source.
     */
    value: z.union([z.number(), rangeSchema], {
      message: 'value: give the number alone, e.g. 55, or a range, e.g. { min: 5, max: 60 } (the unit goes in unit)',
    }),
    /** The unit as written after the number: ×, %, ms, s, MB, or words such as "M decisions/s". */
    unit: z.string().min(1, 'unit: give the unit, e.g. × or ms'),
    /**
     * The value as a page shows it, with its bound and direction, e.g. "up to 55× higher". It must
     * contain the number. A range may leave it out: it then shows as the range, e.g. "5–60 s".
     */
    display: z.string().min(1, 'display: write the value as readers see it, e.g. "up to 30× smaller"').optional(),
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
    /** Verified figures only: the number (or range) exactly as the quoted sentence writes it, e.g. "55x", ".9%" or "5-60s". */
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
  .refine((f) => typeof f.value !== 'number' || f.display !== undefined, {
    message: 'display: write the value as readers see it, e.g. "up to 30× smaller" (only a range may leave it out)',
    path: ['display'],
  })
  .refine((f) => f.status !== 'verified' || f.quotedAs !== undefined, {
    message: 'quotedAs: a verified figure gives the number as its source quote writes it; without a quote it cannot be verified',
    path: ['quotedAs'],
  });

export type FigureData = z.infer<typeof figureSchema>;
