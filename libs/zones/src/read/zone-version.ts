import { chainAfter, type ZoneLogEntry } from '../write/zone-lock';
import type { WorkingRRSet } from '../write/zone-working-set';

/** The zone's write stamp and lock, as `ZoneLock.observe` sees them. */
export interface ObservedStamp {
  readonly stamp: string;
  readonly locked: boolean;
}

/**
 * Which commits a reader's copy of a zone holds, so it can be brought up to date from the zone's log
 * (see ZoneLock) instead of reading the whole zone again.
 *
 * A copy read while a writer held the lock (or while writers came and went) may or may not hold
 * those writers' commits. Replaying them is still exact: a log entry carries each rrset it changed
 * as it now is, so applying it to a copy that already has it changes nothing. Only the SOA serial is
 * then uncertain, and `serials` lists every value it can have; PowerDNS's serial, read later, must be
 * one of them, or somebody edited the zone outside ScaiDNS.
 */
export interface ZoneVersion {
  /** The last commit the copy holds (or may hold); null: none known (Redis was away). */
  readonly stamp: string | null;
  /** The commit stamped `stamp` is itself still to replay: its writer held the lock during the read. */
  readonly replayStamp: boolean;
  /** Commits up to this stamp may or may not be in the copy (they ran while it was read). */
  readonly uncertainUntil: string | null;
  /** The SOA serial the read saw. */
  readonly readSerial: number;
  /** Every value PowerDNS's SOA serial can have now, given which uncertain commits the read held. */
  readonly serials: readonly number[];
  /** When PowerDNS's serial was last found among `serials` (ms since the epoch). */
  readonly verifiedAt: number;
}

/**
 * The version of a whole-zone read that saw SOA serial `serial`, from the stamp observed just before
 * it and just after it (null: Redis could not be asked).
 */
export function versionOfRead(
  before: ObservedStamp | null,
  after: ObservedStamp | null,
  serial: number,
  now: number,
): ZoneVersion {
  const settled = { readSerial: serial, serials: [serial], verifiedAt: now };
  if (!before || !after) {
    return { stamp: null, replayStamp: false, uncertainUntil: null, ...settled };
  }
  const quiet = !before.locked && !after.locked && before.stamp === after.stamp;
  return {
    stamp: before.stamp,
    replayStamp: before.locked,
    uncertainUntil: quiet ? null : after.stamp,
    ...settled,
  };
}

export type ReplayOutcome =
  | { readonly kind: 'replayed'; readonly version: ZoneVersion; readonly changes: WorkingRRSet[] }
  | { readonly kind: 'reread' };

const REREAD: ReplayOutcome = { kind: 'reread' };

/**
 * Brings `version` up to the zone's log: the rrsets to apply to the copy (oldest first, each as it
 * now is) and the version after them, or `reread` when the log can't tell what changed (a commit too
 * large to log, a writer that left no entry or an open intent, an edit from outside ScaiDNS that a
 * writer noticed, a log that has moved past the copy).
 */
export function replayLog(
  version: ZoneVersion,
  log: readonly ZoneLogEntry[],
  observed: ObservedStamp,
): ReplayOutcome {
  if (version.stamp === null) return REREAD;
  let pending: ZoneLogEntry[];
  if (version.replayStamp) {
    const own = log.find((e) => e.stamp === version.stamp);
    if (!own) {
      // Its writer is still at work: the copy is as good as any read now.
      const working = observed.locked && observed.stamp === version.stamp;
      return working ? { kind: 'replayed', version, changes: [] } : REREAD;
    }
    pending = [own, ...(chainAfter(log, own.stamp) ?? [])];
  } else {
    if (observed.stamp === version.stamp) return { kind: 'replayed', version, changes: [] };
    const chain = chainAfter(log, version.stamp);
    if (!chain) return REREAD;
    pending = chain;
  }
  let { stamp, uncertainUntil, serials } = version;
  const changes: WorkingRRSet[] = [];
  for (const entry of pending) {
    if (entry.changes === null || entry.unsettled || entry.outsideEdit) return REREAD;
    changes.push(...entry.changes);
    const moved = serials.map((s) => s + entry.serialSteps);
    // An uncertain commit may be in the read already: its serial step may be too.
    serials = uncertainUntil === null ? moved : [...new Set([...moved, version.readSerial])];
    if (entry.stamp === uncertainUntil) uncertainUntil = null;
    stamp = entry.stamp;
  }
  // The log is applied to its end. The stamp now is the last entry's, or a writer's still at work
  // (its entry comes when it lets go); anything else is a writer that left no entry.
  const inFlight = observed.locked && observed.stamp !== stamp;
  if (observed.stamp !== stamp && !inFlight) return REREAD;
  if (uncertainUntil !== null && !(inFlight && observed.stamp === uncertainUntil)) return REREAD;
  return {
    kind: 'replayed',
    version: { ...version, stamp, replayStamp: false, uncertainUntil, serials },
    changes,
  };
}

/**
 * The version after PowerDNS's SOA serial was read as `serial` at `now`: confirmed, or null when the
 * serial is none the commits the copy knows of can explain (an edit from outside ScaiDNS, or a
 * commit still in flight when `inFlight`).
 */
export function confirmSerial(
  version: ZoneVersion,
  serial: number,
  now: number,
): ZoneVersion | null {
  if (!version.serials.includes(serial)) return null;
  // While a commit is uncertain, every value stays possible; once none is, the serial is known.
  const serials = version.uncertainUntil === null ? [serial] : version.serials;
  return { ...version, serials, verifiedAt: now };
}
