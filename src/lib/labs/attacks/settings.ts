// The attack lab's settings: which attack, and each defence switched on or off. They live in the
// URL query (one key per defence, versioned like every lab's link), so an instructor can hand out
// a link to one scenario. The defence levels are fixed here, and listed on the lab page.
import * as z from 'zod/mini';
import { choiceField, quoteShort, readShareLink, writeShareLink, type ShareLinkSpec, type ShareNotice } from '../share-link.ts';
import { OUTER_LIMITS, type SandboxPolicy } from '../sandbox/policy.ts';
import type { BreakerPolicy } from '../sandbox/CircuitBreaker.ts';

export const ATTACKS = ['cpu', 'memory', 'files', 'network', 'host-work'] as const;
export type Attack = (typeof ATTACKS)[number];

/** Each attack's variants, the first being its default. */
export const VARIANTS = {
  cpu: ['loop', 'bursts'],
  memory: ['grow', 'alloc'],
  files: ['inodes', 'space'],
  network: ['connect', 'flood'],
  'host-work': ['random', 'sync', 'writes'],
} as const satisfies Record<Attack, readonly string[]>;
const ALL_VARIANTS = [...new Set(Object.values(VARIANTS).flat())] as [string, ...string[]];

const ON_OFF = ['on', 'off'] as const;
const onOff = (name: string) => z.enum(ON_OFF, `${name} must be on or off`);

const fields = {
  /** The attack the module runs. */
  attack: z.enum(ATTACKS, 'attack must be cpu, memory, files, network or host-work'),
  /** The attack's variant; each attack has its own (see VARIANTS). */
  variant: z.enum(ALL_VARIANTS, `variant must be one of ${ALL_VARIANTS.join(', ')}`),
  /** Fuel metering: the run traps when its fuel budget is spent. */
  fuel: onOff('fuel'),
  /** The run's wall-clock deadline; off leaves only the outer watchdog. */
  deadline: onOff('deadline'),
  /** The linear-memory cap. */
  memory: onOff('memory'),
  /** File-count and byte quotas on the sandbox directory. */
  quota: onOff('quota'),
  /** What the guest's filesystem is: a writable directory, a read-only one, or none at all. */
  fs: z.enum(['read-write', 'read-only', 'none'], 'fs must be read-write, read-only or none'),
  /** The network policy: deny everything, allow with caps, or allow without caps. */
  net: z.enum(['deny', 'limit', 'open'], 'net must be deny, limit or open'),
  /** The per-run budget of host-side work. */
  hostBudget: onOff('hostBudget'),
  /** Quarantine the module after repeated violations. */
  breaker: onOff('breaker'),
};

export interface AttackSettings {
  attack: Attack;
  variant: string;
  fuel: 'on' | 'off';
  deadline: 'on' | 'off';
  memory: 'on' | 'off';
  quota: 'on' | 'off';
  fs: 'read-write' | 'read-only' | 'none';
  net: 'deny' | 'limit' | 'open';
  hostBudget: 'on' | 'off';
  breaker: 'on' | 'off';
}

export const DEFAULT_SETTINGS: AttackSettings = {
  attack: 'cpu',
  variant: 'loop',
  fuel: 'on',
  deadline: 'on',
  memory: 'on',
  quota: 'on',
  fs: 'read-write',
  net: 'limit',
  hostBudget: 'on',
  breaker: 'on',
};

/** The defence levels when on. Sized so that every attack is contained in well under a second. */
export const LEVELS = {
  fuel: 100_000_000,
  deadlineMs: 5_000,
  memoryPages: 256,
  maxFiles: 200,
  maxBytes: 1024 * 1024,
  maxConnections: 16,
  bytesPerSecond: 64 * 1024,
  hostWork: { bytes: 16 * 1024 * 1024, syncs: 1_000, calls: 20_000 },
  breaker: { violations: 3, windowMs: 60_000 } satisfies BreakerPolicy,
} as const;

