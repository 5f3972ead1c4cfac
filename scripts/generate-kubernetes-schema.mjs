// Regenerates src/lib/config-validation/schemas/kubernetes-1.31.json, the strict JSON Schema the
// Kubernetes config validator uses. The input is the Kubernetes 1.31.0 API type model that
// cdk8s-plus-31 ships in its jsii assembly (.jsii), which cdk8s generates from the Kubernetes
// v1.31.0 OpenAPI definitions. No network access and no project dependency is needed:
//
//   npm pack cdk8s-plus-31@2.6.43 && tar xzf cdk8s-plus-31-2.6.43.tgz
//   node scripts/generate-kubernetes-schema.mjs package
//
// Only the kinds listed in KINDS (and the types they reach) are written, without descriptions.
// Limits of the source model, stated in the schema's $comment and the validator README: integer
// formats (int32/int64) become "number", and string enums are not enforced.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const KUBERNETES_VERSION = '1.31.0';
const SOURCE_PACKAGE = 'cdk8s-plus-31@2.6.43';
const OUT = 'src/lib/config-validation/schemas/kubernetes-1.31.json';

/** apiVersion/kind pairs the validator accepts. Add a line here and rerun to support a new kind. */
const KINDS = [
  'v1/ConfigMap',
  'v1/LimitRange',
  'v1/Namespace',
  'v1/PersistentVolumeClaim',
  'v1/Pod',
  'v1/ResourceQuota',
  'v1/Secret',
  'v1/Service',
  'v1/ServiceAccount',
  'apps/v1/DaemonSet',
  'apps/v1/Deployment',
  'apps/v1/StatefulSet',
  'autoscaling/v2/HorizontalPodAutoscaler',
  'batch/v1/CronJob',
  'batch/v1/Job',
  'networking.k8s.io/v1/Ingress',
  'networking.k8s.io/v1/NetworkPolicy',
  'node.k8s.io/v1/RuntimeClass',
  'policy/v1/PodDisruptionBudget',
];

const pkgDir = process.argv[2];
if (!pkgDir) {
  console.error('Usage: node scripts/generate-kubernetes-schema.mjs <unpacked cdk8s-plus-31 package folder>');
  process.exit(2);
}

const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
if (`${pkg.name}@${pkg.version}` !== SOURCE_PACKAGE) {
  console.error(`Expected ${SOURCE_PACKAGE}, found ${pkg.name}@${pkg.version}. Update SOURCE_PACKAGE if this is deliberate.`);
  process.exit(2);
}
const assembly = JSON.parse(readFileSync(join(pkgDir, '.jsii'), 'utf8'));
const prefix = `${pkg.name}.k8s.`;
const types = assembly.types;

// The jsii model has no apiVersion/kind fields: cdk8s sets them from each class's GVK constant.
// The file is 3 MB; a line scan is much faster than one regular expression over the whole text.
const gvkLines = readFileSync(join(pkgDir, 'lib/imports/k8s.js'), 'utf8').split('\n');
const classByGvk = new Map();
gvkLines.forEach((line, i) => {
  const head = /^(\w+)\.GVK = \{$/.exec(line);
  const apiVersion = /^\s*apiVersion: '([^']+)',$/.exec(gvkLines[i + 1] ?? '');
  const kind = /^\s*kind: '([^']+)',$/.exec(gvkLines[i + 2] ?? '');
  if (head && apiVersion && kind) classByGvk.set(`${apiVersion[1]}/${kind[1]}`, head[1]);
});

const definitions = {};

/** The OpenAPI id cdk8s recorded for a type, e.g. io.k8s.api.apps.v1.DeploymentSpec. */
function schemaId(type) {
  const id = type.docs?.custom?.schema;
  if (!id) throw new Error(`${type.fqn} has no @schema tag`);
  return id;
}

