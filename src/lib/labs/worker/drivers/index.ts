import type { DriverTable } from '../serve.ts';

/**
 * The drivers of lab.worker.ts. A worker bundle inlines what it imports, so a heavy driver gets a
 * worker of its own (attacks.worker.ts) rather than a line here.
 */
export const drivers: DriverTable = {
  sampler: () => import('./sampler.ts').then((m) => m.createSamplerDriver()),
  masker: () => import('./masker.ts').then((m) => m.createMaskerDriver()),
};
