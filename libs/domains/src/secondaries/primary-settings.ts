import { BlockList, isIP } from 'node:net';
import type { HostPort } from '@app/core';

/** One finding about the primary's pdns.conf, for `scaidns doctor`. */
export interface PrimarySettingsFinding {
  readonly status: 'ok' | 'warn';
  readonly message: string;
}

function list(value: string | undefined): string[] {
  return (value ?? '')
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `host:port`, `[v6]:port` or a bare address (port 53) as written in also-notify. */
function notifyTarget(entry: string): { host: string; port: number } | null {
  const m = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry) ?? /^([^:]+)(?::(\d+))?$/.exec(entry);
  if (m) return { host: m[1], port: m[2] ? Number(m[2]) : 53 };
  return isIP(entry) === 6 ? { host: entry, port: 53 } : null;
}

function axfrAllows(acl: readonly string[], host: string): boolean {
  const family = isIP(host);
  if (family === 0) return false;
  const blocks = new BlockList();
  for (const entry of acl) {
    const [address, prefix] = entry.replace(/^!/, '').split('/');
    const version = isIP(address);
    if (version === 0 || entry.startsWith('!')) continue;
    const bits = prefix === undefined ? (version === 4 ? 32 : 128) : Number(prefix);
    blocks.addSubnet(address, bits, version === 4 ? 'ipv4' : 'ipv6');
  }
  return blocks.check(host, family === 4 ? 'ipv4' : 'ipv6');
}

/**
 * Whether the primary PowerDNS (its settings, from GET /servers/localhost/config) notifies and
 * allows transfers to every configured secondary: `primary=yes`, each secondary in `also-notify`
 * and in `allow-axfr-ips` (unless transfers are signed with TSIG, which PowerDNS checks instead of
 * the address). Secondaries named by host name can't be checked against addresses: a warning.
 */
export function checkPrimarySettings(
  settings: ReadonlyMap<string, string>,
  secondaries: readonly HostPort[],
  tsig: boolean,
): PrimarySettingsFinding[] {
  const findings: PrimarySettingsFinding[] = [];
  const primary = (settings.get('primary') ?? settings.get('master') ?? 'no').toLowerCase();
  findings.push(
    primary === 'yes'
      ? { status: 'ok', message: 'primary=yes: Master zones notify their secondaries' }
      : { status: 'warn', message: 'primary is not yes: PowerDNS sends no NOTIFY' },
  );
  const notified = list(settings.get('also-notify'))
    .map(notifyTarget)
    .filter((t): t is { host: string; port: number } => t !== null);
  const acl = list(settings.get('allow-axfr-ips'));
  for (const s of secondaries) {
    const where = `${s.host}:${s.port}`;
    const notifiedHere = notified.some((t) => t.host === s.host && t.port === s.port);
    findings.push(
      notifiedHere
        ? { status: 'ok', message: `${where} is in also-notify` }
        : {
            status: 'warn',
            message: `${where} is not in also-notify: it hears of changes only at its SOA refresh`,
          },
    );
    if (tsig) continue;
    findings.push(
      axfrAllows(acl, s.host)
        ? { status: 'ok', message: `${s.host} may transfer (allow-axfr-ips)` }
        : {
            status: 'warn',
            message: `${s.host} is not covered by allow-axfr-ips: its transfers are refused`,
          },
    );
  }
  const cycle = settings.get('xfr-cycle-interval');
  if (cycle !== undefined && Number(cycle) > 60) {
    findings.push({
      status: 'warn',
      message: `xfr-cycle-interval=${cycle}: a new zone reaches secondaries without an API only after up to ${cycle} s`,
    });
  }
  return findings;
}
