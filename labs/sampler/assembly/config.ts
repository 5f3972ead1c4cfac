// Turns configuration JSON into a Policy, or into one error message that names the field.
import { JsonKind, JsonValue, formatNumber as num, parseJson, quote } from '../../lib/json';
import { ALGORITHM_THRESHOLD, ALGORITHM_XOR, Boost, Policy, RouteRule } from './policy';

const TOP_FIELDS = ['ratio', 'parentBased', 'forceKeep', 'routes', 'boost', 'algorithm'];
const FORCE_KEEP_FIELDS = ['errors', 'http5xx'];
const ROUTE_FIELDS = ['route', 'ratio'];
const BOOST_FIELDS = ['mode', 'untilMs', 'ratio'];

/** The seed documents' rates: 5% during a promotion, 50% during an incident. */
const PROMOTION_RATIO: f64 = 0.05;
const INCIDENT_RATIO: f64 = 0.5;

export class ConfigResult {
  policy: Policy | null = null;
  error: string = '';
}

function unknownField(obj: JsonValue, known: string[], where: string): string {
  for (let i = 0; i < obj.keys.length; i++) {
    const key = obj.keys[i];
    if (!known.includes(key)) {
      return where + 'unknown field ' + quote(key) + ' (known fields: ' + known.join(', ') + ')';
    }
  }
  return '';
}

function ratioError(v: JsonValue, field: string): string {
  if (v.kind != JsonKind.Number) return field + ': must be a number from 0 to 1, got ' + v.kindName();
  if (!(v.num >= 0 && v.num <= 1)) return field + ': must be a number from 0 to 1, got ' + num(v.num);
  return '';
}

/** An optional boolean field: absent, a value, or an error naming the field. */
class BoolField {
  present: bool = false;
  value: bool = false;
  error: string = '';
}

function boolField(obj: JsonValue, key: string, field: string): BoolField {
  const out = new BoolField();
  const v = obj.get(key);
  if (v === null) return out;
  if (v.kind != JsonKind.Bool) out.error = field + ': must be true or false, got ' + v.kindName();
  out.present = true;
  out.value = v.bool;
  return out;
}

