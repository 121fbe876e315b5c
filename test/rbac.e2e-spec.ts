import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { getRepositoryToken, TypeOrmModule } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DeepPartial, ObjectLiteral, Repository } from 'typeorm';
import {
  AccessGrant,
  CoreModule,
  connectRedis,
  createRedisClient,
  Domain,
  Group,
  GroupMembership,
  Partner,
  REDIS,
  Role,
  RoleAssignment,
  SYSTEM_ROLE_IDS,
  Tenant,
  User,
} from '@app/core';
import {
  type AccessTarget,
  AccessService,
  type Caller,
  isAllowed,
  type PrincipalAccess,
  RBAC_GENERATION_KEY,
  SYSTEM_ROLE_PERMISSIONS,
} from '@app/identity';

/**
 * AccessService against the real MariaDB and Redis: loading assignments and grants of a user and its
 * (nested, even cyclic) groups, API-key sources, and the generation-keyed cache with its invalidation.
 */
describe('RBAC access loading (e2e)', () => {
  const ENTITIES = [Partner, Tenant, User, Group, GroupMembership, Role, RoleAssignment, Domain];
  const tag = randomUUID().slice(0, 8);
  const now = () => new Date();
  const DAY = 24 * 3600 * 1000;

  let moduleRef: TestingModule;
  let service: AccessService;
  let redis: Redis;
  const repo = <T extends ObjectLiteral>(entity: new () => T): Repository<T> =>
    moduleRef.get<Repository<T>>(getRepositoryToken(entity));
  const insert = async <T extends ObjectLiteral>(
    entity: new () => T,
    values: DeepPartial<T>,
  ): Promise<T> => repo(entity).save(repo(entity).create(values));

  // Fixtures: tenant A (of a partner) with domains a1, a2; tenant B with domain b1.
  // alice ∈ team; team ∈ dept; dept ∈ org; org ∈ team (a cycle). bob ∈ ops.
  let partner: Partner;
  let tenantA: Tenant;
  let tenantB: Tenant;
  let alice: User;
  let bob: User;
  let team: Group;
  let dept: Group;
  let org: Group;
  let ops: Group;
  let a1: Domain;
  let a2: Domain;
  let b1: Domain;

  const domainTarget = (d: Domain, record?: { name?: string; type?: string }): AccessTarget => ({
    partnerId: d.tenantId === tenantA.id ? partner.id : null,
    tenantId: d.tenantId,
    domainId: d.id,
    recordName: record?.name,
    recordType: record?.type,
  });

  const callerFor = (user: User, extra: Partial<Caller> = {}): Caller => ({
    kind: 'user',
    userId: user.id,
    scaikeyUserId: user.scaikeyId,
    email: user.email,
    tenantId: user.tenantId,
    scaikeyTenantId: `sk-t-${tag}`,
    partnerId: user.tenantId === tenantA.id ? partner.id : null,
    groupIds: [],
    scaikeyRoles: [],
    tokenScopes: [],
    apiKey: null,
    ip: '127.0.0.1',
    userAgent: null,
    requestId: null,
    ...extra,
  });
  const groupKeyCaller = (owner: User, groupId: string, scopes: string[] | null): Caller =>
    callerFor(owner, {
      kind: 'api_key',
      apiKey: {
        id: randomUUID(),
        prefix: 'sdk_live_x',
        permissionSource: 'group',
        permissionSourceId: groupId,
        scopes,
        rateLimit: null,
      },
    });

  const assign = (
    principal: User | Group,
    roleName: keyof typeof SYSTEM_ROLE_IDS,
    scope: { type: 'tenant' | 'domain'; id: string; tenantId: string },
    expiresAt: Date | null = null,
  ) =>
    insert(RoleAssignment, {
      roleId: SYSTEM_ROLE_IDS[roleName],
      principalType: principal instanceof User ? 'user' : 'group',
      principalId: principal.id,
      scopeType: scope.type,
      scopeId: scope.id,
      tenantId: scope.tenantId,
      expiresAt,
    });
  const member = (group: Group, m: User | Group) =>
    insert(GroupMembership, {
      groupId: group.id,
      memberType: m instanceof User ? 'user' : 'group',
      memberId: m.id,
    });

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(), TypeOrmModule.forFeature([...ENTITIES, AccessGrant])],
      providers: [AccessService],
    }).compile();
    await moduleRef.init();
    service = moduleRef.get(AccessService);
    redis = moduleRef.get<Redis>(REDIS);

    partner = await insert(Partner, { scaikeyId: `sk-p-${tag}`, name: `Partner ${tag}` });
    tenantA = await insert(Tenant, {
      scaikeyId: `sk-ta-${tag}`,
      name: `Tenant A ${tag}`,
      partnerId: partner.id,
    });
    tenantB = await insert(Tenant, { scaikeyId: `sk-tb-${tag}`, name: `Tenant B ${tag}` });
    const user = (t: Tenant, name: string) =>
      insert(User, {
        scaikeyId: `sk-${name}-${tag}`,
        tenantId: t.id,
        email: `${name}-${tag}@x.test`,
      });
    alice = await user(tenantA, 'alice');
    bob = await user(tenantB, 'bob');
    const group = (t: Tenant, name: string) =>
      insert(Group, { scaikeyId: `sk-${name}-${tag}`, tenantId: t.id, name: `${name}-${tag}` });
    team = await group(tenantA, 'team');
    dept = await group(tenantA, 'dept');
    org = await group(tenantA, 'org');
    ops = await group(tenantB, 'ops');
    await member(team, alice);
    await member(dept, team);
    await member(org, dept);
    await member(team, org);
    await member(ops, bob);
    const domain = (t: Tenant, name: string) =>
      insert(Domain, {
        tenantId: t.id,
        name: `${name}-${tag}.test`,
        unicodeName: `${name}-${tag}.test`,
        domainType: 'primary',
        status: 'active',
      });
    a1 = await domain(tenantA, 'a1');
    a2 = await domain(tenantA, 'a2');
    b1 = await domain(tenantB, 'b1');

    const onA = { type: 'tenant', id: tenantA.id, tenantId: tenantA.id } as const;
    await assign(alice, 'read_only', onA);
    await assign(org, 'record_editor', { type: 'domain', id: a1.id, tenantId: tenantA.id });
    await assign(
      dept,
      'domain_admin',
      { type: 'domain', id: a2.id, tenantId: tenantA.id },
      new Date(Date.now() - DAY),
    );
    // Tenant B's custom role assigned inside tenant A: the loader must ignore it.
    const foreignRole = await insert(Role, {
      tenantId: tenantB.id,
      name: `b-custom-${tag}`,
      permissions: ['domains:*'],
    });
    await insert(RoleAssignment, {
      roleId: foreignRole.id,
      principalType: 'user',
      principalId: alice.id,
      scopeType: 'tenant',
      scopeId: tenantA.id,
      tenantId: tenantA.id,
    });
    await insert(AccessGrant, {
      tenantId: tenantA.id,
      domainId: a2.id,
      granteeType: 'group',
      granteeId: team.id,
      roleId: SYSTEM_ROLE_IDS.record_editor,
      recordPattern: '*.dev',
      recordTypes: ['A'],
    });
    await insert(AccessGrant, {
      tenantId: tenantB.id,
      domainId: b1.id,
      granteeType: 'user',
      granteeId: bob.id,
      roleId: SYSTEM_ROLE_IDS.domain_manager,
    });
    await service.invalidateAll();
  });

  afterAll(async () => {
    await moduleRef?.close();
  });

  it('the database holds the system roles with the permissions the RBAC code knows', async () => {
    const rows = await repo(Role).find({
      where: Object.values(SYSTEM_ROLE_IDS).map((id) => ({ id })),
    });
    expect(Object.fromEntries(rows.map((r) => [r.name, r.permissions]))).toEqual(
      SYSTEM_ROLE_PERMISSIONS,
    );
  });

  describe('groups', () => {
    it('closes a user’s groups over nesting, through a cycle', async () => {
      expect(await service.groupClosure(alice.id)).toEqual([team.id, dept.id, org.id].sort());
      expect(await service.groupClosure(bob.id)).toEqual([ops.id]);
      expect(await service.groupClosure(randomUUID())).toEqual([]);
    });

    it('finds a group’s ancestors (the group itself included)', async () => {
      expect(await service.groupAncestors([ops.id])).toEqual([ops.id]);
      expect(await service.groupAncestors([org.id])).toEqual([team.id, dept.id, org.id].sort());
    });

    it('caches the closure under the same generation', async () => {
      expect(await service.cachedGroupClosure(alice.id)).toEqual(
        await service.groupClosure(alice.id),
      );
    });
  });

  describe('loadPrincipalAccess', () => {
    it('merges the user’s and its groups’ live assignments and grants', async () => {
      const access = await service.loadPrincipalAccess({
        userId: alice.id,
        groupIds: await service.groupClosure(alice.id),
      });
      const roles = access.roles.map((r) => [r.roleName, r.scopeType, r.scopeId]);
      expect(roles.sort()).toEqual(
        [
          ['read_only', 'tenant', tenantA.id],
          ['record_editor', 'domain', a1.id], // org's, three levels up
        ].sort(),
      );
      expect(access.roles.every((r) => r.source === 'assignment')).toBe(true);
      expect(access.grants).toEqual([
        expect.objectContaining({
          domainId: a2.id,
          roleName: 'record_editor',
          permissions: SYSTEM_ROLE_PERMISSIONS.record_editor,
          recordPattern: '*.dev',
          recordTypes: ['A'],
          expiresAt: null,
        }),
      ]);
      expect(access.narrowTo).toBeNull();
    });

    it('is empty for nobody', async () => {
      expect(await service.loadPrincipalAccess({ groupIds: [] })).toEqual({
        roles: [],
        grants: [],
        narrowTo: null,
      });
    });
  });

  describe('accessFor + isAllowed', () => {
    const can = (access: PrincipalAccess, permission: string, target: AccessTarget) =>
      isAllowed(access, permission, target, now());

    it('a token caller gets its own, its groups’ and its nested groups’ roles and grants', async () => {
      const access = await service.accessFor(callerFor(alice));
      expect(can(access, 'domains:read', domainTarget(a1))).toBe(true); // own read_only
      expect(can(access, 'records:create', domainTarget(a1))).toBe(true); // via team→dept→org
      expect(can(access, 'records:delete', domainTarget(a1))).toBe(false);
      expect(can(access, 'domains:delete', domainTarget(a2))).toBe(false); // dept's, expired
      expect(can(access, 'domains:update', domainTarget(a1))).toBe(false); // foreign role ignored
      expect(can(access, 'records:create', domainTarget(a2, { name: 'x.dev', type: 'A' }))).toBe(
        true,
      ); // team's grant
      expect(can(access, 'records:create', domainTarget(a2, { name: 'www', type: 'A' }))).toBe(
        false,
      );
      expect(can(access, 'records:create', domainTarget(a2))).toBe(false);
      expect(can(access, 'domains:read', domainTarget(b1))).toBe(false); // another tenant
    });

    it('adds the roles ScaiKey admin roles imply', async () => {
      const plain = await service.accessFor(callerFor(alice));
      const admin = await service.accessFor(callerFor(alice, { scaikeyRoles: ['tenant_admin'] }));
      expect(can(plain, 'domains:delete', domainTarget(a2))).toBe(false);
      expect(can(admin, 'domains:delete', domainTarget(a2))).toBe(true);
      expect(can(admin, 'domains:delete', domainTarget(b1))).toBe(false);
    });

    it('a user’s unrestricted grant reaches the whole domain and nothing else', async () => {
      const access = await service.accessFor(callerFor(bob));
      expect(can(access, 'records:delete', domainTarget(b1))).toBe(true);
      expect(can(access, 'dnssec:enable', domainTarget(b1))).toBe(false);
      expect(can(access, 'domains:read', { tenantId: tenantB.id })).toBe(false);
    });

    it('a group API key carries only the group’s (and its parents’) access, narrowed', async () => {
      const access = await service.accessFor(groupKeyCaller(alice, dept.id, ['records:*']));
      expect(access.narrowTo).toEqual(['records:*']);
      expect(can(access, 'records:create', domainTarget(a1))).toBe(true); // org is dept's parent
      // A record scope sees the zones its records are in.
      expect(can(access, 'domains:read', domainTarget(a1))).toBe(true);
      expect(can(access, 'domains:update', domainTarget(a1))).toBe(false); // narrowed out
      // alice's own read_only is not the key's
      expect(can(access, 'records:read', domainTarget(a2))).toBe(false);

      const opsKey = await service.accessFor(groupKeyCaller(bob, ops.id, null));
      expect(can(opsKey, 'records:read', domainTarget(b1))).toBe(false); // the grant is bob's
    });

    it('a user API key carries the user’s access without implied roles, narrowed', async () => {
      const caller = callerFor(alice, {
        kind: 'api_key',
        scaikeyRoles: ['tenant_admin'],
        apiKey: {
          id: randomUUID(),
          prefix: 'sdk_live_y',
          permissionSource: 'user',
          permissionSourceId: alice.id,
          scopes: ['domains:read', 'domains:delete'],
          rateLimit: null,
        },
      });
      const access = await service.accessFor(caller);
      expect(can(access, 'domains:read', domainTarget(a1))).toBe(true); // alice's read_only
      expect(can(access, 'domains:delete', domainTarget(a2))).toBe(false); // no implied tenant_admin
      expect(can(access, 'records:create', domainTarget(a1))).toBe(false); // narrowed out
    });
  });

  describe('the cache', () => {
    it('serves a cached entry until invalidateAll(), then the change at once', async () => {
      const caller = callerFor(alice);
      const target = domainTarget(a2);
      expect(await service.can(caller, 'dnssec:enable', target)).toBe(false); // now cached

      const added = await assign(alice, 'domain_admin', {
        type: 'domain',
        id: a2.id,
        tenantId: tenantA.id,
      });
      // Without invalidation the cached entry is served: proof that the cache is used at all.
      expect(await service.can(caller, 'dnssec:enable', target)).toBe(false);
      await service.invalidateAll();
      expect(await service.can(caller, 'dnssec:enable', target)).toBe(true);

      await repo(RoleAssignment).delete(added.id);
      await service.invalidateAll();
      expect(await service.can(caller, 'dnssec:enable', target)).toBe(false);
    });

    it('sees a membership change after invalidateAll()', async () => {
      const caller = callerFor(alice);
      expect(await service.can(caller, 'records:create', domainTarget(a1))).toBe(true);
      const link = await repo(GroupMembership).findOneByOrFail({
        groupId: team.id,
        memberType: 'user',
        memberId: alice.id,
      });
      await repo(GroupMembership).delete(link.id);
      await service.invalidateAll();
      try {
        expect(await service.can(caller, 'records:create', domainTarget(a1))).toBe(false);
        expect(await service.cachedGroupClosure(alice.id)).toEqual([]);
      } finally {
        await member(team, alice);
        await service.invalidateAll();
      }
      expect(await service.can(caller, 'records:create', domainTarget(a1))).toBe(true);
    });

    it('is shared by every process, and one invalidation retires it in all of them', async () => {
      const otherRedis = await connectRedis(createRedisClient(process.env.REDIS_URL ?? ''));
      const other = new AccessService(
        repo(RoleAssignment),
        repo(AccessGrant),
        repo(GroupMembership),
        repo(User),
        otherRedis,
      );
      try {
        const caller = callerFor(bob);
        const target = domainTarget(b1);
        expect(await other.can(caller, 'records:delete', target)).toBe(true);
        const grant = await repo(AccessGrant).findOneByOrFail({ granteeId: bob.id });
        await repo(AccessGrant).update(grant.id, { expiresAt: new Date(Date.now() - 1000) });
        await service.invalidateAll(); // "the other API process" made the change
        expect(await other.can(caller, 'records:delete', target)).toBe(false);
        await repo(AccessGrant).update(grant.id, { expiresAt: null });
        await other.invalidateAll();
        expect(await service.can(caller, 'records:delete', target)).toBe(true);
      } finally {
        otherRedis.disconnect();
      }
    });

    it('stores entries under the current generation, with a TTL', async () => {
      await service.accessFor(callerFor(bob));
      const gen = await redis.get(RBAC_GENERATION_KEY);
      const keys = await redis.keys(`rbac:v1:${gen}:access:u:${bob.id}:*`);
      expect(keys).toHaveLength(1);
      const ttl = await redis.ttl(keys[0]);
      expect(ttl).toBeGreaterThan(0);
      expect(ttl).toBeLessThanOrEqual(60);
    });

    it('falls back to the database when Redis is unreachable, and never throws', async () => {
      // A client whose connection is gone (already ended: nothing to clean up): every command
      // fails, as while Redis is down.
      const deadRedis = createRedisClient(process.env.REDIS_URL ?? '', { lazyConnect: true });
      await deadRedis.connect();
      const ended = new Promise((resolve) => deadRedis.once('end', resolve));
      await deadRedis.quit();
      await ended;
      const offline = new AccessService(
        repo(RoleAssignment),
        repo(AccessGrant),
        repo(GroupMembership),
        repo(User),
        deadRedis,
      );
      expect(await offline.can(callerFor(alice), 'records:create', domainTarget(a1))).toBe(true);
      await expect(offline.invalidateAll()).resolves.toBeUndefined();
    });

    it('ignores a corrupt cache entry', async () => {
      const caller = callerFor(bob);
      await service.accessFor(caller);
      const gen = await redis.get(RBAC_GENERATION_KEY);
      const [key] = await redis.keys(`rbac:v1:${gen}:access:u:${bob.id}:*`);
      await redis.set(key, '{"not":"access"', 'EX', 60);
      expect(await service.can(caller, 'records:delete', domainTarget(b1))).toBe(true);
    });
  });
});
