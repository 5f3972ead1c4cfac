// Configuration JSON → Config, or one error message that names the field; and Config → JSON.
import { JsonKind, JsonValue, parseJson, quote } from '../../lib/json';
import {
  BUILT_IN_RULES, CardKeep, Config, CustomRule, MAX_CUSTOM_RULES, MAX_INPUT_BYTES, MAX_PATTERN_LENGTH,
  RULE_CARD, RULE_CN_MOBILE, RULE_E164, RULE_EMAIL, SLOT_DIGIT, SLOT_LETTER, SLOT_LITERAL, Style, styleName,
} from './rules';

const TOP_FIELDS = ['card', 'cn-mobile', 'e164', 'email', 'custom', 'maxInputBytes'];
const SWITCH_FIELDS = ['enabled'];
const CARD_FIELDS = ['enabled', 'keep'];
const CUSTOM_FIELDS = ['name', 'pattern', 'literal', 'style'];

export class ConfigResult {
  config: Config | null = null;
  error: string = '';
}

function unknownField(obj: JsonValue, known: string[], where: string): string {
  for (let i = 0; i < obj.keys.length; i++) {
    const key = obj.keys[i];
    if (!known.includes(key)) return where + 'unknown field ' + quote(key) + ' (known fields: ' + known.join(', ') + ')';
  }
  return '';
}

/** `{"enabled": bool}` and friends: the switch's value, or an error in `error`. */
class Switch {
  enabled: bool = true;
  error: string = '';
}

function parseSwitch(root: JsonValue, key: string, known: string[]): Switch {
  const out = new Switch();
  const v = root.get(key);
  if (v === null) return out;
  if (v.kind != JsonKind.Object) {
    out.error = key + ': must be an object such as {"enabled": true}, got ' + v.kindName();
    return out;
  }
  out.error = unknownField(v, known, key + ': ');
  if (out.error.length) return out;
  const e = v.get('enabled');
  if (e !== null) {
    if (e.kind != JsonKind.Bool) out.error = key + '.enabled: must be true or false, got ' + e.kindName();
    else out.enabled = e.bool;
  }
  return out;
}

function classOf(kind: u8, ch: u16): u8 {
  if (kind != SLOT_LITERAL) return kind;
  const c = <u32>ch;
  if (c - 0x30 < 10) return SLOT_DIGIT;
  if ((c | 0x20) - 0x61 < 26) return SLOT_LETTER;
  return 0;
}

function isShapeChar(c: u32): bool {
  return c == 0x20 || (c >= 0x21 && c <= 0x7e && !(c - 0x30 < 10) && !((c | 0x20) - 0x61 < 26));
}

/** The rule's slots over UTF-8 bytes: a literal character becomes its one to four bytes. */
function utf8Slots(out: CustomRule): void {
  const n = out.chars.length;
  const kinds = new StaticArray<u8>(n * 3);
  const chars = new StaticArray<u8>(n * 3);
  let m = 0;
  for (let i = 0; i < n; i++) {
    let c = <u32>out.chars[i];
    if (out.kinds[i] != SLOT_LITERAL || c < 0x80) {
      kinds[m] = out.kinds[i];
      chars[m++] = <u8>c;
      continue;
    }
    if (c >= 0xd800 && c < 0xdc00 && i + 1 < n && (<u32>out.chars[i + 1] & 0xfc00) == 0xdc00) {
      c = 0x10000 + ((c - 0xd800) << 10) + (<u32>out.chars[++i] - 0xdc00);
    } else if ((c & 0xf800) == 0xd800 || c == 0xfffd) {
      out.utf8Safe = false;
      c = 0xfffd;
    }
    if (c < 0x800) {
      chars[m++] = <u8>(0xc0 | (c >> 6));
    } else if (c < 0x10000) {
      chars[m++] = <u8>(0xe0 | (c >> 12));
      chars[m++] = <u8>(0x80 | ((c >> 6) & 0x3f));
    } else {
      chars[m++] = <u8>(0xf0 | (c >> 18));
      chars[m++] = <u8>(0x80 | ((c >> 12) & 0x3f));
      chars[m++] = <u8>(0x80 | ((c >> 6) & 0x3f));
    }
    chars[m++] = <u8>(0x80 | (c & 0x3f));
  }
  // Literal slots are SLOT_LITERAL (0), which the new arrays hold already.
  out.kinds8 = new StaticArray<u8>(m);
  out.chars8 = new StaticArray<u8>(m);
  for (let k = 0; k < m; k++) {
    out.kinds8[k] = kinds[k];
    out.chars8[k] = chars[k];
  }
}

