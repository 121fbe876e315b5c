import { AuditLog, User } from '@app/core';
import { IdentitySyncService } from '@app/identity';
import request from 'supertest';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  signIn,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

/**
 * ScaiKey's own admin roles reach API keys: a user whose tenant_admin comes only from the token's
 * role claims (the normal ScaiKey case, no role assignment in ScaiDNS) makes keys that carry the
 * admin's permissions, and that lose them, with no restart, when ScaiKey takes the role away.
 */
describe("ScaiKey's admin roles and API keys (e2e)", () => {
  let h: IdentityHarness;
  let secret: string;

  beforeAll(async () => {
    h = await startIdentityHarness();
    secret = h.standIn.env().SCAIKEY_WEBHOOK_SECRET;
  });

  afterAll(async () => {
    await h.close();
  });

  /** A ScaiKey tenant_admin signed in once; ScaiDNS knows the role only from the token. */
  const claimOnlyAdmin = async (): Promise<TestUser> => {
    const { users } = h.standIn.directory.seedTenant({ users: [{ roles: ['tenant_admin'] }] });
    return signIn(h, users[0]);
  };
  const newKey = async (who: TestUser, scopes?: string[]): Promise<string> => {
    const res = await request(h.http)
      .post('/api/v1/api-keys/')
      .set(who.auth())
      .send({
        name: 'automation',
        permission_source: 'user',
        permission_source_id: who.id,
        ...(scopes ? { scopes } : {}),
      })
      .expect(200);
    return res.body.key as string;
  };
  const withKey = (key: string) => ({ 'X-API-Key': key });
  const me = (auth: Record<string, string>) =>
    request(h.http).get('/api/v1/auth/me').set(auth).expect(200);
  /** A real tenant operation: the tenant's roles (roles:read). */
  const listRoles = (auth: Record<string, string>) =>
    request(h.http).get('/api/v1/roles').set(auth);
  const storedRoles = async (id: string) =>
    (await h.dataSource.getRepository(User).findOneByOrFail({ id })).scaikeyRoles;

  it("a claim-only tenant admin's key carries the admin's permissions", async () => {
    const admin = await claimOnlyAdmin();
    expect(await storedRoles(admin.id)).toEqual(['tenant_admin']);
    const key = await newKey(admin);

    const asKey = await me(withKey(key));
    expect(asKey.body.roles).toEqual([
      { role: 'tenant_admin', scope_type: 'tenant', scope_id: admin.tenantId, expires_at: null },
    ]);
    const asToken = await me(admin.auth());
    expect([...asKey.body.permissions].sort()).toEqual([...asToken.body.permissions].sort());
    expect(asKey.body.permissions).toEqual(
      expect.arrayContaining(['roles:create', 'domains:create']),
    );

    await listRoles(withKey(key)).expect(200);
    const made = await request(h.http)
      .post('/api/v1/roles')
      .set(withKey(key))
      .send({ name: 'dns_readers', permissions: ['domains:read', 'records:read'] })
      .expect(200);
    expect(made.body).toMatchObject({ name: 'dns_readers' });
    await request(h.http).get('/api/v1/domains').set(withKey(key)).expect(200);
  });

  it('scopes narrow such a key, and may name what the claimed role holds', async () => {
    const admin = await claimOnlyAdmin();
    const key = await newKey(admin, ['domains:read']);
    const asKey = await me(withKey(key));
    expect(asKey.body.permissions).toEqual(['domains:read']);
    await request(h.http).get('/api/v1/domains').set(withKey(key)).expect(200);
    await listRoles(withKey(key)).expect(403);
  });

  it('a new sign-in without the role takes it from the key at once; the old token does not bring it back', async () => {
    const admin = await claimOnlyAdmin();
    const key = await newKey(admin);
    await listRoles(withKey(key)).expect(200);

    h.standIn.directory.updateUser(admin.record.id, { roles: ['user'] });
    const fresh = h.standIn.userToken(admin.record.id);
    await request(h.http).get('/api/v1/me').set('Authorization', `Bearer ${fresh}`).expect(200);
    expect(await storedRoles(admin.id)).toEqual([]);

    await listRoles(withKey(key)).expect(403);
    expect((await me(withKey(key))).body).toMatchObject({ roles: [], permissions: [] });

    // The old token still claims tenant_admin (ScaiKey's tokens live out their lifetime), but it
    // was issued no later than the sign-in that removed the role: it can't hand it back to the key.
    await request(h.http).get('/api/v1/me').set(admin.auth()).expect(200);
    await listRoles(withKey(key)).expect(403);
    expect(await storedRoles(admin.id)).toEqual([]);

    const audit = await h.dataSource.getRepository(AuditLog).find({
      where: { resourceId: admin.id, action: 'identity.user.update' },
      order: { timestamp: 'ASC' },
    });
    // The first sign-in brought the role in; this one took it away.
    expect(audit.map((a) => a.details)).toEqual([
      expect.objectContaining({
        before: expect.objectContaining({ scaikey_roles: [] }),
        after: expect.objectContaining({ scaikey_roles: ['tenant_admin'] }),
      }),
      expect.anything(),
    ]);
    expect(audit[1]).toEqual(
      expect.objectContaining({
        actorType: 'system',
        actorId: 'scaikey-token',
        details: expect.objectContaining({
          before: expect.objectContaining({ scaikey_roles: ['tenant_admin'] }),
          after: expect.objectContaining({ scaikey_roles: [] }),
        }),
      }),
    );
  });

  it('a user.updated webhook without the role takes it from the key; one with it gives it back', async () => {
    const admin = await claimOnlyAdmin();
    const key = await newKey(admin);
    await listRoles(withKey(key)).expect(200);
    const deliver = async (roles: string[]) => {
      const delivery = await h.standIn.sendWebhook(h.http, secret, {
        event_type: 'user.updated',
        data: { id: admin.record.id, tenant_id: admin.record.tenant_id, roles },
      });
      expect(delivery).toMatchObject({ status: 200, response: { success: true } });
    };

    await deliver(['user']);
    expect(await storedRoles(admin.id)).toEqual([]);
    await listRoles(withKey(key)).expect(403);
    // The admin's token, older than the event, leaves the key as ScaiKey's event said.
    await request(h.http).get('/api/v1/me').set(admin.auth()).expect(200);
    await listRoles(withKey(key)).expect(403);

    await deliver(['user', 'tenant_admin']);
    await listRoles(withKey(key)).expect(200);
  });

  it('scaidns sync takes the role from the key, and gives it back', async () => {
    const admin = await claimOnlyAdmin();
    const key = await newKey(admin);
    await listRoles(withKey(key)).expect(200);
    // Everybody this suite made is assigned, so the sync switches nobody off.
    for (const user of h.standIn.directory.listUsers()) {
      h.standIn.directory.assign(h.standIn.application.id, user.id);
    }
    const sync = h.app.get(IdentitySyncService);

    h.standIn.directory.updateUser(admin.record.id, { roles: ['user'] });
    expect((await sync.run()).counts.users.updated).toBeGreaterThanOrEqual(1);
    expect(await storedRoles(admin.id)).toEqual([]);
    await listRoles(withKey(key)).expect(403);

    h.standIn.directory.updateUser(admin.record.id, { roles: ['user', 'tenant_admin'] });
    await sync.run();
    expect(await storedRoles(admin.id)).toEqual(['tenant_admin']);
    await listRoles(withKey(key)).expect(200);
  });

  describe('role assignments across tenants', () => {
    it("a platform admin assigns and revokes a role on another tenant's user", async () => {
      const [platformAdmin] = await newTenant(h, 1);
      await grantSystemRole(h, platformAdmin, 'platform_admin', { type: 'platform', id: null });
      const [other] = await newTenant(h, 1);

      const assigned = await request(h.http)
        .post('/api/v1/roles/assignments')
        .set(platformAdmin.auth())
        .send({ role: 'tenant_admin', principal_type: 'user', principal_id: other.id })
        .expect(200);
      // The tenant scope defaults to the user's own tenant, not the platform admin's.
      expect(assigned.body).toMatchObject({ scope_type: 'tenant', scope_id: other.tenantId });
      expect((await me(other.auth())).body.permissions).toContain('roles:assign');
      const audit = await h.dataSource
        .getRepository(AuditLog)
        .findOneByOrFail({ resourceId: assigned.body.id, action: 'role.assign' });
      expect(audit).toMatchObject({ tenantId: other.tenantId, actorId: platformAdmin.id });

      await request(h.http)
        .delete(`/api/v1/roles/assignments/${assigned.body.id}`)
        .set(platformAdmin.auth())
        .expect(204);
      expect((await me(other.auth())).body.permissions).not.toContain('roles:assign');
    });

    it("a tenant admin gets 404 for another tenant's user and assignment", async () => {
      const admin = await claimOnlyAdmin();
      const [other] = await newTenant(h, 1);
      const res = await request(h.http)
        .post('/api/v1/roles/assignments')
        .set(admin.auth())
        .send({ role: 'read_only', principal_type: 'user', principal_id: other.id })
        .expect(404);
      expect(res.body).toEqual({ detail: 'User not found' });

      const theirs = await grantSystemRole(h, other, 'read_only');
      await request(h.http)
        .delete(`/api/v1/roles/assignments/${theirs.id}`)
        .set(admin.auth())
        .expect(404);
    });
  });
});
