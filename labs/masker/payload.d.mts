export function random(seed: number): () => number;
export function sample(rnd: () => number): string;
export function mixedPayload(bytes: number, seed?: number): string;
