import { SYSTEM_ROLE_IDS } from '@app/core';
import { isAllowed } from './access-decision';
import { impliedRoles, scaikeyAdminRoles } from './implied-roles';
import { SYSTEM_ROLE_PERMISSIONS } from './permissions';

const NOW = new Date('2030-01-01T00:00:00Z');
const TENANT = 'tenant-1';
const PARTNER = 'partner-1';

describe('impliedRoles(scaikeyRoles, tenantId, partnerId)', () => {
  it.each<[string, string[], string | null, object[]]>([
    ['no ScaiKey role', [], PARTNER, []],
    ['a ScaiKey role ScaiDNS does not map', ['member', 'user', 'admin'], PARTNER, []],
    [
      'tenant_admin',
      ['tenant_admin'],
      PARTNER,
      [{ roleName: 'tenant_admin', scopeType: 'tenant', scopeId: TENANT }],
    ],
    [
      'partner_admin',
      ['partner_admin'],
      PARTNER,
      [{ roleName: 'tenant_admin', scopeType: 'partner', scopeId: PARTNER }],
    ],
    ['partner_admin without a partner', ['partner_admin'], null, []],
    [
      'super_admin',
      ['super_admin'],
      null,
      [{ roleName: 'platform_admin', scopeType: 'platform', scopeId: null }],
    ],
    [
      'a role spelled differently',
      [' Tenant_Admin '],
      null,
      [{ roleName: 'tenant_admin', scopeType: 'tenant', scopeId: TENANT }],
    ],
    [
      'all three (and duplicates)',
      ['tenant_admin', 'partner_admin', 'super_admin', 'tenant_admin'],
      PARTNER,
      [
        { roleName: 'platform_admin', scopeType: 'platform', scopeId: null },
        { roleName: 'tenant_admin', scopeType: 'partner', scopeId: PARTNER },
        { roleName: 'tenant_admin', scopeType: 'tenant', scopeId: TENANT },
      ],
    ],
  ])('%s', (_what, scaikeyRoles, partnerId, expected) => {
    const roles = impliedRoles(scaikeyRoles, TENANT, partnerId);
    expect(
      roles.map(({ roleName, scopeType, scopeId }) => ({ roleName, scopeType, scopeId })),
    ).toEqual(expected);
  });

  it('uses the system roles’ fixed ids and seeded permissions, never expiring', () => {
    const [platform, partner] = impliedRoles(['super_admin', 'partner_admin'], TENANT, PARTNER);
    expect(platform).toEqual({
      roleId: SYSTEM_ROLE_IDS.platform_admin,
      roleName: 'platform_admin',
      permissions: ['*'],
      scopeType: 'platform',
      scopeId: null,
      expiresAt: null,
      source: 'scaikey',
    });
    expect(partner.roleId).toBe(SYSTEM_ROLE_IDS.tenant_admin);
    expect(partner.permissions).toEqual(SYSTEM_ROLE_PERMISSIONS.tenant_admin);
  });

  describe('decisions', () => {
    const access = (scaikeyRoles: string[]) => ({
      roles: impliedRoles(scaikeyRoles, TENANT, PARTNER),
      grants: [],
      narrowTo: null,
    });
    const ownTenant = { tenantId: TENANT, partnerId: PARTNER };
    const siblingTenant = { tenantId: 'tenant-2', partnerId: PARTNER };
    const foreignTenant = { tenantId: 'tenant-3', partnerId: 'partner-2' };

    it('a ScaiKey tenant_admin administers its own tenant only', () => {
      const a = access(['tenant_admin']);
      expect(isAllowed(a, 'roles:create', ownTenant, NOW)).toBe(true);
      expect(isAllowed(a, 'domains:delete', siblingTenant, NOW)).toBe(false);
      expect(isAllowed(a, 'admin:read', {}, NOW)).toBe(false);
      expect(isAllowed(a, 'domains:validation_bypass', ownTenant, NOW)).toBe(false);
    });

    it('a ScaiKey partner_admin administers every tenant of its partner, nothing else', () => {
      const a = access(['partner_admin']);
      expect(isAllowed(a, 'domains:delete', ownTenant, NOW)).toBe(true);
      expect(isAllowed(a, 'domains:delete', { ...siblingTenant, domainId: 'd' }, NOW)).toBe(true);
      expect(isAllowed(a, 'domains:read', foreignTenant, NOW)).toBe(false);
      expect(isAllowed(a, 'admin:read', {}, NOW)).toBe(false);
    });

    it('a ScaiKey super_admin is a platform admin', () => {
      const a = access(['super_admin']);
      expect(isAllowed(a, 'admin:write', {}, NOW)).toBe(true);
      expect(isAllowed(a, 'records:delete', { ...foreignTenant, domainId: 'd' }, NOW)).toBe(true);
    });
  });
});

describe('scaikeyAdminRoles(names)', () => {
  it('keeps only the admin roles, trimmed, lowercase, once each, sorted', () => {
    expect(
      scaikeyAdminRoles([
        'user',
        ' Tenant_Admin',
        'super_admin',
        'tenant_admin',
        'admin',
        'PARTNER_ADMIN',
      ]),
    ).toEqual(['partner_admin', 'super_admin', 'tenant_admin']);
    expect(scaikeyAdminRoles(['user'])).toEqual([]);
    expect(scaikeyAdminRoles([])).toEqual([]);
  });
});
