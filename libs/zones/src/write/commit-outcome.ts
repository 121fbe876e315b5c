import type { IntentRRSet } from '@app/core';
import { PdnsUnavailableError } from '@app/pdns-client';
import { soaWithSerial } from '../content/soa.content';

/** Network failures in which the request never reached PowerDNS: nothing can have been applied. */
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
]);

/**
 * True when a failed PATCH may nevertheless have been committed: the request was (or may have been)
 * sent and no answer came (a reset, a closed socket, a timeout), or PowerDNS answered with a 5xx
 * after its backend did who knows what. Only reading the zone back can tell. A refused connection,
 * an unknown host or a 4xx answer are certain failures.
 */
export function isAmbiguous(error: unknown): boolean {
  if (!(error instanceof PdnsUnavailableError)) return false;
  if (error.status !== undefined) return error.status >= 500;
  return !NOT_SENT.has(error.pdnsMessage ?? '');
}

interface HeldRRSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly { readonly content: string; readonly disabled: boolean }[];
}

/** Most rrsets an intent keeps to be settled by (see `settlingSample`). */
export const INTENT_RRSETS_KEPT = 1000;

/**
 * The rrsets of a commit an intent keeps to settle it by: every one, up to INTENT_RRSETS_KEPT. A commit
 * is one PowerDNS transaction (one PATCH, or one update message), so it holds all of its rrsets or
 * none: part of a 100k-rrset import tells as surely as the whole, and keeps its row far below
 * MariaDB's max_allowed_packet.
 */
export function settlingSample<T>(rrsets: readonly T[]): readonly T[] {
  return rrsets.length > INTENT_RRSETS_KEPT ? rrsets.slice(0, INTENT_RRSETS_KEPT) : rrsets;
}

/**
 * True when PowerDNS holds every rrset of `intended` as a commit meant to leave it (no records: gone),
 * whatever order it lists records in. The SOA is compared without its serial, which SOA-EDIT-API
 * moves on as it commits.
 */
export function pdnsHolds(held: readonly HeldRRSet[], intended: readonly IntentRRSet[]): boolean {
  const byKey = new Map(held.map((r) => [key(r.name, r.type), r] as const));
  return intended.every((want) => {
    const have = byKey.get(key(want.name, want.type));
    const haveRecords = have?.records ?? [];
    if (want.records.length === 0) return haveRecords.length === 0;
    if (!have || have.ttl !== want.ttl || haveRecords.length !== want.records.length) return false;
    const type = want.type.toUpperCase();
    const shown = (r: { content: string; disabled: boolean }) =>
      `${type === 'SOA' ? soaWithSerial(r.content, '*') : r.content}|${r.disabled}`;
    const wanted = new Set(want.records.map(shown));
    return haveRecords.every((r) => wanted.has(shown(r)));
  });
}

function key(name: string, type: string): string {
  return `${name.toLowerCase()}|${type.toUpperCase()}`;
}
