import type { RoleScopeType, SystemRoleName } from '@app/core';
import { heldPermissions } from './access-decision';
import {
  accessCovers,
  accessNotCovered,
  type AccessPlaces,
  fenceContains,
} from './access-coverage';
import type { DomainGrant, PrincipalAccess, ScopedRole } from './access.types';
import { SYSTEM_ROLE_PERMISSIONS } from './permissions';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const past = new Date(NOW.getTime() - 1);
const future = new Date(NOW.getTime() + 60_000);

/* Partners P1, P2; tenants T1, T2 of P1, T3 of P2; domains D1, D2 of T1, D3 of T2, D4 of T3. */
const PLACES: AccessPlaces = {
  tenants: new Map([
    ['T1', 'P1'],
    ['T2', 'P1'],
    ['T3', 'P2'],
    ['T4', null],
  ]),
  domains: new Map([
    ['D1', { tenantId: 'T1', partnerId: 'P1' }],
    ['D2', { tenantId: 'T1', partnerId: 'P1' }],
    ['D3', { tenantId: 'T2', partnerId: 'P1' }],
    ['D4', { tenantId: 'T3', partnerId: 'P2' }],
  ]),
};

function role(
  name: string,
  scopeType: RoleScopeType,
  scopeId: string | null,
  options: { permissions?: readonly string[]; expiresAt?: Date | null } = {},
): ScopedRole {
  const permissions = options.permissions ??
    SYSTEM_ROLE_PERMISSIONS[name as SystemRoleName] ?? ['*'];
  return {
    roleId: `role-${name}`,
    roleName: name,
    permissions,
    scopeType,
    scopeId,
    expiresAt: options.expiresAt ?? null,
  };
}

function grant(
  domainId: string,
  roleName: SystemRoleName,
  fence: Partial<Pick<DomainGrant, 'recordPattern' | 'recordTypes' | 'expiresAt'>> = {},
  permissions: readonly string[] = SYSTEM_ROLE_PERMISSIONS[roleName],
): DomainGrant {
  return {
    grantId: `grant-${domainId}-${roleName}`,
    domainId,
    roleName,
    permissions,
    recordPattern: fence.recordPattern ?? null,
    recordTypes: fence.recordTypes ?? null,
    expiresAt: fence.expiresAt ?? null,
  };
}

const access = (
  roles: ScopedRole[],
  grants: DomainGrant[] = [],
  narrowTo: string[] | null = null,
): PrincipalAccess => ({ roles, grants, narrowTo });

const covers = (holder: PrincipalAccess, source: PrincipalAccess) =>
  accessCovers(holder, source, NOW, PLACES);

const ACME = { recordPattern: '_acme-challenge', recordTypes: ['TXT'] };
const tenantAdminT1 = access([role('tenant_admin', 'tenant', 'T1')]);