function parseCustom(v: JsonValue, where: string, names: string[], out: CustomRule): string {
  if (v.kind != JsonKind.Object) return where + ': must be an object such as {"name": "account", "pattern": "ACCT-######"}, got ' + v.kindName();
  const err = unknownField(v, CUSTOM_FIELDS, where + ': ');
  if (err.length) return err;
  const name = v.get('name');
  if (name === null || name.kind != JsonKind.String) return where + '.name: is required (lowercase letters, digits and dashes)';
  const n = name.str;
  if (n.length == 0 || n.length > 32) return where + '.name: must be 1 to 32 characters';
  for (let i = 0; i < n.length; i++) {
    const c = <u32>n.charCodeAt(i);
    if (!(c - 0x61 < 26 || c - 0x30 < 10 || c == 0x2d)) return where + '.name: ' + quote(n) + ' may hold only lowercase letters, digits and dashes';
  }
  if (BUILT_IN_RULES.includes(n)) return where + '.name: ' + quote(n) + ' is a built-in rule\'s name';
  if (names.includes(n)) return where + '.name: ' + quote(n) + ' is used by an earlier rule';
  out.name = n;

  const pattern = v.get('pattern');
  const literal = v.get('literal');
  if ((pattern === null) == (literal === null)) return where + ': needs exactly one of "pattern" and "literal"';
  const src = pattern !== null ? pattern : literal!;
  const field = pattern !== null ? '.pattern' : '.literal';
  if (src.kind != JsonKind.String) return where + field + ': must be a string, got ' + src.kindName();
  const s = src.str;
  if (s.length == 0 || s.length > MAX_PATTERN_LENGTH) {
    return where + field + ': must be 1 to ' + MAX_PATTERN_LENGTH.toString() + ' characters (UTF-16 code units), got ' + s.length.toString();
  }
  out.source = s;
  out.isPattern = pattern !== null;
  out.kinds = new StaticArray<u8>(s.length);
  out.chars = new StaticArray<u16>(s.length);
  let slots = 0;
  for (let i = 0; i < s.length; i++) {
    const c = <u16>s.charCodeAt(i);
    let kind = SLOT_LITERAL;
    if (out.isPattern && c == 0x23) kind = SLOT_DIGIT;
    else if (out.isPattern && c == 0x40) kind = SLOT_LETTER;
    if (kind != SLOT_LITERAL) slots++;
    out.kinds[i] = kind;
    out.chars[i] = c;
  }
  utf8Slots(out);
  out.startClass = classOf(out.kinds[0], out.chars[0]);
  out.endClass = classOf(out.kinds[s.length - 1], out.chars[s.length - 1]);

  const style = v.get('style');
  if (style !== null) {
    if (style.kind != JsonKind.String || (style.str != 'all' && style.str != 'last4' && style.str != 'slots')) {
      return where + '.style: must be "all", "last4" or "slots"';
    }
    out.style = style.str == 'last4' ? Style.Last4 : style.str == 'slots' ? Style.Slots : Style.All;
  }
  if (out.style == Style.Slots && slots == 0) return where + '.style: "slots" masks what a pattern\'s # and @ match, and this rule has none';
  if (out.style != Style.Slots) {
    let maskable = false;
    for (let i = 0; i < s.length; i++) if (out.kinds[i] != SLOT_LITERAL || !isShapeChar(<u32>out.chars[i])) maskable = true;
    if (!maskable) return where + field + ': holds only spaces and punctuation, which the style keeps, so it would mask nothing';
  }
  return '';
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
  const cfg = new Config();

  const card = parseSwitch(root, RULE_CARD, CARD_FIELDS);
  if (card.error.length) { result.error = card.error; return result; }
  cfg.card = card.enabled;
  const cardObj = root.get(RULE_CARD);
  if (cardObj !== null) {
    const keep = cardObj.get('keep');
    if (keep !== null) {
      if (keep.kind != JsonKind.String || (keep.str != 'last4' && keep.str != 'first6last4')) {
        result.error = 'card.keep: must be "last4" or "first6last4"';
        return result;
      }
      cfg.cardKeep = keep.str == 'first6last4' ? CardKeep.First6Last4 : CardKeep.Last4;
    }
  }
  const cn = parseSwitch(root, RULE_CN_MOBILE, SWITCH_FIELDS);
  if (cn.error.length) { result.error = cn.error; return result; }
  cfg.cnMobile = cn.enabled;
  const e164 = parseSwitch(root, RULE_E164, SWITCH_FIELDS);
  if (e164.error.length) { result.error = e164.error; return result; }
  cfg.e164 = e164.enabled;
  const email = parseSwitch(root, RULE_EMAIL, SWITCH_FIELDS);
  if (email.error.length) { result.error = email.error; return result; }
  cfg.email = email.enabled;

  const max = root.get('maxInputBytes');
  if (max !== null) {
    if (max.kind != JsonKind.Number || !(max.num >= 1 && max.num <= <f64>MAX_INPUT_BYTES) || max.num != Math.floor(max.num)) {
      result.error = 'maxInputBytes: must be a whole number from 1 to ' + MAX_INPUT_BYTES.toString() + ' (16 MiB)';
      return result;
    }
    cfg.maxInputBytes = <u32>max.num;
  }

  const custom = root.get('custom');
  if (custom !== null) {
    if (custom.kind != JsonKind.Array) {
      result.error = 'custom: must be an array of rules such as {"name": "account", "pattern": "ACCT-######"}, got ' + custom.kindName();
      return result;
    }
    if (custom.items.length > MAX_CUSTOM_RULES) {
      result.error = 'custom: at most ' + MAX_CUSTOM_RULES.toString() + ' rules, got ' + custom.items.length.toString();
      return result;
    }
    const names: string[] = [];
    for (let i = 0; i < custom.items.length; i++) {
      const rule = new CustomRule();
      err = parseCustom(custom.items[i], 'custom[' + i.toString() + ']', names, rule);
      if (err.length) { result.error = err; return result; }
      names.push(rule.name);
      cfg.custom.push(rule);
      if (!rule.utf8Safe) cfg.utf8Safe = false;
    }
  }
  result.config = cfg;
  return result;
}

function sw(on: bool): string {
  return '{"enabled":' + (on ? 'true' : 'false') + '}';
}

export function configToJson(c: Config): string {
  let custom = '[';
  for (let i = 0; i < c.custom.length; i++) {
    const r = c.custom[i];
    if (i > 0) custom += ',';
    custom += '{"name":' + quote(r.name) + ',' + (r.isPattern ? '"pattern":' : '"literal":') + quote(r.source) +
      ',"style":' + quote(styleName(r.style)) + '}';
  }
  custom += ']';
  return '{"card":{"enabled":' + (c.card ? 'true' : 'false') + ',"keep":' + (c.cardKeep == CardKeep.First6Last4 ? '"first6last4"' : '"last4"') + '}' +
    ',"cn-mobile":' + sw(c.cnMobile) +
    ',"e164":' + sw(c.e164) +
    ',"email":' + sw(c.email) +
    ',"custom":' + custom +
    ',"maxInputBytes":' + c.maxInputBytes.toString() + '}';
}
