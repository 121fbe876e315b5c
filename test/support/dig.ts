import { execFileSync } from 'node:child_process';

export interface DigAnswer {
  /** NOERROR, NXDOMAIN, REFUSED, SERVFAIL… */
  readonly status: string;
  /** The header flags: `qr`, `aa`, `rd`… */
  readonly flags: string[];
  /** Answer section lines as `name ttl class type data`. */
  readonly answers: DigRow[];
  /** Authority section (referrals, negative answers' SOA). */
  readonly authority: DigRow[];
}

export interface DigRow {
  readonly name: string;
  readonly ttl: number;
  readonly type: string;
  readonly data: string;
}

function section(out: string, title: string): DigRow[] {
  const text = out.split(`;; ${title} SECTION:`)[1]?.split('\n\n')[0] ?? '';
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith(';'))
    .map((l) => {
      const [n, ttl, , t, ...data] = l.split(/\s+/);
      return { name: n, ttl: Number(ttl), type: t, data: data.join(' ') };
    });
}

/** Asks the local PowerDNS (the data plane) with dig, as an operator would check a zone. */
export function dig(name: string, type: string, server = '127.0.0.1', port = 5300): DigAnswer {
  const out = execFileSync(
    'dig',
    [`@${server}`, '-p', String(port), '+norecurse', '+time=2', '+tries=1', name, type],
    {
      encoding: 'utf8',
    },
  );
  const status = /status: ([A-Z]+)/.exec(out)?.[1] ?? 'UNKNOWN';
  const flags = (/flags: ([a-z ]+);/.exec(out)?.[1] ?? '').trim().split(/\s+/);
  return { status, flags, answers: section(out, 'ANSWER'), authority: section(out, 'AUTHORITY') };
}
