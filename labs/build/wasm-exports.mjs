// Renames exports of a core Wasm module. AssemblyScript cannot export a name with a hyphen, but
// the canonical ABI names a core export after its WIT function (`decide-batch`) and the
// post-return after it (`cabi_post_decide-batch`). Sources spell `-` as `_`; this maps them back.

function readU32(bytes, pos) {
  let result = 0;
  let shift = 0;
  for (;;) {
    const b = bytes[pos++];
    result |= (b & 0x7f) << shift;
    if ((b & 0x80) === 0) return [result >>> 0, pos];
    shift += 7;
  }
}

function writeU32(value) {
  const out = [];
  do {
    let b = value & 0x7f;
    value >>>= 7;
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}

const EXPORT_SECTION = 7;

/** The kebab-case name the canonical ABI expects for an AssemblyScript export name. */
export function witExportName(name) {
  if (name === 'memory' || name === 'cabi_realloc' || name === '_initialize') return name;
  if (name.startsWith('cabi_post_')) return 'cabi_post_' + name.slice('cabi_post_'.length).replaceAll('_', '-');
  return name.replaceAll('_', '-');
}

/** Returns a copy of the module with every export renamed by `rename(name)`. */
export function renameExports(bytes, rename = witExportName) {
  if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new Error('not a WebAssembly module');
  }
  const out = [...bytes.subarray(0, 8)];
  let pos = 8;
  const decoder = new TextDecoder();
  const encoder = new TextEncoder();
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, bodyStart] = readU32(bytes, pos + 1);
    const bodyEnd = bodyStart + size;
    if (id !== EXPORT_SECTION) {
      out.push(...bytes.subarray(pos, bodyEnd));
      pos = bodyEnd;
      continue;
    }
    let p = bodyStart;
    let count;
    [count, p] = readU32(bytes, p);
    const body = [...writeU32(count)];
    for (let i = 0; i < count; i++) {
      let len;
      [len, p] = readU32(bytes, p);
      const name = rename(decoder.decode(bytes.subarray(p, p + len)));
      p += len;
      const kind = bytes[p++];
      let index;
      [index, p] = readU32(bytes, p);
      const encoded = encoder.encode(name);
      body.push(...writeU32(encoded.length), ...encoded, kind, ...writeU32(index));
    }
    out.push(EXPORT_SECTION, ...writeU32(body.length), ...body);
    pos = bodyEnd;
  }
  return Uint8Array.from(out);
}
