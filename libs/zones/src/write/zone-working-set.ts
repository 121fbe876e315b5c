import { AppError, relativeName } from '@app/core';
import type { ZoneAccess } from '@app/identity';
import type { PdnsRRSetChange } from '@app/pdns-client';
import { canonicalContent } from '../content/record-content';
import { type TtlBounds, validateTtl } from '../content/ttl';
import { checkRrsetChanges, violationError } from '../rules/rrset-rules';

export interface WorkingRecord {
  readonly content: string;
  readonly disabled: boolean;
}

/** One rrset as a change sees it. */
export interface WorkingRRSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly WorkingRecord[];
}

/**
 * What a change may do to a zone, checked on every change's difference before it joins a commit:
 * the actor's access (no rrset outside its fence; the apex SOA and NS only for the platform), the
 * deployment's TTL bounds, canonical content for every record the change adds, and the rrset rules
 * (CNAME exclusivity, apex rules, single-record types, duplicates).
 */
export interface ZonePolicy {
  /** The zone's name, without the trailing dot. */
  readonly zone: string;
  readonly access: ZoneAccess;
  readonly ttl: TtlBounds;
}

type Rrsets = Map<string, ReadonlyMap<string, WorkingRRSet>>;

/** What a commit did to one rrset's records, by content (see ZoneWorkingSet.contentChanges). */
export interface RecordContentChange {
  /** Lower-case, absolute. */
  readonly name: string;
  /** Upper-case. */
  readonly type: string;
  /** Contents the rrset did not hold before. */
  readonly added: readonly string[];
  /** Contents it no longer holds. */
  readonly removed: readonly string[];
  /** Records whose content changed in place (`from` became `to`): the same record, re-contented. */
  readonly carried: readonly { readonly from: string; readonly to: string }[];
}

const lower = (name: string): string => name.toLowerCase();
const upper = (type: string): string => type.toUpperCase();

/**
 * The rrsets of the names a batch touches, as PowerDNS held them when the batch's lock was taken,
 * plus every change accepted so far. A change runs in `attempt`: on a fork, whose difference is
 * checked against the policy and adopted only when it passes, so a refused change leaves no trace
 * for the ones after it and no code path can write what the rules refuse.
 */
export class ZoneWorkingSet {
  private constructor(
    private readonly original: Rrsets,
    private current: Rrsets,
    private readonly loadedNames: ReadonlySet<string>,
    /** The SOA serial PowerDNS held when the zone was loaded. */
    readonly serial: number,
    /** The commit's time: what records this batch adds are stamped as created at. */
    readonly now: Date,
    private readonly policy: ZonePolicy | null,
    /** `name|type` keys put on this set since it was forked (what its attempt must check). */
    private readonly touched: Set<string> = new Set(),
    /** `name|type` → contents re-contented in place (see `carry`). */
    private readonly carries: Map<string, { from: string; to: string }[]> = new Map(),
    /** `name|type` keys to send even when unchanged (see `resend`). */
    private readonly forced: Set<string> = new Set(),
  ) {}

  /** The rrsets of `loadedNames`; writing needs a policy, given to `attempt`. */
  static of(
    rrsets: readonly WorkingRRSet[],
    loadedNames: readonly string[],
    serial = 0,
    now: Date = new Date(),
  ): ZoneWorkingSet {
    const map: Rrsets = new Map();
    for (const rrset of rrsets) {
      const name = lower(rrset.name);
      const types = new Map(map.get(name) ?? []);
      types.set(upper(rrset.type), rrset);
      map.set(name, types);
    }
    return new ZoneWorkingSet(
      map,
      new Map(map),
      new Set(loadedNames.map(lower)),
      serial,
      now,
      null,
    );
  }

  /** Every rrset at a name (all types), as the batch sees it now. */
  at(name: string): WorkingRRSet[] {
    this.assertLoaded(name);
    return [...(this.current.get(lower(name))?.values() ?? [])];
  }

  get(name: string, type: string): WorkingRRSet | undefined {
    this.assertLoaded(name);
    return this.current.get(lower(name))?.get(upper(type));
  }

  /** Replaces an rrset; no records deletes it. Only inside `attempt`, where it is checked. */
  put(rrset: WorkingRRSet): void {
    this.assertLoaded(rrset.name);
    if (!this.policy) throw new Error('zone change made outside ZoneWorkingSet.attempt');
    const name = lower(rrset.name);
    const type = upper(rrset.type);
    const types = new Map(this.current.get(name) ?? []);
    if (rrset.records.length === 0) types.delete(type);
    else types.set(type, rrset);
    if (types.size === 0) this.current.delete(name);
    else this.current.set(name, types);
    this.touched.add(`${name}|${type}`);
  }

