// Compose files: valid against the Compose Specification schema, every image pinned, and every
// relative file the stack mounts present in the download next to the compose file.
import { posix } from 'node:path';
import composeSchema from './schemas/compose-spec.json' with { type: 'json' };
import { resolveDefaults, unpinnedImageReason } from './image-reference.ts';
import { JsonSchemaValidator } from './json-schema-validator.ts';
import type { Mapping } from './mapping.ts';
import type { ConfigFile, Problem, Validator } from './problem.ts';
import { parseYamlFile, type PathSegment, type YamlDocument } from './yaml-source.ts';

export interface ComposeValidatorOptions {
  /** Whether a path relative to content/configs/ (e.g. `prometheus/prometheus.yaml`) exists. */
  fileExists(path: string): boolean;
}

export function createComposeValidator(options: ComposeValidatorOptions): Validator {
  const schema = new JsonSchemaValidator(composeSchema as Record<string, unknown>);
  return (file: ConfigFile): Problem[] => {
    const { documents, problems } = parseYamlFile(file, { multiDocument: false });
    if (problems.length) return problems;
    const doc = documents[0];
    const out = schema.problems(doc, file.path);
    if (out.length) return out;

    const top = doc.value as Mapping;
    if ('version' in top) {
      out.push({
        file: file.path,
        line: doc.lineAt(['version']),
        message: 'The top-level "version" key is obsolete in the Compose Specification; Docker Compose ignores it with a warning. Remove it.',
      });
    }
    const services = (top.services ?? {}) as Record<string, Mapping | null>;
    for (const [name, service] of Object.entries(services)) {
      if (!service) continue;
      out.push(...imageProblems(file, doc, name, service));
      for (const mount of mountedFiles(name, service)) out.push(...mountProblems(file, doc, mount, options));
    }
    for (const section of ['configs', 'secrets'] as const) {
      const entries = (top[section] ?? {}) as Record<string, Mapping>;
      for (const [name, entry] of Object.entries(entries)) {
        if (typeof entry?.file === 'string') {
          const what = `${section}.${name}.file`;
          out.push(...mountProblems(file, doc, { source: entry.file, path: [section, name, 'file'], what }, options));
        }
      }
    }
    return out;
  };
}

function imageProblems(file: ConfigFile, doc: YamlDocument, name: string, service: Mapping): Problem[] {
  if (typeof service.image !== 'string') {
    // extends may inherit the image; a provider service is run by an external tool, not from an image.
    if (service.build === undefined && service.extends === undefined && service.provider === undefined) {
      return [{ file: file.path, line: doc.lineAt(['services', name]), message: `Service "${name}" has neither image nor build.` }];
    }
    return []; // built locally from its Dockerfile; the Dockerfile validator checks its base images
  }
  const line = doc.lineAt(['services', name, 'image']);
  const resolved = resolveDefaults(service.image);
  if ('unresolved' in resolved) {
    const vars = resolved.unresolved.map((v) => `\${${v}}`).join(', ');
    return [{ file: file.path, line, message: `Service "${name}" image "${service.image}" uses ${vars} with no default, so its tag cannot be checked. Write \${VAR:-<pinned tag>}.` }];
  }
  const reason = unpinnedImageReason(resolved.value);
  return reason ? [{ file: file.path, line, message: `Service "${name}" image "${resolved.value}" ${reason}.` }] : [];
}

interface MountedFile {
  /** The host path as written in the file. */
  source: string;
  /** Where it is written, for the line number. */
  path: PathSegment[];
  /** How to name it in a message. */
  what: string;
  /** False for env_file entries marked `required: false`. */
  required?: boolean;
}

/** Host paths a service needs: bind mounts (short and long syntax) and env files. */
function mountedFiles(name: string, service: Mapping): MountedFile[] {
  const files: MountedFile[] = [];
  const volumes = Array.isArray(service.volumes) ? service.volumes : [];
  volumes.forEach((volume: unknown, i) => {
    const path = ['services', name, 'volumes', i];
    if (typeof volume === 'string') {
      // Compose interpolates before it splits SOURCE:TARGET[:MODE], so a default may hold a colon.
      const resolved = resolveDefaults(volume);
      if ('unresolved' in resolved) {
        if (volume.startsWith('$')) files.push({ source: volume.split(':/')[0], path, what: `services.${name}.volumes[${i}]` });
        return;
      }
      const parts = resolved.value.split(':');
      // One part is an anonymous volume; a source that is not a path is a named volume.
      if (parts.length > 1 && /^[.~/]/.test(parts[0])) files.push({ source: parts[0], path, what: `services.${name}.volumes[${i}]` });
    } else if (volume && typeof volume === 'object') {
      const long = volume as Mapping;
      if (long.type === 'bind' && typeof long.source === 'string') {
        files.push({ source: long.source, path: [...path, 'source'], what: `services.${name}.volumes[${i}].source` });
      }
    }
  });
  const envFiles = service.env_file === undefined ? [] : Array.isArray(service.env_file) ? service.env_file : [service.env_file];
  envFiles.forEach((entry: unknown, i) => {
    const path = ['services', name, 'env_file', ...(Array.isArray(service.env_file) ? [i] : [])];
    if (typeof entry === 'string') files.push({ source: entry, path, what: `services.${name}.env_file` });
    else if (entry && typeof entry === 'object' && typeof (entry as Mapping).path === 'string') {
      const required = (entry as Mapping).required !== false && (entry as Mapping).required !== 'false';
      files.push({ source: String((entry as Mapping).path), path, what: `services.${name}.env_file`, required });
    }
  });
  return files;
}

function mountProblems(file: ConfigFile, doc: YamlDocument, mount: MountedFile, options: ComposeValidatorOptions): Problem[] {
  const line = doc.lineAt(mount.path);
  const resolved = resolveDefaults(mount.source);
  if ('unresolved' in resolved) {
    const vars = resolved.unresolved.map((v) => `\${${v}}`).join(', ');
    return [{ file: file.path, line, message: `${mount.what} "${mount.source}" uses ${vars} with no default, so the path cannot be checked.` }];
  }
  const source = resolved.value;
  // Absolute host paths (/var/run/docker.sock) and home paths belong to the machine, not the download.
  if (source.startsWith('/') || source.startsWith('~') || mount.required === false) return [];
  const target = posix.normalize(posix.join(posix.dirname(file.path), source));
  if (target === '..' || target.startsWith('../')) {
    return [{ file: file.path, line, message: `${mount.what} "${source}" points outside content/configs/, so it would be missing from the download.` }];
  }
  if (!options.fileExists(target)) {
    return [{ file: file.path, line, message: `${mount.what} "${source}" does not exist (looked for content/configs/${target}).` }];
  }
  return [];
}
