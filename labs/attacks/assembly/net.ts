// The lab network (wit/attacks.wit, interface lab:sandbox/net) in the canonical ABI's core form.
// Results travel through a return area: a discriminant byte at 0, the payload at 4.

// @ts-ignore: decorator
@external('lab:sandbox/net@0.1.0', 'connect')
declare function netConnect(port: u32, ret: usize): void;
// @ts-ignore: decorator
@external('lab:sandbox/net@0.1.0', 'send')
declare function netSend(conn: u32, data: usize, len: usize, ret: usize): void;
// @ts-ignore: decorator
@external('lab:sandbox/net@0.1.0', 'close')
declare function netClose(conn: u32): void;

const ret = memory.data(8);

const NAMES = ['denied', 'connection-limit', 'rate-limit', 'closed'];

/** The handle, or -(1 + net-error) when refused. */
function result(): i32 {
  if (load<u8>(ret) == 0) return load<u32>(ret, 4) as i32;
  return -1 - (load<u8>(ret, 4) as i32);
}

export function connect(port: u16): i32 {
  netConnect(port, ret);
  return result();
}

export function send(conn: u32, data: usize, len: usize): i32 {
  netSend(conn, data, len, ret);
  return result();
}

export function close(conn: u32): void {
  netClose(conn);
}

export function errorName(r: i32): string {
  const i = -1 - r;
  return i >= 0 && i < NAMES.length ? NAMES[i] : 'unknown';
}
