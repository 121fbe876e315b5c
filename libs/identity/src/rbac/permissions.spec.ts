import { SYSTEM_ROLE_IDS } from '@app/core';
// The seed migration is a frozen snapshot outside this lib; only this test reads it, to keep the
// application's copy of the catalogue and the system roles equal to what the database holds.
import {
  PERMISSION_CATALOGUE,
  SYSTEM_ROLES,
} from '../../../core/src/database/migrations/1795401160000-seed-system-data';
import {
  expandPermission,
  isKnownPermission,
  isSubsetOf,
  permissionMatches,
  PERMISSION_RESOURCES,
  PERMISSIONS,
  RECORD_PERMISSIONS,
  SYSTEM_ROLE_NAMES,
  SYSTEM_ROLE_PERMISSIONS,
} from './permissions';

describe('the permission catalogue', () => {
  it('is the catalogue the seed migration checked the system roles against', () => {
    expect([...PERMISSIONS]).toEqual([...PERMISSION_CATALOGUE]);
  });

  it('names the system roles the migration seeds, in seed order, with the entities’ ids', () => {
    expect([...SYSTEM_ROLE_NAMES]).toEqual(SYSTEM_ROLES.map((r) => r.name));
    expect([...SYSTEM_ROLE_NAMES].sort()).toEqual(Object.keys(SYSTEM_ROLE_IDS).sort());
  });

  it.each(SYSTEM_ROLES.map((r) => [r.name, r.permissions] as const))(
    'gives %s exactly the permissions the migration seeds',
    (name, seeded) => {
      expect(SYSTEM_ROLE_PERMISSIONS[name as keyof typeof SYSTEM_ROLE_PERMISSIONS]).toEqual(seeded);
    },
  );

  it('knows the resources and the record permissions', () => {
    expect(PERMISSION_RESOURCES).toEqual([
      'domains',
      'records',
      'dnssec',
      'access_grants',
      'api_keys',
      'audit',
      'roles',
      'templates',
      'admin',
    ]);
    expect(RECORD_PERMISSIONS).toEqual([
      'records:read',
      'records:create',
      'records:update',
      'records:delete',
    ]);
  });
});

describe('permissionMatches(granted, wanted)', () => {
  it.each([
    ['domains:read', 'domains:read', true],
    ['domains:read', 'domains:update', false],
    ['domains:read', 'records:read', false],
    ['*', 'domains:read', true],
    ['*', 'admin:write', true],
    ['*', 'records:*', true],
    ['*', '*', true],
    ['domains:*', 'domains:read', true],
    ['domains:*', 'domains:validation_bypass', true],
    ['domains:*', 'domains:*', true],
    ['domains:*', 'records:read', false],
    ['domains:*', '*', false],
    ['domains:*', 'domains:', false],
    ['domains:*', 'domainsx:read', false],
    ['records:create', 'records:*', false],
    ['Domains:read', 'domains:read', false],
    ['', 'domains:read', false],
  ])('%j covers %j: %s', (granted, wanted, expected) => {
    expect(permissionMatches(granted, wanted)).toBe(expected);
  });
});

describe('isKnownPermission', () => {
  it.each([
    ['domains:read', true],
    ['domains:validation_bypass', true],
    ['admin:write', true],
    ['records:*', true],
    ['access_grants:*', true],
    ['*', true],
    ['records:purge', false],
    ['bogus:*', false],
    ['records', false],
    ['*:*', false],
    ['', false],
  ])('%j → %s', (permission, expected) => {
    expect(isKnownPermission(permission)).toBe(expected);
  });
});

describe('expandPermission', () => {
  it('turns wildcards into catalogue permissions and drops unknown strings', () => {
    expect(expandPermission('records:*')).toEqual(RECORD_PERMISSIONS);
    expect(expandPermission('*')).toEqual([...PERMISSIONS]);
    expect(expandPermission('audit:read')).toEqual(['audit:read']);
    expect(expandPermission('bogus:*')).toEqual([]);
    expect(expandPermission('records:purge')).toEqual([]);
  });
});

describe('isSubsetOf(perms, ofPerms)', () => {
  const tenantAdmin = SYSTEM_ROLE_PERMISSIONS.tenant_admin;
  it.each<[string, string[], readonly string[], boolean]>([
    ['a concrete permission of a wildcard', ['domains:read'], ['domains:*'], true],
    ['a resource wildcard of `*`', ['domains:*'], ['*'], true],
    ['anything of `*`', ['*', 'admin:write', 'records:*'], ['*'], true],
    ['`*` of less than `*`', ['*'], tenantAdmin, false],
    ['a wildcard of every permission it stands for', ['records:*'], RECORD_PERMISSIONS, true],
    ['a wildcard of some of them', ['records:*'], ['records:read', 'records:create'], false],
    ['the same list', ['records:read', 'records:create'], ['records:read', 'records:create'], true],
    ['a permission not held', ['records:delete'], ['records:read', 'records:create'], false],
    ['the empty list', [], [], true],
    ['a permission of nothing', ['domains:read'], [], false],
    ['tenant_admin of tenant_admin', [...tenantAdmin], tenantAdmin, true],
    ['admin:read of tenant_admin', ['admin:read'], tenantAdmin, false],
    ['validation bypass of tenant_admin', ['domains:validation_bypass'], tenantAdmin, false],
    ['domains:* of tenant_admin (lacks validation_bypass)', ['domains:*'], tenantAdmin, false],
    ['dnssec:* of tenant_admin', ['dnssec:*'], tenantAdmin, true],
    ['an unknown permission of explicit lists', ['records:purge'], RECORD_PERMISSIONS, false],
    ['an unknown wildcard of explicit lists', ['bogus:*'], RECORD_PERMISSIONS, false],
  ])('%s → %s', (_what, perms, ofPerms, expected) => {
    expect(isSubsetOf(perms, ofPerms)).toBe(expected);
  });

  it('accepts an expanded effective set as the creator’s permissions', () => {
    expect(isSubsetOf(['records:*', 'domains:read'], new Set(expandPermission('*')))).toBe(true);
  });
});
