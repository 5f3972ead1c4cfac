// The sandbox's policy: which defences are on and at what level, and the outer limits that hold
// whatever the learner switches off. A defence set to `null` is off; its outer limit still applies.

export interface FilesystemPolicy {
  /** Files, directories and links the guest may create; null: no quota. */
  maxFiles: number | null;
  /** Bytes the guest may store across all its files; null: no quota. */
  maxBytes: number | null;
  /** read-write, read-only (writes refused), or none (no preopened directory: no filesystem at all). */
  access: 'read-write' | 'read-only' | 'none';
}

export type NetworkPolicy =
  | { mode: 'deny' }
  | {
      mode: 'allow';
      /** Connections open at once; null: no cap. */
      maxConnections: number | null;
      /** Sustained bytes per second across connections, with one second of burst; null: no cap. */
      bytesPerSecond: number | null;
    };

export interface HostWorkLimits {
  /** Bytes the host produces or stores for the guest (random bytes, written bytes). */
  bytes: number;
  /** fsync/fdatasync calls. */
  syncs: number;
  /** Host calls of any kind. */
  calls: number;
}

export interface SandboxPolicy {
  /** Fuel units: one per function entry and loop iteration. null: unmetered (the meter still counts). */
  fuel: number | null;
  /** The run's wall-clock deadline, enforced by the main thread. null: only the outer watchdog. */
  deadlineMs: number | null;
  /** Linear memory cap in 64 KiB pages. */
  memoryPages: number | null;
  fs: FilesystemPolicy;
  net: NetworkPolicy;
  /** Host-side work a run may cause. */
  hostWork: HostWorkLimits | null;
}

/**
 * Limits that hold with every defence off, so that "defences off" shows the attack's growth
 * without letting it take the learner's tab down: a real host without the defence has no such
 * ceiling, which the lab page says for each attack.
 */
export const OUTER_LIMITS = {
  /** 256 MiB of linear memory. */
  memoryPages: 4096,
  deadlineMs: 10_000,
  files: 5_000,
  bytes: 64 * 1024 * 1024,
  connections: 1024,
  netBytes: 16 * 1024 * 1024,
} as const;

export const WASM_PAGE_BYTES = 65_536;

/** The limit actually applied: the defence's if it is on and tighter, else the outer one. */
export function effectiveLimit(defence: number | null, outer: number): { max: number; outer: boolean } {
  return defence !== null && defence <= outer ? { max: defence, outer: false } : { max: outer, outer: true };
}
