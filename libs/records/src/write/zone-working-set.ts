import type { PdnsRRSetChange } from '@app/pdns-client';

export interface WorkingRecord {
  readonly content: string;
  readonly disabled: boolean;
}

/** One rrset as a change sees it. Comments are carried through untouched. */
export interface WorkingRRSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly WorkingRecord[];
}

const keyOf = (name: string, type: string): string => `${name.toLowerCase()}|${type.toUpperCase()}`;

/**
 * The rrsets of the names a batch touches, as PowerDNS held them when the batch's lock was taken,
 * plus every change accepted so far. A change works on a fork; only a change that succeeds is
 * adopted, so a refused change leaves no trace for the ones after it.
 */
export class ZoneWorkingSet {
  private constructor(
    private readonly original: ReadonlyMap<string, WorkingRRSet>,
    private current: Map<string, WorkingRRSet>,
    private readonly loadedNames: ReadonlySet<string>,
  ) {}

  static of(rrsets: readonly WorkingRRSet[], loadedNames: readonly string[]): ZoneWorkingSet {
    const map = new Map(rrsets.map((r) => [keyOf(r.name, r.type), r] as const));
    return new ZoneWorkingSet(map, new Map(map), new Set(loadedNames.map((n) => n.toLowerCase())));
  }

  /** Every rrset at a name (all types), as the batch sees it now. */
  at(name: string): WorkingRRSet[] {
    this.assertLoaded(name);
    const lower = name.toLowerCase();
    return [...this.current.values()].filter((r) => r.name.toLowerCase() === lower);
  }

  get(name: string, type: string): WorkingRRSet | undefined {
    this.assertLoaded(name);
    return this.current.get(keyOf(name, type));
  }

  /** Replaces an rrset; no records deletes it. */
  put(rrset: WorkingRRSet): void {
    this.assertLoaded(rrset.name);
    const key = keyOf(rrset.name, rrset.type);
    if (rrset.records.length === 0) this.current.delete(key);
    else this.current.set(key, rrset);
  }

  /** Every rrset of the loaded names, as the batch sees it now. */
  all(): WorkingRRSet[] {
    return [...this.current.values()];
  }

  /** The names this set was loaded with (and may change). */
  names(): string[] {
    return [...this.loadedNames];
  }

  fork(): ZoneWorkingSet {
    return new ZoneWorkingSet(this.original, new Map(this.current), this.loadedNames);
  }

  adopt(fork: ZoneWorkingSet): void {
    this.current = new Map(fork.current);
  }

  /** What to send PowerDNS: one REPLACE or DELETE per rrset that differs from the original. */
  changes(): PdnsRRSetChange[] {
    const out: PdnsRRSetChange[] = [];
    const keys = new Set([...this.original.keys(), ...this.current.keys()]);
    for (const key of keys) {
      const before = this.original.get(key);
      const after = this.current.get(key);
      if (after && before && sameRRSet(before, after)) continue;
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

  private assertLoaded(name: string): void {
    if (!this.loadedNames.has(name.toLowerCase())) {
      throw new Error(`zone change touched ${name} without declaring it`);
    }
  }
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
