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

/** ScaiKey's own admin roles, the only ScaiKey roles that mean something to ScaiDNS. */
export const SCAIKEY_ADMIN_ROLES = ['partner_admin', 'super_admin', 'tenant_admin'] as const;
export type ScaiKeyAdminRole = (typeof SCAIKEY_ADMIN_ROLES)[number];

/**
 * The ScaiKey admin roles among `names` (a token's `role`/`roles` claims, a user record's `roles`), in
 * the canonical form ScaiDNS keeps them in: trimmed, lowercase, each once, sorted. Other roles
 * (`user`, anything unknown) are dropped, so two sources that name the same admin roles agree.
 */
export function scaikeyAdminRoles(names: Iterable<string>): ScaiKeyAdminRole[] {
  const known: ReadonlySet<string> = new Set(SCAIKEY_ADMIN_ROLES);
  const found = new Set<ScaiKeyAdminRole>();
  for (const name of names) {
    const role = name.trim().toLowerCase();
    if (known.has(role)) found.add(role as ScaiKeyAdminRole);
  }
  return SCAIKEY_ADMIN_ROLES.filter((r) => found.has(r));
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
