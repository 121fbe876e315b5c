import { AuditLog, Domain, Group, GroupMembership, Tenant, User, WebhookEvent } from '@app/core';
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
import {
  type GroupRecord,
  type UserRecord,
  type WebhookEvent as ScaiKeyEvent,
  type WebhookOptions,
  webhookSignature,
} from './support/scaikey';

const PATH = '/api/v1/webhooks/scaikey';

describe('ScaiKey webhooks (e2e)', () => {
  let h: IdentityHarness;
  let secret: string;
  const now = () => Math.floor(Date.now() / 1000);

  beforeAll(async () => {
    h = await startIdentityHarness();
    secret = h.standIn.env().SCAIKEY_WEBHOOK_SECRET;
  });

  afterAll(async () => {
    await h.close();
  });

  const deliver = (event: ScaiKeyEvent, options: WebhookOptions = {}) => {
    const hook = h.standIn.buildWebhook(secret, event, options);
    return request(h.http).post(PATH).set(hook.headers).send(hook.body);
  };
  const stored = (eventId: string) =>
    h.dataSource.getRepository(WebhookEvent).findOneBy({ eventId });
  const localUser = (scaikeyId: string) =>
    h.dataSource.getRepository(User).findOneBy({ scaikeyId });
  const localGroup = (scaikeyId: string) =>
    h.dataSource.getRepository(Group).findOneBy({ scaikeyId });
  const isMember = async (groupScaikeyId: string, userScaikeyId: string) => {
    const [group, user] = await Promise.all([localGroup(groupScaikeyId), localUser(userScaikeyId)]);
    if (!group || !user) return false;
    return h.dataSource
      .getRepository(GroupMembership)
      .existsBy({ groupId: group.id, memberType: 'user', memberId: user.id });
  };
  /** A fresh ScaiKey tenant with users and a group, none of it mirrored yet. */
  const seedDirectory = (users = 2): { users: UserRecord[]; group: GroupRecord } => {
    const { tenant, users: records } = h.standIn.directory.seedTenant({ users });
    const group = h.standIn.directory.addGroup({ tenant_id: tenant.id, name: 'DNS team' });
    return { users: records, group };
  };
  const membershipEvent = (
    type: 'group.member_added' | 'group.member_removed',
    group: GroupRecord,
    user: UserRecord,
  ): ScaiKeyEvent => ({
    event_type: type,
    data: {
      group_id: group.id,
      member_id: user.id,
      member_type: 'user',
      tenant_id: group.tenant_id,
    },
    resource: { type: 'group', id: group.id },
  });

  describe('signature', () => {
    const event: ScaiKeyEvent = { event_type: 'tenant.updated', data: { id: 'tnt_nobody' } };

    it('accepts a correctly signed delivery', async () => {
      const res = await deliver(event).expect(200);
      expect(res.body).toEqual({
        success: true,
        message: expect.any(String),
        event_id: expect.stringMatching(/^evt_/),
      });
    });

    it.each(['body', 'whitespace', 'signature', 'timestamp'] as const)(
      'refuses a delivery tampered with (%s), storing nothing',
      async (tamper) => {
        const eventId = `evt_tamper_${tamper}_${now()}`;
        const res = await deliver({ ...event, event_id: eventId }, { tamper }).expect(401);
        expect(res.body).toEqual({ detail: 'Invalid webhook signature' });
        expect(await stored(eventId)).toBeNull();
      },
    );

    it('refuses an unsigned delivery', async () => {
      const res = await deliver(event, { signature: null }).expect(401);
      expect(res.body).toEqual({ detail: 'Missing X-ScaiKey-Signature header' });
    });

    it('refuses a garbled signature header', async () => {
      const res = await deliver(event, { signature: 'sha256=deadbeef' }).expect(401);
      expect(res.body).toEqual({ detail: 'Malformed X-ScaiKey-Signature header' });
    });

    it('refuses one signed with another secret', async () => {
      const hook = h.standIn.buildWebhook('not-the-secret', event);
      await request(h.http).post(PATH).set(hook.headers).send(hook.body).expect(401);
    });

    it('refuses a stale (or future) signature, however valid', async () => {
      for (const timestamp of [now() - 301, now() + 301]) {
        const res = await deliver(event, { timestamp }).expect(401);
        expect(res.body).toEqual({ detail: 'Webhook timestamp is outside the allowed window' });
      }
      await deliver(event, { timestamp: now() - 290 }).expect(200);
    });

    it('checks the signature before reading the body: garbage unsigned is 401, signed is 400', async () => {
      await request(h.http)
        .post(PATH)
        .set('content-type', 'application/json')
        .send('{not json')
        .expect(401);
      const t = now();
      const res = await request(h.http)
        .post(`${PATH}/`)
        .set('content-type', 'application/json')
        .set('x-scaikey-signature', webhookSignature(secret, t, '{not json'))
        .send('{not json')
        .expect(400);
      expect(res.body).toEqual({ detail: 'Webhook body is not valid JSON' });
    });
  });

  describe('idempotency and ordering', () => {
    it('processes a repeated event_id once, however often it is delivered', async () => {
      const { users } = seedDirectory(1);
      const [record] = users;
      const event: ScaiKeyEvent = { event_type: 'user.created', data: { ...record } };
      const hook = h.standIn.buildWebhook(secret, event);
      const first = await request(h.http).post(PATH).set(hook.headers).send(hook.body).expect(200);
      expect(first.body).toMatchObject({ success: true, event_id: hook.envelope.event_id });
      for (let i = 0; i < 3; i += 1) {
        const again = await request(h.http)
          .post(PATH)
          .set(hook.headers)
          .send(hook.body)
          .expect(200);
        expect(again.body).toEqual({
          success: true,
          message: `Event ${hook.envelope.event_id} was already processed`,
          event_id: hook.envelope.event_id,
        });
      }
      // A re-signed redelivery of the same event is recognised too.
      await deliver({ ...event, event_id: hook.envelope.event_id }).expect(200);

      const user = await localUser(record.id);
      expect(user).toMatchObject({ email: record.email, status: 'active', assigned: true });
      const audit = await h.dataSource
        .getRepository(AuditLog)
        .findBy({ resourceId: user?.id, action: 'identity.user.create' });
      expect(audit).toEqual([
        expect.objectContaining({
          actorType: 'webhook',
          actorId: hook.envelope.event_id,
          details: expect.objectContaining({ event_id: hook.envelope.event_id }),
        }),
      ]);
      expect(await stored(hook.envelope.event_id)).toMatchObject({
        status: 'processed',
        attempts: 1,
        eventType: 'user.created',
      });
    });

    it('a member_added before its user.created (and group.created) ends right', async () => {
      const { users, group } = seedDirectory(1);
      const [record] = users;
      const added = await deliver(membershipEvent('group.member_added', group, record), {
        timestamp: now() - 5,
      }).expect(200);
      expect(added.body.success).toBe(true);
      expect(await isMember(group.id, record.id)).toBe(true);
      // The late events find their things mirrored (from ScaiKey) and change nothing.
      const created = await deliver(
        { event_type: 'user.created', data: { ...record } },
        {
          timestamp: now() - 10,
        },
      ).expect(200);
      expect(created.body).toMatchObject({
        success: true,
        message: `user ${record.id}: unchanged`,
      });
      await deliver(
        { event_type: 'group.created', data: { ...group } },
        { timestamp: now() - 10 },
      ).expect(200);
      expect(await localGroup(group.id)).toMatchObject({ name: 'DNS team' });
      expect(await localUser(record.id)).toMatchObject({ email: record.email, status: 'active' });
      expect(await isMember(group.id, record.id)).toBe(true);
      const tenant = await h.dataSource
        .getRepository(Tenant)
        .findOneBy({ scaikeyId: group.tenant_id });
      expect(tenant).toMatchObject({ status: 'active' });
    });

    it('a removal delivered before an older add leaves the user out', async () => {
      const { users, group } = seedDirectory(1);
      const [record] = users;
      await deliver(membershipEvent('group.member_added', group, record), {
        timestamp: now() - 20,
      }).expect(200);
      await deliver(membershipEvent('group.member_removed', group, record), {
        timestamp: now(),
      }).expect(200);
      const late = await deliver(membershipEvent('group.member_added', group, record), {
        timestamp: now() - 10,
      }).expect(200);
      expect(late.body).toMatchObject({
        success: true,
        message: 'A later event about the same thing was already applied',
      });
      expect(await stored(late.body.event_id as string)).toMatchObject({ status: 'skipped' });
      expect(await isMember(group.id, record.id)).toBe(false);
    });

    it('an older update arriving after a newer one does not win', async () => {
      const { users } = seedDirectory(1);
      const [record] = users;
      await deliver({ event_type: 'user.created', data: { ...record } }).expect(200);
      // Stamped now, to the millisecond: after the record's own updated_at, which user.created carried.
      await deliver({
        event_type: 'user.updated',
        data: { id: record.id, display_name: 'Newest' },
      }).expect(200);
      await deliver(
        { event_type: 'user.updated', data: { id: record.id, display_name: 'Older' } },
        { timestamp: now() - 30 },
      ).expect(200);
      expect(await localUser(record.id)).toMatchObject({ displayName: 'Newest' });
    });

    it('a late group.updated does not bring a deleted group back', async () => {
      const { users, group } = seedDirectory(1);
      await deliver(membershipEvent('group.member_added', group, users[0]), {
        timestamp: now() - 30,
      }).expect(200);
      const deleted = await deliver(
        { event_type: 'group.deleted', data: { id: group.id } },
        { timestamp: now() },
      ).expect(200);
      expect(deleted.body.message).toBe(`group ${group.id}: deleted`);
      expect(await localGroup(group.id)).toBeNull();
      await deliver(
        { event_type: 'group.updated', data: { ...group, name: 'Zombie' } },
        { timestamp: now() - 10 },
      ).expect(200);
      expect(await localGroup(group.id)).toBeNull();
      const audit = await h.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ action: 'identity.group.delete', actorId: deleted.body.event_id });
      expect(audit.details).toMatchObject({ removed_memberships: 1 });
    });

    it('ignores events of other applications and unknown event types', async () => {
      const other = await deliver({
        event_type: 'application.user_assigned',
        data: { application_id: 'app_someone_else', user_id: 'usr_x' },
      }).expect(200);
      expect(other.body.message).toMatch(/not ScaiDNS's/);
      const unknown = await deliver({ event_type: 'invoice.paid', data: {} }).expect(200);
      expect(unknown.body).toMatchObject({
        success: true,
        message: expect.stringMatching(/not used/),
      });
    });
  });

  describe('access follows ScaiKey', () => {
    let alice: TestUser;
    let apiKey: string;

    beforeAll(async () => {
      [alice] = await newTenant(h, 1);
      await grantSystemRole(h, alice, 'tenant_admin');
      const res = await request(h.http)
        .post('/api/v1/api-keys/')
        .set(alice.auth())
        .send({ name: 'ci', permission_source: 'user', permission_source_id: alice.id })
        .expect(200);
      apiKey = res.body.key as string;
    });

    const me = (auth: Record<string, string>) => request(h.http).get('/api/v1/me').set(auth);

    it('a user suspended, re-activated and deleted by webhook: JWT and API key follow at once', async () => {
      await me(alice.auth()).expect(200);
      await me({ 'X-API-Key': apiKey }).expect(200);
      const data = { id: alice.record.id, tenant_id: alice.record.tenant_id };

      await deliver({ event_type: 'user.suspended', data }).expect(200);
      expect((await me(alice.auth()).expect(401)).body).toEqual({ detail: 'User is not active' });
      await me({ 'X-API-Key': apiKey }).expect(401);

      await deliver({ event_type: 'user.activated', data }, { timestamp: now() + 1 }).expect(200);
      await me(alice.auth()).expect(200);
      await me({ 'X-API-Key': apiKey }).expect(200);

      const deleted = await deliver(
        { event_type: 'user.deleted', data: { ...data, status: 'deleted' } },
        { timestamp: now() + 2 },
      ).expect(200);
      await me(alice.auth()).expect(401);
      await me({ 'X-API-Key': apiKey }).expect(401);
      expect(await localUser(alice.record.id)).toMatchObject({
        status: 'inactive',
        scaikeyStatus: 'deleted',
      });
      const audit = await h.dataSource.getRepository(AuditLog).findOneByOrFail({
        resourceId: alice.id,
        actorId: deleted.body.event_id,
      });
      expect(audit).toMatchObject({
        action: 'identity.user.deactivate',
        actorType: 'webhook',
        details: expect.objectContaining({
          before: expect.objectContaining({ status: 'active' }),
          after: expect.objectContaining({ status: 'inactive' }),
        }),
      });
    });

    it('application.user_unassigned switches a user off, user_assigned back on', async () => {
      const [bob] = await newTenant(h, 1);
      const assignment = { application_id: h.standIn.application.id, user_id: bob.record.id };
      await deliver({ event_type: 'application.user_unassigned', data: assignment }).expect(200);
      await me(bob.auth()).expect(401);
      await deliver(
        { event_type: 'application.user_assigned', data: assignment },
        { timestamp: now() + 1 },
      ).expect(200);
      await me(bob.auth()).expect(200);
    });

    it("a group's assignment re-reads who ScaiKey assigns in the tenant", async () => {
      const [inGroup, outside] = await newTenant(h, 2);
      const app = h.standIn.application.id;
      const group = h.standIn.directory.addGroup({
        tenant_id: inGroup.record.tenant_id,
        members: [inGroup.record.id],
      });
      h.standIn.directory.assign(app, group.id);
      const event = (type: string) => ({
        event_type: type,
        data: { application_id: app, group_id: group.id },
        tenant_id: inGroup.record.tenant_id,
      });
      const assigned = await deliver(event('application.user_assigned')).expect(200);
      expect(assigned.body.message).toBe(
        `assignment of group ${group.id}: 1 user(s) of tenant ${inGroup.record.tenant_id} changed`,
      );
      await me(inGroup.auth()).expect(200);
      await me(outside.auth()).expect(401);

      h.standIn.directory.unassign(app, group.id);
      await deliver(event('application.user_unassigned'), { timestamp: now() + 1 }).expect(200);
      await me(inGroup.auth()).expect(401);
    });

    it('tenant.deleted suspends the tenant: its callers are refused, its zones are left alone', async () => {
      const [carol] = await newTenant(h, 1);
      const domain = await newDomain(h, carol.tenantId);
      await deliver({
        event_type: 'tenant.deleted',
        data: { id: carol.record.tenant_id },
      }).expect(200);
      expect((await me(carol.auth()).expect(403)).body).toEqual({ detail: 'Tenant is suspended' });
      expect(
        await h.dataSource.getRepository(Tenant).findOneBy({ id: carol.tenantId }),
      ).toMatchObject({ status: 'suspended' });
      expect(await h.dataSource.getRepository(Domain).findOneBy({ id: domain.id })).toMatchObject({
        status: 'active',
      });
    });

    it("membership changes reach the member's permissions on the next request (RBAC cache retired)", async () => {
      const [dave] = await newTenant(h, 1);
      const group = h.standIn.directory.addGroup({
        tenant_id: dave.record.tenant_id,
        name: 'Admins',
      });
      await deliver({ event_type: 'group.created', data: { ...group } }).expect(200);
      const local = await localGroup(group.id);
      if (!local) throw new Error('group not mirrored');
      await grantSystemRole(
        h,
        { id: local.id, tenantId: dave.tenantId },
        'tenant_admin',
        undefined,
        'group',
      );
      const permissions = async () =>
        ((await me(dave.auth()).expect(200)).body as { permissions: string[] }).permissions;
      expect(await permissions()).not.toContain('domains:create');

      await deliver(membershipEvent('group.member_added', group, dave.record)).expect(200);
      expect(await permissions()).toContain('domains:create');
      await deliver(membershipEvent('group.member_removed', group, dave.record), {
        timestamp: now() + 1,
      }).expect(200);
      expect(await permissions()).not.toContain('domains:create');
    });
  });

  describe('processing failures', () => {
    it('are answered success: false, recorded, and applied by a later redelivery', async () => {
      const { users, group } = seedDirectory(1);
      const [record] = users;
      h.standIn.injectFault({ path: `/api/v1/admin/users/${record.id}`, status: 503, times: 1 });
      const hook = h.standIn.buildWebhook(
        secret,
        membershipEvent('group.member_added', group, record),
      );
      const res = await request(h.http).post(PATH).set(hook.headers).send(hook.body).expect(200);
      expect(res.body).toEqual({
        success: false,
        message: expect.stringMatching(
          /^Processing failed and will be retried: ScaiKey is unreachable/,
        ),
        event_id: hook.envelope.event_id,
      });
      expect(await stored(hook.envelope.event_id)).toMatchObject({
        status: 'failed',
        attempts: 1,
        lastError: expect.stringMatching(/503/),
      });
      expect(await isMember(group.id, record.id)).toBe(false);
      // Nothing half-done: the group fetched before the failure was rolled back with it.
      expect(await localGroup(group.id)).toBeNull();

      const again = await request(h.http).post(PATH).set(hook.headers).send(hook.body).expect(200);
      expect(again.body).toMatchObject({ success: true });
      expect(await stored(hook.envelope.event_id)).toMatchObject({
        status: 'processed',
        attempts: 2,
        lastError: null,
      });
      expect(await isMember(group.id, record.id)).toBe(true);
    });
  });

  it('a user first seen by sign-in is updated by webhooks like any other', async () => {
    const { users } = seedDirectory(1);
    const signedIn = await signIn(h, users[0]);
    await deliver(
      { event_type: 'user.updated', data: { id: users[0].id, email: 'Renamed@Example.test' } },
      { timestamp: now() + 1 },
    ).expect(200);
    expect(await localUser(users[0].id)).toMatchObject({
      id: signedIn.id,
      email: 'renamed@example.test',
    });
  });
});
