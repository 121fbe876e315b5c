import request from 'supertest';
import { createPkce } from './support/scaikey';
import {
  type IdentityHarness,
  newTenant,
  setTenantStatus,
  setUserStatus,
  signIn,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

describe('authentication (e2e, tokens from the ScaiKey stand-in)', () => {
  let h: IdentityHarness;
  let alice: TestUser;

  beforeAll(async () => {
    h = await startIdentityHarness();
    [alice] = await newTenant(h, 1);
  });

  afterAll(async () => {
    await h.close();
  });

  const me = (token: string) =>
    request(h.http).get('/api/v1/me').set('Authorization', `Bearer ${token}`);

  describe('valid tokens', () => {
    it('a first token creates the user and tenant from its claims', async () => {
      const res = await me(alice.token).expect(200);
      expect(res.body).toMatchObject({
        id: alice.id,
        scaikey_id: alice.record.id,
        email: alice.record.email,
        tenant: { id: alice.tenantId, scaikey_id: alice.record.tenant_id },
        auth: { kind: 'user', api_key_id: null },
      });
      expect(res.body.permissions).toEqual([]);
    });

    it('GET /auth/me and /me/context describe the same caller', async () => {
      const a = await request(h.http).get('/api/v1/auth/me').set(alice.auth()).expect(200);
      expect(a.body.id).toBe(alice.id);
      const c = await request(h.http).get('/api/v1/me/context').set(alice.auth()).expect(200);
      expect(c.body).toMatchObject({
        id: alice.id,
        platform_permissions: [],
        token_scopes: expect.arrayContaining(['openid']),
      });
    });

    it('ScaiKey tenant_admin implies ScaiDNS tenant_admin in that tenant', async () => {
      const { users } = h.standIn.directory.seedTenant({ users: [{ roles: ['tenant_admin'] }] });
      const admin = await signIn(h, users[0]);
      const res = await request(h.http).get('/api/v1/me').set(admin.auth()).expect(200);
      expect(res.body.permissions).toContain('roles:assign');
      expect(res.body.permissions).not.toContain('admin:read');
    });

    it('accepts a token signed by a rotated key, and ES256', async () => {
      h.standIn.rotateKeys('ES256');
      await me(h.standIn.userToken(alice.record.id)).expect(200);
      h.standIn.rotateKeys('RS256');
    });
  });

  describe('refused tokens: 401 with a detail', () => {
    const cases: [string, () => string, RegExp][] = [
      ['expired', () => h.standIn.userToken(alice.record.id, { expiresIn: -120 }), /expired/],
      [
        'wrong issuer',
        () => h.standIn.userToken(alice.record.id, { claims: { iss: 'https://evil.example' } }),
        /issuer/,
      ],
      [
        'wrong audience',
        () => h.standIn.userToken(alice.record.id, { claims: { aud: 'another-app' } }),
        /audience/,
      ],
      [
        'unknown kid',
        () => h.standIn.userToken(alice.record.id, { kid: 'no-such-key' }),
        /key .* is unknown/,
      ],
      ['alg none', () => h.standIn.userToken(alice.record.id, { alg: 'none' }), /algorithm/],
      [
        'bad signature (a foreign key claiming a known kid)',
        () => h.standIn.userToken(alice.record.id, { key: 'foreign', kid: h.standIn.currentKid }),
        /signature/,
      ],
      [
        'HS256 keyed with the public key (alg confusion)',
        () => h.standIn.userToken(alice.record.id, { alg: 'HS256' }),
        /algorithm/,
      ],
      ['garbage', () => 'not.a.jwt', /malformed|invalid/i],
    ];

    it.each(cases)('%s', async (_name, makeToken, detail) => {
      const res = await me(makeToken()).expect(401);
      expect(res.body.detail).toMatch(detail);
    });

    it('no credentials at all', async () => {
      const res = await request(h.http).get('/api/v1/me').expect(401);
      expect(res.body.detail).toMatch(/Not authenticated/);
    });

    it('a token without tenant_id', async () => {
      const token = h.standIn.userToken(alice.record.id, { claims: { tenant_id: undefined } });
      expect((await me(token).expect(401)).body.detail).toMatch(/tenant_id/);
    });
  });

  describe('users and tenants switched off', () => {
    it('an inactive user is refused on the next request', async () => {
      const [bob] = await newTenant(h, 1);
      // Verified once, so the next request finds bob's caller in memory: it must not be used.
      await me(bob.token).expect(200);
      await setUserStatus(h, bob.id, 'inactive');
      expect((await me(bob.token).expect(401)).body.detail).toMatch(/not active/);
      await setUserStatus(h, bob.id, 'active');
      await me(bob.token).expect(200);
    });

    it('a suspended tenant is refused', async () => {
      const [carol] = await newTenant(h, 1);
      await me(carol.token).expect(200);
      await setTenantStatus(h, carol.tenantId, 'suspended');
      expect((await me(carol.token).expect(403)).body.detail).toMatch(/suspended/);
      await setTenantStatus(h, carol.tenantId, 'active');
    });
  });

  describe('the OAuth endpoints', () => {
    it('GET /auth/config is public and describes ScaiKey', async () => {
      const res = await request(h.http).get('/api/v1/auth/config').expect(200);
      expect(res.body).toMatchObject({
        issuer: h.standIn.platformIssuer,
        jwks_uri: h.standIn.jwksUri,
        client_id: process.env.SCAIKEY_CLIENT_ID,
        scopes: ['openid', 'profile', 'email'],
      });
    });

    it('POST /auth/token exchanges a PKCE code; /auth/refresh rotates; reuse is refused', async () => {
      const pkce = createPkce();
      const redirectUri = h.standIn.application.redirect_uris[0];
      const { code } = await h.standIn.authorize({
        clientId: h.standIn.application.client_id,
        redirectUri,
        codeChallenge: pkce.challenge,
        loginHint: alice.record.id,
      });
      const tokens = await request(h.http)
        .post('/api/v1/auth/token')
        .send({ code, code_verifier: pkce.verifier, redirect_uri: redirectUri })
        .expect(200);
      expect(tokens.body).toMatchObject({ token_type: 'Bearer', expires_in: expect.any(Number) });
      await me(tokens.body.access_token).expect(200);

      const refreshed = await request(h.http)
        .post('/api/v1/auth/refresh')
        .send({ refresh_token: tokens.body.refresh_token })
        .expect(200);
      expect(refreshed.body.refresh_token).not.toBe(tokens.body.refresh_token);
      const reuse = await request(h.http)
        .post('/api/v1/auth/refresh')
        .send({ refresh_token: tokens.body.refresh_token })
        .expect(401);
      expect(reuse.body.detail).toMatch(/invalid_grant/);
    });

    it('a wrong PKCE verifier is refused', async () => {
      const pkce = createPkce();
      const redirectUri = h.standIn.application.redirect_uris[0];
      const { code } = await h.standIn.authorize({
        clientId: h.standIn.application.client_id,
        redirectUri,
        codeChallenge: pkce.challenge,
      });
      await request(h.http)
        .post('/api/v1/auth/token')
        .send({ code, code_verifier: createPkce().verifier, redirect_uri: redirectUri })
        .expect(401);
    });

    it('POST /auth/validate answers valid with claims, or the reason', async () => {
      const ok = await request(h.http)
        .post('/api/v1/auth/validate')
        .send({ token: alice.token })
        .expect(200);
      expect(ok.body).toMatchObject({
        valid: true,
        sub: alice.record.id,
        email: alice.record.email,
      });
      const expired = h.standIn.userToken(alice.record.id, { expiresIn: -120 });
      const bad = await request(h.http)
        .post('/api/v1/auth/validate')
        .send({ token: expired })
        .expect(200);
      expect(bad.body).toEqual({ valid: false, reason: 'Token has expired' });
    });

    it('POST /auth/logout answers ok', async () => {
      expect((await request(h.http).post('/api/v1/auth/logout').expect(200)).body).toEqual({
        status: 'ok',
      });
    });

    it('ScaiKey unreachable → 502 with a clear detail', async () => {
      h.standIn.injectFault({ path: '/api/v1/platform/oauth/token', status: 503 });
      try {
        const res = await request(h.http)
          .post('/api/v1/auth/refresh')
          .send({ refresh_token: 'x' })
          .expect(502);
        expect(res.body.detail).toMatch(/ScaiKey/);
      } finally {
        h.standIn.clearFaults();
      }
    });
  });

  describe('/me/permissions/check', () => {
    it('answers allowed true or false', async () => {
      const res = await request(h.http)
        .post('/api/v1/me/permissions/check')
        .set(alice.auth())
        .send({ permission: 'domains:read' })
        .expect(200);
      expect(res.body).toEqual({ allowed: false });
    });
  });
});
