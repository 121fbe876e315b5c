import { SYSTEM_ROLE_IDS, type SystemRoleName } from '@app/core';
import type { ScopedRole } from './access.types';
import { SYSTEM_ROLE_PERMISSIONS } from './permissions';

function systemRole(
  name: SystemRoleName,
  scopeType: ScopedRole['scopeType'],
  scopeId: string | null,
): ScopedRole {
  return {
    roleId: SYSTEM_ROLE_IDS[name],
    roleName: name,
    permissions: SYSTEM_ROLE_PERMISSIONS[name],
    scopeType,
    scopeId,
    expiresAt: null,
    source: 'scaikey',
  };
}

/**
 * The ScaiDNS roles that ScaiKey's own admin roles on a token imply (ids are local UUIDs):
 * - `tenant_admin` → `tenant_admin` at the caller's tenant;
 * - `partner_admin` → `tenant_admin` at the caller's partner scope (every tenant of the partner);
 *   nothing when the caller has no partner;
 * - `super_admin` → `platform_admin`.
 * Role names are compared case-insensitively; other ScaiKey roles imply nothing.
 */
export function impliedRoles(
  scaikeyRoles: readonly string[],
  tenantId: string,
  partnerId: string | null,
): ScopedRole[] {
  const names = new Set(scaikeyRoles.map((r) => r.trim().toLowerCase()));
  const roles: ScopedRole[] = [];
  if (names.has('super_admin')) roles.push(systemRole('platform_admin', 'platform', null));
  if (names.has('partner_admin') && partnerId !== null) {
    roles.push(systemRole('tenant_admin', 'partner', partnerId));
  }
  if (names.has('tenant_admin')) roles.push(systemRole('tenant_admin', 'tenant', tenantId));
  return roles;
}
