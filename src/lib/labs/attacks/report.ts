// What a sandboxed run reports: its live gauges (as the viewer's lab figures), its violations (as
// `lab.violation` events on the run span) and a sentence on how it ended. Pure, so the Worker
// and the Node tests share it.
import type { LabFigure } from '../figures.ts';
import type { Attributes } from '../../spans/model.ts';
import type { OutcomeKind, SandboxLimits, SandboxResult, SandboxUsage } from '../sandbox/SandboxRun.ts';
import type { Violation } from '../sandbox/ViolationLog.ts';
import { groupDigits } from '../../text/plain.ts';

/** The gauges: fuel, pages, files, bytes, connections and host work, each against its limit. */
export function figuresOf(u: SandboxUsage, l: SandboxLimits): LabFigure[] {
  const figures: LabFigure[] = [
    { id: 'fuel', label: 'fuel used', value: u.fuel ?? 0, format: 'count', ...(l.fuel !== null ? { max: l.fuel } : {}) },
    { id: 'pages', label: 'memory pages (64 KiB)', value: u.pages, format: 'count', max: l.pages.max },
    { id: 'files', label: 'files created', value: u.files, format: 'count', max: l.files.max },
    { id: 'bytes', label: 'bytes stored', value: u.bytes, format: 'bytes', max: l.bytes.max },
    { id: 'connections', label: 'connections open', value: u.connections, format: 'count', max: l.connections.max },
    { id: 'host-bytes', label: 'host work: bytes', value: u.hostBytes, format: 'bytes', ...(l.hostWork ? { max: l.hostWork.bytes } : {}) },
    { id: 'host-syncs', label: 'host work: syncs', value: u.hostSyncs, format: 'count', ...(l.hostWork ? { max: l.hostWork.syncs } : {}) },
    { id: 'host-calls', label: 'host work: calls', value: u.hostCalls, format: 'count', ...(l.hostWork ? { max: l.hostWork.calls } : {}) },
  ];
  return figures;
}

/** The attributes of one `lab.violation` event. `stoppedAtMs` and `v.atMs` are on the same clock. */
export function violationAttributes(v: Violation, stoppedAtMs: number): Attributes {
  return {
    'lab.violation.limit': v.limit,
    'lab.violation.value': v.value,
    'lab.violation.max': v.max,
    'lab.violation.stop_ms': Math.max(0, Math.round((stoppedAtMs - v.atMs) * 1000) / 1000),
    'lab.violation.outer': v.outer,
  };
}

const n = (x: number) => groupDigits(x);

const CONTAINED: Record<OutcomeKind, (r: SandboxResult) => string> = {
  completed: () => 'The module finished on its own.',
  exited: (r) => `The module exited with an error (exit status ${r.exitCode}) without breaching a limit.`,
  trap: (r) => `The module trapped: ${r.error ?? 'unknown trap'}.`,
  'out-of-fuel': (r) => `Out of fuel: the module used its budget of ${n(r.limits.fuel ?? r.usage.fuel ?? 0)} units and trapped at the next metered point.`,
  'memory-cap': (r) => `Memory cap: growth past ${n(r.limits.pages.max)} pages (${n(r.limits.pages.max / 16)} MiB) failed inside the module.`,
  'file-quota': (r) =>
    r.violation?.limit === 'fs.files'
      ? `File quota: the module created ${n(r.usage.files)} files; the next was refused with EDQUOT.`
      : `File quota: the module stored ${n(r.usage.bytes)} bytes; the next write was refused with EDQUOT.`,
  'read-only': () => 'Read-only filesystem: the first write was refused with EROFS.',
  'no-filesystem': () => 'No filesystem: the module was given no preopened directory, so it had nothing to write to (EBADF).',
  'network-denied': () => 'Network denied: the first connection was refused.',
  'connection-cap': (r) => `Connection cap: ${n(r.usage.connections)} connections were open; the next was refused.`,
  'rate-limit': (r) => `Byte rate: ${n(r.usage.netBytes)} bytes were sent; the next send was refused.`,
  'host-budget': (r) => `Host-work budget: the host refused further work after ${n(r.usage.hostCalls)} calls, ${n(r.usage.hostSyncs)} syncs and ${n(r.usage.hostBytes)} bytes, while the guest used only ${n(r.usage.fuel ?? 0)} units of fuel.`,
};

/** One sentence on how the run ended, with a note when an outer limit, not a defence, held. */
export function describeResult(r: SandboxResult): string {
  const text = CONTAINED[r.outcome](r);
  return r.violation?.outer ? `${text} That was the lab's outer limit: the defence was off, and a real host without it has no such ceiling.` : text;
}
