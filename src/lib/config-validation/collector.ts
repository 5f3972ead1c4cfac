// OpenTelemetry Collector configs: the structure the Collector checks at start-up, plus two rules
// for this site: every defined component is used (an unused one is dead configuration that misleads
// a reader, so it fails rather than warns), and the OTLP receiver's HTTP protocol allows the labs'
// browser origins through CORS.
import { isMapping, type Mapping } from './mapping.ts';
import type { Validator } from './problem.ts';
import { singleDocument } from './yaml-source.ts';

/** Origins the in-browser labs export spans from (astro dev and astro preview). */
export const LAB_ORIGINS = ['http://localhost:4321', 'http://127.0.0.1:4321'];

const SECTIONS = ['receivers', 'processors', 'exporters', 'connectors', 'extensions'] as const;
type Section = (typeof SECTIONS)[number];
const TOP_LEVEL = new Set<string>([...SECTIONS, 'service']);
const PIPELINE_NAME = /^(traces|metrics|logs)(\/[^/\s]+)?$/;
const COMPONENT_ID = /^[a-zA-Z][0-9a-zA-Z_]{0,62}(\/[^/\s]+)?$/;
const PIPELINE_KEYS = new Set(['receivers', 'processors', 'exporters']);

export const validateCollector: Validator = singleDocument(({ doc, report }) => {

  if (!isMapping(doc.value)) return report([], 'A Collector config must be a mapping.');
  const config = doc.value;
  for (const key of Object.keys(config)) {
    if (!TOP_LEVEL.has(key)) report([key], `Unknown top-level key "${key}". A Collector config has ${[...TOP_LEVEL].join(', ')}.`);
  }

  const defined = new Map<Section, Set<string>>();
  for (const section of SECTIONS) {
    const value = config[section];
    if (value === undefined) {
      if (section === 'receivers' || section === 'exporters') report([], `The config has no "${section}" section; every pipeline needs ${section}.`);
      defined.set(section, new Set());
      continue;
    }
    if (!isMapping(value)) {
      report([section], `"${section}" must be a mapping of component ids to their settings.`);
      defined.set(section, new Set());
      continue;
    }
    for (const id of Object.keys(value)) {
      if (!COMPONENT_ID.test(id)) report([section, id], `"${id}" is not a valid component id (type[/name], type starting with a letter).`);
    }
    defined.set(section, new Set(Object.keys(value)));
  }

  const used = new Map<Section, Set<string>>(SECTIONS.map((s) => [s, new Set<string>()]));
  const service = config.service;
  if (!isMapping(service)) {
    report([], 'The config has no "service" section, so the Collector runs no pipeline.');
  } else {
    checkPipelines(service, defined, used, report);
    checkServiceExtensions(service, defined, used, report);
  }

  for (const section of SECTIONS) {
    for (const id of defined.get(section) ?? []) {
      if (used.get(section)?.has(id)) continue;
      const where = section === 'extensions' ? 'service.extensions' : 'any pipeline';
      const noun = section.charAt(0).toUpperCase() + section.slice(1, -1);
      report([section, id], `${noun} "${id}" is defined but not used in ${where}. Remove it or use it.`);
    }
  }

  checkOtlpCors(config, report);
});

type Report = (path: (string | number)[], message: string) => void;