  /**
   * Says that the record holding content `from` in this rrset now holds `to` (a PATCH of its
   * content): it stays the same record, so what is kept about it (its creation time) follows it.
   * Only inside `attempt`, with the `put` that makes the change.
   */
  carry(name: string, type: string, from: string, to: string): void {
    this.assertLoaded(name);
    if (!this.policy) throw new Error('zone change made outside ZoneWorkingSet.attempt');
    if (from === to) return;
    const key = `${lower(name)}|${upper(type)}`;
    this.carries.set(key, [...(this.carries.get(key) ?? []), { from, to }]);
  }

  /**
   * Sends the rrset at (name, type) to PowerDNS as it then is, even if the batch leaves it unchanged:
   * the PATCH itself is the point (PowerDNS moves the SOA serial and, on a signed zone, rectifies
   * on every PATCH). Only inside `attempt`.
   */
  resend(name: string, type: string): void {
    this.assertLoaded(name);
    if (!this.policy) throw new Error('zone change made outside ZoneWorkingSet.attempt');
    this.forced.add(`${lower(name)}|${upper(type)}`);
  }

  /** Every rrset of the loaded names, as the batch sees it now. */
  all(): WorkingRRSet[] {
    return [...this.current.values()].flatMap((types) => [...types.values()]);
  }

  /** The names this set was loaded with (and may change). */
  names(): string[] {
    return [...this.loadedNames];
  }

  /**
   * Runs `change` on a copy of this set and keeps what it did only if that passes `policy` (by
   * default the policy of the attempt this one runs in). Throws the change's own error, or the
   * AppError of the first rule its difference breaks; either way this set is left as it was.
   */
  attempt<T>(change: (zone: ZoneWorkingSet) => T, policy?: ZonePolicy): T {
    const rules = policy ?? this.policy;
    if (!rules) throw new Error('a zone change needs a policy');
    const fork = new ZoneWorkingSet(
      this.original,
      new Map(this.current),
      this.loadedNames,
      this.serial,
      this.now,
      rules,
      new Set(),
      new Map([...this.carries].map(([key, list]) => [key, [...list]])),
    );
    const result = change(fork);
    this.check(fork, rules);
    this.current = fork.current;
    for (const key of fork.touched) this.touched.add(key);
    for (const [key, list] of fork.carries) this.carries.set(key, list);
    for (const key of fork.forced) this.forced.add(key);
    return result;
  }

  /** What to send PowerDNS: one REPLACE or DELETE per rrset that differs from the original. */
  changes(): PdnsRRSetChange[] {
    const out: PdnsRRSetChange[] = [];
    for (const [name, type] of this.keys(this.original, this.current)) {
      const before = this.original.get(name)?.get(type);
      const after = this.current.get(name)?.get(type);
      if (after && before && sameRRSet(before, after) && !this.forced.has(`${name}|${type}`)) {
        continue;
      }
      if (after) {
        out.push({
          name: after.name,
          type: after.type,
          changetype: 'REPLACE',
          ttl: after.ttl,
          records: after.records.map((r) => ({ content: r.content, disabled: r.disabled })),
        });
      } else if (before) {
        out.push({ name: before.name, type: before.type, changetype: 'DELETE' });
      }
    }
    // Deletions first: PowerDNS refuses a CNAME beside data the same PATCH removes later.
    return out.sort((a, b) =>
      a.changetype === b.changetype ? 0 : a.changetype === 'DELETE' ? -1 : 1,
    );
  }

  /** Per rrset that differs from the original: the contents added and removed, and those carried. */
  contentChanges(): RecordContentChange[] {
    const out: RecordContentChange[] = [];
    for (const [name, type] of this.keys(this.original, this.current)) {
      const before = new Set(
        this.original
          .get(name)
          ?.get(type)
          ?.records.map((r) => r.content),
      );
      const after = new Set(
        this.current
          .get(name)
          ?.get(type)
          ?.records.map((r) => r.content),
      );
      const added = [...after].filter((c) => !before.has(c));
      const removed = [...before].filter((c) => !after.has(c));
      if (added.length === 0 && removed.length === 0) continue;
      // A carry counts only where it happened: its old content gone, its new one added.
      const carried = (this.carries.get(`${name}|${type}`) ?? []).filter(
        (c) => removed.includes(c.from) && added.includes(c.to),
      );
      out.push({ name, type, added, removed, carried });
    }
    return out;
  }

