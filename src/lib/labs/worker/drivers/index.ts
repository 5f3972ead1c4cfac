import type { LabId } from '../../protocol.ts';
import type { LabDriver } from '../driver.ts';

/** Drivers are loaded on demand, so a worker only fetches the lab it runs. */
export const drivers: Record<LabId, () => Promise<LabDriver>> = {
  sampler: () => import('./sampler.ts').then((m) => m.createSamplerDriver()),
  attacks: () => import('./attacks.ts').then((m) => m.createAttacksDriver()),
};
