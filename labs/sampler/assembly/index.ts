// The component's exports. The canonical ABI's glue (UTF-16 strings, the return area, argument
// and result buffers) is labs/lib/cabi.ts; this file says only what each export reads and writes.
import './abort'; // referenced by asc --use abort=...
import {
  RET_AREA, freeArg, freeResults, own, putList, returnErr, returnOk, returnString, takeString,
} from '../../lib/cabi';
import { parseConfig, policyToJson } from './config';
import {
  Decision,
  PARENT_NOT_SAMPLED,
  Policy,
  RouteRatio,
  TH_PRECISION,
  Threshold,
  decideInto,
  thresholdFor,
  hexValue,
  routeRatio,
} from './policy';

/** The default until the host configures one: keep everything. */
let policy: Policy = new Policy();

export { cabi_realloc } from '../../lib/cabi';

// configure: func(config: string) -> result<_, string>
export function configure(ptr: usize, len: usize): usize {
  const result = parseConfig(takeString(ptr, len));
  if (result.policy === null) return returnErr(result.error);
  policy = result.policy!;
  return returnOk();
}

export function cabi_post_configure(ret: usize): void {
  freeResults();
}

// current-config: func() -> string
export function current_config(): usize {
  return returnString(policyToJson(policy));
}

export function cabi_post_current_config(ret: usize): void {
  freeResults();
}

/** The last 56 bits of the id accumulateHex read last. */
let hexRandomness: u64 = 0;

/**
 * XOR of the four 32-bit words of a 32-digit hex id, as OpenTelemetry JS accumulates it; -1 if
 * invalid. Also leaves the id's last 56 bits in hexRandomness.
 */
function accumulateHex(ptr: usize, codeUnits: usize): i64 {
  if (codeUnits != 32) return -1;
  let acc: u32 = 0;
  let nonZero = false;
  let w2: u32 = 0;
  for (let word = 0; word < 4; word++) {
    let part: u32 = 0;
    for (let j = 0; j < 8; j++) {
      const d = hexValue(<i32>load<u16>(ptr + (<usize>(word * 8 + j) << 1)));
      if (d < 0) return -1;
      part = (part << 4) | <u32>d;
    }
    if (part != 0) nonZero = true;
    acc ^= part;
    if (word == 2) w2 = part;
    if (word == 3) hexRandomness = randomness56(w2, part);
  }
  return nonZero ? <i64>acc : -1;
}

/** The id's last 7 bytes: the low 24 bits of its third word, then its fourth. */
// @ts-ignore: decorator
@inline
function randomness56(w2: u32, w3: u32): u64 {
  return ((<u64>(w2 & 0xffffff)) << 32) | <u64>w3;
}

const single = new Decision();
const singleRoute = new RouteRatio();

// decide: func(span: span-info, now-ms: f64) -> decision
// span-info flattens to (trace-id ptr, len, parent, route ptr, len, status-code, is-error).
export function decide(
  idPtr: usize, idLen: usize, parent: u32, routePtr: usize, routeLen: usize,
  statusCode: u32, isError: u32, nowMs: f64,
): usize {
  const acc = accumulateHex(idPtr, idLen);
  freeArg(idPtr);
  routeRatio(singleRoute, policy, takeString(routePtr, routeLen));
  decideInto(single, policy, acc >= 0, <u32>acc, hexRandomness, <u8>parent, singleRoute, <u16>statusCode, isError != 0, nowMs);
  // decision { keep: bool @0, reason: enum @1, ratio: f64 @8 }
  store<u8>(RET_AREA, single.keep ? 1 : 0);
  store<u8>(RET_AREA, single.reason, 1);
  store<f64>(RET_AREA, single.ratio, 8);
  return RET_AREA;
}

// decide-batch: func(batch: span-batch, now-ms: f64) -> result<list<u8>, string>
// span-batch flattens to six (ptr, len) pairs in field order.
export function decide_batch(
  idsPtr: usize, idsLen: usize,
  parentsPtr: usize, parentsLen: usize,
  routeIdxPtr: usize, routeIdxLen: usize,
  routesPtr: usize, routesLen: usize,
  statusPtr: usize, statusLen: usize,
  errorsPtr: usize, errorsLen: usize,
  nowMs: f64,
): usize {
  // Each route is resolved to its rule once per batch, not once per span.
  const routeRatios = new Array<RouteRatio>(<i32>routesLen);
  for (let r: usize = 0; r < routesLen; r++) {
    const rr = new RouteRatio();
    const at = routesPtr + (r << 3);
    routeRatio(rr, policy, takeString(load<u32>(at), load<u32>(at, 4)));
    unchecked(routeRatios[<i32>r] = rr);
  }
  freeArg(routesPtr);

  const n = parentsLen;
  let error = '';
  if (idsLen != n << 4) error = 'trace-ids has ' + idsLen.toString() + ' bytes; expected 16 per span (' + (n << 4).toString() + ')';
  else if (routeIdxLen != n || statusLen != n || errorsLen != n) error = 'the columns of the batch have different lengths';

  const out = error.length == 0 ? heap.alloc(n) : 0;
  const d = new Decision();
  for (let i: usize = 0; i < n && error.length == 0; i++) {
    const idAt = idsPtr + (i << 4);
    const w0 = bswap<u32>(load<u32>(idAt));
    const w1 = bswap<u32>(load<u32>(idAt, 4));
    const w2 = bswap<u32>(load<u32>(idAt, 8));
    const w3 = bswap<u32>(load<u32>(idAt, 12));
    const valid = (w0 | w1 | w2 | w3) != 0;
    const parent = load<u8>(parentsPtr + i);
    const routeIndex = <usize>load<u16>(routeIdxPtr + (i << 1));
    if (routeIndex >= routesLen) {
      error = 'route-indexes[' + i.toString() + '] is ' + routeIndex.toString() + ' but there are ' + routesLen.toString() + ' routes';
      break;
    }
    if (parent > PARENT_NOT_SAMPLED) {
      error = 'parents[' + i.toString() + '] is ' + parent.toString() + '; expected 0, 1 or 2';
      break;
    }
    decideInto(
      d, policy, valid, w0 ^ w1 ^ w2 ^ w3, randomness56(w2, w3), parent, unchecked(routeRatios[<i32>routeIndex]),
      load<u16>(statusPtr + (i << 1)), load<u8>(errorsPtr + i) != 0, nowMs,
    );
    store<u8>(out + i, (d.keep ? 1 : 0) | (d.reason << 1));
  }
  freeArg(idsPtr);
  freeArg(parentsPtr);
  freeArg(routeIdxPtr);
  freeArg(statusPtr);
  freeArg(errorsPtr);
  if (error.length) {
    if (out != 0) heap.free(out);
    return returnErr(error);
  }
  putList(RET_AREA + 4, own(out), n);
  return returnOk();
}

export function cabi_post_decide_batch(ret: usize): void {
  freeResults();
}

const thOut = new Threshold();

// threshold: func(ratio: f64) -> string
export function threshold(ratio: f64): usize {
  thresholdFor(thOut, ratio, TH_PRECISION);
  return returnString(thOut.th);
}

export function cabi_post_threshold(ret: usize): void {
  freeResults();
}
