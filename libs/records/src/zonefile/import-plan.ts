import type { PdnsRRSetChange } from '@app/pdns-client';
import type { ParsedRecord, ZoneRrset } from './zone-file.types';
import { compareNames, zoneFqdn } from './zone-order';

/**
 * - `merge`: incoming records are added to the rrsets already there (union); existing records,
 *   their TTL and their disabled flag are left as they are.
 * - `replace`: the zone (apart from the apex SOA and NS) becomes exactly the incoming records;
 *   whatever isn't in them is removed.
 * - `skip_existing`: only (name, type) pairs the zone doesn't have yet are imported.
 */
export type ImportMode = 'merge' | 'replace' | 'skip_existing';

export const IMPORT_MODES: readonly ImportMode[] = ['merge', 'replace', 'skip_existing'];

/** One record in the plan; content in canonical form. */
export interface PlannedRecord {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly content: string;
  readonly disabled: boolean;
}

export interface SkippedRecord extends PlannedRecord {
  readonly reason: string;
}

/** An incoming rrset that is not written because it collides with other data. */
export interface ImportConflict {
  readonly name: string;
  readonly type: string;
  readonly reason: string;
  /** The incoming contents that are not written. */
  readonly content: string[];
}

export interface ImportPlan {
  /** Incoming records the zone doesn't have. */
  readonly added: PlannedRecord[];
  /** Records of the zone that the import deletes (replace mode only). */
  readonly removed: PlannedRecord[];
  /** Incoming records the zone already has (in merge mode, whatever their TTL or disabled flag). */
  readonly unchanged: PlannedRecord[];
  /** Incoming records the zone has with another TTL or disabled flag, which the import changes. */
  readonly updated: PlannedRecord[];
  /** Incoming records left out on purpose: platform-managed, or existing in skip_existing mode. */
  readonly skipped: SkippedRecord[];
  readonly conflicts: ImportConflict[];
  /** The PowerDNS PATCH: one REPLACE or DELETE per (name, type) that changes, in canonical order. */
  readonly changes: PdnsRRSetChange[];
}

export interface ImportPlanOptions {
  /** The zone's name (`example.com.`). */
  readonly zone: string;
  /**
   * Canonical content (canonicalContent's result for valid content), so `10 Mail.example.com.` and
   * `10 mail.example.com.` are one record. Incoming records are expected to have been validated.
   */
  readonly canonical: (type: string, content: string) => string;
}

/** Types of which a name holds at most one record. */
const SINGLE_RECORD_TYPES = new Set(['CNAME', 'DNAME']);

interface Rrset {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  /** Canonical content → disabled, in order. */
  readonly records: Map<string, boolean>;
}

/**
 * Plans an import against the zone's current rrsets without changing anything: the diff a preview
 * shows and the changes a real import sends in one PATCH. Pure.
 *
 * Never imported, never removed: the apex SOA and apex NS (the platform manages them; incoming ones are
 * reported as skipped) and any SOA. A CNAME that would share its name with other data is a conflict
 * and not written: when the CNAME comes from the import, the CNAME is left out; when it is already in
 * the zone and stays, the incoming data at its name is left out. Two different incoming CNAMEs (or
 * DNAMEs) for one name, or one that would join an existing different one in merge mode, are a conflict
 * too. Everything else (per-type rules, DS at the apex, TTL bounds) is the validator's.
 */
