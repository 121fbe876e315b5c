import type { EpochMicros, ScaiKeyUserStatus, TenantStatus, UserStatus } from '@app/core';
import { scaikeyAdminRoles } from '../rbac/implied-roles';
import type { ScaiKeyStatus } from '../scaikey/scaikey.types';

/**
 * What ScaiDNS enforces for a user: ScaiKey's own status, and only while ScaiKey assigns the user to
 * the ScaiDNS application. Deleted or unassigned users are `inactive`; both stop every token and API
 * key of theirs on the next request.
 */
export function userStatusFor(scaikeyStatus: ScaiKeyUserStatus, assigned: boolean): UserStatus {
  if (scaikeyStatus === 'deleted' || !assigned) return 'inactive';
  return scaikeyStatus === 'suspended' ? 'suspended' : 'active';
}

/** A tenant deleted in ScaiKey is suspended here: its callers are refused, its zones keep serving. */
export function tenantStatusFor(scaikeyStatus: ScaiKeyStatus): TenantStatus {
  return scaikeyStatus === 'active' ? 'active' : 'suspended';
}

/**
 * # Ordering ScaiKey's state
 *
 * Every piece of ScaiKey state carries a stamp (EpochMicros, microseconds since the epoch): a record's
 * `updated_at`, else the event's `timestamp`, a token's `iat`. Stamps are kept and compared at full
 * precision, never rounded to the second (or to the millisecond of a JS Date).
 *
 * **Older is stale.** State stamped strictly earlier than what is mirrored never overwrites it.
 *
 * **A tie is applied.** State exactly as old as what is mirrored describes ScaiKey at the same
 * instant: the same change told twice (a sync reading the very record an event announced, or one
 * change ScaiKey announces as two events, like `user.updated` and `user.suspended`). Applying it again
 * changes nothing when it agrees, and refusing it would drop the second event of one change. Two
 * different changes with the same microsecond stamp are not something ScaiKey's clock produces for
 * one record; should they ever arrive, the later delivery wins.
 *
 * **No stamp** (a sync's "ScaiKey no longer lists this", an assignment event) is never stale and
 * never moves the stored stamp.
 */
export function isStale(incoming: EpochMicros | null, stored: EpochMicros | null): boolean {
  return incoming !== null && stored !== null && incoming < stored;
}

/** Whether `incoming` moves the stored stamp forward (ties and missing stamps leave it). */
export function isNewer(incoming: EpochMicros | null, stored: EpochMicros | null): boolean {
  return incoming !== null && (stored === null || incoming > stored);
}

/** `YYYY-MM-DD[T ]HH:MM:SS[.fraction][Z|±HH[:]MM]`; no offset means UTC (ScaiKey speaks UTC). */
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:[.,](\d+))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))?$/;

/**
 * ScaiKey's `updated_at` (or an envelope's `timestamp`) at full precision: an ISO 8601 time with any
 * number of fractional digits (kept to the microsecond; digits beyond are dropped), or unix seconds
 * (fractions allowed). null when absent or unreadable.
 */
export function parseStamp(value: unknown): EpochMicros | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? Math.round(value * 1_000_000) : null;
  }
  if (typeof value !== 'string') return null;
  const m = ISO_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 2030-02-30 over to March: refuse dates and times that don't exist.
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  ) {
    return null;
  }
  const fraction = Number((m[7] ?? '').slice(0, 6).padEnd(6, '0'));
  const offsetMinutes = m[9] ? (m[9] === '-' ? -1 : 1) * (Number(m[10]) * 60 + Number(m[11])) : 0;
  return (ms - offsetMinutes * 60_000) * 1000 + fraction;
}

/** ScaiKey admin roles as stored, with the stamp of the state they came from. */
export interface StampedRoles {
  readonly roles: readonly string[] | null;
  readonly stamp: EpochMicros | null;
}

/** Roles someone claims; `resolution`: how coarse their stamp is (a token's `iat`: whole seconds). */
export interface ClaimedRoles extends StampedRoles {
  readonly roles: readonly string[];
  /** The claim was true at some instant in [stamp, stamp + resolution); 0 (default): at stamp. */
  readonly resolution?: number;
}

/**
 * What to keep of the ScaiKey admin roles claimed by a token, a webhook or a sync, given what is
 * `stored`: null when the claim is older than the stored roles (see the ordering rules above); else
 * the roles in canonical form, whether they differ from the stored ones (null and [] both mean none),
 * and the stamp to keep with them (moved forward only by a newer stamp).
 *
 * A coarse stamp (a token's `iat` is whole seconds) may fall in the same second as the stored roles'
 * stamp, and then nobody can tell which is newer: such a claim may take roles away but not add any
 * (the stored roles and the claimed ones in common), so an older token of that second never hands
 * back a role a newer token or event of the same second removed. Only a claim surely newer — a token
 * issued in a later second — adds roles.
 */
export function scaikeyRolesUpdate(
  stored: StampedRoles,
  claimed: ClaimedRoles,
): {
  readonly roles: string[];
  readonly changed: boolean;
  readonly stamp: EpochMicros | null;
} | null {
  const resolution = claimed.resolution ?? 0;
  const current = scaikeyAdminRoles(stored.roles ?? []);
  let roles = scaikeyAdminRoles(claimed.roles);
  if (claimed.stamp !== null && stored.stamp !== null && resolution > 0) {
    if (claimed.stamp + resolution <= stored.stamp) return null;
    if (claimed.stamp <= stored.stamp) roles = roles.filter((r) => current.includes(r));
  } else if (isStale(claimed.stamp, stored.stamp)) {
    return null;
  }
  const changed = roles.length !== current.length || roles.some((r, i) => r !== current[i]);
  return {
    roles,
    changed,
    stamp: isNewer(claimed.stamp, stored.stamp) ? claimed.stamp : stored.stamp,
  };
}
