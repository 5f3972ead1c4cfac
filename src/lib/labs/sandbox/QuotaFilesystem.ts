// A filesystem adapter for preview2-shim's browser `createFilesystem`: the shim's in-memory
// filesystem, with quotas on the files and bytes a guest may create, a read-only mode, and a
// host-work charge on every call. A refusal reaches the guest as a WASI error code (`quota`,
// `read-only`), which the preview1 adapter turns into EDQUOT or EROFS; anything else thrown at the
// component would trap it instead of letting it handle the refusal.
import { HostBudget } from './HostBudget.ts';
import { effectiveLimit, OUTER_LIMITS, type FilesystemPolicy } from './policy.ts';
import { ViolationLog } from './ViolationLog.ts';
import { filesystem, io, UNWRAP_DESCRIPTOR } from './wasi-browser.ts';

type Inner = any; // the in-memory adapter's descriptor; the shim does not export its type

/** Raises an output-stream failure that the adapter reports to the guest as `code` (e.g. EDQUOT). */
function streamFailure(code: string, message: string): never {
  const err = io.ioErrorCreate(message) as unknown as { payload?: unknown };
  // filesystem-error-code reads `payload.code` to map the stream error to a WASI error code.
  err.payload = { code };
  throw { tag: 'last-operation-failed', val: err };
}

const MUTATING_OPEN = (openFlags: { create?: boolean; truncate?: boolean }, flags: { write?: boolean; mutateDirectory?: boolean }) =>
  !!(openFlags.create || openFlags.truncate || flags.write || flags.mutateDirectory);

export class QuotaFilesystem {
  readonly files: { max: number; outer: boolean };
  readonly bytes: { max: number; outer: boolean };
  readonly readOnly: boolean;
  /** Entries created (files, directories, links) and bytes stored, now. */
  readonly usage = { files: 0, bytes: 0 };
  #inner = new filesystem.InMemoryFilesystemAdapter();
  #log: ViolationLog;
  #budget: HostBudget;

  constructor(policy: FilesystemPolicy, log: ViolationLog, budget: HostBudget) {
    this.files = effectiveLimit(policy.maxFiles, OUTER_LIMITS.files);
    this.bytes = effectiveLimit(policy.maxBytes, OUTER_LIMITS.bytes);
    this.readOnly = policy.access === 'read-only';
    this.#log = log;
    this.#budget = budget;
  }