export function planImport(
  current: readonly ZoneRrset[],
  incoming: readonly ParsedRecord[],
  mode: ImportMode,
  options: ImportPlanOptions,
): ImportPlan {
  const apex = zoneFqdn(options.zone);
  const isPlatform = (name: string, type: string) =>
    type === 'SOA' || (name === apex && type === 'NS');
  const skipped: SkippedRecord[] = [];
  const conflicts: ImportConflict[] = [];

  const existing = new Map<string, Rrset>();
  for (const rrset of current) {
    const name = rrset.name.toLowerCase();
    const type = rrset.type.toUpperCase();
    if (isPlatform(name, type) || rrset.records.length === 0) continue;
    const records = new Map<string, boolean>();
    for (const record of rrset.records) {
      records.set(options.canonical(type, record.content), record.disabled);
    }
    existing.set(rrsetKey(name, type), { name, type, ttl: rrset.ttl, records });
  }

  const wanted = new Map<string, Rrset>();
  for (const record of incoming) {
    const content = options.canonical(record.type, record.content);
    if (isPlatform(record.name, record.type)) {
      skipped.push({
        ...record,
        content,
        reason:
          record.type === 'SOA'
            ? 'The SOA is managed by the platform'
            : 'The NS records of the zone apex are managed by the platform',
      });
      continue;
    }
    const key = rrsetKey(record.name, record.type);
    let rrset = wanted.get(key);
    if (!rrset) {
      rrset = { name: record.name, type: record.type, ttl: record.ttl, records: new Map() };
      wanted.set(key, rrset);
    }
    if (!rrset.records.has(content)) rrset.records.set(content, record.disabled);
  }

  const reject = (key: string, reason: string) => {
    const rrset = wanted.get(key);
    if (!rrset) return;
    conflicts.push({
      name: rrset.name,
      type: rrset.type,
      reason,
      content: [...rrset.records.keys()],
    });
    wanted.delete(key);
  };

  for (const [key, rrset] of [...wanted]) {
    if (mode === 'skip_existing' && existing.has(key)) {
      for (const [content, disabled] of rrset.records) {
        skipped.push({
          ...plannedRecord(rrset, content, disabled),
          reason: `${rrset.name} already has ${rrset.type} records`,
        });
      }
      wanted.delete(key);
      continue;
    }
    if (!SINGLE_RECORD_TYPES.has(rrset.type)) continue;
    const before = existing.get(key);
    if (rrset.records.size > 1) {
      reject(
        key,
        `A name can have only one ${rrset.type} record; the import has ${rrset.records.size}`,
      );
    } else if (mode === 'merge' && before && !sameContents(before, rrset)) {
      reject(
        key,
        `${rrset.name} already has a different ${rrset.type} record (${[...before.records.keys()].join(', ')}); use replace to change it`,
      );
    }
  }

  const finalRrset = (key: string): Rrset | undefined => {
    const before = existing.get(key);
    const after = wanted.get(key);
    if (!after) return mode === 'replace' ? undefined : before;
    if (mode !== 'merge' || !before) return after;
    return { ...before, records: new Map([...before.records, ...withoutKeys(after, before)]) };
  };

  rejectCnameCollisions(apex, existing, wanted, finalRrset, reject);

  const added: PlannedRecord[] = [];
  const removed: PlannedRecord[] = [];
  const unchanged: PlannedRecord[] = [];
  const updated: PlannedRecord[] = [];
  const changes: PdnsRRSetChange[] = [];
  const keys = [...new Set([...existing.keys(), ...wanted.keys()])].sort(compareKeys);
  for (const key of keys) {
    const before = existing.get(key);
    const after = finalRrset(key);
    const incomingRrset = wanted.get(key);
    if (incomingRrset && after) {
      for (const content of incomingRrset.records.keys()) {
        const planned = plannedRecord(after, content, after.records.get(content) ?? false);
        const old = before?.records.get(content);
        if (old === undefined) added.push(planned);
        else if (old === planned.disabled && before?.ttl === after.ttl) unchanged.push(planned);
        else updated.push(planned);
      }
    }
    if (before) {
      for (const [content, disabled] of before.records) {
        if (!after?.records.has(content)) removed.push(plannedRecord(before, content, disabled));
      }
    }
    if (!after) {
      if (before) changes.push({ name: before.name, type: before.type, changetype: 'DELETE' });
    } else if (!before || !sameRrset(before, after)) {
      changes.push({
        name: after.name,
        type: after.type,
        changetype: 'REPLACE',
        ttl: after.ttl,
        records: [...after.records].map(([content, disabled]) => ({ content, disabled })),
      });
    }
  }
  conflicts.sort((a, b) => compareKeys(rrsetKey(a.name, a.type), rrsetKey(b.name, b.type)));
  return { added, removed, unchanged, updated, skipped, conflicts, changes };
}

/**
 * Leaves out incoming rrsets until no name holds a CNAME beside other data. The apex SOA and NS are not
 * in `existing` but always exist, so the apex counts as holding data.
 */
function rejectCnameCollisions(
  apexName: string,
  existing: ReadonlyMap<string, Rrset>,
  wanted: ReadonlyMap<string, Rrset>,
  finalRrset: (key: string) => Rrset | undefined,
  reject: (key: string, reason: string) => void,
): void {
  for (let changed = true; changed;) {
    changed = false;
    const typesAt = new Map<string, string[]>();
    for (const key of new Set([...existing.keys(), ...wanted.keys()])) {
      const rrset = finalRrset(key);
      if (!rrset || rrset.records.size === 0) continue;
      typesAt.set(rrset.name, [...(typesAt.get(rrset.name) ?? []), rrset.type]);
    }
    for (const [name, types] of typesAt) {
      const apex = name === apexName;
      const others = types.filter((type) => type !== 'CNAME');
      if (!types.includes('CNAME') || (others.length === 0 && !apex)) continue;
      const shown = apex ? ['SOA', 'NS', ...others] : others;
      const cnameKey = rrsetKey(name, 'CNAME');
      if (wanted.has(cnameKey)) {
        reject(
          cnameKey,
          `A CNAME must be the only record at its name, and ${name} also has ${shown.join(', ')}`,
        );
        changed = true;
        continue;
      }
      for (const type of others) {
        if (!wanted.has(rrsetKey(name, type))) continue;
        reject(
          rrsetKey(name, type),
          `${name} has a CNAME, which must be the only record at its name`,
        );
        changed = true;
      }
    }
  }
}

function plannedRecord(rrset: Rrset, content: string, disabled: boolean): PlannedRecord {
  return { name: rrset.name, type: rrset.type, ttl: rrset.ttl, content, disabled };
}

function withoutKeys(from: Rrset, existing: Rrset): [string, boolean][] {
  return [...from.records].filter(([content]) => !existing.records.has(content));
}

function sameContents(a: Rrset, b: Rrset): boolean {
  return a.records.size === b.records.size && [...a.records.keys()].every((c) => b.records.has(c));
}

function sameRrset(a: Rrset, b: Rrset): boolean {
  return (
    a.ttl === b.ttl &&
    sameContents(a, b) &&
    [...a.records].every(([content, disabled]) => b.records.get(content) === disabled)
  );
}

function rrsetKey(name: string, type: string): string {
  return `${name}\u0000${type}`;
}

function compareKeys(a: string, b: string): number {
  const [nameA, typeA] = a.split('\u0000');
  const [nameB, typeB] = b.split('\u0000');
  return compareNames(nameA, nameB) || (typeA < typeB ? -1 : typeA > typeB ? 1 : 0);
}
