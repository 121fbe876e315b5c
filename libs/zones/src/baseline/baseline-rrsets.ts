import { createHash } from 'node:crypto';
import type { DriftedRRSet } from '@app/core';
import { soaWithSerial } from '../content/soa.content';

/** An rrset as a baseline keeps it and a drift scan compares it. */
export interface BaselineRRSet {
  /** Absolute, lowercase, with the trailing dot. */
  readonly name: string;
  /** Uppercase. */
  readonly type: string;
  readonly ttl: number;
  /** Sorted by content; an SOA's serial is 0 (SOA-EDIT-API moves it on every commit). */
  readonly records: readonly { readonly content: string; readonly disabled: boolean }[];
}

/** What PowerDNS makes itself for a signed zone: never written by ScaiDNS, never drift. */
const GENERATED_TYPES = new Set([
  'RRSIG',
  'NSEC',
  'NSEC3',
  'NSEC3PARAM',
  'DNSKEY',
  'CDS',
  'CDNSKEY',
]);

/** True for the types PowerDNS makes itself on a signed zone (not part of any baseline). */
export const isGeneratedType = (type: string): boolean => GENERATED_TYPES.has(type.toUpperCase());

export const rrsetKey = (name: string, type: string): string =>
  `${name.toLowerCase()}|${type.toUpperCase()}`;

/**
 * The baseline form of rrsets as PowerDNS lists them or a commit leaves them: names lowercased,
 * records sorted, the SOA with serial 0; PowerDNS's own DNSSEC types and rrsets without
 * records (a deletion, or comments alone) left out.
 */
export function toBaseline(
  rrsets: readonly {
    name: string;
    type: string;
    ttl: number;
    records: readonly { content: string; disabled: boolean }[];
  }[],
): BaselineRRSet[] {
  const out: BaselineRRSet[] = [];
  for (const r of rrsets) {
    const type = r.type.toUpperCase();
    if (r.records.length === 0 || GENERATED_TYPES.has(type)) continue;
    out.push({
      name: withDot(r.name.toLowerCase()),
      type,
      ttl: r.ttl,
      records: r.records
        .map((rec) => ({
          content: type === 'SOA' ? soaWithSerial(rec.content, 0) : rec.content,
          disabled: rec.disabled,
        }))
        .sort((a, b) => (a.content < b.content ? -1 : a.content > b.content ? 1 : 0)),
    });
  }
  return out;
}

/** True when two baseline rrsets hold the same TTL and records. */
function same(a: BaselineRRSet, b: BaselineRRSet): boolean {
  return (
    a.ttl === b.ttl &&
    a.records.length === b.records.length &&
    a.records.every(
      (r, i) => r.content === b.records[i].content && r.disabled === b.records[i].disabled,
    )
  );
}

const shape = (r: BaselineRRSet | undefined) =>
  r ? { ttl: r.ttl, records: r.records.map((x) => ({ ...x })) } : null;

/**
 * Every rrset where what PowerDNS holds (`held`) differs from what ScaiDNS last committed
 * (`committed`), sorted by name and type; both in baseline form.
 */
export function diffRRSets(
  committed: readonly BaselineRRSet[],
  held: readonly BaselineRRSet[],
): DriftedRRSet[] {
  const before = new Map(committed.map((r) => [rrsetKey(r.name, r.type), r]));
  const after = new Map(held.map((r) => [rrsetKey(r.name, r.type), r]));
  const keys = [...new Set([...before.keys(), ...after.keys()])].sort();
  const drifted: DriftedRRSet[] = [];
  for (const key of keys) {
    const b = before.get(key);
    const a = after.get(key);
    if (a && b && same(a, b)) continue;
    const [name, type] = key.split('|');
    drifted.push({ name, type, before: shape(b), after: shape(a) });
  }
  return drifted;
}

/** SHA-256 of a drift (what tells one finding from the next). */
export function driftDigest(drifted: readonly DriftedRRSet[]): string {
  return createHash('sha256').update(JSON.stringify(drifted)).digest('hex');
}

function withDot(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}
