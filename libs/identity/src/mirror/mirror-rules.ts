import type { ScaiKeyUserStatus, TenantStatus, UserStatus } from '@app/core';
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
 * Whether state stamped `incoming` is older than what is mirrored (`stored`), so must not overwrite
 * it. Compared in whole seconds: ScaiKey's envelope timestamps (and signatures) carry seconds, and a
 * stamp from an event must not lose against a record stamp from the same second.
 */
export function isStale(incoming: Date | null, stored: Date | null): boolean {
  if (!incoming || !stored) return false;
  return Math.floor(incoming.getTime() / 1000) < Math.floor(stored.getTime() / 1000);
}

/** ScaiKey's `updated_at` (or any ISO time) as a Date; null when absent or unreadable. */
export function parseStamp(value: unknown): Date | null {
  if (typeof value !== 'string' && typeof value !== 'number') return null;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}
