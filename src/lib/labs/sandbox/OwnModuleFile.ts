// Reads and checks the file a learner brings, in a Worker: the size from the file's metadata first,
// so an oversized file is refused without reading it; then its bytes, ModuleCheck's checks, and
// its SHA-256, the key under which the circuit breaker counts the module's violations. No binaryen
// here: the meter is loaded only when the module runs (OwnModule.ts).
import { checkModule, checkModuleSize } from './ModuleCheck.ts';

/** A file as the page's input or a drop hands it over (a File; a Blob with a name in tests). */
export interface ModuleFile {
  readonly name: string;
  readonly size: number;
  arrayBuffer(): Promise<ArrayBuffer>;
}

export type ReadStage = 'reading' | 'checking';

export interface OwnModuleSummary {
  /** A core module using WASI preview1, or a component (whose imports are read when it is transpiled). */
  kind: 'core' | 'component';
  name: string;
  bytes: number;
  sha256: string;
  imports: string[];
  initialPages: number | null;
}

export type OwnModuleFileResult = { ok: true; summary: OwnModuleSummary; bytes: Uint8Array } | { ok: false; message: string };

export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as BufferSource));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function readOwnModuleFile(
  file: ModuleFile,
  capPages: number,
  onStage: (stage: ReadStage) => void = () => {},
): Promise<OwnModuleFileResult> {
  const tooLarge = checkModuleSize(file.size, file.name);
  if (tooLarge) return { ok: false, message: tooLarge.message };
  onStage('reading');
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch (e) {
    return { ok: false, message: `${file.name} could not be read: ${(e as Error).message}` };
  }
  onStage('checking');
  const check = checkModule(bytes, file.name, capPages);
  if (!check.ok) return { ok: false, message: check.message };
  const sha256 = await sha256Hex(bytes);
  const summary: OwnModuleSummary =
    check.kind === 'component'
      ? { kind: 'component', name: file.name, bytes: bytes.length, sha256, imports: [], initialPages: null }
      : { kind: 'core', name: file.name, bytes: bytes.length, sha256, imports: check.imports, initialPages: check.initialPages };
  return { ok: true, summary, bytes };
}
