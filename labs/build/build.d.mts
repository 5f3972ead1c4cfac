export function listLabs(): Promise<string[]>;
export function buildLab(
  lab: string,
  outRoot?: string,
): Promise<{ lab: string; outDir: string; coreBytes: number; componentBytes: number; written: string[] }>;
