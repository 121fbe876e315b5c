import { relativeName, zoneFqdn } from '@app/core';
import type { RecordFence } from '@app/identity';
import { isPlatformManaged, type WorkingRRSet } from '@app/zones';
import { assignRecordIds, type RecordIdPin, recordContentKey } from '../ids/record-id';

/** A record as the API shows it, without its creation time (read per page: see RecordReader). */
export interface IndexedRecord {
  readonly id: string;
  /** Absolute, lower-case, with the trailing dot (as PowerDNS holds it). */
  readonly name: string;
  /** Relative to the zone (`@` for the apex). */
  readonly displayName: string;
  readonly type: string;
  readonly content: string;
  readonly ttl: number;
  readonly disabled: boolean;
  /** The apex SOA and NS: listed only with include_system. */
  readonly system: boolean;
}

/** Pins of a zone, keyed `name|TYPE` (see PinCache). */
export type ZonePinMap = ReadonlyMap<string, readonly RecordIdPin[]>;

export interface RecordSelection {
  readonly type?: string;
  readonly name?: string;
  readonly includeSystem: boolean;
  /** Who reads: records outside the fence are not there. */
  readonly fence: RecordFence;
}

const collator = new Intl.Collator();

/** The order of a record list: name, type, content (as lists have always been sorted). */
function compare(a: IndexedRecord, b: IndexedRecord): number {
  return (
    collator.compare(a.name, b.name) ||
    collator.compare(a.type, b.type) ||
    collator.compare(a.content, b.content)
  );
}

const keyOf = (name: string, type: string): string => `${name.toLowerCase()}|${type.toUpperCase()}`;

/**
 * One zone's records, indexed for reads whose cost doesn't grow with the zone: kept sorted (a page
 * is a slice), by id, by owner name and (built when first asked) by type. It is changed rrset by
 * rrset, as the zone's log says, so a commit costs the records it touches, not the zone; ids are
 * derived once per record content and again only for rrsets whose pins change.
 */
export class ZoneRecords {
  private readonly rrsets = new Map<string, IndexedRecord[]>();
  private readonly sorted: IndexedRecord[] = [];
  private readonly byId = new Map<string, IndexedRecord>();
  private readonly byName = new Map<string, Set<string>>();
  private readonly byType = new Map<string, IndexedRecord[]>();
  private systemCount = 0;
  private pins: ZonePinMap;
  private readonly origin: string;

  constructor(
    private readonly domain: { readonly id: string; readonly name: string },
    rrsets: readonly WorkingRRSet[],
    pins: ZonePinMap,
  ) {
    this.origin = zoneFqdn(domain.name);
    this.pins = pins;
    for (const rrset of rrsets) {
      const records = this.recordsOf(rrset);
      if (records.length === 0) continue;
      this.add(keyOf(rrset.name, rrset.type), records, false);
    }
    this.sorted.sort(compare);
  }

  /** How many records the zone holds (every one, system records too). */
  get size(): number {
    return this.sorted.length;
  }

  /** Puts rrsets as they now are (no records: gone), oldest change first. */
  apply(changes: readonly WorkingRRSet[]): void {
    for (const rrset of changes) {
      const key = keyOf(rrset.name, rrset.type);
      this.remove(key);
      const records = this.recordsOf(rrset);
      if (records.length > 0) this.add(key, records, true);
    }
  }

  /** The zone's pins changed (content PATCHed, records deleted): ids of rrsets whose pins moved. */
  setPins(pins: ZonePinMap): void {
    if (pins === this.pins) return;
    const before = this.pins;
    this.pins = pins;
    for (const key of new Set([...before.keys(), ...pins.keys()])) {
      if (samePins(before.get(key), pins.get(key))) continue;
      const current = this.rrsets.get(key);
      if (!current) continue;
      const [first] = current;
      const rrset: WorkingRRSet = {
        name: first.name,
        type: first.type,
        ttl: first.ttl,
        records: current.map((r) => ({ content: r.content, disabled: r.disabled })),
      };
      this.remove(key);
      this.add(key, this.recordsOf(rrset), true);
    }
  }

  /**
   * Every rrset as it is now, each its records (name, type and ttl on every one). A snapshot: later
   * changes replace an rrset's array rather than change it, so what is handed out stays as it was.
   */
  rrsetList(): (readonly IndexedRecord[])[] {
    return [...this.rrsets.values()];
  }

  get(id: string): IndexedRecord | undefined {
    return this.byId.get(id);
  }

  /**
   * The records a selection keeps, in list order: `offset` of them skipped, at most `limit` returned,
   * and how many there are in all.
   */
  select(
    selection: RecordSelection,
    offset = 0,
    limit = Number.MAX_SAFE_INTEGER,
  ): { rows: IndexedRecord[]; total: number } {
    const type = selection.type?.toUpperCase();
    const candidates = selection.name
      ? this.named(selection.name.toLowerCase())
      : type
        ? this.typed(type)
        : this.sorted;
    const keep = (r: IndexedRecord) =>
      (selection.includeSystem || !r.system) &&
      (!type || r.type === type) &&
      (selection.fence.all || selection.fence.admits(r.name, r.type));
    // The common case, everything readable: a page is a slice, whatever the zone's size.
    if (selection.fence.all && !selection.name) {
      if (candidates === this.sorted && !selection.includeSystem && this.systemCount > 0) {
        return this.sliceSkippingSystem(offset, limit);
      }
      if (selection.includeSystem || (type !== 'SOA' && type !== 'NS')) {
        return { rows: candidates.slice(offset, offset + limit), total: candidates.length };
      }
    }
    const rows: IndexedRecord[] = [];
    let total = 0;
    for (const r of candidates) {
      if (!keep(r)) continue;
      if (total >= offset && rows.length < limit) rows.push(r);
      total++;
    }
    return { rows, total };
  }

