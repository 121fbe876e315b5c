import type { WorkingRRSet } from '@app/zones';
import type { RenderedRecord } from '../render/template-render';

/**
 * What an apply does where the template meets other data:
 * - `fail` (default): nothing is written, and the conflicts are listed (409);
 * - `skip`: the template's conflicting records are left out, the rest is written;
 * - `replace`: the zone's records in the way are removed and the template's written.
 */
export type ConflictPolicy = 'fail' | 'skip' | 'replace';

export const CONFLICT_POLICIES: readonly ConflictPolicy[] = ['fail', 'skip', 'replace'];

/** A record as an apply reports it: absolute name, content in canonical form. */
export interface PlannedRecord {
  readonly name: string;
  readonly type: string;
  readonly content: string;
  readonly ttl: number;
}

export interface SkippedRecord extends PlannedRecord {
  readonly reason: string;
}

/** A template rrset that meets other data, and what is in its way. */
export interface TemplateConflict {
  readonly name: string;
  readonly type: string;
  /** The template's records there. */
  readonly content: string[];
  /** The zone's records in the way. */
  readonly existing: { type: string; content: string[] }[];
  readonly reason: string;
}

export interface TemplatePlan {
  /** The template's records the zone doesn't have: what the apply writes. */
  readonly added: PlannedRecord[];
  /** The template's records not written: already there, or (skip) in conflict. */
  readonly skipped: SkippedRecord[];
  /** The zone's records the apply removes (replace only). */
  readonly replaced: PlannedRecord[];
  /** Conflicts found (with `fail` they stop the apply; with skip or replace they are resolved). */
  readonly conflicts: TemplateConflict[];
  /** The rrsets to write, as they are to be after the apply (no records: deleted). */
  readonly rrsets: WorkingRRSet[];
}

/**
 * Types whose records at one name are alternatives, not additions: a template's A, MX or SRV
 * beside other ones of the zone would mix two setups (two mail providers, two web servers), so
 * records of these types that differ are a conflict, not a merge.
 */
const EXCLUSIVE_TYPES = new Set(['A', 'AAAA', 'ALIAS', 'CNAME', 'DNAME', 'MX', 'NS', 'PTR', 'SRV']);

/**
 * TXT records of one kind (`v=spf1`, `v=DMARC1`, `v=DKIM1`): a name may have only one of each
 * (two SPF records are a permanent error, RFC 7208 §4.5), other TXT records live side by side.
 */
