// Envoy static bootstraps: the structure Envoy needs to start serving HTTP through a Wasm filter.
// Listeners exist; each HTTP connection manager ends its filter chain with the router; each Wasm
// filter names its runtime and its code; every cluster a route or a service refers to is defined.
import { isMapping, type Mapping } from './mapping.ts';
import type { Validator } from './problem.ts';
import { singleDocument, type PathSegment, type Report } from './yaml-source.ts';

const HCM_NAME = 'envoy.filters.network.http_connection_manager';
const HCM_TYPE = 'type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager';
const ROUTER_NAME = 'envoy.filters.http.router';
const ROUTER_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.router.v3.Router';
const WASM_NAME = 'envoy.filters.http.wasm';
const WASM_TYPE = 'type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm';
const WASM_RUNTIMES = new Set(['envoy.wasm.runtime.v8', 'envoy.wasm.runtime.wamr', 'envoy.wasm.runtime.wasmtime', 'envoy.wasm.runtime.null']);

export const validateEnvoy: Validator = singleDocument(({ doc, report }) => {

  const bootstrap = isMapping(doc.value) ? doc.value : {};
  const resources = isMapping(bootstrap.static_resources) ? bootstrap.static_resources : undefined;
  const listeners = resources?.listeners;
  if (!Array.isArray(listeners) || listeners.length === 0) {
    report(resources ? ['static_resources'] : [], 'static_resources.listeners is missing or empty; Envoy would accept no traffic.');
    return;
  }

  const clusters = new Set<string>();
  (Array.isArray(resources?.clusters) ? resources.clusters : []).forEach((cluster: unknown, i) => {
    const name = isMapping(cluster) ? cluster.name : undefined;
    if (typeof name !== 'string') report(['static_resources', 'clusters', i], 'Every cluster needs a name.');
    else if (clusters.has(name)) report(['static_resources', 'clusters', i, 'name'], `Cluster "${name}" is defined twice.`);
    else clusters.add(name);
  });

  listeners.forEach((listener: unknown, l) => {
    if (!isMapping(listener)) return;
    const base: PathSegment[] = ['static_resources', 'listeners', l];
    const chains: { chain: unknown; path: PathSegment[] }[] = [];
    if (Array.isArray(listener.filter_chains)) {
      listener.filter_chains.forEach((chain: unknown, c) => chains.push({ chain, path: [...base, 'filter_chains', c] }));
    }
    if (listener.default_filter_chain !== undefined) chains.push({ chain: listener.default_filter_chain, path: [...base, 'default_filter_chain'] });
    for (const { chain, path } of chains) {
      const filters = isMapping(chain) && Array.isArray(chain.filters) ? chain.filters : [];
      filters.forEach((filter: unknown, f) => {
        if (!isMapping(filter)) return;
        const config = isMapping(filter.typed_config) ? filter.typed_config : undefined;
        if (filter.name !== HCM_NAME && config?.['@type'] !== HCM_TYPE) return;
        const at: PathSegment[] = [...path, 'filters', f, 'typed_config'];
        if (!config) report(at.slice(0, -1), 'The HTTP connection manager has no typed_config.');
        else checkConnectionManager(config, at, report);
      });
    }
  });

  for (const ref of clusterReferences(bootstrap, [])) {
    if (!clusters.has(ref.name)) report(ref.path, `Cluster "${ref.name}" is referenced here but not defined in static_resources.clusters.`);
  }
});

