import { SYSTEM_ROLE_IDS, type RoleScopeType, type SystemRoleName } from '@app/core';
import type { PrincipalAccess, ScopedRole } from '../rbac/access.types';
import { SYSTEM_ROLE_PERMISSIONS } from '../rbac/permissions';
import { adminFlagsOf, TenantReach } from './tenant-reach';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const T1 = { id: 'tenant-1', partnerId: 'partner-1' };
const T2 = { id: 'tenant-2', partnerId: 'partner-1' };
const T3 = { id: 'tenant-3', partnerId: 'partner-2' };

function role(
  name: SystemRoleName,
  scopeType: RoleScopeType,
  scopeId: string | null,
  expiresAt: Date | null = null,
): ScopedRole {
  return {
    roleId: SYSTEM_ROLE_IDS[name],
    roleName: name,
    permissions: SYSTEM_ROLE_PERMISSIONS[name],
    scopeType,
    scopeId,
    expiresAt,
  };
}

const access = (...roles: ScopedRole[]): PrincipalAccess => ({ roles, grants: [], narrowTo: null });

describe('TenantReach', () => {
  it('a platform admin reaches every tenant', () => {
    const reach = TenantReach.of(
      access(role('platform_admin', 'platform', null)),
      'roles:assign',
      T1.id,
      NOW,
    );
    expect(reach.everyTenant).toBe(true);
    expect([T1, T2, T3].map((t) => reach.reaches(t))).toEqual([true, true, true]);
  });

  it('a tenant admin reaches their own tenant only', () => {
    const reach = TenantReach.of(
      access(role('tenant_admin', 'tenant', T1.id)),
      'roles:assign',
      T1.id,
      NOW,
    );
    expect(reach.everyTenant).toBe(false);
    expect(reach.ownTenantId).toBe(T1.id);
    expect([T1, T2, T3].map((t) => reach.reaches(t))).toEqual([true, false, false]);
  });

  it("a partner admin reaches the partner's tenants", () => {
    const reach = TenantReach.of(
      access(role('tenant_admin', 'partner', 'partner-1')),
      'roles:assign',
      T1.id,
      NOW,
    );
    expect([T1, T2, T3].map((t) => reach.reaches(t))).toEqual([true, true, false]);
  });

  it('a role without the permission, or expired, reaches nothing', () => {
    const readOnly = TenantReach.of(
      access(role('read_only', 'tenant', T1.id)),
      'roles:assign',
      T1.id,
      NOW,
    );
    expect(readOnly.reaches(T1)).toBe(false);
    const expired = TenantReach.of(
      access(role('tenant_admin', 'tenant', T1.id, new Date(NOW.getTime() - 1))),
      'roles:assign',
      T1.id,
      NOW,
    );
    expect(expired.reaches(T1)).toBe(false);
  });

  it('API-key scopes narrow it', () => {
    const narrowed: PrincipalAccess = {
      ...access(role('platform_admin', 'platform', null)),
      narrowTo: ['domains:read'],
    };
    const reach = TenantReach.of(narrowed, 'roles:assign', T1.id, NOW);
    expect(reach.everyTenant).toBe(false);
    expect(reach.reaches(T1)).toBe(false);
  });
});

describe('adminFlagsOf', () => {
  it.each([
    ['nothing', [], false, false],
    ['platform_admin', [role('platform_admin', 'platform', null)], true, false],
    ['tenant_admin of the tenant', [role('tenant_admin', 'tenant', T1.id)], false, true],
    ['tenant_admin of the partner', [role('tenant_admin', 'partner', 'partner-1')], false, true],
    ['tenant_admin of another tenant', [role('tenant_admin', 'tenant', T2.id)], false, false],
    [
      'tenant_admin of another partner',
      [role('tenant_admin', 'partner', 'partner-2')],
      false,
      false,
    ],
    ['an expired tenant_admin', [role('tenant_admin', 'tenant', T1.id, NOW)], false, false],
    ['domain_admin', [role('domain_admin', 'tenant', T1.id)], false, false],
  ] as const)('%s → platform %s, tenant %s', (_label, roles, platform, tenant) => {
    expect(adminFlagsOf(access(...roles), T1, NOW)).toEqual({
      isPlatformAdmin: platform,
      isTenantAdmin: tenant,
    });
  });
});
