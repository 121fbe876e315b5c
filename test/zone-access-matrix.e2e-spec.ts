import { AccessGrant, ApiKey, Group, SYSTEM_ROLE_IDS, type SystemRoleName } from '@app/core';
import {
  AccessService,
  newApiKeySecret,
  permissionMatches,
  SYSTEM_ROLE_PERMISSIONS,
} from '@app/identity';
import request from 'supertest';
import { dig } from './support/dig';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

/**
 * Every zone-scoped operation × every system role, plus the two callers an ACME client is given: an
 * API key whose permission source (a group) holds only an access grant fenced to TXT
 * `_acme-challenge`, and a user holding that grant directly. The fenced callers may do the DNS-01
 * dance (create, list, delete the TXT) and nothing else in the zone: every other operation is a 403,
 * or a 404 for a record they can't see.
 */

type Caller = SystemRoleName | 'acme key' | 'acme user';
type Outcome = 'allowed' | 403 | 404;

interface Zone {
  readonly id: string;
  readonly name: string;
}

interface RouteCase {
  readonly name: string;
  /** Every permission the operation needs (a role passes with all of them). */
  readonly permissions: readonly string[];
  /** What the fenced ACME callers get. */
  readonly fenced: Outcome;
  /** Destroys or rewrites the zone it runs on: allowed callers get a fresh zone. */
  readonly consumes?: boolean;
  /** Needs a zone waiting for validation: allowed callers get a fresh pending one. */
  readonly pending?: boolean;
  call(auth: Record<string, string>, zone: Zone): Promise<request.Response>;
}

const ROLES = Object.keys(SYSTEM_ROLE_IDS) as SystemRoleName[];
const FENCED: Caller[] = ['acme key', 'acme user'];
let seq = 0;
const unique = (p: string) => `${p}${Date.now().toString(36)}${(seq += 1)}`;

function holds(role: SystemRoleName, permission: string): boolean {
  return SYSTEM_ROLE_PERMISSIONS[role].some((g) => permissionMatches(g, permission));
}

function expected(caller: Caller, route: RouteCase): Outcome {
  if (caller === 'acme key' || caller === 'acme user') return route.fenced;
  if (!holds(caller, 'domains:read')) return 404;
  return route.permissions.every((p) => holds(caller, p)) ? 'allowed' : 403;
}

