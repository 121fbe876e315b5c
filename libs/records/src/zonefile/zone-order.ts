import { zoneFqdn } from '@app/core';
import type { ParsedRecord, ZoneRecord, ZoneRrset } from './zone-file.types';

/** Records per piece of a streamed export: pieces of a few hundred kB. */
export const EXPORT_CHUNK_RECORDS = 2000;

/** One record of an export, flattened out of its rrset. */
export interface ExportedRecord {
  readonly name: string;
  readonly type: string;
  readonly content: string;
  readonly ttl: number;
  readonly disabled: boolean;
}

/**
 * The order exports use: the apex SOA, then the apex NS, then everything else by name (canonical
 * order) and type; rrsets without records are left out. The rrsets themselves, not copies: a 100k
 * zone costs one array (records are put in order as each rrset is written: see `sortedRecords`).
 */
export function exportOrder<T extends ZoneRrset>(zone: string, rrsets: readonly T[]): T[] {
  const origin = zoneFqdn(zone);
  const rank = (rrset: ZoneRrset): number => {
    if (rrset.name.toLowerCase() !== origin) return 2;
    if (rrset.type === 'SOA') return 0;
    return rrset.type === 'NS' ? 1 : 2;
  };
  // One key per rrset rather than labels split on every comparison: sorting a 100k zone is a
  // string sort.
  const keyed = rrsets
    .filter((rrset) => rrset.records.length > 0)
    .map((rrset) => ({ rrset, rank: rank(rrset), key: canonicalKey(rrset.name) }));
  keyed.sort(
    (a, b) =>
      a.rank - b.rank ||
      (a.key < b.key ? -1 : a.key > b.key ? 1 : 0) ||
      (a.rrset.type < b.rrset.type ? -1 : a.rrset.type > b.rrset.type ? 1 : 0),
  );
  return keyed.map((k) => k.rrset);
}

/**
 * A name's labels from the root down, joined by NUL (which sorts below every character a label
 * holds): comparing two keys as strings is comparing the names in canonical order (compareNames).
 */
export function canonicalKey(name: string): string {
  return name.toLowerCase().replace(/\.$/, '').split('.').reverse().join('\u0000');
}

/** An rrset's records by content, so an export is the same whatever order PowerDNS returned. */
export function sortedRecords(rrset: ZoneRrset): ZoneRecord[] {
  return [...rrset.records].sort(compareRecords);
}

/** The rrsets in export order (see exportOrder), each a copy with its records in order. */
export function orderRrsets(zone: string, rrsets: readonly ZoneRrset[]): ZoneRrset[] {
  return exportOrder(zone, rrsets).map((rrset) => ({ ...rrset, records: sortedRecords(rrset) }));
}

/** The records of one rrset as an export lists them. */
export function flattenRrset(rrset: ZoneRrset): ExportedRecord[] {
  const name = rrset.name.toLowerCase();
  const type = rrset.type.toUpperCase();
  return sortedRecords(rrset).map((record) => ({
    name,
    type,
    content: record.content,
    ttl: rrset.ttl,
    disabled: record.disabled,
  }));
}

/** The records of the zone in export order, one per record. */
export function flattenRrsets(zone: string, rrsets: readonly ZoneRrset[]): ExportedRecord[] {
  return exportOrder(zone, rrsets).flatMap(flattenRrset);
}

/** Rrsets in groups whose records add up to about `records` (an rrset is never split). */
export function* inGroups<T extends ZoneRrset>(
  rrsets: readonly T[],
  records = EXPORT_CHUNK_RECORDS,
): Generator<T[]> {
  let group: T[] = [];
  let count = 0;
  for (const rrset of rrsets) {
    group.push(rrset);
    count += rrset.records.length;
    if (count >= records) {
      yield group;
      group = [];
      count = 0;
    }
  }
  if (group.length > 0) yield group;
}

/**
 * Groups parsed records into rrsets, in the order their (name, type) first appears. An rrset has one
 * TTL: the first record's wins (as BIND does, which warns about the others).
 */
export function groupRecords(records: readonly ParsedRecord[]): ZoneRrset[] {
  const groups = new Map<
    string,
    { name: string; type: string; ttl: number; records: ZoneRecord[] }
  >();
  for (const record of records) {
    const key = `${record.name}\u0000${record.type}`;
    let group = groups.get(key);
    if (!group) {
      group = { name: record.name, type: record.type, ttl: record.ttl, records: [] };
      groups.set(key, group);
    }
    group.records.push({ content: record.content, disabled: record.disabled });
  }
  return [...groups.values()];
}

function compareRecords(a: ZoneRecord, b: ZoneRecord): number {
  return a.content < b.content ? -1 : a.content > b.content ? 1 : 0;
}