function checkPipelines(service: Mapping, defined: Map<Section, Set<string>>, used: Map<Section, Set<string>>, report: Report) {
  const pipelines = service.pipelines;
  if (!isMapping(pipelines) || Object.keys(pipelines).length === 0) {
    report(['service'], 'service.pipelines is missing or empty.');
    return;
  }
  for (const [name, pipeline] of Object.entries(pipelines)) {
    const at = ['service', 'pipelines', name];
    if (!PIPELINE_NAME.test(name)) report(at, `Pipeline "${name}" must be named traces, metrics or logs, optionally followed by /name.`);
    if (!isMapping(pipeline)) {
      report(at, `Pipeline "${name}" must be a mapping with receivers, processors and exporters.`);
      continue;
    }
    for (const key of Object.keys(pipeline)) {
      if (!PIPELINE_KEYS.has(key)) report([...at, key], `Pipeline "${name}" has an unknown key "${key}".`);
    }
    for (const role of ['receivers', 'processors', 'exporters'] as const) {
      const list = pipeline[role];
      if (list === undefined) {
        if (role !== 'processors') report(at, `Pipeline "${name}" has no ${role}.`);
        continue;
      }
      if (!Array.isArray(list) || (role !== 'processors' && list.length === 0)) {
        report([...at, role], `Pipeline "${name}" ${role} must be a ${role === 'processors' ? '' : 'non-empty '}list of component ids.`);
        continue;
      }
      // Connectors join pipelines: one is an exporter of one pipeline and a receiver of another.
      const sections: Section[] = role === 'processors' ? ['processors'] : [role, 'connectors'];
      const seen = new Set<string>();
      list.forEach((id: unknown, i) => {
        const ref = String(id);
        if (seen.has(ref)) report([...at, role, i], `Pipeline "${name}" lists ${role.slice(0, -1)} "${ref}" twice.`);
        seen.add(ref);
        const section = sections.find((s) => defined.get(s)?.has(ref));
        if (!section) {
          const places = sections.map((s) => `"${s}"`).join(' or ');
          report([...at, role, i], `Pipeline "${name}" uses ${role.slice(0, -1)} "${ref}", which is not defined under ${places}.`);
        } else {
          used.get(section)?.add(ref);
        }
      });
    }
  }
}

function checkServiceExtensions(service: Mapping, defined: Map<Section, Set<string>>, used: Map<Section, Set<string>>, report: Report) {
  const list = service.extensions;
  if (list === undefined) return;
  if (!Array.isArray(list)) {
    report(['service', 'extensions'], 'service.extensions must be a list of extension ids.');
    return;
  }
  list.forEach((id: unknown, i) => {
    const ref = String(id);
    if (defined.get('extensions')?.has(ref)) used.get('extensions')?.add(ref);
    else report(['service', 'extensions', i], `service.extensions uses "${ref}", which is not defined under "extensions".`);
  });
}

function checkOtlpCors(config: Mapping, report: Report) {
  const receivers = isMapping(config.receivers) ? config.receivers : {};
  for (const [id, settings] of Object.entries(receivers)) {
    if (id.split('/')[0] !== 'otlp') continue;
    const at = ['receivers', id];
    const http = isMapping(settings) && isMapping(settings.protocols) ? settings.protocols.http : undefined;
    if (!isMapping(settings) || !isMapping(settings.protocols) || !('http' in settings.protocols)) {
      report(at, `Receiver "${id}" has no protocols.http; the browser labs send OTLP over HTTP.`);
      continue;
    }
    const cors = isMapping(http) ? http.cors : undefined;
    const origins = isMapping(cors) ? cors.allowed_origins : undefined;
    if (!Array.isArray(origins) || origins.length === 0) {
      report([...at, 'protocols', 'http'], `Receiver "${id}" needs protocols.http.cors.allowed_origins listing ${LAB_ORIGINS.join(' and ')} so the browser labs can export to it.`);
      continue;
    }
    const missing = LAB_ORIGINS.filter((origin) => !origins.some((pattern) => originMatches(String(pattern), origin)));
    if (missing.length) {
      report([...at, 'protocols', 'http', 'cors', 'allowed_origins'], `Receiver "${id}" CORS allowed_origins does not allow ${missing.join(' or ')}, an origin the browser labs export from.`);
    }
  }
}

/** The Collector's CORS patterns allow `*` wildcards, e.g. `http://*.example.com`. */
function originMatches(pattern: string, origin: string): boolean {
  const regex = new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return regex.test(origin);
}
