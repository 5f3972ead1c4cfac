/**
 * Fetches and compiles a core Wasm module served by the site. `corrupt` flips bytes of the code
 * first, for the fault drill that shows what a broken module looks like to the host.
 */
export async function compileCoreModule(url: string, corrupt = false): Promise<WebAssembly.Module> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load ${url}: HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (corrupt) for (let i = 8; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
  return WebAssembly.compile(bytes);
}
