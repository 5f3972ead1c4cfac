import { reference } from 'astro:content';
import { z } from 'astro/zod';

/** Fields every knowledge-base page may add to Starlight's own frontmatter. */
export const pageFields = z.object({
  /** Ids from content/sources/ that back the figures on this page; listed at the foot of the page. */
  sources: z.array(reference('sources')).default([]),
  /** The date the page's facts were last checked against their sources (YYYY-MM-DD). */
  reviewed: z.coerce.date({ message: 'reviewed: use a date such as 2026-11-22' }).optional(),
});