function txtKind(content: string): string | null {
  const text = content.replace(/^"/, '').trimStart();
  const match = /^v=([A-Za-z0-9]+)/i.exec(text);
  return match ? match[1].toLowerCase() : null;
}

const key = (name: string, type: string): string => `${name.toLowerCase()}|${type.toUpperCase()}`;

/**
 * Plans applying `incoming` (a template rendered for the zone) to the zone's rrsets at those names.
 * Pure; the same plan is what a preview shows and what the apply writes.
 *
 * "Same" is name, type and content: a record the zone already holds is skipped (so applying twice
 * writes nothing the second time), whatever its TTL. A template rrset conflicts with the zone's
 * data when a CNAME is on either side of a name the other also uses, when an exclusive type
 * (EXCLUSIVE_TYPES) holds other records there, or when a TXT of one kind (an SPF, a DMARC policy)
 * would stand beside another of the same kind. Records the template adds to an rrset without
 * conflict join it, keeping the rrset's TTL; a new or replaced rrset takes the template's.
 */
export function planTemplate(
  current: readonly WorkingRRSet[],
  incoming: readonly RenderedRecord[],
  policy: ConflictPolicy,
): TemplatePlan {
  const byName = new Map<string, Map<string, WorkingRRSet>>();
  for (const rrset of current) {
    if (rrset.records.length === 0) continue;
    const name = rrset.name.toLowerCase();
    const types = byName.get(name) ?? new Map<string, WorkingRRSet>();
    types.set(rrset.type.toUpperCase(), rrset);
    byName.set(name, types);
  }
  const groups = new Map<string, RenderedRecord[]>();
  for (const record of incoming) {
    const k = key(record.fqdn, record.type);
    const group = groups.get(k) ?? [];
    if (!group.some((r) => r.content === record.content)) group.push(record);
    groups.set(k, group);
  }

  const added: PlannedRecord[] = [];
  const skipped: SkippedRecord[] = [];
  const replaced: PlannedRecord[] = [];
  const conflicts: TemplateConflict[] = [];
  const after = new Map<string, WorkingRRSet>();
  const rrsetNow = (name: string, type: string): WorkingRRSet | undefined =>
    after.get(key(name, type)) ?? byName.get(name.toLowerCase())?.get(type.toUpperCase());
  const remove = (rrset: WorkingRRSet, contents: ReadonlySet<string>) => {
    const kept = rrset.records.filter((r) => !contents.has(r.content));
    for (const r of rrset.records) {
      if (contents.has(r.content)) replaced.push({ ...planned(rrset, r.content), ttl: rrset.ttl });
    }
    after.set(key(rrset.name, rrset.type), { ...rrset, records: kept });
  };

  for (const group of groups.values()) {
    const { fqdn: name, type } = group[0];
    const atName = byName.get(name.toLowerCase()) ?? new Map<string, WorkingRRSet>();
    const existing = atName.get(type);
    const held = new Set(existing?.records.map((r) => r.content) ?? []);
    const present = group.filter((r) => held.has(r.content));
    const missing = group.filter((r) => !held.has(r.content));
    for (const r of present) {
      skipped.push({ ...plannedOf(r), reason: 'Already in the zone' });
    }
    if (missing.length === 0) continue;

    // The zone's rrsets in the way: whole ones at the name (CNAME exclusivity), or records of this one.
    // The apex's SOA and NS are the platform's, never in the way: the zone writer's rules answer a
    // template CNAME there (no CNAME at the apex).
    const apex = atName.has('SOA');
    const blocking: WorkingRRSet[] =
      type === 'CNAME'
        ? [...atName.values()].filter(
            (r) => r.type !== 'CNAME' && !(apex && (r.type === 'SOA' || r.type === 'NS')),
          )
        : [...atName.values()].filter((r) => r.type === 'CNAME');
    let inTheWay = new Set<string>();
    if (existing && EXCLUSIVE_TYPES.has(type)) {
      inTheWay = new Set(
        existing.records.map((r) => r.content).filter((c) => !hasContent(group, c)),
      );
    } else if (existing && type === 'TXT') {
      const kinds = new Set(missing.map((r) => txtKind(r.content)).filter((k) => k !== null));
      inTheWay = new Set(
        existing.records
          .map((r) => r.content)
          .filter((c) => !hasContent(group, c) && kinds.has(txtKind(c) ?? '')),
      );
    }
    if (blocking.length > 0 || inTheWay.size > 0) {
      const conflict: TemplateConflict = {
        name,
        type,
        content: group.map((r) => r.content),
        existing: [
          ...blocking.map((r) => ({ type: r.type, content: r.records.map((x) => x.content) })),
          ...(inTheWay.size > 0 ? [{ type, content: [...inTheWay] }] : []),
        ],
        reason:
          blocking.length > 0
            ? type === 'CNAME'
              ? `${name} already has records of type ${blocking.map((r) => r.type).join(', ')}; a CNAME can't share its name`
              : `${name} has a CNAME record; a name with a CNAME can't have other records`
            : `${name} already has other ${type} records (${[...inTheWay].join(', ')})`,
      };
      conflicts.push(conflict);
      if (policy === 'fail') continue;
      if (policy === 'skip') {
        for (const r of missing) skipped.push({ ...plannedOf(r), reason: conflict.reason });
        continue;
      }
      for (const rrset of blocking) {
        const now = rrsetNow(rrset.name, rrset.type) ?? rrset;
        remove(now, new Set(now.records.map((r) => r.content)));
      }
      const now = rrsetNow(name, type);
      if (now && inTheWay.size > 0) remove(now, inTheWay);
    }
    const base = rrsetNow(name, type);
    const keptRecords = base?.records ?? [];
    added.push(...missing.map(plannedOf));
    after.set(key(name, type), {
      name: base?.name ?? name,
      type,
      // An rrset the template makes (or empties and refills) takes the template's TTL.
      ttl: keptRecords.length > 0 && base ? base.ttl : missing[0].ttl,
      records: [
        ...keptRecords,
        ...missing.map((r) => ({ content: r.content, disabled: r.disabled })),
      ],
    });
  }
  return {
    added: added.map((r) => {
      const rrset = after.get(key(r.name, r.type));
      return rrset ? { ...r, ttl: rrset.ttl } : r;
    }),
    skipped,
    replaced,
    conflicts,
    rrsets: [...after.values()],
  };
}

function hasContent(group: readonly RenderedRecord[], content: string): boolean {
  return group.some((r) => r.content === content);
}

function plannedOf(record: RenderedRecord): PlannedRecord {
  return { name: record.fqdn, type: record.type, content: record.content, ttl: record.ttl };
}

function planned(rrset: WorkingRRSet, content: string): PlannedRecord {
  return { name: rrset.name, type: rrset.type, content, ttl: rrset.ttl };
}