  /** The fork's difference from this set, against the policy (see ZonePolicy). */
  private check(fork: ZoneWorkingSet, policy: ZonePolicy): void {
    const changed: WorkingRRSet[] = [];
    for (const key of fork.touched) {
      const [name, type] = splitKey(key);
      const before = this.current.get(name)?.get(type);
      const after = fork.current.get(name)?.get(type);
      if (before && after && sameRRSet(before, after)) continue;
      if (!before && !after) continue;
      const shown = after ?? before;
      if (!shown) continue;
      if (!policy.access.mayChange(shown.name, shown.type)) {
        throw new AppError(
          'FORBIDDEN',
          `Your access does not reach the ${type} records of ${relativeName(shown.name, policy.zone)}`,
        );
      }
      if (after) this.checkRecords(policy, before, after);
      changed.push(after ?? { ...shown, records: [] });
    }
    if (changed.length === 0) return;
    const names = new Set(changed.map((r) => lower(r.name)));
    const existing = [...names].flatMap((n) => [...(this.current.get(n)?.values() ?? [])]);
    const [violation] = checkRrsetChanges(policy.zone, existing, changed, {
      platform: policy.access.isPlatform,
    });
    if (violation) throw violationError(violation);
  }

  /** TTL bounds when the change sets the TTL; canonical content for every record it adds. */
  private checkRecords(
    policy: ZonePolicy,
    before: WorkingRRSet | undefined,
    after: WorkingRRSet,
  ): void {
    const where = `${relativeName(after.name, policy.zone)} ${upper(after.type)}`;
    if (!before || before.ttl !== after.ttl) {
      const ttl = validateTtl(after.ttl, policy.ttl);
      if ('error' in ttl) {
        throw new AppError('BAD_REQUEST', { message: `${where}: ${ttl.error}`, field: 'ttl' });
      }
    }
    const had = new Set(before?.records.map((r) => r.content) ?? []);
    for (const record of after.records) {
      if (had.has(record.content)) continue;
      const canonical = canonicalContent(after.type, record.content, policy.zone);
      if ('error' in canonical) {
        throw new AppError('BAD_REQUEST', {
          message: `${where}: ${canonical.error}`,
          field: 'content',
        });
      }
      if (canonical.content !== record.content) {
        // PowerDNS prints content back in this form: any other would not compare equal when read.
        throw new AppError('BAD_REQUEST', {
          message: `${where}: write the content as ${canonical.content}`,
          field: 'content',
        });
      }
    }
  }

  private *keys(a: Rrsets, b: Rrsets): Generator<[string, string]> {
    const seen = new Set<string>();
    for (const map of [a, b]) {
      for (const [name, types] of map) {
        for (const type of types.keys()) {
          const key = `${name}|${type}`;
          if (seen.has(key)) continue;
          seen.add(key);
          yield [name, type];
        }
      }
    }
  }

  private assertLoaded(name: string): void {
    if (!this.loadedNames.has(lower(name))) {
      throw new Error(`zone change touched ${name} without declaring it`);
    }
  }
}

function splitKey(key: string): [string, string] {
  const bar = key.lastIndexOf('|');
  return [key.slice(0, bar), key.slice(bar + 1)];
}

function sameRRSet(a: WorkingRRSet, b: WorkingRRSet): boolean {
  if (a.ttl !== b.ttl || a.records.length !== b.records.length) return false;
  return a.records.every(
    (r, i) => r.content === b.records[i].content && r.disabled === b.records[i].disabled,
  );
}

/**
 * The rrset a PATCH change leaves behind: its records, or none for a DELETE. A REPLACE without a TTL
 * keeps `defaultTtl`.
 */
export function rrsetAfter(change: PdnsRRSetChange, defaultTtl = 0): WorkingRRSet {
  const deleted = change.changetype === 'DELETE';
  return {
    name: change.name,
    type: change.type,
    ttl: deleted ? 0 : (change.ttl ?? defaultTtl),
    records: deleted
      ? []
      : (change.records ?? []).map((r) => ({ content: r.content, disabled: r.disabled ?? false })),
  };
}

/** Rrsets as PowerDNS returns them, as working rrsets (the fields the zone writer and readers use). */
export function toWorking(
  rrsets: readonly {
    name: string;
    type: string;
    ttl: number;
    records: readonly { content: string; disabled: boolean }[];
  }[],
): WorkingRRSet[] {
  return rrsets.map((r) => ({
    name: r.name,
    type: r.type,
    ttl: r.ttl,
    records: r.records.map((rec) => ({ content: rec.content, disabled: rec.disabled })),
  }));
}
