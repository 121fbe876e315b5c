import type { Domain } from '@app/core';
import type { Caller } from '../auth/caller';
import type { DomainGrant, PrincipalAccess, ScopedRole } from './access.types';
import { SYSTEM_ROLE_PERMISSIONS } from './permissions';
import { ZoneAccess } from './zone-access';

const domain = {
  id: 'd1',
  tenantId: 't1',
  name: 'example.com',
  tenant: { partnerId: 'p1' },
} as unknown as Domain;
const caller = { userId: 'u1', tenantId: 't1' } as unknown as Caller;

const tenantRole = (name: keyof typeof SYSTEM_ROLE_PERMISSIONS): ScopedRole => ({
  roleId: name,
  roleName: name,
  permissions: SYSTEM_ROLE_PERMISSIONS[name],
  scopeType: 'tenant',
  scopeId: 't1',
  expiresAt: null,
});
const grant = (over: Partial<DomainGrant>): DomainGrant => ({
  grantId: 'g1',
  domainId: 'd1',
  roleName: 'domain_admin',
  permissions: SYSTEM_ROLE_PERMISSIONS.domain_admin,
  recordPattern: null,
  recordTypes: null,
  expiresAt: null,
  ...over,
});
const access = (roles: ScopedRole[], grants: DomainGrant[] = []): PrincipalAccess => ({
  roles,
  grants,
  narrowTo: null,
});
/** An ACME client's access: a grant fenced to TXT `_acme-challenge`. */
const acme = ZoneAccess.of(
  caller,
  access([], [grant({ recordPattern: '_acme-challenge', recordTypes: ['TXT'] })]),
  domain,
);

describe('ZoneAccess', () => {
  it('a tenant admin may do everything in the zone but write the apex SOA and NS', () => {
    const zone = ZoneAccess.of(caller, access([tenantRole('tenant_admin')]), domain);
    expect(zone.can('domains:update')).toBe(true);
    expect(zone.can('dnssec:enable')).toBe(true);
    expect(zone.fence('records:delete').all).toBe(true);
    expect(zone.mayChange('www.example.com.', 'A')).toBe(true);
    expect(zone.isPlatform).toBe(false);
  });

  it('a fenced grant reaches only its records, by absolute or relative name', () => {
    expect(acme.canRecord('records:create', '_acme-challenge.example.com.', 'TXT')).toBe(true);
    expect(acme.canRecord('records:create', '_acme-challenge', 'txt')).toBe(true);
    expect(acme.canRecord('records:create', '_acme-challenge.example.com.', 'A')).toBe(false);
    expect(acme.canRecord('records:create', 'www.example.com.', 'TXT')).toBe(false);
    expect(acme.mayChange('_acme-challenge.example.com.', 'TXT')).toBe(true);
    expect(acme.mayChange('example.com.', 'TXT')).toBe(false);
    expect(acme.fence('records:read').all).toBe(false);
  });

  it('a fenced grant confers no zone-level permission but reading the zone', () => {
    expect(acme.can('domains:read')).toBe(true);
    for (const p of [
      'domains:update',
      'domains:delete',
      'dnssec:enable',
      'dnssec:read',
      'access_grants:manage',
      'records:read',
    ] as const) {
      expect(acme.can(p)).toBe(false);
    }
    expect([...acme.permissions()]).toEqual(['domains:read']);
  });

  it('asserts with a 403 that names the permission and the record', () => {
    expect(() => acme.assertRecord('records:create', 'www.example.com.', 'A')).toThrow(
      expect.objectContaining({
        code: 'FORBIDDEN',
        message: 'Permission records:create is required for A www',
      }),
    );
    expect(() => acme.assert('domains:update')).toThrow(
      expect.objectContaining({ code: 'FORBIDDEN' }),
    );
  });

  it('a record editor may create and change records but not delete them', () => {
    const zone = ZoneAccess.of(caller, access([tenantRole('record_editor')]), domain);
    expect(zone.canRecord('records:create', 'www', 'A')).toBe(true);
    expect(zone.canRecord('records:update', 'www', 'A')).toBe(true);
    expect(zone.canRecord('records:delete', 'www', 'A')).toBe(false);
    expect(zone.mayChange('www', 'A')).toBe(true);
  });

  it('the platform may do everything, and says so', () => {
    const zone = ZoneAccess.platform(domain);
    expect(zone.isPlatform).toBe(true);
    expect(zone.caller).toBeNull();
    expect(zone.can('admin:write')).toBe(true);
    expect(zone.mayChange('example.com.', 'SOA')).toBe(true);
  });

  it('another tenant has nothing in the zone', () => {
    const other = ZoneAccess.of(
      caller,
      access([{ ...tenantRole('tenant_admin'), scopeId: 't2' }]),
      domain,
    );
    expect(other.can('domains:read')).toBe(false);
    expect(other.mayChange('www', 'A')).toBe(false);
  });

  it('refuses to fence a permission that is not about records', () => {
    expect(() => acme.fence('domains:update')).toThrow(/not a record permission/);
  });
});