  /** The adapter method `createFilesystem` calls for each preopen. */
  getRoot(capability: unknown): QuotaDescriptor {
    return new QuotaDescriptor(this, this.#inner.getRoot(capability as never));
  }

  /** Called before an entry is created; throws the WASI error code the guest receives. */
  admitEntry(): void {
    this.chargeCall();
    if (this.readOnly) this.refuseReadOnly();
    if (this.usage.files + 1 > this.files.max) {
      this.#log.record('fs.files', this.usage.files + 1, this.files.max, this.files.outer);
      throw 'quota';
    }
  }

  /** Called before a write that changes the stored total by `delta` bytes. */
  admitBytes(delta: number, viaStream: boolean): void {
    const total = this.usage.bytes + delta;
    if (delta > 0 && total > this.bytes.max) {
      this.#log.record('fs.bytes', total, this.bytes.max, this.bytes.outer);
      if (viaStream) streamFailure('EDQUOT', 'file quota exceeded');
      throw 'quota';
    }
    if (delta > 0 && !this.#budget.charge('bytes', delta)) {
      if (viaStream) streamFailure('EDQUOT', 'host-work budget spent');
      throw 'quota';
    }
  }

  chargeCall(viaStream = false): void {
    if (this.#budget.charge('calls', 0)) return;
    if (viaStream) streamFailure('EDQUOT', 'host-work budget spent');
    throw 'quota';
  }

  chargeSync(): void {
    if (!this.#budget.charge('syncs', 1)) throw 'quota';
  }

  refuseReadOnly(): never {
    this.#log.record('fs.read-only', 1, 0, false);
    throw 'read-only';
  }
}

/** A descriptor of the quota filesystem, delegating to the in-memory one after the checks. */
export class QuotaDescriptor {
  #fs: QuotaFilesystem;
  readonly inner: Inner;

  constructor(fs: QuotaFilesystem, inner: Inner) {
    this.#fs = fs;
    this.inner = inner;
  }

  /** linkAt, renameAt and isSameObject of the in-memory filesystem unwrap a second descriptor through this. */
  get [UNWRAP_DESCRIPTOR](): Inner {
    return this.inner;
  }

  #size(): number {
    return Number(this.inner.stat().size);
  }

  #exists(pathFlags: unknown, path: string): boolean {
    try {
      this.inner.statAt(pathFlags, path);
      return true;
    } catch (e) {
      if (e === 'no-entry') return false;
      throw e;
    }
  }

  #mutation(): void {
    this.#fs.chargeCall();
    if (this.#fs.readOnly) this.#fs.refuseReadOnly();
  }

  openAt(pathFlags: unknown, path: string, openFlags: { create?: boolean; truncate?: boolean }, flags: { write?: boolean; mutateDirectory?: boolean }) {
    if (this.#fs.readOnly && MUTATING_OPEN(openFlags, flags)) {
      this.#fs.chargeCall();
      this.#fs.refuseReadOnly();
    }
    const creates = !!openFlags.create && !this.#exists({ symlinkFollow: false }, path);
    if (creates) this.#fs.admitEntry();
    else this.#fs.chargeCall();
    let before = 0;
    if (openFlags.truncate && !creates) before = Number(this.inner.statAt({ symlinkFollow: true }, path).size);
    const opened = this.inner.openAt(pathFlags, path, openFlags, flags);
    if (creates) this.#fs.usage.files++;
    this.#fs.usage.bytes -= before;
    return new QuotaDescriptor(this.#fs, opened);
  }

  createDirectoryAt(path: string) {
    this.#fs.admitEntry();
    this.inner.createDirectoryAt(path);
    this.#fs.usage.files++;
  }

  symlinkAt(oldPath: string, newPath: string) {
    this.#fs.admitEntry();
    this.inner.symlinkAt(oldPath, newPath);
    this.#fs.usage.files++;
  }

  linkAt(oldPathFlags: unknown, oldPath: string, newDescriptor: QuotaDescriptor, newPath: string) {
    this.#fs.admitEntry();
    this.inner.linkAt(oldPathFlags, oldPath, newDescriptor.inner ?? newDescriptor, newPath);
    this.#fs.usage.files++;
  }

  unlinkFileAt(path: string) {
    this.#mutation();
    const size = Number(this.inner.statAt({ symlinkFollow: false }, path).size);
    this.inner.unlinkFileAt(path);
    this.#fs.usage.files--;
    this.#fs.usage.bytes -= size;
  }

  removeDirectoryAt(path: string) {
    this.#mutation();
    this.inner.removeDirectoryAt(path);
    this.#fs.usage.files--;
  }

  renameAt(oldPath: string, newDescriptor: QuotaDescriptor, newPath: string) {
    this.#mutation();
    this.inner.renameAt(oldPath, newDescriptor.inner ?? newDescriptor, newPath);
  }

  write(buffer: Uint8Array, offset: bigint) {
    this.#mutation();
    const size = this.#size();
    const end = Number(offset) + buffer.byteLength;
    this.#fs.admitBytes(Math.max(0, end - size), false);
    const written = this.inner.write(buffer, offset);
    this.#fs.usage.bytes += Math.max(0, end - size);
    return written;
  }

  setSize(size: bigint) {
    this.#mutation();
    const delta = Number(size) - this.#size();
    this.#fs.admitBytes(delta, false);
    this.inner.setSize(size);
    this.#fs.usage.bytes += delta;
  }

  writeViaStream(offset: bigint) {
    this.#mutation();
    return this.#stream(Number(offset));
  }

  appendViaStream() {
    this.#mutation();
    return this.#stream(null);
  }

  /**
   * A write stream that checks each write against the quota before the in-memory stream stores
   * it. `offset` null appends. The in-memory stream grows its buffer by doubling, so an
   * ever-growing file costs amortised O(1) per write rather than a copy of the whole file.
   */
  #stream(offset: number | null) {
    const fs = this.#fs;
    const self = this;
    let position = offset ?? this.#size();
    const inner = this.inner.writeViaStream(BigInt(position));
    return io.outputStreamCreate({
      checkWrite: () => 65_536n,
      write(buf: Uint8Array) {
        fs.chargeCall(true);
        const size = self.#size();
        const end = position + buf.byteLength;
        fs.admitBytes(Math.max(0, end - size), true);
        inner.checkWrite();
        inner.write(buf);
        fs.usage.bytes += Math.max(0, end - size);
        position = end;
      },
      flush() {},
      blockingFlush() {},
    });
  }

  sync() {
    this.#fs.chargeSync();
    return this.inner.sync();
  }

  syncData() {
    this.#fs.chargeSync();
    return this.inner.syncData();
  }

  // Reads and metadata: charged as calls, otherwise the in-memory filesystem's own behaviour.
  readViaStream(offset: bigint) { this.#fs.chargeCall(); return this.inner.readViaStream(offset); }
  read(length: bigint, offset: bigint) { this.#fs.chargeCall(); return this.inner.read(length, offset); }
  readDirectory() { this.#fs.chargeCall(); return this.inner.readDirectory(); }
  stat() { this.#fs.chargeCall(); return this.inner.stat(); }
  statAt(pathFlags: unknown, path: string) { this.#fs.chargeCall(); return this.inner.statAt(pathFlags, path); }
  readlinkAt(path: string) { this.#fs.chargeCall(); return this.inner.readlinkAt(path); }
  advise(offset: bigint, length: bigint, advice: string) { return this.inner.advise(offset, length, advice); }
  getFlags() {
    const flags = this.inner.getFlags();
    return this.#fs.readOnly ? { ...flags, write: false, mutateDirectory: false } : flags;
  }
  getType() { return this.inner.getType(); }
  setTimes(a: unknown, m: unknown) { return this.inner.setTimes(a, m); }
  setTimesAt(f: unknown, p: string, a: unknown, m: unknown) { return this.inner.setTimesAt(f, p, a, m); }
  isSameObject(other: QuotaDescriptor) { return this.inner.isSameObject(other.inner ?? other); }
  metadataHash() { return this.inner.metadataHash(); }
  metadataHashAt(f: unknown, p: string) { return this.inner.metadataHashAt(f, p); }
}

/**
 * The `wasi:filesystem` imports for one run: one preopened directory `/sandbox` backed by the
 * quota filesystem, or no preopen at all when the policy grants no filesystem.
 */
export function createQuotaFilesystem(policy: FilesystemPolicy, log: ViolationLog, budget: HostBudget) {
  const quota = new QuotaFilesystem(policy, log, budget);
  const preopens: Record<string, unknown> = policy.access === 'none' ? {} : { '/sandbox': { dir: {} } };
  const wasi = filesystem.createFilesystem({ adapter: quota as never, preopens: preopens as never });
  return { quota, types: wasi.types, preopens: wasi.preopens, dispose: () => wasi.dispose() };
}
