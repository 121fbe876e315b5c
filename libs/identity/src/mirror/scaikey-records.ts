import { SCAIKEY_USER_STATUSES, type ScaiKeyUserStatus } from '@app/core';
import type {
  ScaiKeyGroup,
  ScaiKeyPartner,
  ScaiKeyTenant,
  ScaiKeyUser,
} from '../scaikey/scaikey.types';
import type { GroupState, PartnerState, TenantState, UserState } from './identity-mirror.service';
import { parseStamp, tenantStatusFor } from './mirror-rules';

/** Whole ScaiKey records (admin API reads: sync, references of webhooks) as mirror state. */

export function partnerStateOf(record: ScaiKeyPartner): PartnerState {
  return {
    scaikeyId: record.id,
    name: record.name,
    slug: record.slug ?? null,
    status: scaikeyStatus(record.status) ?? 'active',
    stamp: parseStamp(record.updated_at),
  };
}

export function tenantStateOf(record: ScaiKeyTenant, partnerId: string | null): TenantState {
  return {
    scaikeyId: record.id,
    partnerId,
    name: record.name,
    slug: record.slug ?? null,
    status: tenantStatusFor(scaikeyStatus(record.status) ?? 'active'),
    stamp: parseStamp(record.updated_at),
  };
}

export function userStateOf(
  record: ScaiKeyUser,
  tenantId: string,
  assigned: boolean | undefined,
): UserState {
  return {
    scaikeyId: record.id,
    tenantId,
    email: record.email,
    displayName: record.display_name ?? null,
    scaikeyStatus: scaikeyStatus(record.status) ?? 'active',
    assigned,
    // ScaiKey's admin API documents `roles` on every user; an older ScaiKey without it says nothing.
    scaikeyRoles: Array.isArray(record.roles) ? record.roles : undefined,
    stamp: parseStamp(record.updated_at),
  };
}

export function groupStateOf(record: ScaiKeyGroup, tenantId: string): GroupState {
  return {
    scaikeyId: record.id,
    tenantId,
    name: record.name,
    description: record.description ?? null,
    stamp: parseStamp(record.updated_at),
  };
}

/** ScaiKey's status value, or undefined for anything else (a webhook may carry none). */
export function scaikeyStatus(value: unknown): ScaiKeyUserStatus | undefined {
  return (SCAIKEY_USER_STATUSES as readonly unknown[]).includes(value)
    ? (value as ScaiKeyUserStatus)
    : undefined;
}
