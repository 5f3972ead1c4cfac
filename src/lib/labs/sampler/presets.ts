// The three-service scenario's services and presets. Apart from settings.ts so that the lab
// worker, which needs them only when a run uses the scenario, loads them with the scenario.
import type { Algorithm, SamplerSettings } from './settings.ts';

/** One service of the three-service scenario: its sampler's algorithm and ratio, and whether it follows its caller. */
export interface ServiceSampler {
  algorithm: Algorithm;
  ratio: number;
  /** Follows the caller's sampled flag; the first service has no caller, so it always decides itself. */
  parentBased: boolean;
}

/** The request's path through the scenario, caller first. */
export const SERVICES = ['gateway', 'checkout', 'payments'] as const;
export type ServiceName = (typeof SERVICES)[number];

/**
 * The scenario's presets. Each service keeps 25% (payments 10%), so only the algorithms and
 * parent-based sampling differ: mixed algorithms deciding independently break traces; following
 * the caller, or one consistent algorithm at one ratio, keeps every trace whole.
 */
export const PRESETS: Record<'mixed' | 'parent-based' | 'one-algorithm', Record<ServiceName, ServiceSampler>> = {
  mixed: {
    gateway: { algorithm: 'xor', ratio: 0.25, parentBased: false },
    checkout: { algorithm: 'threshold', ratio: 0.25, parentBased: false },
    payments: { algorithm: 'xor', ratio: 0.1, parentBased: false },
  },
  'parent-based': {
    gateway: { algorithm: 'xor', ratio: 0.25, parentBased: false },
    checkout: { algorithm: 'threshold', ratio: 0.25, parentBased: true },
    payments: { algorithm: 'xor', ratio: 0.1, parentBased: true },
  },
  'one-algorithm': {
    gateway: { algorithm: 'threshold', ratio: 0.25, parentBased: false },
    checkout: { algorithm: 'threshold', ratio: 0.25, parentBased: false },
    payments: { algorithm: 'threshold', ratio: 0.25, parentBased: false },
  },
};

/** The per-service settings' keys, e.g. gatewayRatio. */
type ServiceKey = `${ServiceName}${'Algorithm' | 'Ratio' | 'ParentBased'}`;

/** The settings with the per-service ones taken from `from`, or from a preset's table. */
function servicesFrom(s: SamplerSettings, from: (name: ServiceName) => ServiceSampler): SamplerSettings {
  const out: Record<string, unknown> = { ...s };
  for (const name of SERVICES) {
    const v = from(name);
    out[`${name}Algorithm`] = v.algorithm;
    out[`${name}Ratio`] = v.ratio;
    // The gateway has no caller, so no parent-based key.
    if (name !== 'gateway') out[`${name}ParentBased`] = v.parentBased;
  }
  return out as SamplerSettings;
}

const ownServices = (s: SamplerSettings) => (name: ServiceName): ServiceSampler => {
  const r = s as unknown as Record<ServiceKey, unknown>;
  return {
    algorithm: r[`${name}Algorithm`] as Algorithm,
    ratio: r[`${name}Ratio`] as number,
    parentBased: name !== 'gateway' && r[`${name}ParentBased`] === true,
  };
};

const isPreset = (scenario: SamplerSettings['scenario']): scenario is keyof typeof PRESETS => scenario in PRESETS;

/** Under a preset the per-service settings are the preset's, whatever else the settings say. */
export function withPreset(s: SamplerSettings): SamplerSettings {
  const scenario = s.scenario;
  return isPreset(scenario) ? servicesFrom(s, (name) => PRESETS[scenario][name]) : s;
}

/**
 * What a link records: a preset's name stands for its per-service settings, which are left out
 * (the per-service defaults are the mixed preset's, which a unit test checks).
 */
export function forLink(s: SamplerSettings): SamplerSettings {
  return isPreset(s.scenario) ? servicesFrom(s, (name) => PRESETS.mixed[name]) : s;
}

/** The three services' samplers the settings describe, caller first; null when the scenario is off. */
export function serviceSamplers(s: SamplerSettings): ServiceSampler[] | null {
  if (s.scenario === 'off') return null;
  return SERVICES.map(ownServices(withPreset(s)));
}

/**
 * One scenario service's plugin configuration: its algorithm and ratio, parent-based if it
 * follows its caller, and the lab's force-keep switch (every service sees the same status, so
 * force-keep keeps all three spans of a failed request and breaks no trace).
 */
export function serviceConfig(service: ServiceSampler, forceKeep: boolean): string {
  return JSON.stringify({
    ratio: service.ratio,
    parentBased: service.parentBased,
    forceKeep: { errors: forceKeep, http5xx: forceKeep },
    routes: [],
    boost: null,
    algorithm: service.algorithm,
  });
}
