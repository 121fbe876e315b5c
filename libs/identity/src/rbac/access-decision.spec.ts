import { SYSTEM_ROLE_IDS, type RoleScopeType, type SystemRoleName } from '@app/core';
import {
  effectivePermissions,
  hasRecordAccess,
  isAllowed,
  recordAccess,
  recordAccessAllows,
  visibleScope,
} from './access-decision';
import type { AccessTarget, DomainGrant, PrincipalAccess, ScopedRole } from './access.types';
import { type Permission, PERMISSIONS, SYSTEM_ROLE_PERMISSIONS } from './permissions';

const NOW = new Date('2030-06-01T12:00:00.000Z');
const before = (ms: number) => new Date(NOW.getTime() - ms);
const after = (ms: number) => new Date(NOW.getTime() + ms);

/*
 * The universe: partners P1 and P2; tenants T1 and T2 of P1, T3 of P2; domains D1 and D2 of T1, D3 of
 * T2, D4 of T3.
 */
const P1 = 'partner-1';
const P2 = 'partner-2';
const T1 = 'tenant-1';
const T2 = 'tenant-2';
const T3 = 'tenant-3';
const D1 = 'domain-1';
const D2 = 'domain-2';
const D3 = 'domain-3';
const D4 = 'domain-4';
const DOMAINS = [
  { domainId: D1, tenantId: T1, partnerId: P1 },
  { domainId: D2, tenantId: T1, partnerId: P1 },
  { domainId: D3, tenantId: T2, partnerId: P1 },
  { domainId: D4, tenantId: T3, partnerId: P2 },
] as const;

const domainTarget = (domainId: string): AccessTarget => {
  const d = DOMAINS.find((x) => x.domainId === domainId);
  if (!d) throw new Error(domainId);
  return { ...d };
};
const recordTarget = (
  domainId: string,
  recordName?: string,
  recordType?: string,
): AccessTarget => ({
  ...domainTarget(domainId),
  recordName,
  recordType,
});

const TARGETS = {
  'the platform (no tenant)': {},
  'a partner with no tenant': { partnerId: P1 },
  'tenant T1': { tenantId: T1, partnerId: P1 },
  'tenant T2 (same partner)': { tenantId: T2, partnerId: P1 },
  'tenant T3 (other partner)': { tenantId: T3, partnerId: P2 },
  'domain D1 of T1': domainTarget(D1),
  'domain D2 of T1': domainTarget(D2),
  'domain D3 of T2': domainTarget(D3),
  'domain D4 of T3': domainTarget(D4),
  'record www A of D1': recordTarget(D1, 'www', 'A'),
  'record www A of D4': recordTarget(D4, 'www', 'A'),
  'D1 without its tenant': { domainId: D1 },
} satisfies Record<string, AccessTarget>;
type TargetName = keyof typeof TARGETS;
const ALL_TARGETS = Object.keys(TARGETS) as TargetName[];

function role(
  name: string,
  permissions: readonly string[],
  scopeType: RoleScopeType,
  scopeId: string | null,
  expiresAt: Date | null = null,
): ScopedRole {
  return { roleId: `role-${name}`, roleName: name, permissions, scopeType, scopeId, expiresAt };
}

const systemRole = (name: SystemRoleName, scopeType: RoleScopeType, scopeId: string | null) => ({
  ...role(name, SYSTEM_ROLE_PERMISSIONS[name], scopeType, scopeId),
  roleId: SYSTEM_ROLE_IDS[name],
});