  /** A page of every record but the apex SOA and NS (a few, at the apex: skipped by position). */
  private sliceSkippingSystem(
    offset: number,
    limit: number,
  ): { rows: IndexedRecord[]; total: number } {
    const total = this.sorted.length - this.systemCount;
    const rows: IndexedRecord[] = [];
    let seen = 0;
    let i = 0;
    // Walk the system records' positions only: everything between them is listed as it is.
    const positions = this.systemPositions();
    for (const position of [...positions, this.sorted.length]) {
      const run = position - i;
      if (seen + run > offset && rows.length < limit) {
        // Only the page is copied: a run may be the whole zone.
        const from = i + Math.max(0, offset - seen);
        const to = Math.min(position, from + limit - rows.length);
        for (let k = from; k < to; k++) rows.push(this.sorted[k]);
      }
      seen += run;
      i = position + 1;
      if (rows.length >= limit) break;
    }
    return { rows, total };
  }

  /** Where the apex SOA and NS records are in the sorted list (system records are at the apex). */
  private systemPositions(): number[] {
    const out: number[] = [];
    for (const key of this.byName.get(this.origin) ?? []) {
      for (const r of this.rrsets.get(key) ?? []) {
        if (r.system) out.push(this.indexOf(r));
      }
    }
    return out.sort((a, b) => a - b);
  }

  /** The records at an owner name, whether given absolute or relative to the zone. */
  private named(name: string): IndexedRecord[] {
    const absolute = name === '@' ? this.origin : `${name.replace(/\.$/, '')}.${this.origin}`;
    const out: IndexedRecord[] = [];
    for (const fqdn of new Set([name.endsWith('.') ? name : absolute, absolute])) {
      for (const key of this.byName.get(fqdn) ?? []) out.push(...(this.rrsets.get(key) ?? []));
    }
    return out.filter((r) => r.displayName === name || r.name === name).sort(compare);
  }

  private typed(type: string): IndexedRecord[] {
    let list = this.byType.get(type);
    if (!list) {
      list = this.sorted.filter((r) => r.type === type);
      this.byType.set(type, list);
    }
    return list;
  }

  private recordsOf(rrset: WorkingRRSet): IndexedRecord[] {
    const name = rrset.name.toLowerCase();
    const type = rrset.type.toUpperCase();
    const { ids } = assignRecordIds(
      { zoneId: this.domain.id, fqdn: name, type },
      rrset.records.map((r) => recordContentKey(type, r.content, this.domain.name)),
      this.pins.get(keyOf(name, type)) ?? [],
    );
    const system = isPlatformManaged({ name, type }, this.domain.name);
    const displayName = relativeName(name, this.domain.name);
    return rrset.records.map((record, i) => ({
      id: ids[i],
      name,
      displayName,
      type,
      content: record.content,
      ttl: rrset.ttl,
      disabled: record.disabled,
      system,
    }));
  }

  /** Adds an rrset's records; `ordered`: insert each in place (else the caller sorts once). */
  private add(key: string, records: IndexedRecord[], ordered: boolean): void {
    this.rrsets.set(key, records);
    const [first] = records;
    const names = this.byName.get(first.name) ?? new Set<string>();
    names.add(key);
    this.byName.set(first.name, names);
    this.byType.delete(first.type);
    for (const record of records) {
      this.byId.set(record.id, record);
      if (record.system) this.systemCount++;
      if (ordered) this.sorted.splice(this.lowerBound(record), 0, record);
      else this.sorted.push(record);
    }
  }

  private remove(key: string): void {
    const records = this.rrsets.get(key);
    if (!records) return;
    this.rrsets.delete(key);
    const [first] = records;
    const names = this.byName.get(first.name);
    names?.delete(key);
    if (names?.size === 0) this.byName.delete(first.name);
    this.byType.delete(first.type);
    for (const record of records) {
      if (this.byId.get(record.id) === record) this.byId.delete(record.id);
      if (record.system) this.systemCount--;
      this.sorted.splice(this.indexOf(record), 1);
    }
  }

  /** Where `record` is in the sorted list (it is there: found by its order, then by identity). */
  private indexOf(record: IndexedRecord): number {
    for (let i = this.lowerBound(record); i < this.sorted.length; i++) {
      if (this.sorted[i] === record) return i;
    }
    throw new Error(`record ${record.id} is not indexed`);
  }

  private lowerBound(record: IndexedRecord): number {
    let lo = 0;
    let hi = this.sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.sorted[mid], record) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

function samePins(a: readonly RecordIdPin[] | undefined, b: readonly RecordIdPin[] | undefined) {
  if ((a?.length ?? 0) !== (b?.length ?? 0)) return false;
  return (a ?? []).every((pin, i) => pin.content === b?.[i].content && pin.id === b?.[i].id);
}
