import { AuditLog, PlatformConfig, User } from '@app/core';
import request from 'supertest';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  signIn,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

/** The platform admin's identity endpoints and platform settings, against the ScaiKey stand-in. */
describe('admin identity endpoints (e2e)', () => {
  let h: IdentityHarness;
  let root: TestUser;
  let tenantAdmin: TestUser;
  let member: TestUser;

  beforeAll(async () => {
    h = await startIdentityHarness();
    [root] = await newTenant(h, 1);
    await grantSystemRole(h, root, 'platform_admin', { type: 'platform', id: null });
    [tenantAdmin, member] = await newTenant(h, 2);
    await grantSystemRole(h, tenantAdmin, 'tenant_admin');
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (path: string, who: TestUser = root) =>
    request(h.http).get(`/api/v1/admin/${path}`).set(who.auth());

  it('refuses every admin route to callers without platform roles (403)', async () => {
    const calls = (who: TestUser) => [
      get('partners', who),
      get('tenants', who),
      get(`tenants/${who.tenantId}`, who),
      request(h.http).post('/api/v1/admin/tenants').set(who.auth()).send({ scaikey_id: 'tnt_x' }),
      get('users/', who),
      get(`users/${who.id}`, who),
      request(h.http)
        .post('/api/v1/admin/users')
        .set(who.auth())
        .send({ tenant_id: who.tenantId, email: 'x@example.test' }),
      request(h.http).patch(`/api/v1/admin/users/${who.id}`).set(who.auth()).send({}),
      request(h.http).post(`/api/v1/admin/users/${who.id}/disable`).set(who.auth()),
      get('groups/', who),
      get('config', who),
      get('config/default_ttl', who),
      request(h.http).patch('/api/v1/admin/config/default_ttl').set(who.auth()).send({ value: 1 }),
    ];
    for (const who of [tenantAdmin, member]) {
      const answers = await Promise.all(calls(who));
      for (const [i, res] of answers.entries()) {
        expect({ call: i, status: res.status, body: res.body }).toEqual({
          call: i,
          status: 403,
          body: { detail: expect.any(String) },
        });
      }
    }
    await request(h.http).get('/api/v1/admin/users/').expect(401);
  });

  describe('partners and tenants', () => {
    it('lists and finds them, by local or ScaiKey id, snake_case and paged', async () => {
      const partners = await get('partners?page_size=1').expect(200);
      expect(partners.body).toMatchObject({ page: 1, page_size: 1 });
      expect(partners.body.total).toBeGreaterThanOrEqual(2);
      expect(partners.body.total_pages).toBe(partners.body.total);
      expect(partners.body.data).toHaveLength(1);
      const mine = await get(`partners?search=${member.record.partner_id}`).expect(200);
      expect(mine.body).toMatchObject({ total: 1, total_pages: 1 });
      // Mirrored from the first token (its name is unknown until a webhook or sync brings it).
      expect(mine.body.data[0]).toEqual({
        id: expect.any(String),
        scaikey_id: member.record.partner_id,
        name: member.record.partner_id,
        slug: null,
        status: 'active',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });

      const byScaiKeyId = await get(`tenants/${member.record.tenant_id}`).expect(200);
      const byLocalId = await get(`tenants/${member.tenantId}`).expect(200);
      expect(byScaiKeyId.body).toEqual(byLocalId.body);
      expect(byLocalId.body).toMatchObject({
        id: member.tenantId,
        scaikey_id: member.record.tenant_id,
        partner_scaikey_id: member.record.partner_id,
        status: 'active',
        user_count: 2,
        active_user_count: 2,
        group_count: 0,
      });
      const filtered = await get(`tenants?search=${member.record.tenant_id}`).expect(200);
      expect(filtered.body).toMatchObject({ total: 1, data: [{ id: member.tenantId }] });
      await get('tenants/tnt_missing').expect(404);
    });

    it('POST /admin/tenants starts mirroring a ScaiKey tenant; twice is 409; unknown is 404', async () => {
      const { tenant, partner } = h.standIn.directory.seedTenant({
        name: 'Acme',
        slug: `acme-${Date.now()}`,
      });
      const created = await request(h.http)
        .post('/api/v1/admin/tenants')
        .set(root.auth())
        .send({ scaikey_id: tenant.id })
        .expect(200);
      expect(created.body).toMatchObject({
        scaikey_id: tenant.id,
        name: 'Acme',
        slug: tenant.slug,
        partner_scaikey_id: partner.id,
        user_count: 0,
      });
      const audit = await h.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'identity.tenant.create', resourceId: created.body.id });
      expect(audit).toMatchObject({ actorType: 'user', actorId: root.id });
      await request(h.http)
        .post('/api/v1/admin/tenants')
        .set(root.auth())
        .send({ scaikey_id: tenant.id })
        .expect(409);
      await request(h.http)
        .post('/api/v1/admin/tenants')
        .set(root.auth())
        .send({ scaikey_id: 'tnt_nowhere' })
        .expect(404);
      await request(h.http).post('/api/v1/admin/tenants').set(root.auth()).send({}).expect(422);
    });
  });

  describe('users', () => {
    it('lists with filters and gets one by local or ScaiKey id', async () => {
      const list = await get(`users/?tenant_id=${member.record.tenant_id}&status=active`).expect(
        200,
      );
      expect(list.body).toMatchObject({ total: 2, page: 1, page_size: 50, total_pages: 1 });
      expect(list.body.data.map((u: { email: string }) => u.email).sort()).toEqual(
        [tenantAdmin.record.email, member.record.email].sort(),
      );
      const searched = await get(`users?search=${member.record.email}`).expect(200);
      expect(searched.body).toMatchObject({ total: 1 });

      const one = await get(`users/${member.record.id}`).expect(200);
      expect(one.body).toEqual({
        id: member.id,
        scaikey_id: member.record.id,
        tenant_id: member.tenantId,
        tenant_scaikey_id: member.record.tenant_id,
        email: member.record.email,
        display_name: member.record.display_name,
        status: 'active',
        scaikey_status: 'active',
        assigned: true,
        scaikey_roles: [],
        last_login_at: null,
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect((await get(`users/${member.id}`).expect(200)).body).toEqual(one.body);
      await get('users/usr_missing').expect(404);
      await get('users?status=gone').expect(422);
    });

    it('creates (and invites) in ScaiKey, updates, suspends and disables — mirrored at once', async () => {
      const email = `new-${Date.now()}@example.test`;
      const created = await request(h.http)
        .post('/api/v1/admin/users')
        .set(root.auth())
        .send({
          tenant_id: member.record.tenant_id,
          email,
          display_name: 'New Person',
          send_invite: true,
        })
        .expect(200);
      const scaikeyId = created.body.scaikey_id as string;
      expect(created.body).toMatchObject({
        tenant_id: member.tenantId,
        email,
        display_name: 'New Person',
        status: 'active',
      });
      expect(h.standIn.directory.getUser(scaikeyId)).toMatchObject({ email, status: 'active' });
      expect(h.standIn.invitations).toContainEqual(expect.objectContaining({ user_id: scaikeyId }));

      const renamed = await request(h.http)
        .patch(`/api/v1/admin/users/${scaikeyId}`)
        .set(root.auth())
        .send({ display_name: 'Renamed Person', status: 'suspended' })
        .expect(200);
      expect(renamed.body).toMatchObject({ display_name: 'Renamed Person', status: 'suspended' });
      expect(h.standIn.directory.getUser(scaikeyId)).toMatchObject({ status: 'suspended' });
      await expect(signIn(h, h.standIn.directory.getUser(scaikeyId))).rejects.toThrow(
        /failed: 401/,
      );

      const disabled = await request(h.http)
        .post(`/api/v1/admin/users/${created.body.id}/disable`)
        .set(root.auth())
        .expect(200);
      expect(disabled.body).toMatchObject({ status: 'inactive', scaikey_status: 'deleted' });
      expect(h.standIn.directory.getUser(scaikeyId)).toMatchObject({ status: 'deleted' });

      const actions = (
        await h.dataSource
          .getRepository(AuditLog)
          .find({ where: { resourceId: created.body.id }, order: { timestamp: 'ASC' } })
      ).map((a) => [a.action, a.actorId]);
      expect(actions).toEqual([
        ['identity.user.create', root.id],
        ['identity.user.deactivate', root.id],
        ['identity.user.update', root.id],
      ]);
    });

    it("passes ScaiKey's refusals on: unknown tenant 404, duplicate e-mail 409, bad body 422", async () => {
      const body = { tenant_id: 'tnt_missing', email: 'x@example.test' };
      await request(h.http).post('/api/v1/admin/users').set(root.auth()).send(body).expect(404);
      await request(h.http)
        .post('/api/v1/admin/users')
        .set(root.auth())
        .send({ tenant_id: member.tenantId, email: member.record.email })
        .expect(409);
      await request(h.http)
        .post('/api/v1/admin/users')
        .set(root.auth())
        .send({ tenant_id: member.tenantId, email: 'not-an-email' })
        .expect(422);
    });
  });

  it('lists groups with member counts and shows one with its members', async () => {
    const group = h.standIn.directory.addGroup({
      tenant_id: member.record.tenant_id,
      name: 'Operators',
      members: [member.record.id],
    });
    await h.standIn.sendWebhook(h.http, h.standIn.env().SCAIKEY_WEBHOOK_SECRET, {
      event_type: 'group.member_added',
      data: { group_id: group.id, member_id: member.record.id },
    });
    const list = await get(`groups?tenant_id=${member.tenantId}`).expect(200);
    expect(list.body).toMatchObject({
      total: 1,
      data: [{ scaikey_id: group.id, name: 'Operators', member_count: 1 }],
    });
    const one = await get(`groups/${group.id}`).expect(200);
    expect(one.body.members).toEqual([
      { type: 'user', id: member.id, scaikey_id: member.record.id, name: member.record.email },
    ]);
  });

  describe('config', () => {
    it('lists and reads the platform settings', async () => {
      const list = await get('config').expect(200);
      expect(list.body.data.map((c: { key: string }) => c.key)).toEqual(
        expect.arrayContaining(['default_ttl', 'nameservers', 'zone_quota_per_tenant']),
      );
      const one = await get('config/default_ttl').expect(200);
      expect(one.body).toMatchObject({ key: 'default_ttl', value: expect.any(Number) });
      await get('config/no_such_key').expect(404);
    });

    it('changes a value, checked and audited as admin.config', async () => {
      const before = (await get('config/max_records_per_bulk').expect(200)).body.value as number;
      const res = await request(h.http)
        .patch('/api/v1/admin/config/max_records_per_bulk')
        .set(root.auth())
        .send({ value: before + 1 })
        .expect(200);
      expect(res.body).toMatchObject({ value: before + 1, updated_by: root.id });
      const audit = await h.dataSource
        .getRepository(AuditLog)
        // Other suites (the RBAC matrix) change the same key: this caller's entry is the one to check.
        .findOneByOrFail({
          action: 'admin.config',
          resourceId: 'max_records_per_bulk',
          actorId: root.id,
        });
      expect(audit).toMatchObject({
        actorId: root.id,
        details: { before: { value: before }, after: { value: before + 1 } },
      });
      await request(h.http)
        .patch('/api/v1/admin/config/zone_quota_per_tenant')
        .set(root.auth())
        .send({ value: null })
        .expect(200);
      const patch = (key: string, body: unknown) =>
        request(h.http)
          .patch(`/api/v1/admin/config/${key}`)
          .set(root.auth())
          .send(body as object);
      expect((await patch('default_ttl', { value: 'soon' }).expect(400)).body).toEqual({
        detail: 'default_ttl must be a whole number from 1 to 2147483647',
      });
      expect(
        (await patch('nameservers', { value: ['ns1.example.com.'] }).expect(400)).body.detail,
      ).toMatch(/PUT \/api\/v1\/admin\/nameservers/);
      await patch('no_such_key', { value: 1 }).expect(404);
      await patch('default_ttl', {}).expect(422);
      await request(h.http)
        .patch('/api/v1/admin/config/max_records_per_bulk')
        .set(root.auth())
        .send({ value: before })
        .expect(200);
      expect(
        await h.dataSource
          .getRepository(PlatformConfig)
          .findOneByOrFail({ key: 'max_records_per_bulk' }),
      ).toMatchObject({ value: before });
    });
  });

  it('a user disabled through the admin API loses access at once', async () => {
    const [victim] = await newTenant(h, 1);
    await request(h.http).get('/api/v1/me').set(victim.auth()).expect(200);
    await request(h.http)
      .post(`/api/v1/admin/users/${victim.id}/disable`)
      .set(root.auth())
      .expect(200);
    await request(h.http).get('/api/v1/me').set(victim.auth()).expect(401);
    expect(await h.dataSource.getRepository(User).findOneByOrFail({ id: victim.id })).toMatchObject(
      {
        status: 'inactive',
      },
    );
  });
});