function grant(
  domainId: string,
  permissions: readonly string[],
  fence: Partial<Pick<DomainGrant, 'recordPattern' | 'recordTypes' | 'expiresAt'>> = {},
): DomainGrant {
  return {
    grantId: `grant-${domainId}-${fence.recordPattern ?? 'all'}`,
    domainId,
    roleName: 'custom',
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

const allowedOn = (a: PrincipalAccess, target: AccessTarget): Permission[] =>
  PERMISSIONS.filter((p) => isAllowed(a, p, target, NOW));

/**
 * What each system role may do where it applies, written out by hand from API.md (not computed from
 * SYSTEM_ROLE_PERMISSIONS, so the two check each other).
 */
const ROLE_ALLOWS: Record<SystemRoleName, readonly Permission[]> = {
  platform_admin: PERMISSIONS,
  tenant_admin: [
    'domains:read',
    'domains:create',
    'domains:update',
    'domains:delete',
    'records:read',
    'records:create',
    'records:update',
    'records:delete',
    'dnssec:read',
    'dnssec:enable',
    'dnssec:disable',
    'dnssec:rotate',
    'access_grants:read',
    'access_grants:manage',
    'api_keys:read',
    'api_keys:create',
    'api_keys:update',
    'api_keys:delete',
    'audit:read',
    'roles:read',
    'roles:create',
    'roles:update',
    'roles:delete',
    'roles:assign',
    'templates:read',
    'templates:create',
    'templates:update',
    'templates:delete',
  ],
  domain_admin: [
    'domains:read',
    'domains:update',
    'domains:delete',
    'records:read',
    'records:create',
    'records:update',
    'records:delete',
    'dnssec:read',
    'dnssec:enable',
    'dnssec:disable',
    'dnssec:rotate',
    'access_grants:read',
    'access_grants:manage',
    'audit:read',
    'templates:read',
  ],
  domain_manager: [
    'domains:read',
    'domains:update',
    'domains:delete',
    'records:read',
    'records:create',
    'records:update',
    'records:delete',
    'dnssec:read',
    'access_grants:read',
    'audit:read',
    'templates:read',
  ],
  record_editor: ['domains:read', 'records:read', 'records:create', 'records:update'],
  read_only: [
    'domains:read',
    'records:read',
    'dnssec:read',
    'access_grants:read',
    'api_keys:read',
    'audit:read',
    'roles:read',
    'templates:read',
  ],
  validation_bypass: ['domains:create', 'domains:validation_bypass'],
};

/** For each scope, the scope id used and the targets a role held there reaches. */
const SCOPES: Record<RoleScopeType, { scopeId: string | null; reaches: readonly TargetName[] }> = {
  platform: { scopeId: null, reaches: ALL_TARGETS },
  partner: {
    scopeId: P1,
    reaches: [
      'tenant T1',
      'tenant T2 (same partner)',
      'domain D1 of T1',
      'domain D2 of T1',
      'domain D3 of T2',
      'record www A of D1',
    ],
  },
  tenant: {
    scopeId: T1,
    reaches: ['tenant T1', 'domain D1 of T1', 'domain D2 of T1', 'record www A of D1'],
  },
  domain: { scopeId: D1, reaches: ['domain D1 of T1', 'record www A of D1'] },
};

describe('system roles × scopes × targets × every catalogue permission', () => {
  const cases = (Object.keys(ROLE_ALLOWS) as SystemRoleName[]).flatMap((roleName) =>
    (Object.keys(SCOPES) as RoleScopeType[]).flatMap((scopeType) =>
      ALL_TARGETS.map((targetName) => {
        const reaches = SCOPES[scopeType].reaches.includes(targetName);
        return {
          roleName,
          scopeType,
          targetName,
          expected: reaches ? ROLE_ALLOWS[roleName] : [],
        };
      }),
    ),
  );

  it.each(cases)(
    '$roleName at $scopeType scope on $targetName',
    ({ roleName, scopeType, targetName, expected }) => {
      const a = access([systemRole(roleName, scopeType, SCOPES[scopeType].scopeId)]);
      const target = TARGETS[targetName];
      expect(allowedOn(a, target)).toEqual([...expected]);
      expect([...effectivePermissions(a, target, NOW)]).toEqual([...expected]);
    },
  );

  it('denies another tenant’s and another partner’s targets to tenant_admin', () => {
    const a = access([systemRole('tenant_admin', 'tenant', T1)]);
    expect(isAllowed(a, 'records:delete', domainTarget(D1), NOW)).toBe(true);
    expect(isAllowed(a, 'records:delete', domainTarget(D3), NOW)).toBe(false);
    expect(isAllowed(a, 'domains:read', domainTarget(D4), NOW)).toBe(false);
  });
});

describe('roles', () => {
  it('ignore a role whose expiry is now or past, and honour one that expires later', () => {
    const reader = (expiresAt: Date | null) =>
      access([role('r', ['domains:read'], 'tenant', T1, expiresAt)]);
    const t = domainTarget(D1);
    expect(isAllowed(reader(null), 'domains:read', t, NOW)).toBe(true);
    expect(isAllowed(reader(after(1)), 'domains:read', t, NOW)).toBe(true);
    expect(isAllowed(reader(NOW), 'domains:read', t, NOW)).toBe(false);
    expect(isAllowed(reader(before(1)), 'domains:read', t, NOW)).toBe(false);
  });

  it('add up: the union of every role that applies', () => {
    const a = access([
      systemRole('read_only', 'tenant', T1),
      systemRole('record_editor', 'domain', D1),
      systemRole('validation_bypass', 'tenant', T2),
    ]);
    expect(isAllowed(a, 'records:create', domainTarget(D1), NOW)).toBe(true);
    expect(isAllowed(a, 'records:create', domainTarget(D2), NOW)).toBe(false);
    expect(isAllowed(a, 'records:read', domainTarget(D2), NOW)).toBe(true);
    expect(
      isAllowed(a, 'domains:validation_bypass', TARGETS['tenant T2 (same partner)'], NOW),
    ).toBe(true);
    expect(isAllowed(a, 'domains:validation_bypass', TARGETS['tenant T1'], NOW)).toBe(false);
  });

  it('expand wildcards in their permissions', () => {
    const a = access([role('records-all', ['records:*'], 'domain', D1)]);
    expect(allowedOn(a, domainTarget(D1))).toEqual([
      'records:read',
      'records:create',
      'records:update',
      'records:delete',
    ]);
    const star = access([role('custom-star', ['*'], 'tenant', T1)]);
    expect(allowedOn(star, TARGETS['tenant T1'])).toEqual([...PERMISSIONS]);
    expect(allowedOn(star, TARGETS['the platform (no tenant)'])).toEqual([]);
  });

  it('never reach anything through a non-platform scope without a scope id', () => {
    const a = access([role('broken', ['*'], 'tenant', null)]);
    expect(allowedOn(a, { tenantId: T1 })).toEqual([]);
  });
});

describe('the permission asked for', () => {
  const tenantAdmin = access([systemRole('tenant_admin', 'tenant', T1)]);
  const platformAdmin = access([systemRole('platform_admin', 'platform', null)]);
  const editor = access([systemRole('record_editor', 'tenant', T1)]);
  const t = domainTarget(D1);

  it.each<[string, PrincipalAccess, string, boolean]>([
    ['tenant_admin', tenantAdmin, 'records:*', true],
    ['record_editor', editor, 'records:*', false],
    ['tenant_admin', tenantAdmin, '*', false],
    ['platform_admin', platformAdmin, '*', true],
    ['platform_admin', platformAdmin, 'records:purge', false],
    ['platform_admin', platformAdmin, 'bogus:*', false],
    ['platform_admin', platformAdmin, '', false],
    ['platform_admin', platformAdmin, 'Records:read', false],
  ])('%s asking for %j → %s', (_who, a, permission, expected) => {
    expect(isAllowed(a, permission, t, NOW)).toBe(expected);
  });
});

describe('API-key narrowing', () => {
  const tenantAdmin = [systemRole('tenant_admin', 'tenant', T1)];
  const t = domainTarget(D1);

  it.each<[string, string[] | null, Permission[]]>([
    ['no narrowing', null, ROLE_ALLOWS.tenant_admin as Permission[]],
    ['`*`', ['*'], ROLE_ALLOWS.tenant_admin as Permission[]],
    ['one permission', ['roles:read'], ['roles:read']],
    // Records are reached through their zone: a record scope sees the zone.
    ['one record permission', ['records:read'], ['domains:read', 'records:read']],
    [
      'a resource wildcard',
      ['records:*', 'domains:read'],
      ['domains:read', 'records:read', 'records:create', 'records:update', 'records:delete'],
    ],
    ['permissions the roles lack (narrowing never adds)', ['admin:*'], []],
    ['an empty list', [], []],
    ['an unknown scope', ['openid'], []],
  ])('%s', (_what, narrowTo, expected) => {
    expect(allowedOn(access(tenantAdmin, [], narrowTo), t)).toEqual(expected);
  });

  it('narrows grants too', () => {
    const a = access(
      [],
      [grant(D1, ['domains:read', 'records:read', 'records:update'])],
      ['records:read'],
    );
    expect(allowedOn(a, domainTarget(D1))).toEqual(['domains:read', 'records:read']);
  });
});

const editorPerms = SYSTEM_ROLE_PERMISSIONS.record_editor;

describe('access grants', () => {
  describe('unrestricted (no pattern, no types)', () => {
    const a = access([], [grant(D1, SYSTEM_ROLE_PERMISSIONS.domain_manager)]);

    it('confer the whole role on their domain, like a domain-scope role', () => {
      expect(allowedOn(a, domainTarget(D1))).toEqual(ROLE_ALLOWS.domain_manager);
      expect(allowedOn(a, recordTarget(D1, 'anything.deep', 'TXT'))).toEqual(
        ROLE_ALLOWS.domain_manager,
      );
      expect(allowedOn(a, recordTarget(D1, '@', 'SOA'))).toEqual(ROLE_ALLOWS.domain_manager);
    });

    it('confer nothing elsewhere', () => {
      for (const name of ALL_TARGETS.filter(
        (n) => !n.includes('of D1') && n !== 'domain D1 of T1',
      )) {
        expect(allowedOn(a, TARGETS[name])).toEqual([]);
      }
    });

    it('count for nothing once expired', () => {
      const expired = access([], [grant(D1, editorPerms, { expiresAt: NOW })]);
      expect(allowedOn(expired, domainTarget(D1))).toEqual([]);
      expect(allowedOn(expired, recordTarget(D1, 'www', 'A'))).toEqual([]);
      const live = access([], [grant(D1, editorPerms, { expiresAt: after(1000) })]);
      expect(allowedOn(live, domainTarget(D1))).toEqual(ROLE_ALLOWS.record_editor);
    });
  });

  describe('restricted to `*.dev`, types A and AAAA (record_editor)', () => {
    const a = access(
      [],
      [grant(D1, editorPerms, { recordPattern: '*.dev', recordTypes: ['A', 'AAAA'] })],
    );

    it('at domain level confer only domains:read (the grantee sees the zone)', () => {
      expect(allowedOn(a, domainTarget(D1))).toEqual(['domains:read']);
      expect(allowedOn(a, domainTarget(D2))).toEqual([]);
    });

    it.each<[string | undefined, string | undefined, boolean]>([
      ['x.dev', 'A', true],
      ['X.Dev', 'a', true],
      ['x.y.dev', 'AAAA', true],
      ['x.dev.', 'A', true],
      ['dev', 'A', false],
      ['x.dev', 'TXT', false],
      ['www', 'A', false],
      ['@', 'A', false],
      ['x.dev', undefined, false], // the types fence needs a type
      [undefined, 'A', false], // the pattern needs a name
    ])('records:create on name %j type %j → %s', (name, type, expected) => {
      expect(isAllowed(a, 'records:create', recordTarget(D1, name, type), NOW)).toBe(expected);
      expect(isAllowed(a, 'records:update', recordTarget(D1, name, type), NOW)).toBe(expected);
      expect(isAllowed(a, 'records:read', recordTarget(D1, name, type), NOW)).toBe(expected);
    });

    it('never confer what the role lacks, even on a matching record', () => {
      expect(isAllowed(a, 'records:delete', recordTarget(D1, 'x.dev', 'A'), NOW)).toBe(false);
    });

    it('apply to their domain only', () => {
      expect(isAllowed(a, 'records:create', recordTarget(D2, 'x.dev', 'A'), NOW)).toBe(false);
      expect(isAllowed(a, 'domains:read', domainTarget(D2), NOW)).toBe(false);
    });

    it('decide non-record permissions at domain level, whatever record is named', () => {
      expect(isAllowed(a, 'domains:read', recordTarget(D1, 'www', 'MX'), NOW)).toBe(true);
    });

    it('need the target’s tenant, like every non-platform source', () => {
      expect(isAllowed(a, 'domains:read', { domainId: D1 }, NOW)).toBe(false);
      expect(
        isAllowed(a, 'records:create', { domainId: D1, recordName: 'x.dev', recordType: 'A' }, NOW),
      ).toBe(false);
    });
  });

  it.each<[string, Partial<DomainGrant>, string | undefined, string | undefined, boolean]>([
    ['a name-only fence, name given', { recordPattern: 'www' }, 'www', 'TXT', true],
    ['a name-only fence, no type given', { recordPattern: 'www' }, 'www', undefined, true],
    ['a name-only fence, no name given', { recordPattern: 'www' }, undefined, 'TXT', false],
    ['a name-only fence, another name', { recordPattern: 'www' }, 'mail', 'A', false],
    ['a type-only fence, type given', { recordTypes: ['TXT'] }, undefined, 'TXT', true],
    ['a type-only fence, any name', { recordTypes: ['TXT'] }, 'x.y', 'txt', true],
    ['a type-only fence, no type given', { recordTypes: ['TXT'] }, 'x.y', undefined, false],
    ['a type-only fence, another type', { recordTypes: ['TXT'] }, 'x.y', 'A', false],
    ['an apex fence, apex', { recordPattern: '@' }, '@', 'MX', true],
    ['an apex fence, empty name', { recordPattern: '@' }, '', 'MX', true],
    ['an apex fence, www', { recordPattern: '@' }, 'www', 'MX', false],
    ['an empty types list', { recordTypes: [] }, 'www', 'A', false],
  ])('records:update through %s (%j, %j) → %s', (_what, fence, name, type, expected) => {
    const a = access([], [grant(D1, editorPerms, fence)]);
    expect(isAllowed(a, 'records:update', recordTarget(D1, name, type), NOW)).toBe(expected);
  });

  it('restricted with a powerful role: no delegation, deletion or DNSSEC on the whole zone', () => {
    const a = access(
      [],
      [grant(D1, SYSTEM_ROLE_PERMISSIONS.domain_admin, { recordPattern: 'www' })],
    );
    expect(allowedOn(a, domainTarget(D1))).toEqual(['domains:read']);
    expect(allowedOn(a, recordTarget(D1, 'www', 'A'))).toEqual([
      'domains:read',
      'records:read',
      'records:create',
      'records:update',
      'records:delete',
    ]);
  });

  it('confer domains:read on their domain even when the role lacks it', () => {
    const unrestricted = access([], [grant(D1, ['records:update'])]);
    const restricted = access([], [grant(D1, ['records:update'], { recordPattern: 'www' })]);
    expect(allowedOn(unrestricted, domainTarget(D1))).toEqual(['domains:read', 'records:update']);
    expect(allowedOn(restricted, domainTarget(D1))).toEqual(['domains:read']);
  });

  it('add up with roles and with each other', () => {
    const a = access(
      [systemRole('read_only', 'domain', D1)],
      [
        grant(D1, editorPerms, { recordPattern: '*.dev' }),
        grant(D1, editorPerms, { recordPattern: 'www', recordTypes: ['CNAME'] }),
      ],
    );
    expect(isAllowed(a, 'records:read', domainTarget(D1), NOW)).toBe(true); // the role
    expect(isAllowed(a, 'records:create', domainTarget(D1), NOW)).toBe(false);
    expect(isAllowed(a, 'records:create', recordTarget(D1, 'a.dev', 'MX'), NOW)).toBe(true);
    expect(isAllowed(a, 'records:create', recordTarget(D1, 'www', 'CNAME'), NOW)).toBe(true);
    expect(isAllowed(a, 'records:create', recordTarget(D1, 'www', 'A'), NOW)).toBe(false);
  });
});

describe('effectivePermissions', () => {
  it('returns concrete catalogue permissions, never wildcards', () => {
    const a = access([systemRole('platform_admin', 'platform', null)]);
    expect([...effectivePermissions(a, {}, NOW)]).toEqual([...PERMISSIONS]);
  });

  it('is empty for nobody', () => {
    expect(effectivePermissions(access([]), domainTarget(D1), NOW).size).toBe(0);
  });
});

describe('visibleScope', () => {
  const mixed = access(
    [
      systemRole('read_only', 'partner', P1),
      systemRole('record_editor', 'tenant', T2),
      systemRole('domain_admin', 'domain', D1),
      { ...systemRole('tenant_admin', 'tenant', T3), expiresAt: before(1) },
    ],
    [
      grant(D2, SYSTEM_ROLE_PERMISSIONS.read_only),
      grant(D4, editorPerms, { recordPattern: '*.dev' }),
    ],
  );

  it.each<[string, Partial<ReturnType<typeof visibleScope>>]>([
    [
      'domains:read',
      {
        all: false,
        partnerIds: [P1],
        tenantIds: [T2],
        domainIds: [D1, D2, D4],
        partialDomainIds: [],
      },
    ],
    [
      'records:create',
      { all: false, partnerIds: [], tenantIds: [T2], domainIds: [D1], partialDomainIds: [D4] },
    ],
    [
      'records:read',
      {
        all: false,
        partnerIds: [P1],
        tenantIds: [T2],
        domainIds: [D1, D2],
        partialDomainIds: [D4],
      },
    ],
    [
      'records:delete',
      { all: false, partnerIds: [], tenantIds: [], domainIds: [D1], partialDomainIds: [] },
    ],
    [
      'admin:read',
      { all: false, partnerIds: [], tenantIds: [], domainIds: [], partialDomainIds: [] },
    ],
    [
      'records:*',
      { all: false, partnerIds: [], tenantIds: [], domainIds: [], partialDomainIds: [] },
    ],
  ])('for %s', (permission, expected) => {
    expect(visibleScope(mixed, permission, NOW)).toEqual(expected);
  });

  it('is `all` for a platform role', () => {
    const a = access([systemRole('read_only', 'platform', null)]);
    expect(visibleScope(a, 'domains:read', NOW).all).toBe(true);
    expect(visibleScope(a, 'domains:delete', NOW).all).toBe(false);
  });

  it('is empty when the API key’s scopes exclude the permission', () => {
    const a = access([systemRole('platform_admin', 'platform', null)], [], ['roles:read']);
    expect(visibleScope(a, 'domains:read', NOW)).toEqual({
      all: false,
      partnerIds: [],
      tenantIds: [],
      domainIds: [],
      partialDomainIds: [],
    });
    expect(visibleScope(a, 'records:read', NOW).all).toBe(false);
    // A record scope sees the zones its records are in.
    const records = access([systemRole('platform_admin', 'platform', null)], [], ['records:read']);
    expect(visibleScope(records, 'domains:read', NOW).all).toBe(true);
    expect(visibleScope(records, 'records:read', NOW).all).toBe(true);
  });

  it.each(PERMISSIONS)('agrees with isAllowed on every domain for %s', (permission) => {
    const scope = visibleScope(mixed, permission, NOW);
    for (const d of DOMAINS) {
      const visible =
        scope.all ||
        scope.partnerIds.includes(d.partnerId) ||
        scope.tenantIds.includes(d.tenantId) ||
        scope.domainIds.includes(d.domainId);
      expect([d.domainId, visible]).toEqual([
        d.domainId,
        isAllowed(mixed, permission, domainTarget(d.domainId), NOW),
      ]);
    }
  });
});

describe('recordAccess', () => {
  const a = access(
    [systemRole('read_only', 'domain', D2)],
    [
      grant(D1, SYSTEM_ROLE_PERMISSIONS.record_editor, {
        recordPattern: '*.dev',
        recordTypes: ['A'],
      }),
      grant(D1, ['records:read'], { recordPattern: 'www' }),
    ],
  );

  it('is `all` where the permission holds at domain level', () => {
    expect(recordAccess(a, 'records:read', domainTarget(D2), NOW)).toEqual({
      all: true,
      rules: [],
    });
  });

  it('lists the fences of the restricted grants that hold the permission', () => {
    expect(recordAccess(a, 'records:read', domainTarget(D1), NOW)).toEqual({
      all: false,
      rules: [
        { pattern: '*.dev', types: ['A'] },
        { pattern: 'www', types: null },
      ],
    });
    expect(recordAccess(a, 'records:update', domainTarget(D1), NOW).rules).toEqual([
      { pattern: '*.dev', types: ['A'] },
    ]);
  });

  it('is nothing where no grant holds the permission, or on another domain', () => {
    expect(hasRecordAccess(recordAccess(a, 'records:delete', domainTarget(D1), NOW))).toBe(false);
    expect(hasRecordAccess(recordAccess(a, 'records:read', domainTarget(D3), NOW))).toBe(false);
    expect(hasRecordAccess(recordAccess(a, 'records:update', domainTarget(D2), NOW))).toBe(false);
  });

  it('respects expiry and narrowing', () => {
    const expired = access(
      [],
      [grant(D1, ['records:read'], { recordPattern: 'www', expiresAt: NOW })],
    );
    expect(hasRecordAccess(recordAccess(expired, 'records:read', domainTarget(D1), NOW))).toBe(
      false,
    );
    const narrowed = { ...a, narrowTo: ['records:update'] };
    expect(recordAccess(narrowed, 'records:read', domainTarget(D1), NOW).rules).toEqual([]);
  });

  const names = ['www', 'a.dev', 'x.y.dev', 'dev', 'mail', '@'];
  const types = ['A', 'AAAA', 'TXT'];
  it.each(['records:read', 'records:update', 'records:delete'])(
    'filters records exactly as isAllowed decides them (%s)',
    (permission) => {
      const ra = recordAccess(a, permission, domainTarget(D1), NOW);
      for (const name of names) {
        for (const type of types) {
          expect([name, type, recordAccessAllows(ra, name, type)]).toEqual([
            name,
            type,
            isAllowed(a, permission, recordTarget(D1, name, type), NOW),
          ]);
        }
      }
    },
  );
});
