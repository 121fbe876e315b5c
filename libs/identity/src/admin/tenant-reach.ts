import { SYSTEM_ROLE_IDS } from '@app/core';
import { isAllowed } from '../rbac/access-decision';
import type { AccessTarget, PrincipalAccess, ScopedRole } from '../rbac/access.types';

/** A tenant as far as reach is concerned: its id and its partner. */
export interface ReachableTenant {
  readonly id: string;
  readonly partnerId: string | null;
}

/**
 * The tenants whose users, groups or audit log a caller may see and change through `/admin/…`:
 * every tenant when they hold the permission at platform scope (platform admins); else each tenant
 * where they hold it (their own as a tenant admin, every tenant of their partner as a partner
 * admin). Services take it first and answer 404 for anything outside it, as for another tenant's
 * resources everywhere else.
 */
export class TenantReach {
  private constructor(
    private readonly access: PrincipalAccess,
    private readonly permission: string,
    private readonly now: Date,
    /** The caller's own tenant: what a list shows a tenant-level caller when no tenant is named. */
    readonly ownTenantId: string,
    readonly everyTenant: boolean,
  ) {}

  static of(
    access: PrincipalAccess,
    permission: string,
    ownTenantId: string,
    now: Date = new Date(),
  ): TenantReach {
    const everyTenant = isAllowed(access, permission, {}, now);
    return new TenantReach(access, permission, now, ownTenantId, everyTenant);
  }

  reaches(tenant: ReachableTenant): boolean {
    if (this.everyTenant) return true;
    const target: AccessTarget = { tenantId: tenant.id, partnerId: tenant.partnerId };
    return isAllowed(this.access, this.permission, target, this.now);
  }
}

/**
 * What the admin user list says of each user's standing (docs: `is_platform_admin`,
 * `is_tenant_admin`), from the access the user holds now (nothing while they are not active).
 */
export interface AdminFlags {
  /** Holds `platform_admin` at platform scope (assigned, through a group, or ScaiKey's super_admin). */
  readonly isPlatformAdmin: boolean;
  /**
   * Holds `tenant_admin` for their own tenant: at its scope, or at its partner's (ScaiKey's
   * tenant_admin and partner_admin count). A platform admin is not a tenant admin by this flag.
   */
  readonly isTenantAdmin: boolean;
}

function live(role: ScopedRole, now: Date): boolean {
  return role.expiresAt === null || role.expiresAt > now;
}

/** The flags of a user whose access is `access` and whose tenant is `tenant`. */
export function adminFlagsOf(
  access: PrincipalAccess,
  tenant: ReachableTenant,
  now: Date = new Date(),
): AdminFlags {
  const roles = access.roles.filter((r) => live(r, now));
  return {
    isPlatformAdmin: roles.some(
      (r) => r.roleId === SYSTEM_ROLE_IDS.platform_admin && r.scopeType === 'platform',
    ),
    isTenantAdmin: roles.some(
      (r) =>
        r.roleId === SYSTEM_ROLE_IDS.tenant_admin &&
        ((r.scopeType === 'tenant' && r.scopeId === tenant.id) ||
          (r.scopeType === 'partner' &&
            tenant.partnerId !== null &&
            r.scopeId === tenant.partnerId)),
    ),
  };
}