export function parseConfig(text: string): ConfigResult {
  const result = new ConfigResult();
  const parsed = parseJson(text);
  if (parsed.value === null) {
    result.error = parsed.error;
    return result;
  }
  const root = parsed.value!;
  if (root.kind != JsonKind.Object) {
    result.error = 'the configuration must be a JSON object, got ' + root.kindName();
    return result;
  }
  let err = unknownField(root, TOP_FIELDS, '');
  if (err.length) { result.error = err; return result; }

  const policy = new Policy();
  const ratio = root.get('ratio');
  if (ratio === null) { result.error = 'ratio: is required (a number from 0 to 1)'; return result; }
  err = ratioError(ratio, 'ratio');
  if (err.length) { result.error = err; return result; }
  policy.ratio = ratio.num;

  const algorithm = root.get('algorithm');
  if (algorithm !== null) {
    if (algorithm.kind != JsonKind.String || (algorithm.str != 'xor' && algorithm.str != 'threshold')) {
      result.error = 'algorithm: must be "xor" (OpenTelemetry JS TraceIdRatioBased) or "threshold" (the specification\'s 56-bit threshold)';
      return result;
    }
    policy.algorithm = algorithm.str == 'threshold' ? ALGORITHM_THRESHOLD : ALGORITHM_XOR;
  }

  const parentBased = boolField(root, 'parentBased', 'parentBased');
  if (parentBased.error.length) { result.error = parentBased.error; return result; }
  if (parentBased.present) policy.parentBased = parentBased.value;

  const forceKeep = root.get('forceKeep');
  if (forceKeep !== null) {
    if (forceKeep.kind != JsonKind.Object) {
      result.error = 'forceKeep: must be an object such as {"errors": true, "http5xx": true}, got ' + forceKeep.kindName();
      return result;
    }
    err = unknownField(forceKeep, FORCE_KEEP_FIELDS, 'forceKeep: ');
    if (err.length) { result.error = err; return result; }
    const errors = boolField(forceKeep, 'errors', 'forceKeep.errors');
    if (errors.error.length) { result.error = errors.error; return result; }
    if (errors.present) policy.forceKeepErrors = errors.value;
    const http5xx = boolField(forceKeep, 'http5xx', 'forceKeep.http5xx');
    if (http5xx.error.length) { result.error = http5xx.error; return result; }
    if (http5xx.present) policy.forceKeep5xx = http5xx.value;
  }

  const routes = root.get('routes');
  if (routes !== null) {
    if (routes.kind != JsonKind.Array) {
      result.error = 'routes: must be an array of {"route": "/path", "ratio": 0.5}, got ' + routes.kindName();
      return result;
    }
    if (routes.items.length > 64) { result.error = 'routes: at most 64 rules'; return result; }
    for (let i = 0; i < routes.items.length; i++) {
      const where = 'routes[' + i.toString() + ']';
      const rule = routes.items[i];
      if (rule.kind != JsonKind.Object) { result.error = where + ': must be an object, got ' + rule.kindName(); return result; }
      err = unknownField(rule, ROUTE_FIELDS, where + ': ');
      if (err.length) { result.error = err; return result; }
      const route = rule.get('route');
      if (route === null || route.kind != JsonKind.String || route.str.length == 0 || !route.str.startsWith('/')) {
        result.error = where + '.route: must be a path starting with "/", such as "/checkout" or "/api/*"';
        return result;
      }
      const r = rule.get('ratio');
      if (r === null) { result.error = where + '.ratio: is required (a number from 0 to 1)'; return result; }
      err = ratioError(r, where + '.ratio');
      if (err.length) { result.error = err; return result; }
      policy.routes.push(new RouteRule(route.str, r.num));
    }
  }

  const boost = root.get('boost');
  if (boost !== null && boost.kind != JsonKind.Null) {
    if (boost.kind != JsonKind.Object) {
      result.error = 'boost: must be null or an object such as {"mode": "incident", "untilMs": 1767225600000}, got ' + boost.kindName();
      return result;
    }
    err = unknownField(boost, BOOST_FIELDS, 'boost: ');
    if (err.length) { result.error = err; return result; }
    const b = new Boost();
    const mode = boost.get('mode');
    if (mode === null || mode.kind != JsonKind.String || (mode.str != 'promotion' && mode.str != 'incident')) {
      result.error = 'boost.mode: must be "promotion" or "incident"';
      return result;
    }
    b.mode = mode.str;
    b.ratio = mode.str == 'incident' ? INCIDENT_RATIO : PROMOTION_RATIO;
    const until = boost.get('untilMs');
    if (until === null || until.kind != JsonKind.Number || !(until.num >= 0) || !isFinite(until.num)) {
      result.error = 'boost.untilMs: must be the end of the window in Unix milliseconds';
      return result;
    }
    b.untilMs = until.num;
    const r = boost.get('ratio');
    if (r !== null) {
      err = ratioError(r, 'boost.ratio');
      if (err.length) { result.error = err; return result; }
      b.ratio = r.num;
    }
    policy.boost = b;
  }
  result.policy = policy;
  return result;
}

/** The policy as normalised JSON (all fields present). */
export function policyToJson(p: Policy): string {
  let routes = '[';
  for (let i = 0; i < p.routes.length; i++) {
    if (i > 0) routes += ',';
    routes += '{"route":' + quote(p.routes[i].route) + ',"ratio":' + num(p.routes[i].ratio) + '}';
  }
  routes += ']';
  const b = p.boost;
  const boost = b === null
    ? 'null'
    : '{"mode":' + quote(b.mode) + ',"untilMs":' + num(b.untilMs) + ',"ratio":' + num(b.ratio) + '}';
  return '{"ratio":' + num(p.ratio) +
    ',"parentBased":' + (p.parentBased ? 'true' : 'false') +
    ',"forceKeep":{"errors":' + (p.forceKeepErrors ? 'true' : 'false') + ',"http5xx":' + (p.forceKeep5xx ? 'true' : 'false') + '}' +
    ',"routes":' + routes +
    ',"boost":' + boost +
    ',"algorithm":' + (p.algorithm == ALGORITHM_THRESHOLD ? '"threshold"' : '"xor"') + '}';
}