describe('zone access matrix (e2e): every zone operation × every role and the ACME fence', () => {
  let h: IdentityHarness;
  let admin: TestUser;
  let zone: Zone;
  const auths = new Map<Caller, Record<string, string>>();
  let acmeKeySecret: string;

  const api = () => request(h.http);
  const adminAuth = () => admin.auth();

  /**
   * A zone of the tenant with a few records, made as a tenant admin without validation bypass would
   * (pending, with a challenge) and then activated; `pending` leaves it waiting for validation.
   */
  async function newZone(pending = false): Promise<Zone> {
    const name = `${unique('zm')}.example.com`;
    const owner = auths.get('tenant_admin') ?? adminAuth();
    const res = await api().post('/api/v1/domains').set(owner).send({ name }).expect(200);
    const made = { id: res.body.id as string, name };
    if (pending) return made;
    await api().post(`/api/v1/domains/${made.id}/validation/check`).set(adminAuth()).expect(200);
    for (const [type, rname, content] of [
      ['A', 'www', '192.0.2.1'],
      ['MX', '@', '10 mail.example.net.'],
      ['TXT', '_acme-challenge', '"earlier"'],
      ['TXT', 'info', '"not yours"'],
    ] as const) {
      await api()
        .post(`/api/v1/domains/${made.id}/records`)
        .set(adminAuth())
        .send({ name: rname, type, content })
        .expect(200);
    }
    return made;
  }

  /** A record the fenced callers can't see, made fresh by the admin; returns its id. */
  async function otherRecord(z: Zone): Promise<string> {
    const res = await api()
      .post(`/api/v1/domains/${z.id}/records`)
      .set(adminAuth())
      .send({ name: unique('m'), type: 'A', content: '192.0.2.50' })
      .expect(200);
    return res.body.id as string;
  }

  async function fencedGrant(grantee: { type: 'user' | 'group'; id: string }, z: Zone) {
    const repo = h.dataSource.getRepository(AccessGrant);
    await repo.save(
      repo.create({
        tenantId: admin.tenantId,
        domainId: z.id,
        granteeType: grantee.type,
        granteeId: grantee.id,
        roleId: SYSTEM_ROLE_IDS.domain_admin,
        recordPattern: '_acme-challenge',
        recordTypes: ['TXT'],
      }),
    );
  }

  const routes: RouteCase[] = [
    {
      name: 'GET /domains/{id}',
      permissions: ['domains:read'],
      fenced: 'allowed',
      call: (auth, z) => api().get(`/api/v1/domains/${z.id}`).set(auth),
    },
    {
      name: 'PATCH /domains/{id}',
      permissions: ['domains:update'],
      fenced: 403,
      call: (auth, z) =>
        api().patch(`/api/v1/domains/${z.id}`).set(auth).send({ description: 'changed' }),
    },
    {
      name: 'DELETE /domains/{id} (soft)',
      permissions: ['domains:delete'],
      fenced: 403,
      consumes: true,
      call: (auth, z) => api().delete(`/api/v1/domains/${z.id}`).set(auth),
    },
    {
      name: 'DELETE /domains/{id}?hard=true',
      permissions: ['domains:delete'],
      fenced: 403,
      consumes: true,
      call: (auth, z) => api().delete(`/api/v1/domains/${z.id}?hard=true`).set(auth),
    },
    {
      name: 'POST /domains/{id}/restore',
      permissions: ['domains:delete'],
      fenced: 403,
      consumes: true,
      call: async (auth, z) => {
        // A fresh zone is deleted first (only a deleted zone can be restored); callers refused get
        // the shared, active zone and are turned away before that matters.
        if (z.id !== zone.id) {
          await api().delete(`/api/v1/domains/${z.id}`).set(adminAuth()).expect(204);
        }
        return api().post(`/api/v1/domains/${z.id}/restore`).set(auth);
      },
    },
    {
      name: 'GET /domains/{id}/records',
      permissions: ['records:read'],
      fenced: 'allowed',
      call: (auth, z) => api().get(`/api/v1/domains/${z.id}/records`).set(auth),
    },
    {
      name: 'POST /domains/{id}/records (A www2)',
      permissions: ['records:create'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/records`)
          .set(auth)
          .send({ name: unique('www'), type: 'A', content: '192.0.2.2' }),
    },
    {
      name: 'POST /domains/{id}/records (A _acme-challenge)',
      permissions: ['records:create'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/records`)
          .set(auth)
          .send({ name: '_acme-challenge', type: 'A', content: '192.0.2.3' }),
    },
    {
      name: 'POST /domains/{id}/records (TXT _acme-challenge)',
      permissions: ['records:create'],
      fenced: 'allowed',
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/records`)
          .set(auth)
          .send({ name: '_acme-challenge', type: 'TXT', content: `"${unique('token')}"` }),
    },
    {
      name: 'GET /domains/{id}/records/{other}',
      permissions: ['records:read'],
      fenced: 404,
      call: async (auth, z) =>
        api()
          .get(`/api/v1/domains/${z.id}/records/${await otherRecord(z)}`)
          .set(auth),
    },
    {
      name: 'PATCH /domains/{id}/records/{other}',
      permissions: ['records:update'],
      fenced: 404,
      call: async (auth, z) =>
        api()
          .patch(`/api/v1/domains/${z.id}/records/${await otherRecord(z)}`)
          .set(auth)
          .send({ ttl: 600 }),
    },
    {
      name: 'DELETE /domains/{id}/records/{other}',
      permissions: ['records:delete'],
      fenced: 404,
      call: async (auth, z) =>
        api()
          .delete(`/api/v1/domains/${z.id}/records/${await otherRecord(z)}`)
          .set(auth),
    },
    {
      name: 'POST /domains/{id}/records/bulk (A)',
      permissions: ['records:create'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/records/bulk`)
          .set(auth)
          .send({ records: [{ name: unique('b'), type: 'A', content: '192.0.2.4' }] }),
    },
    {
      name: 'POST /domains/{id}/records/bulk-delete {other}',
      permissions: ['records:delete'],
      fenced: 404,
      call: async (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/records/bulk-delete`)
          .set(auth)
          .send({ record_ids: [await otherRecord(z)] }),
    },
    {
      name: 'POST /domains/{id}/records/search',
      permissions: ['records:read'],
      fenced: 'allowed',
      call: (auth, z) =>
        api().post(`/api/v1/domains/${z.id}/records/search`).set(auth).send({ query: 'zm' }),
    },
    {
      name: 'POST /domains/{id}/import merge (A)',
      permissions: ['records:create'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/import`)
          .set(auth)
          .send({ content: `${unique('imp')} 300 IN A 192.0.2.5\n`, mode: 'merge' }),
    },
    {
      name: 'POST /domains/{id}/import preview (A)',
      permissions: ['records:create'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/import`)
          .set(auth)
          .send({ content: `${unique('imp')} 300 IN A 192.0.2.5\n`, preview: true }),
    },
    {
      name: 'POST /domains/{id}/import replace (TXT _acme-challenge only)',
      permissions: ['records:create', 'records:delete'],
      fenced: 'allowed',
      consumes: true,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/import`)
          .set(auth)
          .send({ content: '_acme-challenge 300 IN TXT "replaced"\n', mode: 'replace' }),
    },
    {
      name: 'POST /domains/{id}/import replace (A)',
      permissions: ['records:create', 'records:delete'],
      fenced: 403,
      consumes: true,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/import`)
          .set(auth)
          .send({ content: 'www 300 IN A 192.0.2.9\n', mode: 'replace' }),
    },
    {
      name: 'POST /domains/{id}/import/text merge (A)',
      permissions: ['records:create'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/import/text`)
          .set(auth)
          .send({ format: 'bind', mode: 'merge', content: `${unique('imp')} 300 IN A 192.0.2.5` }),
    },
    {
      name: 'POST /domains/{id}/import/preview (A)',
      permissions: ['records:create'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/import/preview`)
          .set(auth)
          .send({ content: `${unique('imp')} 300 IN A 192.0.2.5` }),
    },
    {
      name: 'POST /domains/{id}/import/file merge (A)',
      permissions: ['records:create'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/import/file`)
          .set(auth)
          .field('mode', 'merge')
          .attach('file', Buffer.from(`${unique('imp')} 300 IN A 192.0.2.5\n`), 'zone.zone'),
    },
    {
      name: 'GET /domains/{id}/export',
      permissions: ['records:read'],
      fenced: 'allowed',
      call: (auth, z) => api().get(`/api/v1/domains/${z.id}/export`).set(auth),
    },
    {
      name: 'GET /domains/{id}/export/download',
      permissions: ['records:read'],
      fenced: 'allowed',
      call: (auth, z) => api().get(`/api/v1/domains/${z.id}/export/download`).set(auth),
    },
    {
      name: 'GET /domains/{id}/validation',
      permissions: ['domains:read'],
      fenced: 'allowed',
      call: (auth, z) => api().get(`/api/v1/domains/${z.id}/validation`).set(auth),
    },
    {
      name: 'POST /domains/{id}/validation',
      permissions: ['domains:create'],
      fenced: 403,
      call: (auth, z) =>
        api().post(`/api/v1/domains/${z.id}/validation`).set(auth).send({ type: 'txt_record' }),
    },
    {
      name: 'POST /domains/{id}/validation/check',
      permissions: ['domains:create'],
      fenced: 403,
      call: (auth, z) => api().post(`/api/v1/domains/${z.id}/validation/check`).set(auth),
    },
    {
      name: 'DELETE /domains/{id}/validation',
      permissions: ['domains:create'],
      fenced: 403,
      pending: true,
      call: (auth, z) => api().delete(`/api/v1/domains/${z.id}/validation`).set(auth),
    },
    {
      name: 'GET /domains/{id}/access-grants',
      permissions: ['access_grants:read'],
      fenced: 403,
      call: (auth, z) => api().get(`/api/v1/domains/${z.id}/access-grants`).set(auth),
    },
    {
      name: 'POST /domains/{id}/access-grants',
      permissions: ['access_grants:manage'],
      fenced: 403,
      call: (auth, z) =>
        api()
          .post(`/api/v1/domains/${z.id}/access-grants`)
          .set(auth)
          .send({ grantee_type: 'user', grantee_id: admin.id, role: 'record_editor' }),
    },
    {
      name: 'GET /domains/{id}/dnssec',
      permissions: ['dnssec:read'],
      fenced: 403,
      call: (auth, z) => api().get(`/api/v1/domains/${z.id}/dnssec`).set(auth),
    },
    {
      name: 'POST /domains/{id}/dnssec/enable',
      permissions: ['dnssec:enable'],
      fenced: 403,
      consumes: true,
      call: (auth, z) => api().post(`/api/v1/domains/${z.id}/dnssec/enable`).set(auth).send({}),
    },
  ];

  beforeAll(async () => {
    h = await startIdentityHarness();
    const users = await newTenant(h, ROLES.length + 2);
    admin = users[0];
    await grantSystemRole(h, admin, 'tenant_admin');
    await grantSystemRole(h, admin, 'validation_bypass');
    for (const [i, role] of ROLES.entries()) {
      const user = users[i + 1];
      await grantSystemRole(
        h,
        user,
        role,
        role === 'platform_admin' ? { type: 'platform', id: null } : undefined,
      );
      auths.set(role, user.auth());
    }
    zone = await newZone();
    // The ACME client's key: its permissions are those of a group holding only the fenced grant.
    const groups = h.dataSource.getRepository(Group);
    const group = await groups.save(
      groups.create({ scaikeyId: unique('grp_acme'), tenantId: admin.tenantId, name: 'acme' }),
    );
    await fencedGrant({ type: 'group', id: group.id }, zone);
    const issued = newApiKeySecret(process.env.API_KEY_PEPPER ?? '');
    const keys = h.dataSource.getRepository(ApiKey);
    await keys.save(
      keys.create({
        tenantId: admin.tenantId,
        userId: admin.id,
        name: 'acme client',
        keyPrefix: issued.prefix,
        keyHash: issued.hash,
        status: 'active',
        permissionSource: 'group',
        permissionSourceId: group.id,
        useCount: 0,
      }),
    );
    acmeKeySecret = issued.secret;
    auths.set('acme key', { 'X-API-Key': acmeKeySecret });
    const acmeUser = users[ROLES.length + 1];
    await fencedGrant({ type: 'user', id: acmeUser.id }, zone);
    auths.set('acme user', acmeUser.auth());
    await h.app.get(AccessService).invalidateAll();
  });

  afterAll(async () => {
    await api().delete(`/api/v1/domains/${zone.id}?hard=true`).set(adminAuth());
    await h.close();
  });

  const cases = [...ROLES, ...FENCED].flatMap((caller) =>
    routes.map((route) => [caller, route.name] as const),
  );

  it.each(cases)('%s → %s', async (caller, routeName) => {
    const route = routes.find((r) => r.name === routeName);
    if (!route) throw new Error(routeName);
    const want = expected(caller, route);
    const fresh = want === 'allowed' && !FENCED.includes(caller);
    const target =
      fresh && route.pending
        ? await newZone(true)
        : fresh && route.consumes
          ? await newZone()
          : zone;
    const res = await route.call(auths.get(caller) ?? {}, target);
    if (want === 'allowed') {
      // Through the access checks: whatever the operation answers, it is not a refusal or a failure.
      if ([401, 403, 404].includes(res.status) || res.status >= 500) {
        throw new Error(
          `expected ${caller} through, got ${res.status} ${JSON.stringify(res.body)}`,
        );
      }
    } else {
      expect({ status: res.status, body: res.body }).toEqual({
        status: want,
        body: { detail: expect.any(String) },
      });
    }
    if (target !== zone) {
      await api().delete(`/api/v1/domains/${target.id}?hard=true`).set(adminAuth());
    }
  });

  describe('the ACME dance with the fenced key', () => {
    const key = () => ({ 'X-API-Key': acmeKeySecret });
    const names = (body: { data: { name: string; type: string }[] }) =>
      body.data.map((r) => `${r.name} ${r.type}`);

    it('creates the challenge TXT, sees it over DNS, and deletes it again', async () => {
      const token = `"${unique('dance')}"`;
      const created = await api()
        .post(`/api/v1/domains/${zone.id}/records`)
        .set(key())
        .send({ name: '_acme-challenge', type: 'TXT', content: token, ttl: 60 })
        .expect(200);
      expect(dig(`_acme-challenge.${zone.name}`, 'TXT').answers.map((a) => a.data)).toContain(
        token,
      );
      await api()
        .delete(`/api/v1/domains/${zone.id}/records/${created.body.id}`)
        .set(key())
        .expect(204);
      expect(dig(`_acme-challenge.${zone.name}`, 'TXT').answers.map((a) => a.data)).not.toContain(
        token,
      );
    });

    it('lists, searches and exports only the records inside its fence', async () => {
      const listed = await api()
        .get(`/api/v1/domains/${zone.id}/records?include_system=true`)
        .set(key())
        .expect(200);
      expect(new Set(names(listed.body))).toEqual(new Set([`_acme-challenge.${zone.name}. TXT`]));
      const found = await api()
        .post(`/api/v1/domains/${zone.id}/records/search`)
        .set(key())
        .send({ query: zone.name.split('.')[0] })
        .expect(200);
      expect(new Set(names(found.body))).toEqual(new Set([`_acme-challenge.${zone.name}. TXT`]));
      const everywhere = await api()
        .post('/api/v1/records/search')
        .set(key())
        .send({ query: zone.name.split('.')[0] })
        .expect(200);
      expect(new Set(names(everywhere.body))).toEqual(
        new Set([`_acme-challenge.${zone.name}. TXT`]),
      );
      const exported = await api().get(`/api/v1/domains/${zone.id}/export`).set(key()).expect(200);
      const text = exported.body.zone_file as string;
      expect(text).toContain('_acme-challenge');
      for (const hidden of ['www', 'MX', 'SOA', 'info', 'not yours']) {
        expect(text).not.toContain(hidden);
      }
    });

    it('an import in replace mode replaces only inside the fence; merge of an A is refused', async () => {
      await api()
        .post(`/api/v1/domains/${zone.id}/import`)
        .set(key())
        .send({ content: `www 300 IN A 192.0.2.77\n`, mode: 'merge' })
        .expect(403);
      await api()
        .post(`/api/v1/domains/${zone.id}/import`)
        .set(key())
        .send({ content: '_acme-challenge 60 IN TXT "only"\n', mode: 'replace' })
        .expect(200);
      const all = await api()
        .get(`/api/v1/domains/${zone.id}/records?page_size=100`)
        .set(adminAuth())
        .expect(200);
      const rows = all.body.data as { name: string; type: string; content: string }[];
      expect(
        rows.filter((r) => r.name === `_acme-challenge.${zone.name}.` && r.type === 'TXT'),
      ).toEqual([expect.objectContaining({ type: 'TXT', content: '"only"' })]);
      // Everything outside the fence is still there.
      expect(rows.map((r) => `${r.name} ${r.type}`)).toEqual(
        expect.arrayContaining([
          `www.${zone.name}. A`,
          `${zone.name}. MX`,
          `info.${zone.name}. TXT`,
        ]),
      );
      expect(rows.find((r) => r.name === `www.${zone.name}.`)?.content).toBe('192.0.2.1');
    });
  });

  describe('PTRs under a fence', () => {
    let reverse: Zone;
    const now = Date.now();
    const net = `10.${Math.floor(now / 1000) % 250}.${now % 250}`;

    beforeAll(async () => {
      const made = await api()
        .post('/api/v1/reverse-zones')
        .set(adminAuth())
        .send({ cidr: `${net}.0/24` })
        .expect(200);
      reverse = { id: made.body.id, name: made.body.name };
      // The ACME key's group also holds a grant on the reverse zone, fenced to the PTR of .5.
      const group = await h.dataSource
        .getRepository(Group)
        .findOneByOrFail({ name: 'acme', tenantId: admin.tenantId });
      const repo = h.dataSource.getRepository(AccessGrant);
      await repo.save(
        repo.create({
          tenantId: admin.tenantId,
          domainId: reverse.id,
          granteeType: 'group',
          granteeId: group.id,
          roleId: SYSTEM_ROLE_IDS.domain_admin,
          recordPattern: '5',
          recordTypes: ['PTR'],
        }),
      );
      await h.app.get(AccessService).invalidateAll();
    });

    afterAll(async () => {
      await api().delete(`/api/v1/domains/${reverse.id}?hard=true`).set(adminAuth());
    });

    const key = () => ({ 'X-API-Key': acmeKeySecret });

    it('sets and deletes the PTR inside the fence and no other', async () => {
      await api()
        .post(`/api/v1/reverse-zones/${reverse.id}/ptr`)
        .set(key())
        .send({ ip: `${net}.5`, hostname: 'five.example.com' })
        .expect(200);
      await api()
        .post(`/api/v1/reverse-zones/${reverse.id}/ptr`)
        .set(key())
        .send({ ip: `${net}.6`, hostname: 'six.example.com' })
        .expect(403);
      await api()
        .post(`/api/v1/reverse-zones/${reverse.id}/ptr/bulk`)
        .set(key())
        .send({
          records: [
            { ip: `${net}.5`, hostname: 'five.example.com' },
            { ip: `${net}.7`, hostname: 'seven.example.com' },
          ],
        })
        .expect(403);
      await api()
        .post(`/api/v1/reverse-zones/${reverse.id}/ptr`)
        .set(adminAuth())
        .send({ ip: `${net}.8`, hostname: 'eight.example.com' })
        .expect(200);
      const listed = await api()
        .get(`/api/v1/reverse-zones/${reverse.id}/ptr`)
        .set(key())
        .expect(200);
      expect(listed.body.data.map((p: { ip: string }) => p.ip)).toEqual([`${net}.5`]);
      await api().delete(`/api/v1/reverse-zones/${reverse.id}/ptr/${net}.8`).set(key()).expect(403);
      await api().delete(`/api/v1/reverse-zones/${reverse.id}/ptr/${net}.5`).set(key()).expect(204);
      const left = await api()
        .get(`/api/v1/reverse-zones/${reverse.id}/ptr`)
        .set(adminAuth())
        .expect(200);
      expect(left.body.data.map((p: { ip: string }) => p.ip)).toEqual([`${net}.8`]);
    });
  });
});