export const ATTACK_LINK: ShareLinkSpec<AttackSettings> = {
  fields: {
    attack: choiceField(fields.attack),
    variant: choiceField(fields.variant),
    fuel: choiceField(fields.fuel),
    deadline: choiceField(fields.deadline),
    memory: choiceField(fields.memory),
    quota: choiceField(fields.quota),
    fs: choiceField(fields.fs),
    net: choiceField(fields.net),
    hostBudget: choiceField(fields.hostBudget),
    breaker: choiceField(fields.breaker),
  },
  defaults: DEFAULT_SETTINGS,
  version: 1,
};

/** Reads settings from a page query; a variant that does not belong to the attack falls back to the attack's first, with a notice. */
export function settingsFromQuery(query: URLSearchParams): { settings: AttackSettings; notices: ShareNotice[] } {
  const { settings, notices } = readShareLink(query, ATTACK_LINK);
  const variants: readonly string[] = VARIANTS[settings.attack];
  if (!variants.includes(settings.variant)) {
    if (query.has('variant')) {
      notices.push({
        key: 'variant',
        quoted: quoteShort(query.get('variant')!),
        message: `the ${settings.attack} attack has the variants ${variants.join(', ')}, so it runs ${variants[0]}`,
      });
    }
    settings.variant = variants[0]!;
  }
  return { settings, notices };
}

export function settingsToQuery(settings: AttackSettings): URLSearchParams {
  return writeShareLink(settings, ATTACK_LINK);
}

/** Validates settings sent to the worker: they crossed a message boundary. */
export function parseSettings(raw: unknown): AttackSettings {
  const query = new URLSearchParams();
  if (!raw || typeof raw !== 'object') throw new Error('the attack lab needs its settings');
  for (const key of Object.keys(ATTACK_LINK.fields)) {
    const value = (raw as Record<string, unknown>)[key];
    if (typeof value === 'string') query.set(key, value);
  }
  const { settings, notices } = settingsFromQuery(query);
  if (notices.length) throw new Error(notices.map((n) => `${n.key}: ${n.message}`).join('; '));
  return settings;
}

/** The sandbox policy the settings describe. */
export function policyOf(s: AttackSettings): SandboxPolicy {
  return {
    fuel: s.fuel === 'on' ? LEVELS.fuel : null,
    deadlineMs: s.deadline === 'on' ? LEVELS.deadlineMs : null,
    memoryPages: s.memory === 'on' ? LEVELS.memoryPages : null,
    fs: {
      maxFiles: s.quota === 'on' ? LEVELS.maxFiles : null,
      maxBytes: s.quota === 'on' ? LEVELS.maxBytes : null,
      access: s.fs,
    },
    net:
      s.net === 'deny'
        ? { mode: 'deny' }
        : s.net === 'limit'
          ? { mode: 'allow', maxConnections: LEVELS.maxConnections, bytesPerSecond: LEVELS.bytesPerSecond }
          : { mode: 'allow', maxConnections: null, bytesPerSecond: null },
    hostWork: s.hostBudget === 'on' ? LEVELS.hostWork : null,
  };
}

/** The run's wall-clock budget as the main thread enforces it. */
export function deadlineOf(s: AttackSettings): number {
  return s.deadline === 'on' ? LEVELS.deadlineMs : OUTER_LIMITS.deadlineMs;
}

/**
 * A learner's own module for the run, in place of the attack: the file itself (the worker reads it)
 * and the SHA-256 its check computed, the key under which the circuit breaker counts it. Not part
 * of the link: a file cannot travel in a URL.
 */
export interface OwnModuleSetting {
  file: Blob;
  name: string;
  sha256: string;
}

/** The own module in settings that crossed a message boundary, or null when the run is an attack. */
export function ownModuleOf(raw: unknown): OwnModuleSetting | null {
  const own = (raw as { own?: unknown } | null)?.own;
  if (own === undefined || own === null) return null;
  const o = own as Partial<OwnModuleSetting>;
  if (!(o.file instanceof Blob) || typeof o.name !== 'string' || typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) {
    throw new Error('the own module setting needs a file, its name and its SHA-256');
  }
  return { file: o.file, name: o.name, sha256: o.sha256 };
}
