// The memory cap: rewrites the maximum a core module declares for its linear memory, before it is
// compiled, so `memory.grow` past the cap returns -1 inside the module (a failed grow the guest
// can handle) instead of the page running out of memory.

const MEMORY_SECTION = 5;
const IMPORT_SECTION = 2;

export class MemoryCapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MemoryCapError';
  }
}

function readLeb(bytes: Uint8Array, pos: number): [number, number] {
  let result = 0;
  let shift = 0;
  for (;;) {
    if (pos >= bytes.length) throw new MemoryCapError('the module ends inside a number');
    const b = bytes[pos++]!;
    result += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [result, pos];
    shift += 7;
    if (shift > 35) throw new MemoryCapError('a number in the module is longer than 32 bits');
  }
}

function leb(value: number): number[] {
  const out: number[] = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value !== 0) b |= 0x80;
    out.push(b);
  } while (value !== 0);
  return out;
}

export interface MemoryDeclaration {
  initialPages: number;
  maximumPages: number | null;
}

/** The module's own linear memory as declared, or null when it declares none. Throws on shapes the cap cannot rewrite. */
export function readMemoryDeclaration(bytes: Uint8Array): MemoryDeclaration | null {
  return scan(bytes).declaration;
}

function scan(bytes: Uint8Array): { declaration: MemoryDeclaration | null; section?: { start: number; end: number } } {
  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
    throw new MemoryCapError('not a WebAssembly module (it does not start with \\0asm)');
  }
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos]!;
    const [size, body] = readLeb(bytes, pos + 1);
    const end = body + size;
    if (end > bytes.length) throw new MemoryCapError('a section runs past the end of the module');
    if (id === IMPORT_SECTION) {
      let p = body;
      let count;
      [count, p] = readLeb(bytes, p);
      for (let i = 0; i < count; i++) {
        let len;
        [len, p] = readLeb(bytes, p);
        p += len;
        [len, p] = readLeb(bytes, p);
        p += len;
        const kind = bytes[p++];
        if (kind === 2) throw new MemoryCapError('the module imports its memory; the sandbox only caps a memory the module defines');
        // Skip the import's type: func (type index), table (reftype + limits), global (valtype + mut), tag.
        if (kind === 0 || kind === 4) [, p] = readLeb(bytes, kind === 4 ? p + 1 : p);
        else if (kind === 1) {
          const flags = bytes[p + 1]!;
          [, p] = readLeb(bytes, p + 2);
          if (flags & 1) [, p] = readLeb(bytes, p);
        } else if (kind === 3) p += 2;
        else throw new MemoryCapError(`unknown import kind ${kind}`);
      }
    } else if (id === MEMORY_SECTION) {
      let p = body;
      let count;
      [count, p] = readLeb(bytes, p);
      if (count === 0) return { declaration: null };
      if (count > 1) throw new MemoryCapError('the module declares several memories; the sandbox caps one');
      const flags = bytes[p++]!;
      if (flags & 0x02) throw new MemoryCapError('the module declares a shared memory, which the sandbox does not run');
      if (flags & 0x04) throw new MemoryCapError('the module declares a 64-bit memory, which the sandbox does not run');
      let initialPages;
      [initialPages, p] = readLeb(bytes, p);
      let maximumPages: number | null = null;
      if (flags & 0x01) [maximumPages, p] = readLeb(bytes, p);
      return { declaration: { initialPages, maximumPages }, section: { start: pos, end } };
    }
    pos = end;
  }
  return { declaration: null };
}

/**
 * Returns the module with its memory's maximum set to `capPages` (or its own maximum, if lower).
 * Throws MemoryCapError when the module starts with more memory than the cap allows.
 */
export function capMemory(bytes: Uint8Array, capPages: number): Uint8Array {
  const { declaration, section } = scan(bytes);
  if (!declaration || !section) return bytes;
  if (declaration.initialPages > capPages) {
    throw new MemoryCapError(
      `the module declares ${declaration.initialPages} pages of memory at start (${declaration.initialPages * 64} KiB), more than the cap of ${capPages} pages`,
    );
  }
  const max = Math.min(capPages, declaration.maximumPages ?? capPages);
  const body = [1, 1, ...leb(declaration.initialPages), ...leb(max)];
  const out = new Uint8Array(bytes.length - (section.end - section.start) + 1 + leb(body.length).length + body.length);
  out.set(bytes.subarray(0, section.start), 0);
  let p = section.start;
  for (const b of [MEMORY_SECTION, ...leb(body.length), ...body]) out[p++] = b;
  out.set(bytes.subarray(section.end), p);
  return out;
}
