import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A DS record as the API shows it. */
export interface DsDto {
  key_tag: number;
  algorithm: number;
  digest_type: number;
  digest: string;
}

/** A trust anchor: a zone and its digest-2 DS. */
export interface Anchor {
  zone: string;
  ds: DsDto;
}

/**
 * `delv` against the local PowerDNS (or the server on `port`), trusting only `anchor`: the chain from that zone down is
 * validated offline, as a validating resolver would (dns-facts.md §3). Its output, failures included.
 */
export function delv(anchor: Anchor, name: string, type: string, port = 5300): string {
  const dir = mkdtempSync(join(tmpdir(), 'delv-'));
  const file = join(dir, 'anchors.conf');
  const { ds } = anchor;
  writeFileSync(
    file,
    `trust-anchors {\n  ${anchor.zone}. static-ds ${ds.key_tag} ${ds.algorithm} ${ds.digest_type} "${ds.digest}";\n};\n`,
  );
  try {
    return execFileSync(
      'delv',
      ['@127.0.0.1', '-p', String(port), '-a', file, `+root=${anchor.zone}`, name, type],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    return `${e.stdout ?? ''}${e.stderr ?? ''}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `dig +dnssec` against the local PowerDNS: the answer with its RRSIGs, as text. */
export const digDnssec = (name: string, type: string): string =>
  execFileSync(
    'dig',
    ['@127.0.0.1', '-p', '5300', '+norecurse', '+dnssec', '+time=2', '+tries=1', name, type],
    { encoding: 'utf8' },
  );

/** The key tags of the RRSIGs over `name`'s `type` rrset. */
export function signingKeyTags(name: string, type: string): number[] {
  const tags = [
    ...digDnssec(name, type).matchAll(/\sRRSIG\s+(\S+)\s+\d+\s+\d+\s+\d+\s+\d+\s+\d+\s+(\d+)\s/g),
  ]
    .filter((m) => m[1] === type)
    .map((m) => Number(m[2]));
  return [...new Set(tags)].sort((a, b) => a - b);
}
