// The sampler lab inside the worker: loads the Wasm component built from labs/sampler, then sends
// synthetic traffic through its decide-batch export, ten ticks a second.
import { instantiate, type Root as SamplerComponent } from '../../../../../labs/out/sampler/sampler.js';
import coreUrl from '../../../../../labs/out/sampler/sampler.core.wasm?url';
import { pluginConfigError } from '../errors.ts';
import type { DriverIO, LabDriver } from '../driver.ts';
import { ROUTES, samplerSettingsSchema, pluginConfig, pluginConfigSizeError, type SamplerSettings } from '../../sampler/settings.ts';
import { generateBatch, toWorkerSpans, type RequestBatch } from '../../sampler/traffic.ts';
import { DECIDED, DECIDE_COST } from '../../sampler/workerFigures.ts';
// The scenario's code, and the threshold method's explanations, load only when a run first uses
// them: a run with the lab's defaults never fetches them (the page's weight budget counts the worker).
type ScenarioModule = typeof import('../../sampler/scenario.ts');
import { compileCoreModule } from '../compile.ts';

const TICK_MS = 100;
/** A batch this large needs more than the module's memory cap: the "trap" drill sends one. */
const OVERSIZED_BATCH = 2_000_000;

export function createSamplerDriver(): LabDriver {
  let component: SamplerComponent | null = null;
  /** The scenario's three services, each its own instance of the component, as each would load its own plugin. */
  let serviceInstances: SamplerComponent[] = [];
  let settings: SamplerSettings | null = null;
  /** When the promotion/incident switch was turned on; its window starts then. */
  let boostSince: number | null = null;

  const need = (): SamplerComponent => {
    if (!component) throw new Error('the component is not instantiated');
    return component;
  };

  const configure = (config: string): string => {
    const c = need();
    // Checked again here, whatever the page did: the component must never see an oversized string.
    const tooLarge = pluginConfigSizeError(config);
    if (tooLarge) throw new Error(`the configuration is ${tooLarge}; it was not passed to the plugin`);
    try {
      c.configure(config);
    } catch (err) {
      throw pluginConfigError(err);
    }
    return c.currentConfig();
  };

  /** Adopts new settings and configures the plugin to match them. */
  const adopt = (raw: unknown): string => {
    const next = samplerSettingsSchema.parse(raw);
    if (next.boost === 'off') boostSince = null;
    else if (settings?.boost !== next.boost || boostSince === null) boostSince = Date.now();
    settings = next;
    return configure(pluginConfig(next, boostSince));
  };

  /** The `th` of the ratio the plugin applies to each route now (boosts and route rules included). */
  const thByRoute = (c: SamplerComponent, now: number): string[] =>
    ROUTES.map(({ route }) => c.threshold(c.decide({ traceId: '1'.padStart(32, '0'), parent: 'none', route, statusCode: 200, isError: false }, now).ratio));

  /**
   * The scenario's tick: each service's instance configured from the settings (a few hundred bytes
   * of JSON each, so every tick rather than tracking changes), the batch through the three
   * services, its spans, and the count of broken traces.
   */
  const runScenario = (m: ScenarioModule, s: SamplerSettings, batch: RequestBatch, now: number) => {
    const services = m.serviceSamplers(s)!;
    services.forEach((service, i) => {
      try {
        serviceInstances[i]!.configure(m.serviceConfig(service, s.forceKeep));
      } catch (err) {
        throw pluginConfigError(err);
      }
    });
    const { countTraces, decideThroughServices, scenarioSpans } = m;
    const decisions = decideThroughServices(batch, serviceInstances.map((inst) => (b: RequestBatch) => inst.decideBatch(b, now)));
    const th = services.map((service, i) => (service.algorithm === 'threshold' ? serviceInstances[i]!.threshold(service.ratio) : undefined));
    return { spans: scenarioSpans(batch, decisions, services, th), counts: countTraces(decisions) };
  };

  return {
    configure,

    update: (raw) => adopt(raw),

    async instantiate(fault) {
      const module = await compileCoreModule(coreUrl, fault === 'corrupt-module');
      component = await instantiate(() => module, {});
      // Instantiated with the first, so that switching the scenario on mid-run needs no await:
      // an instance from a compiled module costs little, and each has its own memory.
      serviceInstances = await Promise.all([0, 1, 2].map(() => instantiate(() => module, {})));
      return { 'lab.component': 'wol:sampler@0.1.0', 'lab.imports': 'none' };
    },

    async run(rawSettings, io: DriverIO) {
      const c = need();
      adopt(rawSettings);
      const endAt = Date.now() + settings!.duration * 1000;
      let carry = 0;
      let tick = 0;
      let decided = 0;
      let decideMs = 0;
      let broken = 0;
      let complete = 0;
      let requests = 0;
      let scenario: ScenarioModule | null = null;
      while (!io.signal.aborted && Date.now() < endAt) {
        const s = settings!;
        const tickStart = Date.now();
        carry += (s.rate * TICK_MS) / 1000;
        const count = Math.floor(carry);
        carry -= count;
        if (io.fault === 'hang' && tick === 5) {
          // A module stuck in a loop: nothing in this worker runs again. Only the host's
          // deadline or the Stop button (after its grace period) ends it, by terminating the worker.
          for (;;) {}
        }
        const n = io.fault === 'trap' && tick === 5 ? OVERSIZED_BATCH : count;
        const batch = generateBatch(n, tickStart, TICK_MS, { errorRate: s.errorRate }, Math.random);
        const inScenario = s.scenario !== 'off';
        if ((inScenario || s.algorithm === 'threshold') && !scenario) scenario = await import('../../sampler/scenario.ts');
        const t0 = performance.now();
        if (inScenario && scenario && n !== OVERSIZED_BATCH) {
          const { spans, counts } = runScenario(scenario, s, batch, tickStart);
          decideMs += performance.now() - t0;
          decided += counts.total;
          requests += counts.total;
          broken += counts.broken;
          complete += counts.complete;
          io.emit(spans);
        } else {
          const decisions = c.decideBatch(batch, tickStart);
          decideMs += performance.now() - t0;
          decided += decisions.length;
          io.emit(toWorkerSpans(batch, decisions, {
            algorithm: s.algorithm,
            ...(s.algorithm === 'threshold' ? { thByRoute: thByRoute(c, tickStart), explainThreshold: scenario?.explainThreshold, annotate: scenario?.thresholdAnnotations } : {}),
          }));
        }
        tick++;
        // After the first batch, so the figures are there from the start, then once a second:
        // enough for a learner to read, few enough to cost nothing.
        if (tick === 1 || tick % 10 === 0) {
          io.figures([
            { ...DECIDED, value: decided },
            { ...DECIDE_COST, value: decided ? (decideMs * 1000) / decided : 0 },
            ...(inScenario && scenario ? scenario.scenarioFigures(broken, complete, requests) : []),
          ]);
        }
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, TICK_MS - (Date.now() - tickStart))));
      }
    },
  };
}
