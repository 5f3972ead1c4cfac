/** The plugin's own message from a rejected configuration (jco throws a ComponentError with the `err` payload). */
export function pluginConfigError(err: unknown): Error {
  const payload = (err as { payload?: unknown })?.payload;
  return new Error(typeof payload === 'string' ? payload : String((err as Error)?.message ?? err));
}

/** A learner's module refused before it ran: its message is already the sentence to show. */
export class OwnModuleRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OwnModuleRefused';
  }
}

/** A plain explanation of what went wrong inside the worker, for the lab's status line. */
export function explain(err: unknown, phase: 'instantiate' | 'run'): string {
  const e = err as Error;
  if (e instanceof OwnModuleRefused) return `Refused: ${e.message}`;
  const text = `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
  if (e instanceof WebAssembly.CompileError) return `The module is not valid WebAssembly, so it could not be compiled (${text}).`;
  if (e instanceof WebAssembly.LinkError) return `The module asked for an import the lab does not give it (${text}).`;
  if (e instanceof WebAssembly.RuntimeError) {
    return `The module trapped and stopped at once (${text}). A trap cannot harm the page: the worker reported it and was retired.`;
  }
  if (e instanceof RangeError && /memory/i.test(e.message)) {
    return `The module hit its memory limit (${text}).`;
  }
  return phase === 'instantiate' ? `The component could not be instantiated (${text}).` : `The run failed (${text}).`;
}