function checkConnectionManager(config: Mapping, at: PathSegment[], report: Report) {
  const filters = config.http_filters;
  if (!Array.isArray(filters) || filters.length === 0) {
    report(at, `http_filters is missing or empty; it must end with ${ROUTER_NAME}.`);
    return;
  }
  filters.forEach((filter: unknown, i) => {
    const path = [...at, 'http_filters', i];
    if (!isMapping(filter) || typeof filter.name !== 'string') {
      report(path, 'Every HTTP filter needs a name.');
      return;
    }
    const typed = isMapping(filter.typed_config) ? filter.typed_config : undefined;
    const isRouter = filter.name === ROUTER_NAME || typed?.['@type'] === ROUTER_TYPE;
    if (isRouter && i !== filters.length - 1) report(path, `${ROUTER_NAME} must be the last HTTP filter; filters after it never run.`);
    if (filter.name === WASM_NAME || (typeof typed?.['@type'] === 'string' && typed['@type'].endsWith('.wasm.v3.Wasm'))) {
      checkWasmFilter(typed, path, report);
    }
  });
  const last = filters[filters.length - 1];
  const lastTyped = isMapping(last) && isMapping(last.typed_config) ? last.typed_config : undefined;
  if (!isMapping(last) || (last.name !== ROUTER_NAME && lastTyped?.['@type'] !== ROUTER_TYPE)) {
    report([...at, 'http_filters', filters.length - 1], `The last HTTP filter must be ${ROUTER_NAME}; without it no request reaches an upstream.`);
  }
}

function checkWasmFilter(typed: Mapping | undefined, path: PathSegment[], report: Report) {
  if (!typed) {
    report(path, `The Wasm filter needs a typed_config with "@type": ${WASM_TYPE}.`);
    return;
  }
  const at = [...path, 'typed_config'];
  if (typed['@type'] !== WASM_TYPE) report([...at, '@type'], `The Wasm filter's typed_config "@type" must be ${WASM_TYPE}.`);
  const config = isMapping(typed.config) ? typed.config : undefined;
  if (!config) {
    report(at, 'The Wasm filter has no config (the PluginConfig with vm_config).');
    return;
  }
  const vm = isMapping(config.vm_config) ? config.vm_config : undefined;
  if (!vm) {
    report([...at, 'config'], 'The Wasm filter config has no vm_config, so Envoy has no module to load.');
    return;
  }
  if (typeof vm.runtime !== 'string') report([...at, 'config', 'vm_config'], `vm_config.runtime is missing; use one of ${[...WASM_RUNTIMES].join(', ')}.`);
  else if (!WASM_RUNTIMES.has(vm.runtime)) report([...at, 'config', 'vm_config', 'runtime'], `vm_config.runtime "${vm.runtime}" is not one of ${[...WASM_RUNTIMES].join(', ')}.`);
  const code = isMapping(vm.code) ? vm.code : undefined;
  if (!code || (!isMapping(code.local) && !isMapping(code.remote))) {
    report([...at, 'config', 'vm_config'], 'vm_config.code is missing; give code.local (filename, inline_bytes or inline_string) or code.remote (http_uri and sha256).');
  } else if (isMapping(code.remote) && typeof code.remote.sha256 !== 'string') {
    report([...at, 'config', 'vm_config', 'code', 'remote'], 'vm_config.code.remote needs sha256, so Envoy can verify the module it downloads.');
  }
}

/** Cluster names used by routes (route.cluster, weighted_clusters, mirrors), remote fetches and gRPC services. */
function clusterReferences(node: unknown, path: PathSegment[]): { name: string; path: PathSegment[] }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => clusterReferences(item, [...path, i]));
  if (!isMapping(node)) return [];
  const parent = path[path.length - 1];
  const refs: { name: string; path: PathSegment[] }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (typeof value !== 'string') continue;
    const isRef =
      (key === 'cluster' && (parent === 'route' || parent === 'http_uri' || typeof parent === 'number')) ||
      (key === 'cluster_name' && parent === 'envoy_grpc') ||
      (key === 'name' && path[path.length - 2] === 'clusters' && path[path.length - 3] === 'weighted_clusters');
    if (isRef) refs.push({ name: value, path: [...path, key] });
  }
  for (const [key, value] of Object.entries(node)) refs.push(...clusterReferences(value, [...path, key]));
  return refs;
}
