/**
 * Labs that a learning-path step can point at, keyed by the id the lab reports when a run
 * completes (see markLabRunComplete in src/lib/progress/store.ts). A new lab adds one entry here;
 * the path schema and the progress store pick it up from this list.
 */
export const KNOWN_LABS = {
  sampler: { href: '/labs/sampler/', title: 'Trace sampler lab' },
  masker: { href: '/labs/masker/', title: 'PII masker lab' },
} as const;

export type LabId = keyof typeof KNOWN_LABS;

export const LAB_IDS = Object.keys(KNOWN_LABS) as [LabId, ...LabId[]];

export function isKnownLab(id: string): id is LabId {
  return Object.hasOwn(KNOWN_LABS, id);
}
