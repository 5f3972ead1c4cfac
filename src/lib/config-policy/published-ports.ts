// The local stacks' policy: a port a compose file publishes is bound to 127.0.0.1, so nothing in
// them is reachable from other machines (see the header of compose/observability-stack.yaml).
import { parse } from 'yaml';

export interface PortProblem {
  service: string;
  port: string;
}

type PortEntry = string | number | { host_ip?: string; published?: string | number; target?: number };

/** Published ports that would listen on every interface: "8080:8080", "8080", or a long form without host_ip 127.0.0.1. */
export function portsOpenToAll(composeYaml: string): PortProblem[] {
  const doc = parse(composeYaml) as { services?: Record<string, { ports?: PortEntry[] }> };
  const problems: PortProblem[] = [];
  for (const [service, def] of Object.entries(doc.services ?? {})) {
    for (const entry of def.ports ?? []) {
      if (typeof entry === 'object') {
        if (entry.published !== undefined && entry.host_ip !== '127.0.0.1') {
          problems.push({ service, port: `${entry.host_ip ?? '0.0.0.0'}:${entry.published}:${entry.target}` });
        }
        continue;
      }
      const text = String(entry).replace(/\/(tcp|udp)$/, '');
      // IPv6 host addresses come in brackets; only 127.0.0.1 is allowed here.
      const parts = text.split(':');
      if (parts.length < 3 || parts[0] !== '127.0.0.1') problems.push({ service, port: String(entry) });
    }
  }
  return problems;
}
