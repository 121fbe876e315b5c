import type { DnssecKeyRole, DnssecKeyState, DnssecStatus } from '@app/core';

/** What the rollover planner needs of a key (a `dnssec_keys` row). */
export interface RollKey {
  readonly id: string;
  readonly role: DnssecKeyRole;
  readonly state: DnssecKeyState;
  readonly nextStepAt: Date | null;
  readonly expiresAt: Date;
  readonly dsSeenAt: Date | null;
}

/**
 * The zone's real TTLs (seconds) and the propagation allowance (RFC 7583 names in brackets):
 * `dnskeyTtl` [TTLkey] is the SOA minimum PowerDNS serves the DNSKEY rrset with, `maxZoneTtl`
 * [TTLsig] the largest TTL of any signed rrset (negative answers included), `propagationSeconds`
 * [Dprp, plus a safety margin] the time until every server and cache has a change, `dsTtl`
 * [TTLds] the TTL of the parent's DS set when no lookup told it.
 */
export interface RollTimings {
  readonly dnskeyTtl: number;
  readonly maxZoneTtl: number;
  readonly dsTtl: number;
  readonly propagationSeconds: number;
}

/**
 * One step of a roll. Each is idempotent: the job records the step's target state in MariaDB and
 * reconciles PowerDNS's cryptokeys to it, so re-running a step after a crash finishes it.
 */
export type RollStep =
  /**
   * A roll starts: a new key, published and not signing. A ZSK signs once every cache can hold it
   * (`nextStepAt`); a KSK waits for its DS at the parent (double DS), asked at once.
   */
  | { readonly kind: 'publish'; readonly role: DnssecKeyRole; readonly nextStepAt: Date | null }
  /** Ask the parent whether `key`'s DS is there (a KSK in a roll, or a new zone's first KSK). */
  | { readonly kind: 'check_ds'; readonly key: string }
  /** The new KSK's DS was seen (confirmed): the swap waits until resolvers dropped the old DS set. */
  | { readonly kind: 'ds_seen'; readonly key: string; readonly nextStepAt: Date }
  /**
   * The incoming key signs; the `retiring` ones stop signing but stay published until
   * `nextStepAt`: a ZSK until no cached signature can need it (TTLsig), a KSK until no cached
   * DNSKEY set was signed by it alone (TTLkey).
   */
  | {
      readonly kind: 'activate';
      readonly role: DnssecKeyRole;
      readonly incoming: string;
      readonly retiring: readonly string[];
      readonly nextStepAt: Date;
    }
  /** A retired key leaves the DNSKEY set (and a KSK's DS the CDS set). */
  | { readonly kind: 'remove'; readonly key: string }
  /** Nothing to do now; `dueAt` is when to look again (null: nothing planned). */
  | { readonly kind: 'none'; readonly dueAt: Date | null };

/** No waits: for asking which step comes (its kind does not depend on the timings), not when. */
export const NO_WAITS: RollTimings = {
  dnskeyTtl: 0,
  maxZoneTtl: 0,
  dsTtl: 0,
  propagationSeconds: 0,
};

function after(from: Date, seconds: number): Date {
  return new Date(from.getTime() + seconds * 1000);
}

function due(key: RollKey, now: Date): boolean {
  return key.nextStepAt !== null && key.nextStepAt.getTime() <= now.getTime();
}

/** A DS check is due when none was planned yet or the planned one's time has come. */
function dsCheckDue(key: RollKey, now: Date): boolean {
  return key.nextStepAt === null || due(key, now);
}

/** The zone's DNSSEC status as its keys say: a roll under way, a first DS awaited, or steady. */
export function rollStatus(keys: readonly RollKey[]): Exclude<DnssecStatus, 'disabled'> {
  if (keys.some((k) => k.role === 'ksk' && k.state !== 'active')) return 'rotating_ksk';
  if (keys.some((k) => k.role === 'zsk' && k.state !== 'active')) return 'rotating_zsk';
  if (keys.some((k) => k.role === 'ksk' && k.dsSeenAt === null)) return 'pending_ds';
  return 'active';
}

/**
 * The zone's next rollover step at `now`, from its keys alone (pure; no services). Removals come
 * first, then the swaps, then DS checks, then new rolls; a roll of one role starts only while no
 * roll is under way and the zone's DS is at its parent. One step per call: the job asks again
 * after taking it.
 */
export function nextRollStep(keys: readonly RollKey[], timings: RollTimings, now: Date): RollStep {
  const { dnskeyTtl, maxZoneTtl, dsTtl, propagationSeconds } = timings;
  const of = (role: DnssecKeyRole) => keys.filter((k) => k.role === role);

  const removable = keys.find((k) => k.state === 'retiring' && due(k, now));
  if (removable) return { kind: 'remove', key: removable.id };

  const incomingZsk = of('zsk').find((k) => k.state === 'incoming');
  if (incomingZsk && due(incomingZsk, now)) {
    return {
      kind: 'activate',
      role: 'zsk',
      incoming: incomingZsk.id,
      retiring: of('zsk')
        .filter((k) => k.state === 'active')
        .map((k) => k.id),
      nextStepAt: after(now, maxZoneTtl + propagationSeconds),
    };
  }

  const incomingKsk = of('ksk').find((k) => k.state === 'incoming');
  if (incomingKsk) {
    if (incomingKsk.dsSeenAt === null) {
      if (dsCheckDue(incomingKsk, now)) return { kind: 'check_ds', key: incomingKsk.id };
    } else if (incomingKsk.nextStepAt === null) {
      // Seen without a planned swap (confirmed by hand): wait the DS TTL from then.
      return {
        kind: 'ds_seen',
        key: incomingKsk.id,
        nextStepAt: after(incomingKsk.dsSeenAt, dsTtl + propagationSeconds),
      };
    } else if (due(incomingKsk, now)) {
      return {
        kind: 'activate',
        role: 'ksk',
        incoming: incomingKsk.id,
        retiring: of('ksk')
          .filter((k) => k.state === 'active')
          .map((k) => k.id),
        nextStepAt: after(now, dnskeyTtl + propagationSeconds),
      };
    }
  }

  const awaitingFirstDs = of('ksk').find((k) => k.state === 'active' && k.dsSeenAt === null);
  if (awaitingFirstDs && !incomingKsk && dsCheckDue(awaitingFirstDs, now)) {
    return { kind: 'check_ds', key: awaitingFirstDs.id };
  }

  const steady = rollStatus(keys) === 'active';
  const expired = (role: DnssecKeyRole) =>
    of(role).some((k) => k.state === 'active' && k.expiresAt.getTime() <= now.getTime());
  if (steady && expired('zsk')) {
    return { kind: 'publish', role: 'zsk', nextStepAt: after(now, dnskeyTtl + propagationSeconds) };
  }
  if (steady && expired('ksk')) return { kind: 'publish', role: 'ksk', nextStepAt: null };

  const times = keys
    .flatMap((k) => [k.nextStepAt, k.state === 'active' && steady ? k.expiresAt : null])
    .filter((t): t is Date => t !== null && t.getTime() > now.getTime())
    .map((t) => t.getTime());
  return { kind: 'none', dueAt: times.length > 0 ? new Date(Math.min(...times)) : null };
}
