export function loadLab<T = unknown>(lab: string, imports?: Record<string, unknown>, outRoot?: string): Promise<T>;
