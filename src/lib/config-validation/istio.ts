// Istio WasmPlugin resources (extensions.istio.io/v1alpha1): the fields Istio needs to fetch and
// place a plugin, with the enum values its API accepts. A module fetched over https must carry
// spec.sha256, or the proxy runs whatever the server returns.
import { isMapping, type Mapping } from './mapping.ts';
import type { ConfigFile, Problem, Validator } from './problem.ts';
import { parseYamlFile, type PathSegment, type YamlDocument } from './yaml-source.ts';

const API_VERSION = 'extensions.istio.io/v1alpha1';
const PHASES = ['UNSPECIFIED_PHASE', 'AUTHN', 'AUTHZ', 'STATS'];
const FAIL_STRATEGIES = ['FAIL_CLOSE', 'FAIL_OPEN'];
const PULL_POLICIES = ['UNSPECIFIED_POLICY', 'IfNotPresent', 'Always'];
const PLUGIN_TYPES = ['UNSPECIFIED_PLUGIN_TYPE', 'HTTP', 'NETWORK'];
const URL_SCHEMES = ['oci://', 'https://', 'file://'];
const SHA256 = /^[a-f0-9]{64}$/;

export const validateIstio: Validator = (file: ConfigFile): Problem[] => {
  const { documents, problems } = parseYamlFile(file, { multiDocument: true });
  if (problems.length) return problems;
  return documents.flatMap((doc) => wasmPluginProblems(file, doc));
};

function wasmPluginProblems(file: ConfigFile, doc: YamlDocument): Problem[] {
  const out: Problem[] = [];
  const report = (path: PathSegment[], message: string) => out.push({ file: file.path, line: doc.lineAt(path), message });
  const object = isMapping(doc.value) ? doc.value : {};

  if (object.apiVersion !== API_VERSION) report(['apiVersion'], `apiVersion must be ${API_VERSION}.`);
  if (object.kind !== 'WasmPlugin') report(['kind'], 'kind must be WasmPlugin; this folder holds Istio WasmPlugin resources.');
  const metadata = isMapping(object.metadata) ? object.metadata : undefined;
  if (typeof metadata?.name !== 'string') report(['metadata'], 'metadata.name is required.');
  const spec = isMapping(object.spec) ? object.spec : undefined;
  if (!spec) {
    report([], 'spec is required.');
    return out;
  }

  const url = spec.url;
  if (typeof url !== 'string' || url === '') {
    report(['spec'], 'spec.url is required: the plugin module, as oci://, https:// or file://.');
  } else if (!URL_SCHEMES.some((scheme) => url.startsWith(scheme))) {
    report(['spec', 'url'], `spec.url "${url}" must start with ${URL_SCHEMES.join(', ')}.`);
  } else if (url.startsWith('https://') && spec.sha256 === undefined) {
    report(['spec', 'url'], 'A module fetched over https:// needs spec.sha256 so the proxy can verify what it downloads.');
  }
  if (spec.sha256 !== undefined && !(typeof spec.sha256 === 'string' && SHA256.test(spec.sha256))) {
    report(['spec', 'sha256'], 'spec.sha256 must be 64 lowercase hex characters, without a "sha256:" prefix.');
  }
  checkEnum(spec, 'phase', PHASES, report);
  checkEnum(spec, 'failStrategy', FAIL_STRATEGIES, report);
  checkEnum(spec, 'imagePullPolicy', PULL_POLICIES, report);
  checkEnum(spec, 'type', PLUGIN_TYPES, report);
  if (spec.priority !== undefined && !Number.isInteger(spec.priority)) report(['spec', 'priority'], 'spec.priority must be an integer.');
  if (spec.pluginConfig !== undefined && !isMapping(spec.pluginConfig)) report(['spec', 'pluginConfig'], 'spec.pluginConfig must be a mapping; Istio passes it to the plugin as JSON.');
  return out;
}

function checkEnum(spec: Mapping, key: string, allowed: string[], report: (path: PathSegment[], message: string) => void) {
  const value = spec[key];
  if (value !== undefined && !allowed.includes(String(value))) {
    report(['spec', key], `spec.${key} "${String(value)}" must be one of ${allowed.join(', ')}.`);
  }
}
