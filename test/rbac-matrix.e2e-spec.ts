import {
  AccessGrant,
  ApiKey,
  AuditLog,
  type Domain,
  Group,
  Role,
  RoleAssignment,
  SYSTEM_ROLE_IDS,
  SYSTEM_TEMPLATE_IDS,
  type SystemRoleName,
  Template,
} from '@app/core';
import { permissionMatches, SYSTEM_ROLE_PERMISSIONS } from '@app/identity';
import request from 'supertest';
import {
  grantSystemRole,
  type IdentityHarness,
  newDomain,
  newTenant,
  signIn,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

type Scope = 'tenant' | 'platform' | 'domain';

/** Fixtures of one tenant that routes act on: each allowed mutation gets fresh ones. */
interface Fixtures {
  admin: TestUser;
  member: TestUser;
  domain: Domain;
  role: () => Promise<Role>;
  assignment: () => Promise<RoleAssignment>;
  grant: () => Promise<AccessGrant>;
  /** A fresh user of the tenant, mirrored (signed in once). */
  user: () => Promise<TestUser>;
  group: Group;
  auditEntry: AuditLog;
  /** A zone made through the API (so PowerDNS has it): what template previews and applies act on. */
  zone: { id: string };
  /** A fresh custom template of the tenant. */
  template: () => Promise<Template>;
  /** A real zone (made through the API) in a DNSSEC state, removed after the suite. */
  signedZone: (dnssec: 'unsigned' | 'pending_ds' | 'active') => Promise<string>;
}

interface RouteCase {
  name: string;
  permission: string;
  scope: Scope;
  call: (caller: TestUser, f: Fixtures) => Promise<request.Response>;
}

let seq = 0;
const unique = (p: string) => `${p}_${Date.now().toString(36)}_${(seq += 1)}`;
/** Record patterns of the grants the matrix makes, one per call. */
let grantPatterns = 0;

/** Every permission-guarded route that exists so far. */
function routes(h: IdentityHarness): RouteCase[] {
  const http = () => request(h.http);
  const key = async (caller: TestUser) => {
    const repo = h.dataSource.getRepository(ApiKey);
    return repo.save(
      repo.create({
        tenantId: caller.tenantId,
        userId: caller.id,
        name: unique('k'),
        keyPrefix: unique('sdk_live_m').slice(0, 32),
        keyHash: 'x'.repeat(64),
        status: 'active',
        permissionSource: 'user',
        permissionSourceId: caller.id,
        useCount: 0,
      }),
    );
  };
  return [
    {
      name: 'GET /roles',
      permission: 'roles:read',
      scope: 'tenant',
      call: (c) => http().get('/api/v1/roles').set(c.auth()),
    },
    {
      name: 'POST /roles',
      permission: 'roles:create',
      scope: 'tenant',
      call: (c) =>
        http()
          .post('/api/v1/roles')
          .set(c.auth())
          .send({ name: unique('r'), permissions: ['domains:read'] }),
    },
    {
      name: 'GET /roles/{id}',
      permission: 'roles:read',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .get(`/api/v1/roles/${(await f.role()).id}`)
          .set(c.auth()),
    },
    {
      name: 'PATCH /roles/{id}',
      permission: 'roles:update',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .patch(`/api/v1/roles/${(await f.role()).id}`)
          .set(c.auth())
          .send({ description: 'x' }),
    },
    {
      name: 'DELETE /roles/{id}',
      permission: 'roles:delete',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .delete(`/api/v1/roles/${(await f.role()).id}`)
          .set(c.auth()),
    },
    {
      name: 'GET /roles/assignments',
      permission: 'roles:read',
      scope: 'tenant',
      call: (c) => http().get('/api/v1/roles/assignments').set(c.auth()),
    },
    {
      name: 'POST /roles/assignments',
      permission: 'roles:assign',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .post('/api/v1/roles/assignments')
          .set(c.auth())
          .send({
            role: 'record_editor',
            principal_type: 'user',
            principal_id: f.member.id,
            scope_type: 'domain',
            scope_id: (await newDomain(h, f.admin.tenantId)).id,
          }),
    },
    {
      name: 'DELETE /roles/assignments/{id}',
      permission: 'roles:assign',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .delete(`/api/v1/roles/assignments/${(await f.assignment()).id}`)
          .set(c.auth()),
    },
    {
      name: 'GET /api-keys',
      permission: 'api_keys:read',
      scope: 'tenant',
      call: (c) => http().get('/api/v1/api-keys').set(c.auth()),
    },
    {
      name: 'POST /api-keys',
      permission: 'api_keys:create',
      scope: 'tenant',
      call: (c) =>
        http()
          .post('/api/v1/api-keys')
          .set(c.auth())
          .send({ name: 'm', permission_source: 'user', permission_source_id: c.id }),
    },
    {
      name: 'GET /api-keys/{id}',
      permission: 'api_keys:read',
      scope: 'tenant',
      call: async (c) =>
        http()
          .get(`/api/v1/api-keys/${(await key(c)).id}`)
          .set(c.auth()),
    },
    {
      name: 'PATCH /api-keys/{id}',
      permission: 'api_keys:update',
      scope: 'tenant',
      call: async (c) =>
        http()
          .patch(`/api/v1/api-keys/${(await key(c)).id}`)
          .set(c.auth())
          .send({ name: 'n' }),
    },
    {
      name: 'POST /api-keys/{id}/revoke',
      permission: 'api_keys:update',
      scope: 'tenant',
      call: async (c) =>
        http()
          .post(`/api/v1/api-keys/${(await key(c)).id}/revoke`)
          .set(c.auth())
          .send({}),
    },
    {
      name: 'POST /api-keys/{id}/regenerate',
      permission: 'api_keys:update',
      scope: 'tenant',
      call: async (c) =>
        http()
          .post(`/api/v1/api-keys/${(await key(c)).id}/regenerate`)
          .set(c.auth()),
    },
    {
      name: 'DELETE /api-keys/{id}',
      permission: 'api_keys:delete',
      scope: 'tenant',
      call: async (c) =>
        http()
          .delete(`/api/v1/api-keys/${(await key(c)).id}`)
          .set(c.auth()),
    },
    {
      name: 'GET /audit-logs',
      permission: 'audit:read',
      scope: 'tenant',
      call: (c) => http().get('/api/v1/audit-logs/').set(c.auth()),
    },
    {
      name: 'GET /audit-logs/{id}',
      permission: 'audit:read',
      scope: 'tenant',
      call: (c, f) => http().get(`/api/v1/audit-logs/${f.auditEntry.id}`).set(c.auth()),
    },
    {
      name: 'GET /admin/audit-logs',
      permission: 'audit:read',
      scope: 'tenant',
      call: (c) => http().get('/api/v1/admin/audit-logs/').set(c.auth()),
    },
    {
      name: 'GET /admin/audit-logs/{id}',
      permission: 'audit:read',
      scope: 'tenant',
      call: (c, f) => http().get(`/api/v1/admin/audit-logs/${f.auditEntry.id}`).set(c.auth()),
    },
    ...(
      [
        ['partners', 'admin:read', 'platform'],
        ['tenants', 'admin:read', 'platform'],
        ['users/', 'roles:assign', 'tenant'],
        ['groups/', 'roles:assign', 'tenant'],
        ['config', 'admin:read', 'platform'],
        ['config/default_ttl', 'admin:read', 'platform'],
        ['authoritative-domains', 'admin:read', 'platform'],
      ] as const
    ).map(([path, permission, scope]): RouteCase => ({
      name: `GET /admin/${path}`,
      permission,
      scope,
      call: (c) => http().get(`/api/v1/admin/${path}`).set(c.auth()),
    })),
    {
      name: 'GET /admin/partners/{id}',
      permission: 'admin:read',
      scope: 'platform',
      call: (c, f) => http().get(`/api/v1/admin/partners/${f.admin.partnerId}`).set(c.auth()),
    },
    {
      name: 'GET /admin/tenants/{id}',
      permission: 'admin:read',
      scope: 'platform',
      call: (c, f) => http().get(`/api/v1/admin/tenants/${f.admin.tenantId}`).set(c.auth()),
    },
    {
      name: 'POST /admin/tenants',
      permission: 'admin:write',
      scope: 'platform',
      call: (c) => {
        const { tenant } = h.standIn.directory.seedTenant({});
        return http()
          .post('/api/v1/admin/tenants')
          .set(c.auth())
          .send({ name: tenant.name, slug: tenant.slug, scaikey_tenant_id: tenant.id });
      },
    },
    {
      name: 'PATCH /admin/tenants/{id}',
      permission: 'admin:write',
      scope: 'platform',
      call: (c, f) =>
        http()
          .patch(`/api/v1/admin/tenants/${f.admin.tenantId}`)
          .set(c.auth())
          .send({ settings: { matrix: true } }),
    },
    {
      name: 'PUT /admin/authoritative-domains',
      permission: 'admin:write',
      scope: 'platform',
      // The empty list other suites start from.
      call: (c) =>
        http().put('/api/v1/admin/authoritative-domains').set(c.auth()).send({ domains: [] }),
    },
    {
      name: 'GET /admin/users/{id}',
      permission: 'roles:assign',
      scope: 'tenant',
      call: (c, f) => http().get(`/api/v1/admin/users/${f.member.id}`).set(c.auth()),
    },
    {
      name: 'POST /admin/users',
      permission: 'roles:assign',
      scope: 'tenant',
      call: (c) =>
        http()
          .post('/api/v1/admin/users/')
          .set(c.auth())
          .send({ email: `${unique('m')}@example.test`, password: 'matrix password' }),
    },
    {
      name: 'POST /admin/users/invite',
      permission: 'roles:assign',
      scope: 'tenant',
      call: (c) =>
        http()
          .post('/api/v1/admin/users/invite')
          .set(c.auth())
          .send({ email: `${unique('i')}@example.test` }),
    },
    {
      name: 'PATCH /admin/users/{id}',
      permission: 'roles:assign',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .patch(`/api/v1/admin/users/${(await f.user()).id}`)
          .set(c.auth())
          .send({ display_name: 'matrix' }),
    },
    {
      name: 'DELETE /admin/users/{id}',
      permission: 'roles:assign',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .delete(`/api/v1/admin/users/${(await f.user()).id}`)
          .set(c.auth()),
    },
    {
      name: 'POST /admin/users/{id}/disable',
      permission: 'roles:assign',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .post(`/api/v1/admin/users/${(await f.user()).id}/disable`)
          .set(c.auth()),
    },
    {
      name: 'POST /admin/users/{id}/password',
      permission: 'roles:assign',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .post(`/api/v1/admin/users/${(await f.user()).id}/password`)
          .set(c.auth())
          .send({ password: 'matrix password' }),
    },
    {
      name: 'POST /admin/users/{id}/resend-invite',
      permission: 'roles:assign',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .post(`/api/v1/admin/users/${(await f.user()).id}/resend-invite`)
          .set(c.auth()),
    },
    {
      name: 'POST /admin/groups',
      permission: 'roles:assign',
      scope: 'tenant',
      call: (c) =>
        http()
          .post('/api/v1/admin/groups/')
          .set(c.auth())
          .send({ name: unique('g') }),
    },
    {
      name: 'GET /admin/groups/{id}',
      permission: 'roles:assign',
      scope: 'tenant',
      call: (c, f) => http().get(`/api/v1/admin/groups/${f.group.id}`).set(c.auth()),
    },
    {
      name: 'PATCH /admin/config/{key}',
      permission: 'admin:write',
      scope: 'platform',
      // The seeded value: allowed callers change nothing other suites rely on.
      call: (c) =>
        http()
          .patch('/api/v1/admin/config/max_records_per_bulk')
          .set(c.auth())
          .send({ value: 1000 }),
    },
    {
      name: 'GET /templates',
      permission: 'templates:read',
      scope: 'tenant',
      call: (c) => http().get('/api/v1/templates/').set(c.auth()),
    },
    {
      name: 'POST /templates',
      permission: 'templates:create',
      scope: 'tenant',
      call: (c) =>
        http()
          .post('/api/v1/templates/')
          .set(c.auth())
          .send({ name: unique('t'), records: [{ name: 'www', type: 'A', content: '192.0.2.1' }] }),
    },
    {
      name: 'GET /templates/variables',
      permission: 'templates:read',
      scope: 'tenant',
      call: (c) => http().get('/api/v1/templates/variables').set(c.auth()),
    },
    {
      name: 'GET /templates/{id}',
      permission: 'templates:read',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .get(`/api/v1/templates/${(await f.template()).id}`)
          .set(c.auth()),
    },
    {
      name: 'PATCH /templates/{id}',
      permission: 'templates:update',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .patch(`/api/v1/templates/${(await f.template()).id}`)
          .set(c.auth())
          .send({ description: 'x' }),
    },
    {
      name: 'DELETE /templates/{id}',
      permission: 'templates:delete',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .delete(`/api/v1/templates/${(await f.template()).id}`)
          .set(c.auth()),
    },
    {
      name: 'GET /templates/{id}/required-variables',
      permission: 'templates:read',
      scope: 'tenant',
      call: async (c, f) =>
        http()
          .get(`/api/v1/templates/${(await f.template()).id}/required-variables`)
          .set(c.auth()),
    },
    {
      name: 'POST /templates/{id}/preview/{domain_id}',
      permission: 'records:create',
      scope: 'domain',
      call: (c, f) =>
        http()
          .post(`/api/v1/templates/${SYSTEM_TEMPLATE_IDS.google_workspace}/preview/${f.zone.id}`)
          .set(c.auth())
          .send({}),
    },
    {
      name: 'POST /templates/{id}/apply',
      permission: 'records:create',
      scope: 'domain',
      // Applied again by every allowed role: the first writes, the others find it there (no-op).
      call: (c, f) =>
        http()
          .post(`/api/v1/templates/${SYSTEM_TEMPLATE_IDS.google_workspace}/apply`)
          .set(c.auth())
          .send({ domain_id: f.zone.id }),
    },
    {
      name: 'GET /domains/{id}/access-grants',
      permission: 'access_grants:read',
      scope: 'domain',
      call: (c, f) => http().get(`/api/v1/domains/${f.domain.id}/access-grants`).set(c.auth()),
    },
    {
      name: 'POST /domains/{id}/access-grants',
      permission: 'access_grants:manage',
      scope: 'domain',
      call: (c, f) =>
        http()
          .post(`/api/v1/domains/${f.domain.id}/access-grants`)
          .set(c.auth())
          .send({
            grantee_type: 'user',
            grantee_id: f.member.id,
            role: 'record_editor',
            // One pattern per call: a grant identical to a live one is a 409.
            record_pattern: `*.dev${(grantPatterns += 1)}`,
            record_types: ['A'],
          }),
    },
    {
      name: 'GET /domains/{id}/access-grants/{grant}',
      permission: 'access_grants:read',
      scope: 'domain',
      call: async (c, f) =>
        http()
          .get(`/api/v1/domains/${f.domain.id}/access-grants/${(await f.grant()).id}`)
          .set(c.auth()),
    },
    {
      name: 'PATCH /domains/{id}/access-grants/{grant}',
      permission: 'access_grants:manage',
      scope: 'domain',
      call: async (c, f) =>
        http()
          .patch(`/api/v1/domains/${f.domain.id}/access-grants/${(await f.grant()).id}`)
          .set(c.auth())
          .send({ notes: 'n' }),
    },
    {
      name: 'DELETE /domains/{id}/access-grants/{grant}',
      permission: 'access_grants:manage',
      scope: 'domain',
      call: async (c, f) =>
        http()
          .delete(`/api/v1/domains/${f.domain.id}/access-grants/${(await f.grant()).id}`)
          .set(c.auth()),
    },
    {
      name: 'GET /domains/{id}/dnssec',
      permission: 'dnssec:read',
      scope: 'domain',
      call: (c, f) => http().get(`/api/v1/domains/${f.domain.id}/dnssec`).set(c.auth()),
    },
    ...(
      [
        ['enable', 'dnssec:enable', 'unsigned', {}],
        ['disable', 'dnssec:disable', 'active', { force: true }],
        ['rotate-zsk', 'dnssec:rotate', 'active', {}],
        ['rotate-ksk', 'dnssec:rotate', 'active', {}],
        ['confirm-ds-published', 'dnssec:enable', 'pending_ds', {}],
      ] as const
    ).map(([path, permission, state, body]): RouteCase => ({
      name: `POST /domains/{id}/dnssec/${path}`,
      permission,
      scope: 'domain',
      call: async (c, f) =>
        http()
          .post(`/api/v1/domains/${await f.signedZone(state)}/dnssec/${path}`)
          .set(c.auth())
          .send(body),
    })),
  ];
}

const ROLES = Object.keys(SYSTEM_ROLE_IDS) as SystemRoleName[];

function holds(role: SystemRoleName, permission: string): boolean {
  return SYSTEM_ROLE_PERMISSIONS[role].some((g) => permissionMatches(g, permission));
}

/** What the guard must answer: through (2xx), 403, or 404 for a domain the role can't even read. */
function expected(role: SystemRoleName, route: RouteCase): 'allowed' | 403 | 404 {
  if (route.scope === 'platform') return role === 'platform_admin' ? 'allowed' : 403;
  if (route.scope === 'domain' && !holds(role, 'domains:read')) return 404;
  return holds(role, route.permission) ? 'allowed' : 403;
}

describe('RBAC matrix (e2e): every system role × every permission-guarded route', () => {
  let h: IdentityHarness;
  let fixtures: Fixtures;
  const callers = new Map<SystemRoleName, TestUser>();
  /** Zones the DNSSEC rows made in PowerDNS. */
  const zones: string[] = [];

  async function buildFixtures(admin: TestUser, member: TestUser): Promise<Fixtures> {
    const domain = await newDomain(h, admin.tenantId);
    const ds = h.dataSource;
    const role = async () =>
      ds.getRepository(Role).save(
        ds.getRepository(Role).create({
          tenantId: admin.tenantId,
          name: unique('custom'),
          isSystem: false,
          permissions: ['domains:read'],
        }),
      );
    const assignment = async () =>
      ds.getRepository(RoleAssignment).save(
        ds.getRepository(RoleAssignment).create({
          roleId: SYSTEM_ROLE_IDS.record_editor,
          principalType: 'user',
          principalId: member.id,
          scopeType: 'domain',
          scopeId: (await newDomain(h, admin.tenantId)).id,
          tenantId: admin.tenantId,
        }),
      );
    const grant = async () =>
      ds.getRepository(AccessGrant).save(
        ds.getRepository(AccessGrant).create({
          tenantId: admin.tenantId,
          domainId: domain.id,
          granteeType: 'user',
          granteeId: member.id,
          roleId: SYSTEM_ROLE_IDS.record_editor,
        }),
      );
    const auditEntry = await ds.getRepository(AuditLog).save(
      ds.getRepository(AuditLog).create({
        tenantId: admin.tenantId,
        actorType: 'system',
        actorId: 'matrix',
        action: 'matrix.seed',
        resourceType: 'matrix',
        timestamp: new Date(),
      }),
    );
    const user = async () =>
      signIn(h, h.standIn.directory.addUser({ tenant_id: admin.record.tenant_id }));
    const group = await ds.getRepository(Group).save(
      ds.getRepository(Group).create({
        tenantId: admin.tenantId,
        scaikeyId: unique('grp_matrix'),
        name: unique('matrix group'),
        description: null,
        scaikeyUpdatedUs: null,
      }),
    );
    const made = await request(h.http)
      .post('/api/v1/domains')
      .set(admin.auth())
      .send({ name: `${unique('matrix').replace(/_/g, '-')}.example.com` });
    if (made.status !== 200) throw new Error(`zone: ${made.status} ${JSON.stringify(made.body)}`);
    const zone = { id: made.body.id as string };
    const template = async () =>
      ds.getRepository(Template).save(
        ds.getRepository(Template).create({
          tenantId: admin.tenantId,
          name: unique('tpl'),
          templateType: 'custom',
          records: [{ name: 'www', type: 'A', content: '${ip}', ttl: 300 }],
          variables: [{ name: 'ip', description: '', required: true }],
        }),
      );
    const signedZone = async (dnssec: 'unsigned' | 'pending_ds' | 'active'): Promise<string> => {
      const created = await request(h.http)
        .post('/api/v1/domains')
        .set(admin.auth())
        .send({ name: `${unique('z').replace(/_/g, '-')}.example.com` })
        .expect(200);
      const id = created.body.id as string;
      zones.push(id);
      const step = (path: string) =>
        request(h.http)
          .post(`/api/v1/domains/${id}/dnssec/${path}`)
          .set(admin.auth())
          .send({})
          .expect(200);
      if (dnssec !== 'unsigned') await step('enable');
      if (dnssec === 'active') await step('confirm-ds-published');
      return id;
    };
    return {
      admin,
      member,
      domain,
      role,
      assignment,
      grant,
      user,
      group,
      auditEntry,
      zone,
      template,
      signedZone,
    };
  }

  beforeAll(async () => {
    h = await startIdentityHarness();
    const users = await newTenant(h, ROLES.length + 1);
    const member = users[ROLES.length];
    for (const [i, role] of ROLES.entries()) {
      const user = users[i];
      await grantSystemRole(
        h,
        user,
        role,
        role === 'platform_admin' ? { type: 'platform', id: null } : undefined,
      );
      callers.set(role, user);
    }
    fixtures = await buildFixtures(users[0], member);
  });

  afterAll(async () => {
    await request(h.http)
      .delete(`/api/v1/domains/${fixtures.zone.id}?hard=true`)
      .set(fixtures.admin.auth());
    for (const id of zones) {
      await request(h.http).delete(`/api/v1/domains/${id}?hard=true`).set(fixtures.admin.auth());
    }
    await h.close();
  });

  const cases = ROLES.flatMap((role) =>
    routes({} as IdentityHarness).map((route) => [role, route.name] as const),
  );

  it.each(cases)('%s → %s', async (role, routeName) => {
    const route = routes(h).find((r) => r.name === routeName);
    if (!route) throw new Error(routeName);
    const res = await route.call(callers.get(role) as TestUser, fixtures);
    const want = expected(role, route);
    if (want === 'allowed') {
      const through = [200, 201, 204].includes(res.status) ? 'through' : res.status;
      expect({ status: through, body: res.body }).toEqual({
        status: 'through',
        body: expect.anything(),
      });
    } else {
      expect({ status: res.status, body: res.body }).toEqual({
        status: want,
        body: { detail: expect.any(String) },
      });
    }
  });

  describe("another tenant's caller gets 404 on every tenant-scoped resource of the first", () => {
    let stranger: TestUser;

    beforeAll(async () => {
      [stranger] = await newTenant(h, 1);
      await grantSystemRole(h, stranger, 'tenant_admin');
    });

    const probes: [
      string,
      (f: Fixtures, auth: Record<string, string>) => Promise<request.Response>,
    ][] = [
      [
        'GET custom role',
        async (f, auth) =>
          request(h.http)
            .get(`/api/v1/roles/${(await f.role()).id}`)
            .set(auth),
      ],
      [
        'PATCH custom role',
        async (f, auth) =>
          request(h.http)
            .patch(`/api/v1/roles/${(await f.role()).id}`)
            .set(auth)
            .send({ description: 'x' }),
      ],
      [
        'DELETE custom role',
        async (f, auth) =>
          request(h.http)
            .delete(`/api/v1/roles/${(await f.role()).id}`)
            .set(auth),
      ],
      [
        'DELETE assignment',
        async (f, auth) =>
          request(h.http)
            .delete(`/api/v1/roles/assignments/${(await f.assignment()).id}`)
            .set(auth),
      ],
      [
        'GET audit entry',
        async (f, auth) => request(h.http).get(`/api/v1/audit-logs/${f.auditEntry.id}`).set(auth),
      ],
      [
        'GET grants of the domain',
        async (f, auth) =>
          request(h.http).get(`/api/v1/domains/${f.domain.id}/access-grants`).set(auth),
      ],
      [
        'GET a grant',
        async (f, auth) =>
          request(h.http)
            .get(`/api/v1/domains/${f.domain.id}/access-grants/${(await f.grant()).id}`)
            .set(auth),
      ],
      [
        'POST a grant',
        async (f, auth) =>
          request(h.http)
            .post(`/api/v1/domains/${f.domain.id}/access-grants`)
            .set(auth)
            .send({ grantee_type: 'user', grantee_id: f.member.id, role: 'record_editor' }),
      ],
      [
        'DELETE a grant',
        async (f, auth) =>
          request(h.http)
            .delete(`/api/v1/domains/${f.domain.id}/access-grants/${(await f.grant()).id}`)
            .set(auth),
      ],
      [
        'GET their user at /admin/users',
        async (f, auth) => request(h.http).get(`/api/v1/admin/users/${f.member.id}`).set(auth),
      ],
      [
        'PATCH their user at /admin/users',
        async (f, auth) =>
          request(h.http)
            .patch(`/api/v1/admin/users/${f.member.id}`)
            .set(auth)
            .send({ display_name: 'x' }),
      ],
      [
        'DELETE their user at /admin/users',
        async (f, auth) => request(h.http).delete(`/api/v1/admin/users/${f.member.id}`).set(auth),
      ],
      [
        'set their user’s password',
        async (f, auth) =>
          request(h.http)
            .post(`/api/v1/admin/users/${f.member.id}/password`)
            .set(auth)
            .send({ password: 'long enough' }),
      ],
      [
        'list their users by tenant_id',
        async (f, auth) =>
          request(h.http).get(`/api/v1/admin/users/?tenant_id=${f.admin.tenantId}`).set(auth),
      ],
      [
        'create a user in their tenant',
        async (f, auth) =>
          request(h.http)
            .post('/api/v1/admin/users')
            .set(auth)
            .send({ tenant_id: f.admin.tenantId, email: 'x@example.test' }),
      ],
      [
        'GET their group at /admin/groups',
        async (f, auth) => request(h.http).get(`/api/v1/admin/groups/${f.group.id}`).set(auth),
      ],
      [
        'GET their audit entry at /admin/audit-logs',
        async (f, auth) =>
          request(h.http).get(`/api/v1/admin/audit-logs/${f.auditEntry.id}`).set(auth),
      ],
      [
        'GET custom template',
        async (f, auth) =>
          request(h.http)
            .get(`/api/v1/templates/${(await f.template()).id}`)
            .set(auth),
      ],
      [
        'GET required variables of a custom template',
        async (f, auth) =>
          request(h.http)
            .get(`/api/v1/templates/${(await f.template()).id}/required-variables`)
            .set(auth),
      ],
      [
        'PATCH custom template',
        async (f, auth) =>
          request(h.http)
            .patch(`/api/v1/templates/${(await f.template()).id}`)
            .set(auth)
            .send({ name: 'mine' }),
      ],
      [
        'DELETE custom template',
        async (f, auth) =>
          request(h.http)
            .delete(`/api/v1/templates/${(await f.template()).id}`)
            .set(auth),
      ],
      [
        'preview a template on the zone',
        async (f, auth) =>
          request(h.http)
            .post(`/api/v1/templates/${SYSTEM_TEMPLATE_IDS.google_workspace}/preview/${f.zone.id}`)
            .set(auth)
            .send({}),
      ],
      [
        'apply a template to the zone',
        async (f, auth) =>
          request(h.http)
            .post(`/api/v1/templates/${SYSTEM_TEMPLATE_IDS.google_workspace}/apply`)
            .set(auth)
            .send({ domain_id: f.zone.id }),
      ],
      [
        'GET the DNSSEC state of the domain',
        async (f, auth) => request(h.http).get(`/api/v1/domains/${f.domain.id}/dnssec`).set(auth),
      ],
      ...['enable', 'disable', 'rotate-zsk', 'rotate-ksk', 'confirm-ds-published'].map(
        (
          path,
        ): [string, (f: Fixtures, auth: Record<string, string>) => Promise<request.Response>] => [
          `POST dnssec/${path}`,
          async (f, auth) =>
            request(h.http)
              .post(`/api/v1/domains/${await f.signedZone('active')}/dnssec/${path}`)
              .set(auth)
              .send({ force: true }),
        ],
      ),
      [
        'assign a role to their user',
        async (f, auth) =>
          request(h.http)
            .post('/api/v1/roles/assignments')
            .set(auth)
            .send({ role: 'read_only', principal_type: 'user', principal_id: f.member.id }),
      ],
    ];

    it.each(probes)('%s', async (_name, probe) => {
      const res = await probe(fixtures, stranger.auth());
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: { detail: expect.stringMatching(/not found/) },
      });
    });

    it("an API key of the first tenant's user is 404 to the stranger", async () => {
      const created = await request(h.http)
        .post('/api/v1/api-keys')
        .set(fixtures.admin.auth())
        .send({ name: 'x', permission_source: 'user', permission_source_id: fixtures.admin.id })
        .expect(200);
      await request(h.http)
        .get(`/api/v1/api-keys/${created.body.id}`)
        .set(stranger.auth())
        .expect(404);
    });

    it('lists show nothing of the first tenant', async () => {
      const roles = await request(h.http).get('/api/v1/roles').set(stranger.auth()).expect(200);
      expect(
        roles.body.data.filter(
          (r: { tenant_id: string | null }) => r.tenant_id === fixtures.admin.tenantId,
        ),
      ).toEqual([]);
      for (const path of ['/api/v1/audit-logs', '/api/v1/admin/audit-logs']) {
        const logs = await request(h.http).get(path).set(stranger.auth()).expect(200);
        expect(
          logs.body.data.filter(
            (e: { tenant_id: string }) => e.tenant_id === fixtures.admin.tenantId,
          ),
        ).toEqual([]);
      }
      for (const path of ['/api/v1/admin/users/', '/api/v1/admin/groups/']) {
        const list = await request(h.http).get(path).set(stranger.auth()).expect(200);
        expect(list.body.data.map((x: { tenant_id: string }) => x.tenant_id)).toEqual(
          list.body.data.map(() => stranger.tenantId),
        );
      }
      const templates = await request(h.http)
        .get('/api/v1/templates/')
        .set(stranger.auth())
        .expect(200);
      expect(
        templates.body.data.filter(
          (t: { tenant_id: string | null }) => t.tenant_id === fixtures.admin.tenantId,
        ),
      ).toEqual([]);
      const assignments = await request(h.http)
        .get('/api/v1/roles/assignments')
        .set(stranger.auth())
        .expect(200);
      expect(
        assignments.body.data.every(
          (a: { principal_id: string }) => a.principal_id !== fixtures.member.id,
        ),
      ).toBe(true);
    });
  });
});
