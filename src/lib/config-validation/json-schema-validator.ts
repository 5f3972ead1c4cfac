import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Problem } from './problem.ts';
import type { PathSegment, YamlDocument } from './yaml-source.ts';

type Schema = Record<string, unknown>;

/**
 * Validates documents against one vendored JSON Schema (draft-07) and reports problems an author
 * can act on: one per real mistake, with the YAML line it points at.
 *
 * Ajv reports the errors of every failed branch of a oneOf/anyOf. When exactly one branch has the
 * value's shape (say, the mapping form of a Compose `ports` entry), that branch's errors are the
 * useful ones, so each combinator failure is re-checked branch by branch and only the fitting
 * branch is reported.
 */
export class JsonSchemaValidator {
  readonly #ajv: Ajv;
  readonly #id: string;
  readonly #definitions: unknown;
  readonly #branches = new WeakMap<object, ValidateFunction>();

  constructor(schema: Schema) {
    // $schema is dropped: Compose publishes https://json-schema.org/draft-07/schema, a spelling of
    // the draft-07 meta-schema URI that Ajv does not know. The schema itself is plain draft-07.
    const { $schema: _metaSchema, ...body } = schema;
    this.#id = String(body.$id);
    this.#definitions = body.definitions;
    this.#ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictTypes: false, allowUnionTypes: true });
    this.#ajv.addSchema(body);
  }

  /** Problems with `doc`'s value (or `value`) against the schema at `pointer`, e.g. `#/definitions/x`. */
  problems(doc: YamlDocument, file: string, pointer = '', value: unknown = doc.value): Problem[] {
    const validate = this.#ajv.getSchema(`${this.#id}${pointer}`);
    if (!validate) throw new Error(`No schema at ${this.#id}${pointer}`);
    if (validate(value)) return [];
    const seen = new Set<string>();
    const problems: Problem[] = [];
    for (const error of this.#reduce(validate.errors ?? [], '')) {
      const { message, at } = describe(error, toPath(error.instancePath), (branch) => this.#typeOf(branch));
      const key = `${at.join('/')}|${message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      problems.push({ file, line: doc.lineAt(at), message });
    }
    return problems;
  }

  #reduce(errors: readonly ErrorObject[], prefix: string): ErrorObject[] {
    // Ajv pushes a combinator's branch errors just before the combinator's own error, all at or
    // below its instance path. Mark those as belonging to it.
    const owner = new Map<ErrorObject, ErrorObject>();
    errors.forEach((error, k) => {
      if (error.keyword !== 'oneOf' && error.keyword !== 'anyOf') return;
      for (let j = k - 1; j >= 0 && isAtOrBelow(errors[j].instancePath, error.instancePath); j--) {
        if (!owner.has(errors[j])) owner.set(errors[j], error);
      }
    });
    const out: ErrorObject[] = [];
    for (const error of errors) {
      if (owner.has(error)) continue;
      const rebased = { ...error, instancePath: prefix + error.instancePath };
      if (error.keyword === 'oneOf' || error.keyword === 'anyOf') out.push(...this.#reduceCombinator(rebased));
      else out.push(rebased);
    }
    return out;
  }

  #reduceCombinator(error: ErrorObject): ErrorObject[] {
    const branches = Array.isArray(error.schema) ? (error.schema as Schema[]) : [];
    const fitting: ErrorObject[][] = [];
    for (const branch of branches) {
      const validate = this.#branch(branch);
      if (validate(error.data)) return [error]; // oneOf matched twice; report it as is
      const errors = validate.errors ?? [];
      const wrongShape = errors.some((e) => e.instancePath === '' && SHAPE_KEYWORDS.has(e.keyword));
      if (!wrongShape) fitting.push(errors);
    }
    return fitting.length === 1 ? this.#reduce(fitting[0], error.instancePath) : [error];
  }

  /** The JSON type(s) a branch accepts, following one local $ref; undefined when it has none. */
  #typeOf(branch: Schema): string | undefined {
    const ref = typeof branch.$ref === 'string' ? /^#\/definitions\/(.+)$/.exec(branch.$ref)?.[1] : undefined;
    const target = ref ? ((this.#definitions as Record<string, Schema>)[ref] ?? branch) : branch;
    const type = target.type;
    return Array.isArray(type) ? type.join(',') : typeof type === 'string' ? type : undefined;
  }

  /** A branch is compiled on its own, with the root's definitions so its $refs still resolve. */
  #branch(branch: Schema): ValidateFunction {
    let validate = this.#branches.get(branch);
    if (!validate) {
      validate = this.#ajv.compile({ ...branch, definitions: this.#definitions });
      this.#branches.set(branch, validate);
    }
    return validate;
  }
}

const SHAPE_KEYWORDS = new Set(['type', 'const', 'enum', 'oneOf', 'anyOf']);

function isAtOrBelow(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}/`);
}

function toPath(instancePath: string): PathSegment[] {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** `services.web.ports[0]`, or `The top level`. */
export function displayPath(path: readonly PathSegment[]): string {
  if (path.length === 0) return 'The top level';
  return path
    .map((s, i) => {
      if (typeof s === 'number') return `[${s}]`;
      return /^[\w-]+$/.test(s) ? `${i ? '.' : ''}${s}` : `[${JSON.stringify(s)}]`;
    })
    .join('');
}

function describe(
  error: ErrorObject,
  path: PathSegment[],
  typeOf: (branch: Schema) => string | undefined,
): { message: string; at: PathSegment[] } {
  const where = displayPath(path);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const key = String(params.additionalProperty);
      return { message: `${where} has an unknown key "${key}".`, at: [...path, key] };
    }
    case 'required':
      return { message: `${where} is missing the required key "${String(params.missingProperty)}".`, at: path };
    case 'type':
      return { message: `${where} must be ${typeWords(String(params.type))}.`, at: path };
    case 'const':
      return { message: `${where} must be ${JSON.stringify(params.allowedValue)}.`, at: path };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { message: `${where} must be one of ${allowed}.`, at: path };
    }
    case 'oneOf':
    case 'anyOf': {
      if (Array.isArray(params.passingSchemas)) {
        return { message: `${where} matches more than one of the forms this key accepts.`, at: path };
      }
      const types = (Array.isArray(error.schema) ? (error.schema as Schema[]) : []).map(typeOf);
      if (types.length && types.every((t) => t !== undefined)) {
        const words = [...new Set(types.flatMap((t) => (t as string).split(',')))].join(',');
        return { message: `${where} must be ${typeWords(words)}.`, at: path };
      }
      return { message: `${where} does not match any of the forms this key accepts.`, at: path };
    }
    case 'pattern':
      return { message: `${where} must match the pattern ${String(params.pattern)}.`, at: path };
    case 'uniqueItems':
      return { message: `${where} lists the same item twice (items ${String(params.j)} and ${String(params.i)}).`, at: path };
    default:
      return { message: `${where} ${error.message ?? 'is invalid'}.`, at: path };
  }
}

function typeWords(type: string): string {
  const words: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    integer: 'an integer',
    boolean: 'true or false',
    null: 'empty (null)',
  };
  return type
    .split(',')
    .map((t) => words[t] ?? t)
    .join(' or ');
}