function typeSchema(ref) {
  if (ref.primitive) {
    switch (ref.primitive) {
      case 'string':
      case 'date':
        return { type: 'string' };
      case 'number':
        return { type: 'number' };
      case 'boolean':
        return { type: 'boolean' };
      case 'any':
      case 'json':
        return {};
      default:
        throw new Error(`Unknown primitive ${ref.primitive}`);
    }
  }
  if (ref.collection) {
    const items = typeSchema(ref.collection.elementtype);
    return ref.collection.kind === 'array'
      ? { type: 'array', items }
      : { type: 'object', additionalProperties: items };
  }
  if (ref.fqn) {
    const target = types[ref.fqn];
    if (!target) throw new Error(`Unknown type ${ref.fqn}`);
    const id = schemaId(target);
    // Wrapper classes for scalar values: Kubernetes accepts a number or a string for both.
    if (id === 'io.k8s.apimachinery.pkg.util.intstr.IntOrString') return { type: ['integer', 'string'] };
    if (id === 'io.k8s.apimachinery.pkg.api.resource.Quantity') return { type: ['number', 'string'] };
    if (target.kind === 'enum') return { type: 'string' };
    if (target.kind !== 'interface') throw new Error(`Unexpected ${target.kind} ${ref.fqn}`);
    addObject(id, target);
    return { $ref: `#/definitions/${id}` };
  }
  throw new Error(`Unsupported type reference ${JSON.stringify(ref)}`);
}

function objectSchema(type) {
  const properties = {};
  const required = [];
  for (const prop of type.properties ?? []) {
    // The @schema tag keeps the wire name (hostIPC, $ref); prop.name is cdk8s's camelCase form.
    const wireName = prop.docs?.custom?.schema?.split('#')[1] ?? prop.name;
    properties[wireName] = typeSchema(prop.type);
    if (!prop.optional) required.push(wireName);
  }
  const schema = { type: 'object', properties, additionalProperties: false };
  if (required.length) schema.required = required.sort();
  return schema;
}

function addObject(id, type) {
  if (definitions[id]) return;
  definitions[id] = {}; // placeholder: breaks recursion (JSONSchemaProps refers to itself)
  definitions[id] = objectSchema(type);
}

for (const gvk of KINDS) {
  const className = classByGvk.get(gvk);
  if (!className) throw new Error(`No cdk8s class for ${gvk}`);
  const props = types[`${prefix}${className}Props`];
  if (!props) throw new Error(`No props interface for ${className}`);
  const apiVersion = gvk.slice(0, gvk.lastIndexOf('/'));
  const kind = gvk.slice(gvk.lastIndexOf('/') + 1);
  const body = objectSchema(props);
  definitions[`gvk:${gvk}`] = {
    ...body,
    properties: { apiVersion: { const: apiVersion }, kind: { const: kind }, ...body.properties },
    required: ['apiVersion', 'kind', ...(body.required ?? [])],
  };
}

const sorted = Object.fromEntries(Object.keys(definitions).sort().map((k) => [k, definitions[k]]));
const schema = {
  $comment:
    `Kubernetes ${KUBERNETES_VERSION} object schemas, strict (unknown fields rejected). Generated by ` +
    `scripts/generate-kubernetes-schema.mjs from the Kubernetes ${KUBERNETES_VERSION} API type model in ` +
    `${SOURCE_PACKAGE} (its .jsii assembly, which cdk8s generates from the Kubernetes v${KUBERNETES_VERSION} ` +
    'OpenAPI definitions). Kubernetes and cdk8s-plus are licensed under Apache-2.0. Integer formats are ' +
    'widened to number and string enums are not enforced. Do not edit by hand: rerun the script.',
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'kubernetes-1.31.json',
  title: `Kubernetes ${KUBERNETES_VERSION} objects`,
  definitions: sorted,
};
writeFileSync(OUT, `${JSON.stringify(schema, null, 1)}\n`);
console.log(`Wrote ${OUT}: ${KINDS.length} kinds, ${Object.keys(sorted).length} definitions.`);
