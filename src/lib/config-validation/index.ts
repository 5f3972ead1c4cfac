// The registry of config kinds: one folder under content/configs/, one validator module each.
// A new kind of config file adds a module and a line here.
import { createComposeValidator } from './compose.ts';
import { validateCollector } from './collector.ts';
import { validateDockerfile } from './dockerfile.ts';
import { validateEnvoy } from './envoy.ts';
import { validateGrafana } from './grafana.ts';
import { validateIstio } from './istio.ts';
import { validateKubernetes } from './kubernetes.ts';
import type { Validator } from './problem.ts';
import { validatePrometheus } from './prometheus.ts';
import { validatorForKinds, type ConfigKind } from './registry.ts';

export { formatProblem, type ConfigFile, type Problem, type Validator } from './problem.ts';
export type { ConfigKind } from './registry.ts';
export { KUBERNETES_VERSION } from './kubernetes.ts';

export interface ConfigValidationOptions {
  /** Whether a path relative to the config root exists; Compose mounts are checked with it. */
  fileExists(path: string): boolean;
}

const YAML = /^[^/]+\.ya?ml$/;
const YAML_IN_WORDS = '.yaml or .yml files';

export function configKinds(options: ConfigValidationOptions): ConfigKind[] {
  return [
    { folder: 'docker', description: 'Dockerfiles', accepts: /^(?:[^/]+\.Dockerfile|Dockerfile(?:\.[\w.-]+)?)$/, acceptsInWords: 'files named *.Dockerfile or Dockerfile', validate: validateDockerfile },
    { folder: 'compose', description: 'Compose files', accepts: YAML, acceptsInWords: YAML_IN_WORDS, validate: createComposeValidator(options) },
    { folder: 'kubernetes', description: 'Kubernetes manifests', accepts: /^[^/]+\.(?:ya?ml|json)$/, acceptsInWords: '.yaml, .yml or .json files', validate: validateKubernetes },
    { folder: 'collector', description: 'OpenTelemetry Collector configs', accepts: YAML, acceptsInWords: YAML_IN_WORDS, validate: validateCollector },
    { folder: 'envoy', description: 'Envoy bootstrap configs', accepts: YAML, acceptsInWords: YAML_IN_WORDS, validate: validateEnvoy },
    { folder: 'istio', description: 'Istio WasmPlugin resources', accepts: YAML, acceptsInWords: YAML_IN_WORDS, validate: validateIstio },
    { folder: 'prometheus', description: 'Prometheus configs', accepts: YAML, acceptsInWords: YAML_IN_WORDS, validate: validatePrometheus },
    { folder: 'grafana', description: 'Grafana provisioning files and dashboards', accepts: /^(?:[^/]+\/)*[^/]+\.(?:ya?ml|json)$/, acceptsInWords: '.yaml, .yml or .json files', validate: validateGrafana },
  ];
}

/** Validates any file under content/configs/ by its folder. */
export function createConfigValidator(options: ConfigValidationOptions): Validator {
  return validatorForKinds(configKinds(options));
}
