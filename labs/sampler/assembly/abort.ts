// Called by AssemblyScript on a failed assertion or an out-of-bounds access. The component has no
// logging import, so the only honest thing to do is trap; the host reports the trap.
export function abortHandler(message: string | null, fileName: string | null, line: u32, column: u32): void {
  unreachable();
}
