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

/** Matches a string or null (`expect.any(String)` refuses null). */
const stringOrNull = {
  asymmetricMatch: (value: unknown) => value === null || typeof value === 'string',
  toString: () => 'StringOrNull',
};
/** Matches any value, null included. */
const present = {
  asymmetricMatch: (value: unknown) => value !== undefined,
  toString: () => 'Present',
};

/** A user as `/admin/users` answers them (the documented fields and ScaiDNS's own). */
const USER_SHAPE = {
  id: expect.any(String),
  scaikey_id: expect.any(String),
  scaikey_user_id: expect.any(String),
  tenant_id: expect.any(String),
  tenant_scaikey_id: expect.any(String),
  email: expect.any(String),
  name: expect.any(String),
  display_name: stringOrNull,
  status: expect.any(String),
  scaikey_status: expect.any(String),
  assigned: expect.any(Boolean),
  scaikey_roles: expect.any(Array),
  is_platform_admin: expect.any(Boolean),
  is_tenant_admin: expect.any(Boolean),
  last_login_at: stringOrNull,
  created_at: expect.any(String),
  updated_at: expect.any(String),
};

/** The admin endpoints (identity, platform settings) against the ScaiKey stand-in. */
describe('admin identity endpoints (e2e)', () => {
  let h: IdentityHarness;
  let root: TestUser;
  let tenantAdmin: TestUser;
  let member: TestUser;
  /** Another tenant, with its own admin: what tenant admins must not reach. */
  let otherAdmin: TestUser;
  let otherMember: TestUser;

  beforeAll(async () => {
    h = await startIdentityHarness();
    [root] = await newTenant(h, 1);
    await grantSystemRole(h, root, 'platform_admin', { type: 'platform', id: null });
    [tenantAdmin, member] = await newTenant(h, 2);
    await grantSystemRole(h, tenantAdmin, 'tenant_admin');
    [otherAdmin, otherMember] = await newTenant(h, 2);
    await grantSystemRole(h, otherAdmin, 'tenant_admin');
  });

  afterAll(async () => {
    await h.close();
  });

  const get = (path: string, who: TestUser = root) =>
    request(h.http).get(`/api/v1/admin/${path}`).set(who.auth());
  const post = (path: string, body: object, who: TestUser = root) =>
    request(h.http).post(`/api/v1/admin/${path}`).set(who.auth()).send(body);
  const patch = (path: string, body: object, who: TestUser = root) =>
    request(h.http).patch(`/api/v1/admin/${path}`).set(who.auth()).send(body);
  const auditOf = (resourceId: string) =>
    h.dataSource
      .getRepository(AuditLog)
      .find({ where: { resourceId }, order: { timestamp: 'ASC' } });

  describe('who may call what', () => {
    const platformOnly = (who: TestUser) => [
      get('partners', who),
      get(`partners/${who.partnerId}`, who),
      get('tenants', who),
      get(`tenants/${who.tenantId}`, who),
      post('tenants', { name: 'x', slug: 'x', scaikey_tenant_id: 'tnt_x' }, who),
      patch(`tenants/${who.tenantId}`, { settings: {} }, who),
      get('config', who),
      get('config/default_ttl', who),
      patch('config/default_ttl', { value: 1 }, who),
      get('authoritative-domains', who),
      request(h.http)
        .put('/api/v1/admin/authoritative-domains')
        .set(who.auth())
        .send({ domains: [] }),
    ];
    const tenantAdminRoutes = (who: TestUser) => [
      get('users/', who),
      get(`users/${who.id}`, who),
      post('users', { email: 'x@example.test' }, who),
      post('users/invite', { email: 'x@example.test' }, who),
      patch(`users/${who.id}`, {}, who),
      request(h.http).delete(`/api/v1/admin/users/${who.id}`).set(who.auth()),
      post(`users/${who.id}/disable`, {}, who),
      post(`users/${who.id}/password`, { password: 'long enough' }, who),
      post(`users/${who.id}/resend-invite`, {}, who),
      get('groups/', who),
      post('groups', { name: 'x' }, who),
      get('audit-logs/', who),
    ];
    const refused = async (calls: Promise<request.Response>[]) => {
      for (const [i, res] of (await Promise.all(calls)).entries()) {
        expect({ call: i, status: res.status, body: res.body }).toEqual({
          call: i,
          status: 403,
          body: { detail: expect.any(String) },
        });
      }
    };

    it('platform routes are 403 to tenant admins and members', async () => {
      await refused(platformOnly(tenantAdmin));
      await refused(platformOnly(member));
    });

    it('users, groups and audit-log routes are 403 to members without a tenant-admin role', async () => {
      await refused(tenantAdminRoutes(member));
    });

    it('no caller is 401', async () => {
      await request(h.http).get('/api/v1/admin/users/').expect(401);
    });
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
        id: member.partnerId,
        scaikey_id: member.record.partner_id,
        scaikey_partner_id: member.record.partner_id,
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
        scaikey_tenant_id: member.record.tenant_id,
        partner_scaikey_id: member.record.partner_id,
        status: 'active',
        settings: null,
        user_count: 2,
        active_user_count: 2,
        group_count: 0,
      });
      const filtered = await get(`tenants?search=${member.record.tenant_id}`).expect(200);
      expect(filtered.body).toMatchObject({ total: 1, data: [{ id: member.tenantId }] });
      await get('tenants/tnt_missing').expect(404);
    });

    it('GET /admin/partners/{id} finds one by local or ScaiKey id; unknown is 404', async () => {
      const byLocal = await get(`partners/${member.partnerId}`).expect(200);
      const byScaiKey = await get(`partners/${member.record.partner_id}`).expect(200);
      expect(byLocal.body).toEqual(byScaiKey.body);
      expect(byLocal.body).toEqual(mineOf(member));
      expect((await get('partners/prt_missing').expect(404)).body).toEqual({
        detail: expect.stringMatching(/not found/),
      });
    });

    function mineOf(user: TestUser) {
      return {
        id: user.partnerId,
        scaikey_id: user.record.partner_id,
        scaikey_partner_id: user.record.partner_id,
        name: expect.any(String),
        slug: null,
        status: 'active',
        created_at: expect.any(String),
        updated_at: expect.any(String),
      };
    }

    it('POST /admin/tenants registers a ScaiKey tenant with the documented fields', async () => {
      const { tenant, partner } = h.standIn.directory.seedTenant({ name: 'Acme' });
      const slug = `acme-${Date.now()}`;
      const created = await post('tenants', {
        name: 'Acme Corp',
        slug,
        scaikey_tenant_id: tenant.id,
        partner_id: partner.id,
        settings: { billing: 'monthly' },
      }).expect(200);
      expect(created.body).toEqual({
        id: expect.any(String),
        scaikey_id: tenant.id,
        scaikey_tenant_id: tenant.id,
        partner_id: expect.any(String),
        partner_scaikey_id: partner.id,
        name: 'Acme Corp',
        slug,
        status: 'active',
        settings: { billing: 'monthly' },
        created_at: expect.any(String),
        updated_at: expect.any(String),
        user_count: 0,
        active_user_count: 0,
        group_count: 0,
      });
      expect((await get(`tenants/${created.body.id}`).expect(200)).body).toEqual(created.body);
      const [audit] = await auditOf(created.body.id);
      expect(audit).toMatchObject({
        action: 'identity.tenant.create',
        actorType: 'user',
        actorId: root.id,
        details: { after: { name: 'Acme Corp', slug, settings: { billing: 'monthly' } } },
      });

      const again = { name: 'Acme', slug: `${slug}-2`, scaikey_tenant_id: tenant.id };
      await post('tenants', again).expect(409);
      const other = h.standIn.directory.seedTenant({});
      expect(
        (await post('tenants', { name: 'B', slug, scaikey_tenant_id: other.tenant.id }).expect(409))
          .body,
      ).toEqual({ detail: `Tenant slug ${slug} is taken` });
      const wrongPartner = {
        name: 'B',
        slug: `${slug}-3`,
        scaikey_tenant_id: other.tenant.id,
        partner_id: partner.id,
      };
      expect((await post('tenants', wrongPartner).expect(400)).body.detail).toMatch(
        /is not the partner/,
      );
      await post('tenants', {
        name: 'N',
        slug: `${slug}-4`,
        scaikey_tenant_id: 'tnt_nowhere',
      }).expect(404);
      const invalid = await post('tenants', { scaikey_tenant_id: other.tenant.id }).expect(422);
      const fields = new Set(invalid.body.detail.map((d: { loc: string[] }) => d.loc[1]));
      expect([...fields].sort()).toEqual(['name', 'slug']);
      await post('tenants', { name: 'N', slug: 'Not A Slug', scaikey_tenant_id: 'tnt_x' }).expect(
        422,
      );
      await post('tenants', {
        name: 'N',
        slug: `${slug}-5`,
        scaikey_tenant_id: other.tenant.id,
        settings: 'not an object',
      }).expect(422);
    });

    it('PATCH /admin/tenants/{id} changes name and status in ScaiKey, settings here; audited', async () => {
      const [admin] = await newTenant(h, 1);
      const scaikeyId = admin.record.tenant_id;
      const renamed = await patch(`tenants/${scaikeyId}`, {
        name: 'Renamed Tenant',
        settings: { region: 'eu' },
      }).expect(200);
      expect(renamed.body).toMatchObject({
        id: admin.tenantId,
        name: 'Renamed Tenant',
        settings: { region: 'eu' },
        status: 'active',
        user_count: 1,
      });
      expect(h.standIn.directory.getTenant(scaikeyId).name).toBe('Renamed Tenant');
      const entries = await auditOf(admin.tenantId);
      expect(entries.at(-1)).toMatchObject({
        action: 'identity.tenant.update',
        actorId: root.id,
        details: {
          before: { settings: null },
          after: { name: 'Renamed Tenant', settings: { region: 'eu' } },
        },
      });

      // Settings alone never ask ScaiKey; null clears them.
      const calls = h.standIn.requestCount(`/api/v1/admin/tenants/${scaikeyId}`, 'PATCH');
      const cleared = await patch(`tenants/${admin.tenantId}`, { settings: null }).expect(200);
      expect(cleared.body.settings).toBeNull();
      expect(h.standIn.requestCount(`/api/v1/admin/tenants/${scaikeyId}`, 'PATCH')).toBe(calls);

      await request(h.http).get('/api/v1/me').set(admin.auth()).expect(200);
      const suspended = await patch(`tenants/${admin.tenantId}`, { status: 'suspended' }).expect(
        200,
      );
      expect(suspended.body.status).toBe('suspended');
      expect(h.standIn.directory.getTenant(scaikeyId).status).toBe('suspended');
      await request(h.http).get('/api/v1/me').set(admin.auth()).expect(403);
      expect((await auditOf(admin.tenantId)).at(-1)?.action).toBe('identity.tenant.suspend');
      await patch(`tenants/${admin.tenantId}`, { status: 'active' }).expect(200);
      await request(h.http).get('/api/v1/me').set(admin.auth()).expect(200);

      await patch('tenants/tnt_missing', { name: 'x' }).expect(404);
      await patch(`tenants/${admin.tenantId}`, { status: 'deleted' }).expect(422);
      await patch(`tenants/${admin.tenantId}`, { settings: [1] }).expect(422);
    });
  });

  describe('users', () => {
    it('a platform admin lists every tenant, narrowed by tenant_id, in the documented shape', async () => {
      const list = await get(`users/?tenant_id=${member.record.tenant_id}&status=active`).expect(
        200,
      );
      expect(list.body).toEqual({
        data: expect.any(Array),
        total: 2,
        page: 1,
        page_size: 50,
        total_pages: 1,
      });
      for (const user of list.body.data) expect(user).toEqual(USER_SHAPE);
      const byEmail = new Map(list.body.data.map((u: { email: string }) => [u.email, u]));
      expect(byEmail.get(tenantAdmin.record.email)).toMatchObject({
        id: tenantAdmin.id,
        scaikey_user_id: tenantAdmin.record.id,
        name: tenantAdmin.record.display_name,
        is_platform_admin: false,
        is_tenant_admin: true,
      });
      expect(byEmail.get(member.record.email)).toMatchObject({
        is_platform_admin: false,
        is_tenant_admin: false,
      });
      // Unfiltered, the platform admin's list spans tenants (the shared test database holds other
      // suites' users too, so this suite's are checked through the filter, not on the first page).
      const everyone = await get('users?page_size=100').expect(200);
      const tenants = new Set(everyone.body.data.map((u: { tenant_id: string }) => u.tenant_id));
      expect(tenants.size).toBeGreaterThan(1);
      for (const tenantId of [root.tenantId, member.tenantId, otherMember.tenantId]) {
        const mine = await get(`users?tenant_id=${tenantId}&page_size=1`).expect(200);
        expect(mine.body.total).toBeGreaterThan(0);
      }
      expect(everyone.body.total).toBeGreaterThanOrEqual(3);
      const self = await get(`users/${root.id}`).expect(200);
      expect(self.body).toMatchObject({ is_platform_admin: true, is_tenant_admin: false });
      expect((await get(`users?search=${member.record.email}`).expect(200)).body.total).toBe(1);
      await get('users?status=gone').expect(422);
      await get('users?tenant_id=tnt_missing').expect(404);
    });

    it('gets one by local or ScaiKey id', async () => {
      const one = await get(`users/${member.record.id}`).expect(200);
      expect(one.body).toEqual({
        ...USER_SHAPE,
        id: member.id,
        scaikey_id: member.record.id,
        scaikey_user_id: member.record.id,
        tenant_id: member.tenantId,
        tenant_scaikey_id: member.record.tenant_id,
        email: member.record.email,
        name: member.record.display_name,
        display_name: member.record.display_name,
        status: 'active',
        scaikey_status: 'active',
        assigned: true,
        scaikey_roles: [],
        is_platform_admin: false,
        is_tenant_admin: false,
      });
      expect((await get(`users/${member.id}`).expect(200)).body).toEqual(one.body);
      await get('users/usr_missing').expect(404);
    });

    it('a tenant admin sees and changes their own tenant only; another tenant is 404', async () => {
      const mine = await get('users/?page_size=100', tenantAdmin).expect(200);
      expect(mine.body.data.map((u: { id: string }) => u.id)).toEqual(
        expect.arrayContaining([tenantAdmin.id, member.id]),
      );
      for (const u of mine.body.data) expect(u.tenant_id).toBe(tenantAdmin.tenantId);
      const named = await get(`users/?page_size=100&tenant_id=${member.tenantId}`, tenantAdmin);
      expect(named.body).toEqual(mine.body);
      expect((await get(`users/${member.id}`, tenantAdmin).expect(200)).body.id).toBe(member.id);

      const theirs = otherMember.id;
      const notFound = [
        get(`users/?tenant_id=${otherMember.tenantId}`, tenantAdmin),
        get(`users/${theirs}`, tenantAdmin),
        get(`users/${otherMember.record.id}`, tenantAdmin),
        patch(`users/${theirs}`, { display_name: 'x' }, tenantAdmin),
        request(h.http).delete(`/api/v1/admin/users/${theirs}`).set(tenantAdmin.auth()),
        post(`users/${theirs}/disable`, {}, tenantAdmin),
        post(`users/${theirs}/password`, { password: 'long enough' }, tenantAdmin),
        post(`users/${theirs}/resend-invite`, {}, tenantAdmin),
        post('users', { tenant_id: otherMember.tenantId, email: 'x@example.test' }, tenantAdmin),
        post(
          'users/invite',
          { tenant_id: otherMember.record.tenant_id, email: 'x@example.test' },
          tenantAdmin,
        ),
      ];
      for (const [i, res] of (await Promise.all(notFound)).entries()) {
        expect({ call: i, status: res.status, body: res.body }).toEqual({
          call: i,
          status: 404,
          body: { detail: expect.stringMatching(/not found/) },
        });
      }
      // Nothing of the other tenant changed, in ScaiDNS or in ScaiKey.
      expect(h.standIn.directory.getUser(otherMember.record.id)).toMatchObject({
        status: 'active',
        display_name: otherMember.record.display_name,
      });
      expect(h.standIn.directory.passwordOf(otherMember.record.id)).toBeUndefined();
    });

    it('POST /admin/users/ with a password: made in ScaiKey, no invitation, in the caller’s tenant', async () => {
      const email = `pw-${Date.now()}@example.test`;
      const invitations = h.standIn.invitations.length;
      const created = await post(
        'users/',
        { email, first_name: 'Pat', last_name: 'Word', password: 'correct horse' },
        tenantAdmin,
      ).expect(200);
      expect(created.body).toEqual({
        ...USER_SHAPE,
        tenant_id: tenantAdmin.tenantId,
        tenant_scaikey_id: tenantAdmin.record.tenant_id,
        email,
        name: email.split('@')[0],
        status: 'active',
        is_platform_admin: false,
        is_tenant_admin: false,
      });
      const record = h.standIn.directory.getUser(created.body.scaikey_user_id);
      expect(record).toMatchObject({ email, tenant_id: tenantAdmin.record.tenant_id });
      expect(h.standIn.directory.passwordOf(record.id)).toBe('correct horse');
      expect(h.standIn.invitations).toHaveLength(invitations);
      const [audit] = await auditOf(created.body.id);
      expect(audit).toMatchObject({ action: 'identity.user.create', actorId: tenantAdmin.id });
      expect(JSON.stringify(audit.details)).not.toContain('correct horse');

      // ScaiKey's password policy is passed on as a 400.
      const weak = await post('users', { email: `weak-${email}`, password: 'short' }, root);
      expect(weak.status).toBe(400);
      expect(weak.body.detail).toMatch(/at least 8 characters/);
    });

    it('POST /admin/users/ without a password has ScaiKey e-mail an invitation', async () => {
      const email = `inv-${Date.now()}@example.test`;
      const created = await post('users', {
        tenant_id: member.record.tenant_id,
        email,
        display_name: 'New Person',
      }).expect(200);
      expect(created.body).toMatchObject({
        tenant_id: member.tenantId,
        email,
        name: 'New Person',
        display_name: 'New Person',
      });
      expect(h.standIn.invitations).toContainEqual(
        expect.objectContaining({ user_id: created.body.scaikey_user_id, email }),
      );
    });

    it("passes ScaiKey's refusals on: unknown tenant 404, duplicate e-mail 409, bad body 422", async () => {
      await post('users', { tenant_id: 'tnt_missing', email: 'x@example.test' }).expect(404);
      await post('users', { tenant_id: member.tenantId, email: member.record.email }).expect(409);
      await post('users', { tenant_id: member.tenantId, email: 'not-an-email' }).expect(422);
      await post('users', { email: 'x@example.test', password: '' }).expect(422);
    });

    it('POST /admin/users/invite, resend-invite and password: made in ScaiKey, audited', async () => {
      const email = `invited-${Date.now()}@example.test`;
      const invited = await post(
        'users/invite',
        { email, display_name: 'Invited Person' },
        tenantAdmin,
      ).expect(200);
      expect(invited.body).toEqual({
        ...USER_SHAPE,
        tenant_id: tenantAdmin.tenantId,
        email,
        name: 'Invited Person',
      });
      const scaikeyId = invited.body.scaikey_user_id as string;
      const sent = () => h.standIn.invitations.filter((i) => i.user_id === scaikeyId).length;
      expect(sent()).toBe(1);

      await post(`users/${scaikeyId}/resend-invite`, {}, tenantAdmin).expect(204);
      expect(sent()).toBe(2);

      await post(`users/${invited.body.id}/password`, { password: 'a new password' }, tenantAdmin)
        .expect(204)
        .expect((res) => expect(res.text).toBe(''));
      expect(h.standIn.directory.passwordOf(scaikeyId)).toBe('a new password');
      // Once the user has a password the invitation is accepted: ScaiKey refuses to resend it.
      await post(`users/${scaikeyId}/resend-invite`, {}, tenantAdmin).expect(409);
      expect(sent()).toBe(2);

      const weak = await post(`users/${scaikeyId}/password`, { password: 'short' }, tenantAdmin);
      expect(weak.status).toBe(400);
      await post(`users/${scaikeyId}/password`, {}, tenantAdmin).expect(422);
      await post('users/usr_missing/password', { password: 'long enough' }).expect(404);
      await post('users/invite', { email: 'not-an-email' }, tenantAdmin).expect(422);

      const entries = await auditOf(invited.body.id);
      expect(entries.map((e) => [e.action, e.actorId])).toEqual([
        ['identity.user.create', tenantAdmin.id],
        ['identity.user.invite_resend', tenantAdmin.id],
        ['identity.user.password_set', tenantAdmin.id],
      ]);
      expect(entries[0].details).toMatchObject({ invited: true });
      expect(JSON.stringify(entries.map((e) => e.details))).not.toContain('a new password');
    });

    it('updates, suspends and DELETEs in ScaiKey — mirrored at once, access lost at once', async () => {
      const [victim] = await newTenant(h, 1);
      await request(h.http).get('/api/v1/me').set(victim.auth()).expect(200);
      const renamed = await patch(`users/${victim.record.id}`, {
        display_name: 'Renamed Person',
        status: 'suspended',
      }).expect(200);
      expect(renamed.body).toMatchObject({
        display_name: 'Renamed Person',
        name: 'Renamed Person',
        status: 'suspended',
      });
      expect(h.standIn.directory.getUser(victim.record.id)).toMatchObject({ status: 'suspended' });
      await expect(signIn(h, h.standIn.directory.getUser(victim.record.id))).rejects.toThrow(
        /failed: 401/,
      );
      await patch(`users/${victim.id}`, { status: 'active' }).expect(200);
      await request(h.http).get('/api/v1/me').set(victim.auth()).expect(200);

      const deleted = await request(h.http)
        .delete(`/api/v1/admin/users/${victim.id}`)
        .set(root.auth())
        .expect(204);
      expect(deleted.text).toBe('');
      expect(h.standIn.directory.getUser(victim.record.id)).toMatchObject({ status: 'deleted' });
      expect(
        await h.dataSource.getRepository(User).findOneByOrFail({ id: victim.id }),
      ).toMatchObject({ status: 'inactive', scaikeyStatus: 'deleted' });
      await request(h.http).get('/api/v1/me').set(victim.auth()).expect(401);
      expect((await get(`users/${victim.id}`).expect(200)).body).toMatchObject({
        status: 'inactive',
        scaikey_status: 'deleted',
      });
      const actions = (await auditOf(victim.id)).map((a) => [a.action, a.actorId]);
      expect(actions.slice(-3)).toEqual([
        ['identity.user.deactivate', root.id],
        ['identity.user.update', root.id],
        ['identity.user.deactivate', root.id],
      ]);
    });

    it('POST /admin/users/{id}/disable still answers the disabled user', async () => {
      const [victim] = await newTenant(h, 1);
      const disabled = await post(`users/${victim.id}/disable`, {}, root).expect(200);
      expect(disabled.body).toMatchObject({ status: 'inactive', scaikey_status: 'deleted' });
      await request(h.http).get('/api/v1/me').set(victim.auth()).expect(401);
    });
  });

  describe('groups', () => {
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
      const list = await get(`groups?tenant_id=${member.tenantId}&search=Operators`).expect(200);
      expect(list.body).toEqual({
        data: [
          {
            id: expect.any(String),
            scaikey_id: group.id,
            scaikey_group_id: group.id,
            tenant_id: member.tenantId,
            tenant_scaikey_id: member.record.tenant_id,
            name: 'Operators',
            description: null,
            member_count: 1,
            created_at: expect.any(String),
            updated_at: expect.any(String),
          },
        ],
        total: 1,
        page: 1,
        page_size: 50,
        total_pages: 1,
      });
      const one = await get(`groups/${group.id}`, tenantAdmin).expect(200);
      expect(one.body.members).toEqual([
        { type: 'user', id: member.id, scaikey_id: member.record.id, name: member.record.email },
      ]);
    });

    it('POST /admin/groups/: a tenant admin makes one in ScaiKey and uses it as a key source', async () => {
      const created = await post(
        'groups/',
        { name: 'DNS robots', description: 'ACME clients', group_type: 'SECURITY' },
        tenantAdmin,
      ).expect(200);
      expect(created.body).toEqual({
        id: expect.any(String),
        scaikey_id: expect.stringMatching(/^grp_/),
        scaikey_group_id: created.body.scaikey_id,
        tenant_id: tenantAdmin.tenantId,
        tenant_scaikey_id: tenantAdmin.record.tenant_id,
        name: 'DNS robots',
        description: 'ACME clients',
        member_count: 0,
        members: [],
        created_at: expect.any(String),
        updated_at: expect.any(String),
      });
      expect(h.standIn.directory.getGroup(created.body.scaikey_id)).toMatchObject({
        tenant_id: tenantAdmin.record.tenant_id,
        name: 'DNS robots',
        group_type: 'SECURITY',
      });
      const [audit] = await auditOf(created.body.id);
      expect(audit).toMatchObject({ action: 'identity.group.create', actorId: tenantAdmin.id });

      // Why tenant admins need these routes: to pick a group as an API key's permission source.
      const listed = await get('groups/', tenantAdmin).expect(200);
      const picked = listed.body.data.find((g: { name: string }) => g.name === 'DNS robots');
      const key = await request(h.http)
        .post('/api/v1/api-keys/')
        .set(tenantAdmin.auth())
        .send({ name: 'acme', permission_source: 'group', permission_source_id: picked.id })
        .expect(200);
      expect(key.body).toMatchObject({
        permission_source: 'group',
        permission_source_id: picked.id,
      });

      await post('groups', { name: 'DNS robots' }, tenantAdmin).expect(409);
      await post('groups', { name: 'x', group_type: 'TEAM' }, tenantAdmin).expect(422);
      await post('groups', { description: 'no name' }, tenantAdmin).expect(422);
      const distribution = await post(
        'groups',
        { tenant_id: member.record.tenant_id, name: 'Mail list', group_type: 'DISTRIBUTION_LIST' },
        root,
      ).expect(200);
      expect(h.standIn.directory.getGroup(distribution.body.scaikey_id).group_type).toBe(
        'DISTRIBUTION_LIST',
      );
    });

    it('a tenant admin sees their own tenant’s groups only; another tenant’s are 404', async () => {
      const theirs = await post('groups', { name: 'Theirs' }, otherAdmin).expect(200);
      const mine = await get('groups/?page_size=100', tenantAdmin).expect(200);
      expect(mine.body.data.length).toBeGreaterThan(0);
      for (const g of mine.body.data) expect(g.tenant_id).toBe(tenantAdmin.tenantId);
      await get(`groups/${theirs.body.id}`, tenantAdmin).expect(404);
      await get(`groups/${theirs.body.scaikey_id}`, tenantAdmin).expect(404);
      await get(`groups/?tenant_id=${otherAdmin.tenantId}`, tenantAdmin).expect(404);
      await post('groups', { tenant_id: otherAdmin.tenantId, name: 'Sneaky' }, tenantAdmin).expect(
        404,
      );
      expect(
        h.standIn.directory
          .listGroups({ tenant_id: otherAdmin.record.tenant_id })
          .map((g) => g.name),
      ).toEqual(['Theirs']);
      // The platform admin sees both tenants' groups.
      await get(`groups/${theirs.body.id}`).expect(200);
    });
  });

  describe('audit logs', () => {
    it('a tenant admin reads their own tenant at /admin/audit-logs; another tenant is 404', async () => {
      const mine = await get('audit-logs/?page_size=100', tenantAdmin).expect(200);
      expect(mine.body.total).toBeGreaterThan(0);
      for (const e of mine.body.data) expect(e.tenant_id).toBe(tenantAdmin.tenantId);
      const theirs = await h.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ tenantId: otherAdmin.tenantId });
      await get(`audit-logs/${theirs.id}`, tenantAdmin).expect(404);
      await get(`audit-logs/?tenant_id=${otherAdmin.tenantId}`, tenantAdmin).expect(404);
      await get(`audit-logs/${mine.body.data[0].id}`, tenantAdmin).expect(200);
      // The platform admin reads every tenant, narrowed by tenant_id.
      const narrowed = await get(`audit-logs/?tenant_id=${otherAdmin.tenantId}`).expect(200);
      expect(narrowed.body.total).toBeGreaterThan(0);
      for (const e of narrowed.body.data) expect(e.tenant_id).toBe(otherAdmin.tenantId);
      await get(`audit-logs/${theirs.id}`).expect(200);
    });
  });

  describe('config', () => {
    it('GET /admin/config is {configs: [...]}; one key reads alone', async () => {
      const list = await get('config').expect(200);
      expect(Object.keys(list.body)).toEqual(['configs']);
      expect(list.body.configs.map((c: { key: string }) => c.key)).toEqual(
        expect.arrayContaining([
          'authoritative_domains',
          'default_ttl',
          'nameservers',
          'zone_quota_per_tenant',
        ]),
      );
      for (const c of list.body.configs) {
        expect(c).toEqual({
          key: expect.any(String),
          value: present,
          description: stringOrNull,
          updated_by: stringOrNull,
          updated_at: expect.any(String),
        });
      }
      const one = await get('config/default_ttl').expect(200);
      expect(one.body).toMatchObject({ key: 'default_ttl', value: expect.any(Number) });
      await get('config/no_such_key').expect(404);
    });

    it('changes a value, checked and audited as admin.config', async () => {
      const before = (await get('config/max_records_per_bulk').expect(200)).body.value as number;
      const res = await patch('config/max_records_per_bulk', { value: before + 1 }).expect(200);
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
      await patch('config/zone_quota_per_tenant', { value: null }).expect(200);
      expect((await patch('config/default_ttl', { value: 'soon' }).expect(400)).body).toEqual({
        detail: 'default_ttl must be a whole number from 1 to 2147483647',
      });
      expect(
        (await patch('config/nameservers', { value: ['ns1.example.com.'] }).expect(400)).body
          .detail,
      ).toMatch(/PUT \/api\/v1\/admin\/nameservers/);
      expect(
        (await patch('config/authoritative_domains', { value: ['example.com'] }).expect(400)).body
          .detail,
      ).toMatch(/PUT \/api\/v1\/admin\/authoritative-domains/);
      await patch('config/no_such_key', { value: 1 }).expect(404);
      await patch('config/default_ttl', {}).expect(422);
      await patch('config/max_records_per_bulk', { value: before }).expect(200);
      expect(
        await h.dataSource
          .getRepository(PlatformConfig)
          .findOneByOrFail({ key: 'max_records_per_bulk' }),
      ).toMatchObject({ value: before });
    });
  });

  describe('authoritative domains', () => {
    const put = (body: object) =>
      request(h.http).put('/api/v1/admin/authoritative-domains').set(root.auth()).send(body);

    afterAll(async () => {
      await put({ domains: [] });
    });

    it('GET|PUT {domains}: names normalized, each once, audited; bad names are 400', async () => {
      const before = (await get('authoritative-domains').expect(200)).body;
      expect(before).toEqual({ domains: expect.any(Array) });

      const res = await put({
        domains: ['Example.COM.', 'example.net', 'example.com', 'bücher.example'],
      }).expect(200);
      expect(res.body).toEqual({
        domains: ['example.com', 'example.net', 'xn--bcher-kva.example'],
      });
      expect((await get('authoritative-domains').expect(200)).body).toEqual(res.body);
      expect((await get('config/authoritative_domains').expect(200)).body).toMatchObject({
        value: res.body.domains,
        updated_by: root.id,
      });
      const audit = await h.dataSource.getRepository(AuditLog).findOneOrFail({
        where: { action: 'admin.authoritative_domains', actorId: root.id },
        order: { timestamp: 'DESC' },
      });
      expect(audit).toMatchObject({
        tenantId: null,
        details: { before: { domains: before.domains }, after: { domains: res.body.domains } },
      });

      const bad = await put({ domains: ['example.com', 'not a domain'] }).expect(400);
      expect(bad.body.detail).toMatch(/^Invalid domain name not a domain/);
      await put({ domains: ['com'] }).expect(400);
      await put({ domains: 'example.com' }).expect(422);
      await put({}).expect(422);
      expect((await get('authoritative-domains').expect(200)).body).toEqual(res.body);

      expect((await put({ domains: [] }).expect(200)).body).toEqual({ domains: [] });
    });
  });
});
