// A small JSON parser: enough for plugin configuration, with error positions a person can use.

export const enum JsonKind {
  Null,
  Bool,
  Number,
  String,
  Array,
  Object,
}

export class JsonValue {
  kind: JsonKind = JsonKind.Null;
  bool: bool = false;
  num: f64 = 0;
  str: string = '';
  items: JsonValue[] = [];
  keys: string[] = [];
  values: JsonValue[] = [];

  get(key: string): JsonValue | null {
    for (let i = 0; i < this.keys.length; i++) {
      if (this.keys[i] == key) return this.values[i];
    }
    return null;
  }

  kindName(): string {
    switch (this.kind) {
      case JsonKind.Null: return 'null';
      case JsonKind.Bool: return 'a boolean';
      case JsonKind.Number: return 'a number';
      case JsonKind.String: return 'a string';
      case JsonKind.Array: return 'an array';
      default: return 'an object';
    }
  }
}

export class JsonResult {
  value: JsonValue | null = null;
  error: string = '';
}

class Parser {
  pos: i32 = 0;
  error: string = '';
  constructor(public text: string) {}

  fail(expected: string): JsonValue | null {
    if (this.error.length == 0) {
      const found = this.pos < this.text.length ? "'" + this.text.charAt(this.pos) + "'" : 'the end of the text';
      this.error = 'malformed JSON at position ' + this.pos.toString() + ': expected ' + expected + ', found ' + found;
    }
    return null;
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text.charCodeAt(this.pos);
      if (c == 0x20 || c == 0x0a || c == 0x0d || c == 0x09) this.pos++;
      else break;
    }
  }

  peek(): i32 {
    return this.pos < this.text.length ? this.text.charCodeAt(this.pos) : -1;
  }

  value(depth: i32): JsonValue | null {
    if (depth > 32) return this.fail('less nesting (at most 32 levels)');
    this.skipSpace();
    const c = this.peek();
    if (c == 0x7b) return this.object(depth);
    if (c == 0x5b) return this.array(depth);
    if (c == 0x22) {
      const s = this.string();
      if (s === null) return null;
      const v = new JsonValue();
      v.kind = JsonKind.String;
      v.str = s;
      return v;
    }
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number();
    if (this.text.startsWith('true', this.pos)) return this.literal(4, JsonKind.Bool, true);
    if (this.text.startsWith('false', this.pos)) return this.literal(5, JsonKind.Bool, false);
    if (this.text.startsWith('null', this.pos)) return this.literal(4, JsonKind.Null, false);
    return this.fail('a value');
  }

  literal(length: i32, kind: JsonKind, b: bool): JsonValue {
    this.pos += length;
    const v = new JsonValue();
    v.kind = kind;
    v.bool = b;
    return v;
  }

  number(): JsonValue | null {
    const start = this.pos;
    if (this.peek() == 0x2d) this.pos++;
    let digits = 0;
    while (this.peek() >= 0x30 && this.peek() <= 0x39) { this.pos++; digits++; }
    if (digits == 0) return this.fail('a digit');
    if (this.peek() == 0x2e) {
      this.pos++;
      let frac = 0;
      while (this.peek() >= 0x30 && this.peek() <= 0x39) { this.pos++; frac++; }
      if (frac == 0) return this.fail('a digit after the decimal point');
    }
    if (this.peek() == 0x65 || this.peek() == 0x45) {
      this.pos++;
      if (this.peek() == 0x2b || this.peek() == 0x2d) this.pos++;
      let exp = 0;
      while (this.peek() >= 0x30 && this.peek() <= 0x39) { this.pos++; exp++; }
      if (exp == 0) return this.fail('a digit in the exponent');
    }
    const v = new JsonValue();
    v.kind = JsonKind.Number;
    v.num = parseFloat(this.text.substring(start, this.pos));
    return v;
  }

  string(): string | null {
    this.pos++; // opening quote
    let out = '';
    let runStart = this.pos;
    while (true) {
      if (this.pos >= this.text.length) {
        this.fail("a closing '\"'");
        return null;
      }
      const c = this.text.charCodeAt(this.pos);
      if (c == 0x22) {
        out += this.text.substring(runStart, this.pos);
        this.pos++;
        return out;
      }
      if (c < 0x20) {
        this.fail('no control characters inside a string');
        return null;
      }
      if (c == 0x5c) {
        out += this.text.substring(runStart, this.pos);
        this.pos++;
        const e = this.peek();
        if (e == 0x22) out += '"';
        else if (e == 0x5c) out += '\\';
        else if (e == 0x2f) out += '/';
        else if (e == 0x62) out += '\b';
        else if (e == 0x66) out += '\f';
        else if (e == 0x6e) out += '\n';
        else if (e == 0x72) out += '\r';
        else if (e == 0x74) out += '\t';
        else if (e == 0x75) {
          let code = 0;
          for (let i = 1; i <= 4; i++) {
            const h = this.pos + i < this.text.length ? this.text.charCodeAt(this.pos + i) : -1;
            let d = -1;
            if (h >= 0x30 && h <= 0x39) d = h - 0x30;
            else if (h >= 0x61 && h <= 0x66) d = h - 0x57;
            else if (h >= 0x41 && h <= 0x46) d = h - 0x37;
            if (d < 0) {
              this.pos += i;
              this.fail('four hex digits after \\u');
              return null;
            }
            code = (code << 4) | d;
          }
          out += String.fromCharCode(code);
          this.pos += 4;
        } else {
          this.fail('a valid escape after \\');
          return null;
        }
        this.pos++;
        runStart = this.pos;
        continue;
      }
      this.pos++;
    }
  }

  array(depth: i32): JsonValue | null {
    this.pos++;
    const v = new JsonValue();
    v.kind = JsonKind.Array;
    this.skipSpace();
    if (this.peek() == 0x5d) { this.pos++; return v; }
    while (true) {
      const item = this.value(depth + 1);
      if (item === null) return null;
      v.items.push(item);
      this.skipSpace();
      const c = this.peek();
      if (c == 0x2c) { this.pos++; continue; }
      if (c == 0x5d) { this.pos++; return v; }
      return this.fail("',' or ']'");
    }
  }

  object(depth: i32): JsonValue | null {
    this.pos++;
    const v = new JsonValue();
    v.kind = JsonKind.Object;
    this.skipSpace();
    if (this.peek() == 0x7d) { this.pos++; return v; }
    while (true) {
      this.skipSpace();
      if (this.peek() != 0x22) return this.fail('a field name in double quotes');
      const key = this.string();
      if (key === null) return null;
      this.skipSpace();
      if (this.peek() != 0x3a) return this.fail("':'");
      this.pos++;
      const item = this.value(depth + 1);
      if (item === null) return null;
      if (v.get(key) !== null) {
        this.error = 'duplicate field "' + key + '"';
        return null;
      }
      v.keys.push(key);
      v.values.push(item);
      this.skipSpace();
      const c = this.peek();
      if (c == 0x2c) { this.pos++; continue; }
      if (c == 0x7d) { this.pos++; return v; }
      return this.fail("',' or '}'");
    }
  }
}

export function parseJson(text: string): JsonResult {
  const p = new Parser(text);
  const result = new JsonResult();
  const v = p.value(0);
  if (v !== null) {
    p.skipSpace();
    if (p.pos < text.length) {
      p.fail('the end of the text');
    } else {
      result.value = v;
      return result;
    }
  }
  result.error = p.error;
  return result;
}

/** JSON string literal for `s`. */
export function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 0x22) out += '\\"';
    else if (c == 0x5c) out += '\\\\';
    else if (c < 0x20) {
      const hex = c.toString(16);
      out += '\\u' + '0000'.substring(hex.length) + hex;
    } else out += String.fromCharCode(c);
  }
  return out + '"';
}

/** A number as JSON writes it: integers without a fraction, so that `1` round-trips as `1`. */
export function formatNumber(v: f64): string {
  return v == Math.floor(v) && Math.abs(v) < 1e15 ? (<i64>v).toString() : v.toString();
}
