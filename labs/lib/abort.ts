// Called (through each lab's assembly/abort.ts) by AssemblyScript on a failed assertion or an
// out-of-bounds access. A lab component has no logging import, so the only honest thing to do is
// trap; the host reports the trap.
export function trap(): void {
  unreachable();
}