describe('accessCovers(holder, source, now, places)', () => {
  it('nothing is covered by anyone, and covers nothing but nothing', () => {
    expect(covers(access([]), access([]))).toBe(true);
    expect(covers(access([]), tenantAdminT1)).toBe(false);
  });

  describe('roles by scope', () => {
    it.each<[string, PrincipalAccess, PrincipalAccess, boolean]>([
      ['the same role at the same tenant', tenantAdminT1, tenantAdminT1, true],
      [
        'a tenant admin: a lesser role in its tenant',
        tenantAdminT1,
        access([role('record_editor', 'tenant', 'T1')]),
        true,
      ],
      [
        'a tenant admin: a domain role in its tenant',
        tenantAdminT1,
        access([role('domain_admin', 'domain', 'D2')]),
        true,
      ],
      [
        'a tenant admin: the same role in another tenant',
        tenantAdminT1,
        access([role('tenant_admin', 'tenant', 'T2')]),
        false,
      ],
      [
        'a tenant admin: a domain of another tenant',
        tenantAdminT1,
        access([role('read_only', 'domain', 'D3')]),
        false,
      ],
      [
        'a tenant admin: a partner-scope role of its own partner',
        tenantAdminT1,
        access([role('read_only', 'partner', 'P1')]),
        false,
      ],
      [
        'a tenant admin: platform_admin',
        tenantAdminT1,
        access([role('platform_admin', 'platform', null)]),
        false,
      ],
      [
        'a tenant admin: validation_bypass (a permission tenant_admin lacks)',
        tenantAdminT1,
        access([role('validation_bypass', 'tenant', 'T1')]),
        false,
      ],
      [
        'a partner admin: every tenant and domain of the partner',
        access([role('tenant_admin', 'partner', 'P1')]),
        access([role('tenant_admin', 'tenant', 'T2'), role('domain_admin', 'domain', 'D1')]),
        true,
      ],
      [
        'a partner admin: the partner scope itself',
        access([role('tenant_admin', 'partner', 'P1')]),
        access([role('read_only', 'partner', 'P1')]),
        true,
      ],
      [
        "a partner admin: another partner's tenant",
        access([role('tenant_admin', 'partner', 'P1')]),
        access([role('read_only', 'tenant', 'T3')]),
        false,
      ],
      [
        'a platform admin: everything',
        access([role('platform_admin', 'platform', null)]),
        access([
          role('platform_admin', 'platform', null),
          role('tenant_admin', 'partner', 'P2'),
          role('read_only', 'tenant', 'T4'),
          role('domain_admin', 'domain', 'D4'),
        ]),
        true,
      ],
      [
        'a domain admin: a lesser role on its domain',
        access([role('domain_admin', 'domain', 'D1')]),
        access([role('record_editor', 'domain', 'D1')]),
        true,
      ],
      [
        'a domain admin: the tenant around its domain',
        access([role('domain_admin', 'domain', 'D1')]),
        access([role('read_only', 'tenant', 'T1')]),
        false,
      ],
      [
        'an unfenced grant: a domain role on that domain',
        access([], [grant('D1', 'domain_admin')]),
        access([role('record_editor', 'domain', 'D1')]),
        true,
      ],
      [
        'a role of an unknown tenant (can not be proven)',
        access([role('platform_admin', 'platform', null)]),
        access([role('read_only', 'tenant', 'T-gone')]),
        false,
      ],
    ])('%s → %s', (_what, holder, source, expected) => {
      expect(covers(holder, source)).toBe(expected);
    });

    it('names what is missing', () => {
      expect(
        accessNotCovered(
          access([role('record_editor', 'tenant', 'T1')]),
          access([role('domain_manager', 'domain', 'D1')]),
          NOW,
          PLACES,
        ),
      ).toEqual(
        expect.arrayContaining([
          'domain_manager at domain D1: domains:delete',
          'domain_manager at domain D1: records:delete',
        ]),
      );
    });

    it('counts live roles only, on both sides', () => {
      const expired = access([role('tenant_admin', 'tenant', 'T1', { expiresAt: past })]);
      expect(covers(expired, access([role('read_only', 'tenant', 'T1')]))).toBe(false);
      expect(covers(access([]), expired)).toBe(true);
      const later = access([role('tenant_admin', 'tenant', 'T1', { expiresAt: future })]);
      expect(covers(later, access([role('read_only', 'tenant', 'T1')]))).toBe(true);
    });

    it('expands wildcards of custom roles and honours the holder’s narrowing', () => {
      const recordsStar = access([role('custom', 'tenant', 'T1', { permissions: ['records:*'] })]);
      expect(covers(tenantAdminT1, recordsStar)).toBe(true);
      const narrowed = access([role('tenant_admin', 'tenant', 'T1')], [], ['records:read']);
      expect(covers(narrowed, recordsStar)).toBe(false);
      expect(
        covers(narrowed, access([role('c', 'tenant', 'T1', { permissions: ['records:read'] })])),
      ).toBe(true);
    });
  });

  describe('grants by domain and fence', () => {
    const acmeGroup = access([], [grant('D1', 'domain_manager', ACME)]);

    it('a tenant admin covers the ACME grant on a domain of its tenant', () => {
      expect(covers(tenantAdminT1, acmeGroup)).toBe(true);
    });

    it('but not on a domain of another tenant', () => {
      expect(covers(tenantAdminT1, access([], [grant('D3', 'domain_manager', ACME)]))).toBe(false);
    });

    it('a holder fenced the same way, or wider, covers it; narrower or elsewhere does not', () => {
      const holding = (fence: Parameters<typeof grant>[2], domainId = 'D1') =>
        access([], [grant(domainId, 'domain_manager', fence)]);
      expect(covers(holding(ACME), acmeGroup)).toBe(true);
      expect(
        covers(holding({ recordPattern: '_acme-*', recordTypes: ['TXT', 'A'] }), acmeGroup),
      ).toBe(true);
      expect(covers(holding({ recordTypes: ['TXT'] }), acmeGroup)).toBe(true);
      expect(covers(holding({ recordPattern: '_acme-challenge' }), acmeGroup)).toBe(true);
      expect(covers(holding({}), acmeGroup)).toBe(true);
      expect(covers(holding({ recordPattern: 'www', recordTypes: ['TXT'] }), acmeGroup)).toBe(
        false,
      );
      expect(covers(holding({ ...ACME, recordTypes: ['A'] }), acmeGroup)).toBe(false);
      expect(covers(holding(ACME, 'D2'), acmeGroup)).toBe(false);
    });

    it("a holder whose grant's role lacks a record permission does not cover it", () => {
      const editor = access([], [grant('D1', 'record_editor', ACME)]);
      expect(accessNotCovered(editor, acmeGroup, NOW, PLACES)).toEqual([
        'grant domain_manager on domain D1 (_acme-challenge TXT): records:delete',
      ]);
    });

    it('a fenced grant confers only domains:read and record permissions, so needs no more', () => {
      // domain_manager also holds domains:delete, but a fenced grant does not confer it.
      const fencedHolder = access([], [grant('D1', 'domain_manager', ACME)]);
      expect(covers(fencedHolder, acmeGroup)).toBe(true);
    });

    it('an unfenced grant needs its whole role covered on the domain', () => {
      const unfenced = access([], [grant('D1', 'domain_manager')]);
      expect(covers(tenantAdminT1, unfenced)).toBe(true);
      expect(covers(access([], [grant('D1', 'domain_manager', ACME)]), unfenced)).toBe(false);
      expect(covers(access([role('record_editor', 'tenant', 'T1')]), unfenced)).toBe(false);
    });

    it('ignores expired grants and grants on domains that no longer exist', () => {
      expect(
        covers(access([]), access([], [grant('D1', 'domain_manager', { expiresAt: past })])),
      ).toBe(true);
      expect(covers(access([]), access([], [grant('D-gone', 'domain_manager')]))).toBe(true);
    });
  });

  describe('fenceContains(outer, inner)', () => {
    const fence = (recordPattern: string | null, recordTypes: string[] | null = null) => ({
      recordPattern,
      recordTypes,
    });

    it.each<[string | null, string | null, boolean]>([
      [null, null, true],
      [null, 'www', true],
      ['www', null, false],
      ['www', 'www', true],
      ['WWW.', 'www', true],
      ['*', 'www', true],
      ['*', '*.dev', true],
      ['*', '@', false],
      ['@', '@', true],
      ['*.dev', 'a.dev', true],
      ['*.dev', 'a*.dev', true],
      ['*.dev', '*', false],
      ['a*', 'a*b*', true],
      ['**', '*', false],
      ['_acme-*', '_acme-challenge', true],
      ['_acme-challenge', '_acme-*', false],
    ])('pattern %p contains %p: %s', (outer, inner, expected) => {
      expect(fenceContains(fence(outer), fence(inner))).toBe(expected);
    });

    it('needs every inner type among the outer ones', () => {
      expect(fenceContains(fence(null, ['TXT', 'A']), fence(null, ['txt']))).toBe(true);
      expect(fenceContains(fence(null, ['TXT']), fence(null, ['TXT', 'A']))).toBe(false);
      expect(fenceContains(fence(null, ['TXT']), fence(null, null))).toBe(false);
      expect(fenceContains(fence(null, null), fence(null, ['MX']))).toBe(true);
    });
  });
});

describe('heldPermissions(access, now)', () => {
  it('holds what a fenced grant confers on its records (the ACME key’s scopes)', () => {
    const held = heldPermissions(access([], [grant('D1', 'domain_manager', ACME)]), NOW);
    expect([...held].sort()).toEqual([
      'domains:read',
      'records:create',
      'records:delete',
      'records:read',
      'records:update',
    ]);
  });

  it("holds an unfenced grant's whole role, and roles at any scope", () => {
    const held = heldPermissions(
      access([role('read_only', 'domain', 'D2')], [grant('D1', 'record_editor')]),
      NOW,
    );
    expect(held).toEqual(
      new Set([...SYSTEM_ROLE_PERMISSIONS.read_only, ...SYSTEM_ROLE_PERMISSIONS.record_editor]),
    );
  });

  it('holds nothing expired, and only what narrowing lets through', () => {
    expect(
      heldPermissions(access([role('tenant_admin', 'tenant', 'T1', { expiresAt: past })]), NOW)
        .size,
    ).toBe(0);
    expect([
      ...heldPermissions(access([role('tenant_admin', 'tenant', 'T1')], [], ['domains:*']), NOW),
    ]).toEqual(['domains:read', 'domains:create', 'domains:update', 'domains:delete']);
  });
});
