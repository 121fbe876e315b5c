import { compareNames, zoneFqdn } from '@app/core';
import type { ParsedRecord, ZoneRecord, ZoneRrset } from './zone-file.types';

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
 * order) and type. Records inside an rrset are sorted by content so an export is deterministic
 * whatever order PowerDNS returned them in.
 */
export function orderRrsets(zone: string, rrsets: readonly ZoneRrset[]): ZoneRrset[] {
  const origin = zoneFqdn(zone);
  const rank = (rrset: ZoneRrset): number => {
    if (rrset.name.toLowerCase() !== origin) return 2;
    if (rrset.type === 'SOA') return 0;
    return rrset.type === 'NS' ? 1 : 2;
  };
  return [...rrsets]
    .filter((rrset) => rrset.records.length > 0)
    .map((rrset) => ({ ...rrset, records: [...rrset.records].sort(compareRecords) }))
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        compareNames(a.name, b.name) ||
        (a.type < b.type ? -1 : a.type > b.type ? 1 : 0),
    );
}

/** The records of the zone in export order, one per record. */
export function flattenRrsets(zone: string, rrsets: readonly ZoneRrset[]): ExportedRecord[] {
  return orderRrsets(zone, rrsets).flatMap((rrset) =>
    rrset.records.map((record) => ({
      name: rrset.name.toLowerCase(),
      type: rrset.type.toUpperCase(),
      content: record.content,
      ttl: rrset.ttl,
      disabled: record.disabled,
    })),
  );
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
