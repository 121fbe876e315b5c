import type { DnssecKeyRole, DnssecKeyState } from '@app/core';

/** What the rollover planner needs of a key (a `dnssec_keys` row). */
export interface RollKey {
  readonly id: string;
  readonly role: DnssecKeyRole;
  readonly state: DnssecKeyState;
  readonly nextStepAt: Date | null;
  readonly expiresAt: Date;
  readonly dsSeenAt: Date | null;
}

/** The zone's real TTLs (seconds) and the propagation allowance. */
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
  /** ZSK pre-publish: add a new ZSK, published and inactive. */
  | { readonly kind: 'zsk_publish'; readonly nextStepAt: Date }
  /** ZSK: the new key signs, the old ones stop signing (stay published). */
  | {
      readonly kind: 'zsk_activate';
      readonly incoming: string;
      readonly retiring: readonly string[];
      readonly nextStepAt: Date;
    }
  /** ZSK: remove a retired key once no cached signature can need it. */
  | { readonly kind: 'zsk_retire'; readonly key: string }
  /** KSK double-DS: add a new KSK, published and active; its DS goes beside the old. */
  | { readonly kind: 'ksk_publish' }
  /** KSK: ask the parent whether the new key's DS is there. */
  | { readonly kind: 'ksk_check_ds'; readonly key: string }
  /** KSK: the new DS was seen; wait the DS TTL before retiring the old key. */
  | { readonly kind: 'ksk_ds_seen'; readonly key: string; readonly nextStepAt: Date }
  /** KSK: the new key is the zone's KSK; the old ones are removed (with their DS/CDS). */
  | { readonly kind: 'ksk_retire'; readonly incoming: string; readonly retiring: readonly string[] }
  /** Nothing to do now; `dueAt` is when to look again (null: nothing planned). */
  | { readonly kind: 'none'; readonly dueAt: Date | null };

function after(from: Date, seconds: number): Date {
  return new Date(from.getTime() + seconds * 1000);
}

function due(key: RollKey, now: Date): boolean {
  return key.nextStepAt !== null && key.nextStepAt.getTime() <= now.getTime();
}

/**
 * The zone's next rollover step at `now`, from its keys alone (pure; no services). ZSK steps come
 * before KSK steps; one step per call, so the job advances a zone by at most one step a run.
 */
export function nextRollStep(keys: readonly RollKey[], timings: RollTimings, now: Date): RollStep {
  const zsks = keys.filter((k) => k.role === 'zsk');
  const ksks = keys.filter((k) => k.role === 'ksk');

  const retiringZsk = zsks.find((k) => k.state === 'retiring' && due(k, now));
  if (retiringZsk) return { kind: 'zsk_retire', key: retiringZsk.id };

  const incomingZsk = zsks.find((k) => k.state === 'incoming');
  if (incomingZsk && due(incomingZsk, now)) {
    return {
      kind: 'zsk_activate',
      incoming: incomingZsk.id,
      retiring: zsks.filter((k) => k.state === 'active').map((k) => k.id),
      nextStepAt: after(now, timings.maxZoneTtl + timings.propagationSeconds),
    };
  }

  const zskRolling = zsks.some((k) => k.state !== 'active');
  const activeZsk = zsks.filter((k) => k.state === 'active');
  if (!zskRolling && activeZsk.some((k) => k.expiresAt.getTime() <= now.getTime())) {
    return {
      kind: 'zsk_publish',
      nextStepAt: after(now, timings.dnskeyTtl + timings.propagationSeconds),
    };
  }

  const incomingKsk = ksks.find((k) => k.state === 'incoming');
  if (incomingKsk) {
    if (incomingKsk.dsSeenAt === null) return { kind: 'ksk_check_ds', key: incomingKsk.id };
    if (incomingKsk.nextStepAt === null) {
      return {
        kind: 'ksk_ds_seen',
        key: incomingKsk.id,
        nextStepAt: after(incomingKsk.dsSeenAt, timings.dsTtl + timings.propagationSeconds),
      };
    }
    if (due(incomingKsk, now)) {
      return {
        kind: 'ksk_retire',
        incoming: incomingKsk.id,
        retiring: ksks.filter((k) => k.state !== 'incoming').map((k) => k.id),
      };
    }
  } else if (ksks.some((k) => k.state === 'active' && k.expiresAt.getTime() <= now.getTime())) {
    return { kind: 'ksk_publish' };
  }

  const times = keys
    .flatMap((k) => [k.nextStepAt, k.state === 'active' ? k.expiresAt : null])
    .filter((t): t is Date => t !== null && t.getTime() > now.getTime())
    .map((t) => t.getTime());
  return { kind: 'none', dueAt: times.length > 0 ? new Date(Math.min(...times)) : null };
}
