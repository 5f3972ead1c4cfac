// Kubernetes manifests: each document valid against the strict Kubernetes 1.31 schema for its
// apiVersion/kind, named, with pinned container images and selectors that match their pod labels.
import kubernetesSchema from './schemas/kubernetes-1.31.json' with { type: 'json' };
import { unpinnedImageReason } from './image-reference.ts';
import { JsonSchemaValidator } from './json-schema-validator.ts';
import type { Mapping } from './mapping.ts';
import type { ConfigFile, Problem, Validator } from './problem.ts';
import { parseYamlFile, type PathSegment, type YamlDocument } from './yaml-source.ts';

/** The Kubernetes release whose API the manifests are checked against. */
export const KUBERNETES_VERSION = '1.31';

const schema = new JsonSchemaValidator(kubernetesSchema as Record<string, unknown>);
const definitions = (kubernetesSchema as { definitions: Record<string, unknown> }).definitions;

/** `apiVersion/kind` pairs the vendored schema covers, e.g. `apps/v1/Deployment`. */
export const SUPPORTED_KINDS: readonly string[] = Object.keys(definitions)
  .filter((key) => key.startsWith('gvk:'))
  .map((key) => key.slice('gvk:'.length));

/** Where each workload kind keeps its pod template's spec. */
const POD_SPEC_PATHS: Record<string, PathSegment[]> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

/** Kinds whose spec.selector must select the pods of spec.template (the API server rejects a mismatch). */
const SELECTOR_KINDS = new Set(['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet']);

export const validateKubernetes: Validator = (file: ConfigFile): Problem[] => {
  const { documents, problems } = parseYamlFile(file, { multiDocument: true });
  if (problems.length) return problems;
  return documents.flatMap((doc) => documentProblems(file, doc));
};

function documentProblems(file: ConfigFile, doc: YamlDocument): Problem[] {
  const object = doc.value;
  if (!object || typeof object !== 'object' || Array.isArray(object)) {
    return [{ file: file.path, line: doc.line, message: 'Each YAML document must be a Kubernetes object (a mapping with apiVersion and kind).' }];
  }
  const { apiVersion, kind } = object as Mapping;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    return [{ file: file.path, line: doc.line, message: 'The document has no apiVersion or kind.' }];
  }
  const gvk = `${apiVersion}/${kind}`;
  const label = `${kind} (${apiVersion})`;
  if (!SUPPORTED_KINDS.includes(gvk)) {
    return [{
      file: file.path,
      line: doc.lineAt(['kind']),
      message:
        `${label} is not a kind this validator knows for Kubernetes ${KUBERNETES_VERSION}. ` +
        `Known kinds: ${SUPPORTED_KINDS.join(', ')}. To add one, list it in KINDS in ` +
        'scripts/generate-kubernetes-schema.mjs and regenerate the schema.',
    }];
  }

  const pointer = `#/definitions/${`gvk:${gvk}`.replaceAll('~', '~0').replaceAll('/', '~1')}`;
  const out = schema.problems(doc, file.path, pointer).map((p) => ({ ...p, message: `${label}: ${p.message}` }));
  if (out.length) return out;

  const metadata = (object as Mapping).metadata as Mapping | undefined;
  if (!metadata?.name && !metadata?.generateName) {
    out.push({ file: file.path, line: doc.lineAt(['metadata']), message: `${label}: metadata.name is required.` });
  }
  const podSpecPath = POD_SPEC_PATHS[kind];
  if (podSpecPath) out.push(...imageProblems(file, doc, label, podSpecPath));
  if (SELECTOR_KINDS.has(kind)) out.push(...selectorProblems(file, doc, label));
  return out;
}

function get(value: unknown, path: readonly PathSegment[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Mapping)[key] : undefined), value);
}

function imageProblems(file: ConfigFile, doc: YamlDocument, label: string, podSpecPath: PathSegment[]): Problem[] {
  const out: Problem[] = [];
  for (const list of ['initContainers', 'containers', 'ephemeralContainers']) {
    const containers = get(doc.value, [...podSpecPath, list]);
    if (!Array.isArray(containers)) continue;
    containers.forEach((container: Mapping, i) => {
      const path = [...podSpecPath, list, i, 'image'];
      const image = container.image;
      if (typeof image !== 'string') {
        out.push({ file: file.path, line: doc.lineAt(path), message: `${label}: container "${String(container.name)}" has no image.` });
        return;
      }
      const reason = unpinnedImageReason(image);
      if (reason) out.push({ file: file.path, line: doc.lineAt(path), message: `${label}: container "${String(container.name)}" image "${image}" ${reason}.` });
    });
  }
  return out;
}

function selectorProblems(file: ConfigFile, doc: YamlDocument, label: string): Problem[] {
  const matchLabels = (get(doc.value, ['spec', 'selector', 'matchLabels']) ?? {}) as Record<string, string>;
  const podLabels = (get(doc.value, ['spec', 'template', 'metadata', 'labels']) ?? {}) as Record<string, string>;
  return Object.entries(matchLabels)
    .filter(([key, value]) => podLabels[key] !== value)
    .map(([key, value]) => ({
      file: file.path,
      line: doc.lineAt(['spec', 'selector', 'matchLabels', key]),
      message: `${label}: spec.selector.matchLabels ${key}=${value} does not match spec.template.metadata.labels, so the selector would select none of its own pods.`,
    }));
}
