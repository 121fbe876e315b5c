import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { AuditLog } from '@app/core';
import request from 'supertest';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  setUserStatus,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

describe('API keys (e2e)', () => {
  let h: IdentityHarness;
  let owner: TestUser;

  beforeAll(async () => {
    h = await startIdentityHarness();
    [owner] = await newTenant(h, 1);
    await grantSystemRole(h, owner, 'tenant_admin');
  });

  afterAll(async () => {
    await h.close();
  });

  const create = (body: Record<string, unknown>, who: TestUser = owner) =>
    request(h.http)
      .post('/api/v1/api-keys/')
      .set(who.auth())
      .send({
        permission_source: 'user',
        permission_source_id: who.id,
        ...body,
      });
  const withKey = (secret: string) => request(h.http).get('/api/v1/me').set('X-API-Key', secret);
  const auditOf = (resourceId: string) =>
    h.dataSource
      .getRepository(AuditLog)
      .find({ where: { resourceId }, order: { timestamp: 'ASC' } });

  it('the whole life cycle, each mutation audited once with its actor', async () => {
    const created = await create({ name: 'ci deploy', description: 'for CI' }).expect(200);
    expect(created.body).toMatchObject({
      name: 'ci deploy',
      key: expect.stringMatching(/^sdk_live_[0-9A-Za-z]{43}$/),
      permission_source: 'user',
      permission_source_id: owner.id,
    });
    const { id, key: secret } = created.body as { id: string; key: string };

    // The key works and carries its owner's permissions.
    const asKey = await withKey(secret).expect(200);
    expect(asKey.body).toMatchObject({ id: owner.id, auth: { kind: 'api_key', api_key_id: id } });
    expect(asKey.body.permissions).toContain('records:create');

    // The secret is never shown again; usage is recorded.
    const got = await request(h.http).get(`/api/v1/api-keys/${id}`).set(owner.auth()).expect(200);
    expect(got.body).not.toHaveProperty('key');
    expect(JSON.stringify(got.body)).not.toContain(secret.slice(20));
    expect(got.body).toMatchObject({
      key_prefix: secret.slice(0, 17),
      status: 'active',
      use_count: 1,
    });
    expect(got.body.last_used_ip).toMatch(/127\.0\.0\.1/);
    const list = await request(h.http).get('/api/v1/api-keys').set(owner.auth()).expect(200);
    expect(list.body).toMatchObject({ total: 1, page: 1, page_size: 50, total_pages: 1 });

    const patched = await request(h.http)
      .patch(`/api/v1/api-keys/${id}`)
      .set(owner.auth())
      .send({ name: 'ci deploy v2', rate_limit: 500 })
      .expect(200);
    expect(patched.body).toMatchObject({ name: 'ci deploy v2', rate_limit: 500 });

    // Regenerate: the old secret dies at once.
    const regenerated = await request(h.http)
      .post(`/api/v1/api-keys/${id}/regenerate`)
      .set(owner.auth())
      .expect(200);
    const fresh = regenerated.body.key as string;
    expect(fresh).not.toBe(secret);
    expect((await withKey(secret).expect(401)).body.detail).toBe('Invalid API key');
    await withKey(fresh).expect(200);

    // Revoke and activate.
    await request(h.http)
      .post(`/api/v1/api-keys/${id}/revoke`)
      .set(owner.auth())
      .send({ reason: 'leaked' })
      .expect(200);
    expect((await withKey(fresh).expect(401)).body.detail).toMatch(/revoked/);
    const hidden = await request(h.http).get('/api/v1/api-keys').set(owner.auth()).expect(200);
    expect(hidden.body.total).toBe(0);
    const shown = await request(h.http)
      .get('/api/v1/api-keys?include_revoked=true')
      .set(owner.auth())
      .expect(200);
    expect(shown.body.data[0]).toMatchObject({ id, status: 'revoked' });
    await request(h.http).post(`/api/v1/api-keys/${id}/activate`).set(owner.auth()).expect(200);
    await withKey(fresh).expect(200);

    await request(h.http).delete(`/api/v1/api-keys/${id}`).set(owner.auth()).expect(204);
    await withKey(fresh).expect(401);
    await request(h.http).get(`/api/v1/api-keys/${id}`).set(owner.auth()).expect(404);

    const entries = await auditOf(id);
    expect(entries.map((e) => e.action)).toEqual([
      'api_key.create',
      'api_key.update',
      'api_key.regenerate',
      'api_key.revoke',
      'api_key.activate',
      'api_key.delete',
    ]);
    for (const e of entries) {
      expect(e).toMatchObject({
        actorType: 'user',
        actorId: owner.id,
        actorEmail: owner.record.email,
        tenantId: owner.tenantId,
      });
      expect(JSON.stringify(e.details)).not.toContain(secret);
    }
  });

  it('an API key cannot manage keys', async () => {
    const { key } = (await create({ name: 'no-keys' }).expect(200)).body as { key: string };
    const res = await request(h.http)
      .post('/api/v1/api-keys')
      .set('X-API-Key', key)
      .send({ name: 'x', permission_source: 'user', permission_source_id: owner.id })
      .expect(403);
    expect(res.body.detail).toMatch(/API keys cannot manage API keys/);
    await request(h.http).get('/api/v1/api-keys').set('X-API-Key', key).expect(403);
  });

  it('outside the IP allow-list → 403; inside → 200; IPv6 CIDRs accepted', async () => {
    const outside = (
      await create({ name: 'office', ip_whitelist: ['192.0.2.0/24', '2001:db8::/32'] }).expect(200)
    ).body.key;
    expect((await withKey(outside).expect(403)).body.detail).toMatch(/may not be used from/);
    const inside = (
      await create({ name: 'local', ip_whitelist: ['127.0.0.0/8', '::1/128'] }).expect(200)
    ).body.key;
    await withKey(inside).expect(200);
    const bad = await create({ name: 'bad', ip_whitelist: ['10.0.0.0/33'] }).expect(400);
    expect(bad.body.detail).toMatchObject({ field: 'ip_whitelist' });
  });

  it('expired keys → 401; expires_at in the past is refused', async () => {
    const soon = new Date(Date.now() + 1500).toISOString();
    const { key } = (await create({ name: 'short', expires_at: soon }).expect(200)).body;
    await withKey(key).expect(200);
    await new Promise((r) => setTimeout(r, 1700));
    expect((await withKey(key).expect(401)).body.detail).toMatch(/expired/);
    await create({ name: 'past', expires_at: new Date(Date.now() - 1000).toISOString() }).expect(
      400,
    );
  });

  it('scopes narrow the key and must be a subset of the source', async () => {
    const { key } = (
      await create({ name: 'reader', scopes: ['records:read', 'domains:read'] }).expect(200)
    ).body;
    const me = await withKey(key).expect(200);
    expect(me.body.permissions.sort()).toEqual(['domains:read', 'records:read']);
    await request(h.http).get('/api/v1/roles').set('X-API-Key', key).expect(403);
    const greedy = await create({ name: 'greedy', scopes: ['admin:read'] }).expect(400);
    expect(greedy.body.detail).toMatchObject({ field: 'scopes' });

    const [plain] = await newTenant(h, 1);
    await grantSystemRole(h, plain, 'read_only');
    // read_only holds no api_keys:create, so the route itself is closed.
    await create({ name: 'reader', scopes: ['records:read'] }, plain).expect(403);
  });

  it('a group nobody knows is 404 (a tenant admin may name any group of the tenant)', async () => {
    // Who may make a key from which group or user: test/api-key-sources.e2e-spec.ts.
    const res = await create({
      name: 'group',
      permission_source: 'group',
      permission_source_id: '00000000-0000-4000-8000-0000000000ff',
    }).expect(404);
    expect(res.body.detail).toBe('Group not found');
  });

  it("a deactivated owner's keys stop working on the next request", async () => {
    const [other] = await newTenant(h, 1);
    await grantSystemRole(h, other, 'tenant_admin');
    const { key } = (await create({ name: 'owner-bound' }, other).expect(200)).body;
    await withKey(key).expect(200);
    await setUserStatus(h, other.id, 'inactive');
    await withKey(key).expect(401);
  });

  it('malformed and unknown keys → 401, never 500', async () => {
    for (const value of [
      'nope',
      'sdk_live_',
      `sdk_live_${'A'.repeat(43)}`,
      `sdk_live_${'é'.repeat(43)}`,
    ]) {
      expect((await withKey(value).expect(401)).body.detail).toBe('Invalid API key');
    }
  });

  it("another user's key is 404", async () => {
    const { id } = (await create({ name: 'mine' }).expect(200)).body;
    const [stranger] = await newTenant(h, 1);
    await grantSystemRole(h, stranger, 'tenant_admin');
    await request(h.http).get(`/api/v1/api-keys/${id}`).set(stranger.auth()).expect(404);
    await request(h.http)
      .post(`/api/v1/api-keys/${id}/revoke`)
      .set(stranger.auth())
      .send({})
      .expect(404);
  });

  it("exceeding a key's rate limit → 429 with Retry-After and RateLimit headers", async () => {
    const { key } = (await create({ name: 'slow', rate_limit: 3 }).expect(200)).body;
    for (let i = 0; i < 3; i += 1) {
      const ok = await withKey(key).expect(200);
      expect(ok.headers['ratelimit']).toMatch(/limit=3, remaining=\d+, reset=\d+/);
      expect(ok.headers['ratelimit-policy']).toBe('3;w=60');
    }
    const limited = await withKey(key).expect(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(limited.body.detail).toMatch(/Rate limit exceeded/);
  });

  it('the limit holds across two API processes sharing Redis', async () => {
    const port = 19_000 + Math.floor(Math.random() * 500);
    const second = spawn(process.execPath, [join(__dirname, '../dist/apps/api/main.js')], {
      env: {
        ...process.env,
        ENV_FILE: '/dev/null',
        PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'ERROR',
      },
      stdio: 'ignore',
    });
    try {
      for (let i = 0; ; i += 1) {
        const up = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`).catch(() => null);
        if (up?.ok) break;
        if (i > 100) throw new Error('the second API process did not start');
        await new Promise((r) => setTimeout(r, 200));
      }
      const { key } = (await create({ name: 'shared', rate_limit: 6 }).expect(200)).body as {
        key: string;
      };
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) {
        if (i % 2 === 0) statuses.push((await withKey(key)).status);
        else {
          const res = await fetch(`http://127.0.0.1:${port}/api/v1/me`, {
            headers: { 'X-API-Key': key },
          });
          statuses.push(res.status);
        }
      }
      expect(statuses.filter((s) => s === 200)).toHaveLength(6);
      expect(statuses.filter((s) => s === 429)).toHaveLength(4);
      expect(statuses.slice(0, 6)).toEqual([200, 200, 200, 200, 200, 200]);
    } finally {
      second.kill('SIGTERM');
    }
  });
});
