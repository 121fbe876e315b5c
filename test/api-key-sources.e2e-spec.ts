import { AuditLog, Group } from '@app/core';
import request from 'supertest';
import { dig } from './support/dig';
import {
  grantSystemRole,
  type IdentityHarness,
  newActiveZone,
  newTenant,
  signIn,
  startIdentityHarness,
  type TestUser,
  type ZoneFixture,
} from './support/identity';

/**
 * Whose permissions a key may carry: a tenant admin (roles:assign) makes the ACME client's key from a
 * group or a service user holding only a grant fenced to TXT `_acme-challenge`; nobody hands out
 * more than they hold; other tenants' principals are 404. (What that key may do in every zone
 * operation is the role × route matrix's business.)
 */
describe('API keys carrying a group or service user (e2e)', () => {
  let h: IdentityHarness;
  let secret: string;
  let fx: ZoneFixture;
  let acmeGroup: Group;

  beforeAll(async () => {
    h = await startIdentityHarness();
    secret = h.standIn.env().SCAIKEY_WEBHOOK_SECRET;
    fx = await newActiveZone(h, 'acme');
    acmeGroup = await mirroredGroup(fx.admin, 'ACME clients');
    await request(h.http)
      .post('/api/v1/roles')
      .set(fx.admin.auth())
      .send({
        name: 'acme_client',
        permissions: ['records:read', 'records:create', 'records:delete'],
      })
      .expect(200);
    await fencedGrant('group', acmeGroup.id);
  });

  afterAll(async () => {
    await fx.remove();
    await h.close();
  });

  /** A ScaiKey group of the user's tenant, mirrored through its group.created event. */
  async function mirroredGroup(member: TestUser, name: string): Promise<Group> {
    const record = h.standIn.directory.addGroup({ tenant_id: member.record.tenant_id, name });
    const delivery = await h.standIn.sendWebhook(h.http, secret, {
      event_type: 'group.created',
      data: { ...record },
    });
    expect(delivery.status).toBe(200);
    return h.dataSource.getRepository(Group).findOneByOrFail({ scaikeyId: record.id });
  }

  /** The ACME grant: acme_client on the zone, only TXT `_acme-challenge`. */
  async function fencedGrant(granteeType: 'user' | 'group', granteeId: string): Promise<void> {
    await request(h.http)
      .post(`/api/v1/domains/${fx.domainId}/access-grants`)
      .set(fx.admin.auth())
      .send({
        grantee_type: granteeType,
        grantee_id: granteeId,
        role: 'acme_client',
        record_pattern: '_acme-challenge',
        record_types: ['TXT'],
      })
      .expect(200);
  }

  const createKey = (
    who: TestUser,
    source: 'user' | 'group',
    sourceId: string,
    extra: Record<string, unknown> = {},
  ) =>
    request(h.http)
      .post('/api/v1/api-keys/')
      .set(who.auth())
      .send({
        name: 'certbot',
        permission_source: source,
        permission_source_id: sourceId,
        ...extra,
      });
  const records = (key: string) => ({
    create: (body: Record<string, unknown>) =>
      request(h.http)
        .post(`/api/v1/domains/${fx.domainId}/records`)
        .set('X-API-Key', key)
        .send(body),
    delete: (id: string) =>
      request(h.http).delete(`/api/v1/domains/${fx.domainId}/records/${id}`).set('X-API-Key', key),
  });

  it("a tenant admin makes the ACME client's key from a group it is not in; the key does the DNS-01 dance", async () => {
    // Scopes the fenced grant confers only on its records are accepted, and they are enough: a
    // record scope sees the zone its records are in (no domains:read needed).
    const created = await createKey(fx.admin, 'group', acmeGroup.id, {
      scopes: ['records:create', 'records:delete'],
    }).expect(200);
    expect(created.body).toMatchObject({
      permission_source: 'group',
      permission_source_id: acmeGroup.id,
    });
    const { id: keyId, key } = created.body as { id: string; key: string };

    const me = await request(h.http).get('/api/v1/auth/me').set('X-API-Key', key).expect(200);
    expect(me.body).toMatchObject({
      id: fx.admin.id,
      auth: { kind: 'api_key', api_key_id: keyId },
    });

    const txt = await records(key)
      .create({ name: '_acme-challenge', type: 'TXT', content: '"token"' })
      .expect(200);
    expect(dig(`_acme-challenge.${fx.zone}`, 'TXT').answers.map((a) => a.data)).toEqual([
      '"token"',
    ]);
    // The fence holds: nothing else in the zone.
    await records(key).create({ name: 'www', type: 'A', content: '192.0.2.1' }).expect(403);
    await records(key)
      .delete(txt.body.id as string)
      .expect(204);
    expect(dig(`_acme-challenge.${fx.zone}`, 'TXT').answers).toEqual([]);

    // The key is its creator's: listed and revoked by them.
    const mine = await request(h.http).get('/api/v1/api-keys').set(fx.admin.auth()).expect(200);
    expect(mine.body.data.map((k: { id: string }) => k.id)).toContain(keyId);
    const audit = await h.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ resourceId: keyId, action: 'api_key.create' });
    expect(audit).toMatchObject({ actorId: fx.admin.id });
    expect(audit.details).toMatchObject({
      after: {
        permission_source: 'group',
        permission_source_id: acmeGroup.id,
        permission_source_name: 'ACME clients',
      },
    });
    await request(h.http)
      .post(`/api/v1/api-keys/${keyId}/revoke`)
      .set(fx.admin.auth())
      .send({})
      .expect(200);
    await request(h.http).get('/api/v1/auth/me').set('X-API-Key', key).expect(401);
  });

  it('or from a service user that never signs in', async () => {
    const record = h.standIn.directory.addUser({
      tenant_id: fx.admin.record.tenant_id,
      email: `certbot-${Date.now()}@example.test`,
    });
    const mirrored = await h.standIn.sendWebhook(h.http, secret, {
      event_type: 'user.created',
      data: { ...record },
    });
    expect(mirrored.status).toBe(200);
    const service = await request(h.http)
      .get(`/api/v1/admin/users/${record.id}`)
      .set((await platformAdmin()).auth())
      .expect(200);
    const serviceUserId = service.body.id as string;
    await fencedGrant('user', serviceUserId);

    const created = await createKey(fx.admin, 'user', serviceUserId).expect(200);
    const { key } = created.body as { key: string };
    const txt = await records(key)
      .create({ name: '_acme-challenge', type: 'TXT', content: '"other-token"' })
      .expect(200);
    await records(key)
      .delete(txt.body.id as string)
      .expect(204);
    const audit = await h.dataSource
      .getRepository(AuditLog)
      .findOneByOrFail({ resourceId: created.body.id, action: 'api_key.create' });
    expect(audit.details).toMatchObject({ after: { permission_source_name: record.email } });

    // The service user switched off in ScaiKey: the key carries nothing any more.
    await h.standIn.sendWebhook(h.http, secret, {
      event_type: 'user.suspended',
      data: { id: record.id, tenant_id: record.tenant_id },
    });
    await records(key)
      .create({ name: '_acme-challenge', type: 'TXT', content: '"late"' })
      .expect(404);
  });

  it('scopes may name what the fenced grant confers, nothing more', async () => {
    const res = await createKey(fx.admin, 'group', acmeGroup.id, {
      scopes: ['records:create', 'domains:delete'],
    }).expect(400);
    expect(res.body.detail).toMatchObject({ field: 'scopes' });
  });

  it('a member without roles:assign may not make a key for another user or group (403)', async () => {
    const member = await signIn(
      h,
      h.standIn.directory.addUser({ tenant_id: fx.admin.record.tenant_id }),
    );
    await request(h.http)
      .post('/api/v1/roles')
      .set(fx.admin.auth())
      .send({ name: 'key_maker', permissions: ['api_keys:create', 'api_keys:read'] })
      .expect(200);
    await request(h.http)
      .post('/api/v1/roles/assignments')
      .set(fx.admin.auth())
      .send({ role: 'key_maker', principal_type: 'user', principal_id: member.id })
      .expect(200);

    for (const [source, id] of [
      ['group', acmeGroup.id],
      ['user', fx.admin.id],
    ] as const) {
      const res = await createKey(member, source, id).expect(403);
      expect(res.body.detail).toMatch(/needs roles:assign/);
    }
    // Their own permissions they may still give a key.
    await createKey(member, 'user', member.id).expect(200);
  });

  it("another tenant's group or user is 404", async () => {
    const [stranger] = await newTenant(h, 1);
    const theirGroup = await mirroredGroup(stranger, 'Elsewhere');
    expect((await createKey(fx.admin, 'group', theirGroup.id).expect(404)).body).toEqual({
      detail: 'Group not found',
    });
    expect((await createKey(fx.admin, 'user', stranger.id).expect(404)).body).toEqual({
      detail: 'User not found',
    });
  });

  it('nobody hands out more than they hold: a group holding what the admin lacks is refused', async () => {
    const mighty = await mirroredGroup(fx.admin, 'Platform operators');
    await grantSystemRole(
      h,
      { id: mighty.id, tenantId: fx.admin.tenantId },
      'platform_admin',
      { type: 'platform', id: null },
      'group',
    );
    const res = await createKey(fx.admin, 'group', mighty.id).expect(403);
    expect(res.body.detail).toMatch(/holds access you don't.*platform_admin at platform/);
  });

  async function platformAdmin(): Promise<TestUser> {
    const [admin] = await newTenant(h, 1);
    await grantSystemRole(h, admin, 'platform_admin', { type: 'platform', id: null });
    return admin;
  }
});
