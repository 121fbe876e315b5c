import { compareNames, zoneFqdn } from '@app/core';
import type { PdnsRRSetChange } from '@app/pdns-client';
import { checkRrsetChanges } from '@app/zones';
import type { ParsedRecord, ZoneRrset } from './zone-file.types';

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
  /**
   * The rrsets (absolute name, type) the import may remove in replace mode; by default all. A caller
   * whose access is fenced to some records replaces only inside its fence.
   */
  readonly scope?: (name: string, type: string) => boolean;
}

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
 * reported as skipped) and any SOA. An incoming rrset that would break the zone's rrset rules (the
 * same rules every write meets: CNAME exclusivity, single-record types, apex rules, DS at a
 * delegation) is a conflict and is left out, with the rule's reason; a removal in replace mode that
 * would break one is not made. Per-record rules (content, TTL bounds) are the validator's, before.
 */
export function planImport(
  current: readonly ZoneRrset[],
  incoming: readonly ParsedRecord[],
  mode: ImportMode,
  options: ImportPlanOptions,
): ImportPlan {
  const apex = zoneFqdn(options.zone);
  const inScope = options.scope ?? (() => true);
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
    const name = record.name.toLowerCase();
    const type = record.type.toUpperCase();
    if (isPlatform(name, type)) {
      skipped.push({
        ...record,
        content,
        reason:
          type === 'SOA'
            ? 'The SOA is managed by the platform'
            : 'The NS records of the zone apex are managed by the platform',
      });
      continue;
    }
    const key = rrsetKey(name, type);
    let rrset = wanted.get(key);
    if (!rrset) {
      rrset = { name, type, ttl: record.ttl, records: new Map() };
      wanted.set(key, rrset);
    }
    if (!rrset.records.has(content)) rrset.records.set(content, record.disabled);
  }

  if (mode === 'skip_existing') {
    for (const [key, rrset] of [...wanted]) {
      if (!existing.has(key)) continue;
      for (const [content, disabled] of rrset.records) {
        skipped.push({
          ...plannedRecord(rrset, content, disabled),
          reason: `${rrset.name} already has ${rrset.type} records`,
        });
      }
      wanted.delete(key);
    }
  }

  /** Replace-mode removals that are not made (a rule needs the rrset, or it is out of scope). */
  const kept = new Set<string>();
  const finalRrset = (key: string): Rrset | undefined => {
    const before = existing.get(key);
    const after = wanted.get(key);
    if (!after) {
      if (mode !== 'replace' || !before || kept.has(key)) return before;
      return inScope(before.name, before.type) ? undefined : before;
    }
    if (mode !== 'merge' || !before) return after;
    return { ...before, records: new Map([...before.records, ...withoutKeys(after, before)]) };
  };
  const allKeys = () => [...new Set([...existing.keys(), ...wanted.keys()])];

  // The zone's rules, on the whole zone as the import would leave it: leave out what breaks them.
  for (let round = 0; round <= existing.size + wanted.size; round += 1) {
    const changes = allKeys().flatMap((key) => {
      const before = existing.get(key);
      const after = finalRrset(key);
      if (before && after && sameRrset(before, after)) return [];
      const shown = after ?? before;
      if (!shown) return [];
      return [{ name: shown.name, type: shown.type, records: recordsOf(after) }];
    });
    const violations = checkRrsetChanges(options.zone, current, changes);
    let resolved = false;
    for (const violation of violations) {
      for (const subject of violation.subjects) {
        const key = rrsetKey(subject.name.toLowerCase(), subject.type.toUpperCase());
        const rrset = wanted.get(key);
        if (rrset) {
          conflicts.push({
            name: rrset.name,
            type: rrset.type,
            reason: violation.message,
            content: [...rrset.records.keys()],
          });
          wanted.delete(key);
          resolved = true;
        } else if (existing.has(key) && !kept.has(key) && !finalRrset(key)) {
          kept.add(key);
          resolved = true;
        }
      }
    }
    if (!resolved) break;
  }

  const added: PlannedRecord[] = [];
  const removed: PlannedRecord[] = [];
  const unchanged: PlannedRecord[] = [];
  const updated: PlannedRecord[] = [];
  const changes: PdnsRRSetChange[] = [];
  for (const key of allKeys().sort(compareKeys)) {
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
        records: recordsOf(after),
      });
    }
  }
  conflicts.sort((a, b) => compareKeys(rrsetKey(a.name, a.type), rrsetKey(b.name, b.type)));
  return { added, removed, unchanged, updated, skipped, conflicts, changes };
}

function recordsOf(rrset: Rrset | undefined): { content: string; disabled: boolean }[] {
  return [...(rrset?.records ?? [])].map(([content, disabled]) => ({ content, disabled }));
}

function plannedRecord(rrset: Rrset, content: string, disabled: boolean): PlannedRecord {
  return { name: rrset.name, type: rrset.type, ttl: rrset.ttl, content, disabled };
}

function withoutKeys(from: Rrset, existing: Rrset): [string, boolean][] {
  return [...from.records].filter(([content]) => !existing.records.has(content));
}

function sameRrset(a: Rrset, b: Rrset): boolean {
  return (
    a.ttl === b.ttl &&
    a.records.size === b.records.size &&
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
