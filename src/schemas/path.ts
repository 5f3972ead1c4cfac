import { z } from 'astro/zod';
import { KNOWN_LABS, LAB_IDS } from '../lib/paths/labs.ts';

const kebabId = (field: string) =>
  z
    .string({ message: `${field}: required` })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, `${field}: use lower-case words joined by hyphens, e.g. read-otlp-pipeline`);

/** One thing to read or do. Progress is stored per path and step id, so keep ids stable once published. */
export const pathStepSchema = z
  .object({
    /** Stable id, unique within the path; ticked steps are saved under it in the learner's browser. */
    id: kebabId('id'),
    /** What the learner does, e.g. "Read the OTLP pipeline page". */
    title: z.string().min(3, 'title: say what the learner reads or does'),
    /** A page of this site, as a path with leading and trailing slash and no #anchor. */
    href: z
      .string()
      .regex(
        /^\/(?:[a-z0-9-]+\/)*$/,
        'href: give a site path such as /containers/dockerfile/ (leading and trailing slash, no #anchor, no host)',
      ),
    /** What the learner will be able to do after this step, as a phrase that follows "You will be able to". */
    outcome: z.string().min(10, 'outcome: say what the learner will be able to do after this step'),
    /** Set when the step is a lab: the step then also counts as done once the lab reports a completed run. */
    lab: z.enum(LAB_IDS, { message: `lab: one of ${LAB_IDS.join(', ')}` }).optional(),
  })
  .strict()
  .refine((step) => !step.lab || KNOWN_LABS[step.lab].href === step.href, {
    message: 'href: a lab step must link to its lab page (see src/lib/paths/labs.ts)',
    path: ['href'],
  });

/** A group of steps: a stage of a role path, or a day or week of a schedule. */
export const pathStageSchema = z
  .object({
    /** Shown as a heading, e.g. "Days 1 and 2" or "Read". */
    title: z.string().min(2, 'title: name the stage, e.g. "Week 1"'),
    /** One or two sentences on what the stage is for. */
    summary: z.string().optional(),
    steps: z.array(pathStepSchema).min(1, 'steps: a stage needs at least one step'),
  })
  .strict();

/**
 * One file in content/paths/; its file name is the path id, and its page is
 * content/docs/paths/<id>.mdx, which renders it with <LearningPath path="<id>" />.
 * The page's title and description are the path's title and description.
 */
export const pathSchema = z
  .object({
    /** role: a path for a job; schedule: a day-by-day or week-by-week plan. */
    kind: z.enum(['role', 'schedule'], { message: 'kind: role or schedule' }),
    /** Position on the paths index within its kind (lowest first). */
    order: z.number().int().min(0),
    /** How long the path takes, in plain words, e.g. "one week" or "about ten hours". */
    duration: z.string().min(3, 'duration: say how long the path takes, e.g. "one week"'),
    stages: z.array(pathStageSchema).min(1, 'stages: a path needs at least one stage'),
  })
  .strict()
  .superRefine((path, ctx) => {
    const seen = new Set<string>();
    path.stages.forEach((stage, s) =>
      stage.steps.forEach((step, i) => {
        if (seen.has(step.id)) {
          ctx.addIssue({
            code: 'custom',
            message: `id: "${step.id}" is used twice in this path; step ids must be unique within a path`,
            path: ['stages', s, 'steps', i, 'id'],
          });
        }
        seen.add(step.id);
      }),
    );
  });

export type LearningPathData = z.infer<typeof pathSchema>;
export type PathStep = z.infer<typeof pathStepSchema>;
