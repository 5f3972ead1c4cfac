// The canonical ABI, lowered by hand, for every lab component built from AssemblyScript.
//
// Strings are UTF-16, as AssemblyScript stores them: a lab's component is embedded with
// stringEncoding 'utf16' (labs/build/build.mjs), so a string crosses the boundary as a pointer and
// a length in code units, and a list as a pointer and an element count.
//
// Ownership follows the canonical ABI. Argument buffers are allocated by the host through
// cabi_realloc and belong to the callee, which frees them (take*, freeArg). Result buffers are
// allocated here, registered with own(), and freed by freeResults() in the export's cabi_post_*
// function, after the host has copied them out. Results wider than one core value go in the
// return area; the host reads it before its next call, and a component instance is not reentrant,
// so one area serves every export.
//
// A lab's index.ts re-exports cabi_realloc and writes one cabi_post_<name> per export that
// returns through memory, each calling freeResults().

/** Room for the widest flat result a lab returns (a tag and a record of up to 28 bytes). */
export const RET_AREA: usize = memory.data(32, 8);

// Buffers handed out as results and not yet freed. Most calls give one or two; a record with
// several strings or a list gives more.
let pending: usize[] = [];

export function cabi_realloc(oldPtr: usize, oldSize: usize, align: usize, newSize: usize): usize {
  // TLSF blocks are 16-byte aligned, enough for every canonical ABI type.
  if (oldPtr == 0) return heap.alloc(newSize);
  return heap.realloc(oldPtr, newSize);
}

/** Frees an argument buffer the host allocated (a list read in place, say). */
export function freeArg(ptr: usize): void {
  if (ptr != 0) heap.free(ptr);
}

/** Reads a string argument and frees its buffer. */
export function takeString(ptr: usize, codeUnits: usize): string {
  const s = String.UTF16.decodeUnsafe(ptr, codeUnits << 1);
  freeArg(ptr);
  return s;
}

/** Reads a list<string> argument (8 bytes per element: pointer, length) and frees every buffer. */
export function takeStrings(ptr: usize, count: usize): string[] {
  const out = new Array<string>(<i32>count);
  for (let i: usize = 0; i < count; i++) {
    const at = ptr + (i << 3);
    unchecked(out[<i32>i] = takeString(load<u32>(at), load<u32>(at, 4)));
  }
  freeArg(ptr);
  return out;
}

/** Allocates a result buffer that the next freeResults() releases. */
export function allocResult(bytes: usize): usize {
  const buf = heap.alloc(bytes);
  pending.push(buf);
  return buf;
}

/** Hands an argument buffer back as (part of) a result: it is freed by freeResults() instead. */
export function own(ptr: usize): usize {
  pending.push(ptr);
  return ptr;
}

/** Writes a string result at `at` (pointer, length in code units) from a copy freed after the call. */
export function putString(at: usize, s: string): void {
  const bytes = <usize>s.length << 1;
  const buf = allocResult(bytes);
  memory.copy(buf, changetype<usize>(s), bytes);
  store<u32>(at, <u32>buf);
  store<u32>(at, <u32>s.length, 4);
}

/**
 * Writes a string result that points into a string the lab keeps alive until the host has read it
 * (a rule's name held by the configuration). Nothing is copied or freed.
 */
export function putKeptString(at: usize, s: string): void {
  store<u32>(at, <u32>changetype<usize>(s));
  store<u32>(at, <u32>s.length, 4);
}

/** Writes a list result at `at`: the pointer to its elements and their count. */
export function putList(at: usize, ptr: usize, count: usize): void {
  store<u32>(at, <u32>ptr);
  store<u32>(at, <u32>count, 4);
}

/** A string-returning export: the string in the return area. */
export function returnString(s: string): usize {
  putString(RET_AREA, s);
  return RET_AREA;
}

/** result<_, string> or any result whose ok payload the caller has written at RET_AREA + 4. */
export function returnOk(): usize {
  store<u8>(RET_AREA, 0);
  return RET_AREA;
}

/** Any result<T, string> whose payload aligns to 4: the error's message at RET_AREA + 4. */
export function returnErr(message: string): usize {
  store<u8>(RET_AREA, 1);
  putString(RET_AREA + 4, message);
  return RET_AREA;
}

/** The body of every cabi_post_* function: frees the buffers handed out by the last call. */
export function freeResults(): void {
  for (let i = 0, n = pending.length; i < n; i++) heap.free(unchecked(pending[i]));
  pending.length = 0;
}
