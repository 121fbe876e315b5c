import { createHmac, createPublicKey, type JsonWebKey, timingSafeEqual, verify } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AppError } from '@app/core';
import { ScaiKeyClient } from '@app/identity';
import {
  canonicalJson,
  createPkce,
  createScaiKeyStandIn,
  decodeJwt,
  DEFAULT_CLIENT_ID,
  DEFAULT_CLIENT_SECRET,
  DEFAULT_REDIRECT_URI,
  type JwtClaims,
  type ScaiKeyStandIn,
  WEBHOOK_PATH,
} from './support/scaikey';

/**
 * The ScaiKey stand-in, driven through ScaiDNS's own ScaiKeyClient and over raw HTTP: what the JWT,
 * sync and webhook tests rely on behaves as SCAIKEY.md says ScaiKey does.
 */

interface Jwks {
  keys: Record<string, unknown>[];
}

async function appError(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** Verifies a JWT against a JWKS with node:crypto only; throws when it does not verify. */
function verifyWithJwks(token: string, jwks: Jwks): JwtClaims {
  const { header, claims, signingInput, signature } = decodeJwt(token);
  const jwk = jwks.keys.find((k) => k.kid === header.kid);
  if (!jwk) throw new Error(`kid ${String(header.kid)} is not in the JWKS`);
  if (jwk.alg !== header.alg) throw new Error(`alg ${header.alg} does not match the key`);
  const key = createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' });
  const data = Buffer.from(signingInput);
  const ok =
    header.alg === 'ES256'
      ? verify('sha256', data, { key, dsaEncoding: 'ieee-p1363' }, signature)
      : verify('sha256', data, key, signature);
  if (!ok) throw new Error('signature does not verify');
  return claims;
}

async function getJson<T = Record<string, unknown>>(url: string, init: RequestInit = {}) {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    body: (text ? JSON.parse(text) : null) as T,
  };
}

describe('ScaiKey stand-in (e2e)', () => {
  let standIn: ScaiKeyStandIn;
  let client: ScaiKeyClient;

  beforeAll(async () => {
    standIn = createScaiKeyStandIn();
    await standIn.start();
    client = new ScaiKeyClient({ scaikey: standIn.scaikeyConfig() });
  });

  afterAll(async () => {
    await standIn.stop();
  });

  /** POSTs the token endpoint with Basic (default), form or no client authentication. */
  async function tokenPost(
    params: Record<string, string>,
    auth: 'basic' | 'form' | 'none' = 'basic',
    secret = DEFAULT_CLIENT_SECRET,
  ) {
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
    };
    const body = new URLSearchParams(params);
    if (auth === 'basic') {
      const basic = Buffer.from(`${DEFAULT_CLIENT_ID}:${secret}`).toString('base64');
      headers.authorization = `Basic ${basic}`;
    } else if (auth === 'form') {
      body.set('client_id', DEFAULT_CLIENT_ID);
      body.set('client_secret', secret);
    }
    return getJson(standIn.tokenEndpoint, { method: 'POST', headers, body: body.toString() });
  }

  async function codeFor(options: { user?: string; nonce?: string } = {}) {
    const pkce = createPkce();
    const { code, state } = await standIn.authorize({
      codeChallenge: pkce.challenge,
      state: 'st-1',
      nonce: options.nonce,
      loginHint: options.user,
    });
    expect(state).toBe('st-1');
    return { code, verifier: pkce.verifier };
  }

  describe('discovery and JWKS', () => {
    it('serves the platform discovery document under the platform issuer', async () => {
      const doc = await client.discovery();
      const oauth = `${standIn.url}/api/v1/platform/oauth`;
      expect(doc).toMatchObject({
        issuer: `${standIn.url}/api/v1/platform`,
        authorization_endpoint: `${oauth}/authorize`,
        token_endpoint: `${oauth}/token`,
        userinfo_endpoint: `${oauth}/userinfo`,
        end_session_endpoint: `${oauth}/logout`,
        jwks_uri: `${oauth}/jwks`,
      });
    });

    it('caches the discovery document for SCAIKEY_JWKS_CACHE_TTL', async () => {
      const path = '/api/v1/platform/oauth/.well-known/openid-configuration';
      const cached = new ScaiKeyClient({ scaikey: standIn.scaikeyConfig() });
      const before = standIn.requestCount(path);
      await Promise.all([cached.discovery(), cached.discovery()]);
      await cached.discovery();
      expect(standIn.requestCount(path) - before).toBe(1);

      const uncached = new ScaiKeyClient({
        scaikey: standIn.scaikeyConfig({ jwksCacheTtlSeconds: 0 }),
      });
      await uncached.discovery();
      await uncached.discovery();
      expect(standIn.requestCount(path) - before).toBe(3);
    });

    it('serves the tenant-scoped discovery with the tenant issuer; an unknown slug is 404', async () => {
      const slug = standIn.dev!.tenant.slug;
      const { status, body } = await getJson(standIn.tenantDiscoveryUrl(slug));
      expect(status).toBe(200);
      expect(body.issuer).toBe(`${standIn.url}/api/v1/auth/tenants/${slug}`);
      expect(body.token_endpoint).toBe(`${standIn.tenantIssuer(slug)}/oauth/token`);
      expect((await getJson(standIn.tenantDiscoveryUrl('no-such-tenant'))).status).toBe(404);
    });

    it('publishes the RS256 public key by kid, without private members', async () => {
      const set = await client.jwks();
      expect(set.keys).toHaveLength(1);
      expect(set.keys[0]).toMatchObject({
        kty: 'RSA',
        alg: 'RS256',
        use: 'sig',
        kid: standIn.currentKid,
      });
      for (const secret of ['d', 'p', 'q', 'dp', 'dq', 'qi'])
        expect(set.keys[0]).not.toHaveProperty(secret);
      await expect(client.healthCheck()).resolves.toEqual({ status: 'ok' });
    });
  });

  describe('authorization code with PKCE', () => {
    it('authorize redirects with a code; the exchange returns tokens that verify against the JWKS', async () => {
      const { code, verifier } = await codeFor({ nonce: 'n-1' });
      const tokens = await client.exchangeCode({
        code,
        codeVerifier: verifier,
        redirectUri: DEFAULT_REDIRECT_URI,
      });
      expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 3600 });
      expect(tokens.refresh_token).toEqual(expect.any(String));
      expect(tokens.scope).toBe('openid profile email offline_access');

      const jwks = (await client.jwks()) as Jwks;
      const claims = verifyWithJwks(tokens.access_token, jwks);
      const { user, tenant, partner } = standIn.dev!;
      expect(claims).toMatchObject({
        iss: standIn.platformIssuer,
        aud: DEFAULT_CLIENT_ID,
        client_id: DEFAULT_CLIENT_ID,
        sub: user.id,
        email: user.email,
        tenant_id: tenant.id,
        partner_id: partner.id,
        role: 'user',
        roles: ['user'],
        scope: 'openid profile email offline_access',
      });
      expect(user.id).toMatch(/^usr_/);
      expect(tenant.id).toMatch(/^tnt_/);
      expect(partner.id).toMatch(/^prt_/);
      expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);

      const idToken = verifyWithJwks(tokens.id_token!, jwks);
      expect(idToken).toMatchObject({ sub: user.id, aud: DEFAULT_CLIENT_ID, nonce: 'n-1' });
    });

    it('signs in the user named by login_hint, with their ScaiKey admin role', async () => {
      const { tenant } = standIn.dev!;
      const admin = standIn.directory.addUser({
        tenant_id: tenant.id,
        email: 'Admin@Example.test',
        roles: ['tenant_admin', 'partner_admin'],
      });
      const { code, verifier } = await codeFor({ user: 'admin@example.test' });
      const tokens = await client.exchangeCode({
        code,
        codeVerifier: verifier,
        redirectUri: DEFAULT_REDIRECT_URI,
      });
      expect(decodeJwt(tokens.access_token).claims).toMatchObject({
        sub: admin.id,
        role: 'partner_admin',
        roles: ['tenant_admin', 'partner_admin'],
      });
    });

    it('refuses a wrong code_verifier as invalid_grant, and the code is spent', async () => {
      const { code, verifier } = await codeFor();
      const wrong = await appError(
        client.exchangeCode({
          code,
          codeVerifier: createPkce().verifier,
          redirectUri: DEFAULT_REDIRECT_URI,
        }),
      );
      expect(wrong.code).toBe('UNAUTHENTICATED');
      expect(wrong.message).toMatch(/invalid_grant.*PKCE/);
      const again = await appError(
        client.exchangeCode({ code, codeVerifier: verifier, redirectUri: DEFAULT_REDIRECT_URI }),
      );
      expect(again.message).toContain('already used');
    });

    it('redeems a code once only', async () => {
      const { code, verifier } = await codeFor();
      const input = { code, codeVerifier: verifier, redirectUri: DEFAULT_REDIRECT_URI };
      await client.exchangeCode(input);
      const error = await appError(client.exchangeCode(input));
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toBe(
        'ScaiKey refused the authorization code: invalid_grant (authorization code was already used)',
      );
    });

    it('refuses a redirect_uri other than the authorization request’s', async () => {
      const { code, verifier } = await codeFor();
      const error = await appError(
        client.exchangeCode({
          code,
          codeVerifier: verifier,
          redirectUri: 'http://127.0.0.1:8000/elsewhere',
        }),
      );
      expect(error.message).toMatch(/invalid_grant \(redirect_uri does not match/);
    });

    it('refuses an expired code', async () => {
      const { code, verifier } = await codeFor();
      standIn.advanceClock(61);
      try {
        const error = await appError(
          client.exchangeCode({ code, codeVerifier: verifier, redirectUri: DEFAULT_REDIRECT_URI }),
        );
        expect(error.message).toContain('authorization code has expired');
      } finally {
        standIn.advanceClock(-61);
      }
    });

    it('authorize shows client errors and redirects request errors back with the state', async () => {
      const base = `${standIn.platformIssuer}/oauth/authorize`;
      const { challenge } = createPkce();
      const query = (params: Record<string, string>) =>
        `${base}?${new URLSearchParams({
          response_type: 'code',
          client_id: DEFAULT_CLIENT_ID,
          redirect_uri: DEFAULT_REDIRECT_URI,
          code_challenge: challenge,
          code_challenge_method: 'S256',
          state: 'st',
          ...params,
        }).toString()}`;
      const redirected = async (params: Record<string, string>) => {
        const res = await getJson(query(params));
        expect(res.status).toBe(302);
        return new URL(res.headers.get('location')!);
      };

      const unknownClient = await getJson(query({ client_id: 'nobody' }));
      expect(unknownClient.status).toBe(400);
      expect(unknownClient.headers.get('location')).toBeNull();
      const badRedirect = await getJson(query({ redirect_uri: 'https://evil.example/cb' }));
      expect(badRedirect.status).toBe(400);
      expect(badRedirect.body.error).toBe('invalid_request');

      const plain = await redirected({ code_challenge_method: 'plain' });
      expect(plain.searchParams.get('error')).toBe('invalid_request');
      expect(plain.searchParams.get('state')).toBe('st');
      const implicit = await redirected({ response_type: 'token' });
      expect(implicit.searchParams.get('error')).toBe('unsupported_response_type');
      const noPkce = await redirected({ code_challenge: '' });
      expect(noPkce.searchParams.get('error')).toBe('invalid_request');

      const suspended = standIn.directory.addUser({
        tenant_id: standIn.dev!.tenant.id,
        status: 'suspended',
      });
      const denied = await redirected({ login_hint: suspended.id });
      expect(denied.searchParams.get('error')).toBe('access_denied');
    });

    it('takes client authentication by Basic or form fields; a wrong secret is 401 invalid_client', async () => {
      const viaForm = await tokenPost({ grant_type: 'client_credentials' }, 'form');
      expect(viaForm.status).toBe(200);
      const wrongBasic = await tokenPost({ grant_type: 'client_credentials' }, 'basic', 'nope');
      expect(wrongBasic.status).toBe(401);
      expect(wrongBasic.body.error).toBe('invalid_client');
      expect(wrongBasic.headers.get('www-authenticate')).toContain('Basic');
      const wrongForm = await tokenPost({ grant_type: 'client_credentials' }, 'form', 'nope');
      expect(wrongForm.status).toBe(401);
      const none = await tokenPost({ grant_type: 'client_credentials' }, 'none');
      expect(none.status).toBe(401);
    });

    it('a client with the wrong secret gets UNAUTHENTICATED naming invalid_client, never the secret', async () => {
      const secret = 'wrong-secret-that-must-not-leak';
      const misconfigured = new ScaiKeyClient({
        scaikey: standIn.scaikeyConfig({ clientSecret: secret }),
      });
      const { code, verifier } = await codeFor();
      const error = await appError(
        misconfigured.exchangeCode({
          code,
          codeVerifier: verifier,
          redirectUri: DEFAULT_REDIRECT_URI,
        }),
      );
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toContain('invalid_client');
      expect(JSON.stringify({ m: error.message, d: error.detail })).not.toContain(secret);

      const service = await appError(misconfigured.clientCredentialsToken('admin:read'));
      expect(service.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(service.message).toContain('invalid_client');
      expect(service.message).not.toContain(secret);
    });
  });

  describe('refresh tokens', () => {
    it('rotates the refresh token; reusing a spent one is invalid_grant and revokes the family', async () => {
      const first = await standIn.login();
      const second = await client.refresh(first.refresh_token);
      expect(second.refresh_token).toEqual(expect.any(String));
      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(decodeJwt(second.access_token).claims.sub).toBe(standIn.dev!.user.id);

      const reuse = await appError(client.refresh(first.refresh_token));
      expect(reuse.code).toBe('UNAUTHENTICATED');
      expect(reuse.message).toMatch(/^ScaiKey refused the refresh token: invalid_grant/);
      // The legitimate holder's newest token went down with the family.
      const revoked = await appError(client.refresh(second.refresh_token!));
      expect(revoked.message).toContain('revoked');
    });

    it('will not refresh for a suspended user', async () => {
      const user = standIn.directory.addUser({ tenant_id: standIn.dev!.tenant.id });
      const tokens = await standIn.login({ user: user.id });
      standIn.directory.suspendUser(user.id);
      const error = await appError(client.refresh(tokens.refresh_token));
      expect(error.message).toMatch(/invalid_grant.*suspended/);
    });

    it('revokes a refresh token (logout)', async () => {
      const tokens = await standIn.login();
      await expect(client.revoke(tokens.refresh_token)).resolves.toBe(true);
      await expect(client.refresh(tokens.refresh_token)).rejects.toThrow(/revoked/);
    });
  });

  describe('client credentials', () => {
    it('issues an admin token and caches it until shortly before it expires', async () => {
      const fresh = new ScaiKeyClient({ scaikey: standIn.scaikeyConfig() });
      const tokenRequests = () =>
        standIn.requests.filter((r) => r.grantType === 'client_credentials').length;
      const before = tokenRequests();
      const token = await fresh.clientCredentialsToken('admin:read');
      expect(await fresh.clientCredentialsToken('admin:read')).toBe(token);
      expect(tokenRequests() - before).toBe(1);

      const claims = verifyWithJwks(token, (await fresh.jwks()) as Jwks);
      expect(claims).toMatchObject({
        iss: standIn.platformIssuer,
        aud: DEFAULT_CLIENT_ID,
        sub: DEFAULT_CLIENT_ID,
        client_id: DEFAULT_CLIENT_ID,
        scope: 'admin:read',
      });
      await fresh.clientCredentialsToken('admin:write');
      expect(tokenRequests() - before).toBe(2);
    });

    it('renews a service token that is about to expire', async () => {
      const shortLived = createScaiKeyStandIn({ seedDevUser: false, accessTokenTtlSeconds: 1 });
      await shortLived.start();
      try {
        const c = new ScaiKeyClient({ scaikey: shortLived.scaikeyConfig() });
        const first = await c.clientCredentialsToken();
        expect(await c.clientCredentialsToken()).toBe(first);
        // Renewed a tenth of its life (at most 30 s) before it expires: here after 0.9 s.
        await new Promise((r) => setTimeout(r, 1000));
        expect(await c.clientCredentialsToken()).not.toBe(first);
      } finally {
        await shortLived.stop();
      }
    });

    it('refuses scopes the client may not have', async () => {
      const res = await tokenPost({ grant_type: 'client_credentials', scope: 'admin:root' });
      expect(res.status).toBe(400);
      expect(res.body.error).toBe('invalid_scope');
      const unknownGrant = await tokenPost({ grant_type: 'password' });
      expect(unknownGrant.body.error).toBe('unsupported_grant_type');
    });
  });

  describe('admin API', () => {
    it('pages users (page, page_size, total, total_pages) and iterates every page', async () => {
      const { tenant, users } = standIn.directory.seedTenant({ users: 7 });
      const page = await client.usersPage({ tenantId: tenant.id, page: 3, pageSize: 3 });
      expect(page).toMatchObject({ total: 7, page: 3, page_size: 3, total_pages: 3 });
      expect(page.data.map((u) => u.id)).toEqual([users[6].id]);

      const before = standIn.requestCount('/api/v1/admin/users', 'GET');
      const all: string[] = [];
      for await (const user of client.listUsers({ tenantId: tenant.id, pageSize: 3 })) {
        all.push(user.id);
      }
      expect(all).toEqual(users.map((u) => u.id));
      expect(standIn.requestCount('/api/v1/admin/users', 'GET') - before).toBe(3);
    });

    it('lists partners, tenants and groups with their filters', async () => {
      const { partner, tenant } = standIn.directory.seedTenant();
      const group = standIn.directory.addGroup({ tenant_id: tenant.id, name: 'ops' });
      const partners: string[] = [];
      for await (const p of client.listPartners()) partners.push(p.id);
      expect(partners).toContain(partner.id);
      const tenants: string[] = [];
      for await (const t of client.listTenants({ partnerId: partner.id })) tenants.push(t.slug);
      expect(tenants).toEqual([tenant.slug]);
      const groups = await client.groupsPage({ tenantId: tenant.id });
      expect(groups.data).toEqual([expect.objectContaining({ id: group.id, name: 'ops' })]);
    });

    it('answers effective users: direct and through nested groups, never deleted ones', async () => {
      const d = standIn.directory;
      const { tenant, users } = d.seedTenant({ users: 5 });
      const [direct, nested, both, outsider, deleted] = users;
      const inner = d.addGroup({ tenant_id: tenant.id, members: [nested.id, both.id, deleted.id] });
      const outer = d.addGroup({ tenant_id: tenant.id, members: [inner.id] });
      const app = d.addApplication({ name: 'other app' });
      d.assign(app.id, direct.id);
      d.assign(app.id, both.id);
      d.assign(app.id, outer.id);
      d.deleteUser(deleted.id);

      const effective = await client.effectiveUsers(tenant.id, app.id);
      expect(effective.map((u) => [u.id, u.assigned_via])).toEqual([
        [direct.id, ['direct']],
        [nested.id, [outer.id]],
        [both.id, ['direct', outer.id]],
      ]);
      expect(effective.map((u) => u.id)).not.toContain(outsider.id);

      const members = await client.groupMembers(outer.id);
      expect(members).toEqual([expect.objectContaining({ type: 'group', id: inner.id })]);
      const innerMembers = await client.groupMembers(inner.id);
      expect(innerMembers.map((m) => [m.type, m.id, m.status])).toEqual([
        ['user', nested.id, 'active'],
        ['user', both.id, 'active'],
        ['user', deleted.id, 'deleted'],
      ]);
      // SCAIKEY_APPLICATION_ID by default: the dev user is assigned to the ScaiDNS application.
      const ours = await client.effectiveUsers(standIn.dev!.tenant.id);
      expect(ours.map((u) => u.id)).toContain(standIn.dev!.user.id);
    });

    it('creates, updates and soft-deletes users', async () => {
      const { tenant } = standIn.directory.seedTenant();
      const created = await client.createUser({
        tenantId: tenant.id,
        email: 'New.User@example.test',
        displayName: 'New User',
        sendInvite: true,
      });
      expect(created).toMatchObject({
        tenant_id: tenant.id,
        email: 'new.user@example.test',
        display_name: 'New User',
        status: 'active',
      });
      expect(created.id).toMatch(/^usr_/);
      expect(standIn.invitations.map((i) => i.user_id)).toContain(created.id);

      const duplicate = await appError(
        client.createUser({ tenantId: tenant.id, email: 'new.user@example.test' }),
      );
      expect(duplicate.code).toBe('CONFLICT');
      const badTenant = await appError(
        client.createUser({ tenantId: 'tnt_nope', email: 'a@b.cd' }),
      );
      expect(badTenant.code).toBe('NOT_FOUND');
      const badEmail = await appError(client.createUser({ tenantId: tenant.id, email: 'nope' }));
      expect(badEmail.code).toBe('BAD_REQUEST');

      const updated = await client.updateUser(created.id, {
        displayName: 'Renamed',
        status: 'suspended',
      });
      expect(updated).toMatchObject({ display_name: 'Renamed', status: 'suspended' });

      await client.disableUser(created.id);
      expect(await client.getUser(created.id)).toMatchObject({ status: 'deleted' });
      expect((await appError(client.disableUser(created.id))).code).toBe('NOT_FOUND');
      expect((await appError(client.updateUser('usr_nope', {}))).code).toBe('NOT_FOUND');
    });

    it('wants a valid admin token with the right scope', async () => {
      const url = `${standIn.url}/api/v1/admin/users`;
      const asBearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });
      expect((await getJson(url)).status).toBe(401);
      expect((await getJson(url, asBearer(standIn.serviceToken('admin:read')))).status).toBe(200);
      const expired = standIn.serviceToken('admin:read', { expiresIn: -10 });
      expect((await getJson(url, asBearer(expired))).status).toBe(401);
      const forged = standIn.serviceToken('admin:read', {
        key: 'foreign',
        kid: standIn.currentKid,
      });
      expect((await getJson(url, asBearer(forged))).body.detail).toMatch(/invalid signature/);
      const userToken = standIn.userToken(standIn.dev!.user.id);
      expect((await getJson(url, asBearer(userToken))).status).toBe(403);
      const readOnly = await getJson(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${standIn.serviceToken('admin:read')}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ tenant_id: standIn.dev!.tenant.id, email: 'x@y.zz' }),
      });
      expect(readOnly.status).toBe(403);
      const tooBig = await getJson(`${url}?page_size=101`, asBearer(standIn.serviceToken()));
      expect(tooBig.status).toBe(422);
    });

    it('gets a fresh admin token when the cached one stops verifying (keys rotated)', async () => {
      const c = new ScaiKeyClient({ scaikey: standIn.scaikeyConfig() });
      await c.usersPage();
      standIn.rotateKeys();
      standIn.dropOldKeys();
      const before = standIn.requests.filter((r) => r.grantType === 'client_credentials').length;
      await expect(c.usersPage()).resolves.toMatchObject({ page: 1 });
      const after = standIn.requests.filter((r) => r.grantType === 'client_credentials').length;
      expect(after - before).toBe(1);
    });
  });

  describe('application registration', () => {
    const request = {
      name: 'ScaiDNS',
      redirectUris: ['https://dns.example.test/auth/callback'],
      webhookUrl: 'https://dns.example.test/api/v1/webhooks/scaikey',
    };

    it('stays PENDING until approved, then carries working credentials', async () => {
      const { request_id, status_token } = await client.registerApplication(request);
      expect(request_id).toMatch(/^reg_/);
      await expect(client.registrationStatus(request_id, status_token)).resolves.toMatchObject({
        status: 'PENDING',
      });
      const record = standIn.registrations.find((r) => r.request_id === request_id)!;
      expect(record.request).toMatchObject({
        name: 'ScaiDNS',
        type: 'GLOBAL',
        redirect_uris: request.redirectUris,
      });

      standIn.approve(request_id);
      const approved = await client.registrationStatus(request_id, status_token);
      expect(approved).toMatchObject({
        status: 'APPROVED',
        client_id: expect.any(String),
        client_secret: expect.any(String),
        application_id: expect.stringMatching(/^app_/),
        webhook_secret: expect.stringMatching(/^whsec_/),
      });

      const registered = new ScaiKeyClient({
        scaikey: standIn.scaikeyConfig({
          clientId: approved.client_id!,
          clientSecret: approved.client_secret!,
          applicationId: approved.application_id!,
        }),
      });
      const token = await registered.clientCredentialsToken('admin:read');
      expect(decodeJwt(token).claims.client_id).toBe(approved.client_id);
    });

    it('reports REJECTED with the reason', async () => {
      const { request_id, status_token } = await client.registerApplication(request);
      standIn.reject(request_id, 'not on the allow list');
      await expect(client.registrationStatus(request_id, status_token)).resolves.toEqual(
        expect.objectContaining({ status: 'REJECTED', reason: 'not on the allow list' }),
      );
    });

    it('refuses a wrong status token and an unknown request; validates the request', async () => {
      const { request_id } = await client.registerApplication(request);
      expect((await appError(client.registrationStatus(request_id, 'wrong'))).code).toBe(
        'UNAUTHENTICATED',
      );
      expect((await appError(client.registrationStatus('reg_nope', 'x'))).code).toBe('NOT_FOUND');
      const invalid = await appError(client.registerApplication({ ...request, name: '' }));
      expect(invalid.code).toBe('BAD_REQUEST');
    });

    it('approves by itself after N polls when configured to', async () => {
      const auto = createScaiKeyStandIn({
        seedDevUser: false,
        autoApproveRegistrationsAfterPolls: 2,
      });
      await auto.start();
      try {
        const c = new ScaiKeyClient({ scaikey: auto.scaikeyConfig() });
        const { request_id, status_token } = await c.registerApplication(request);
        expect((await c.registrationStatus(request_id, status_token)).status).toBe('PENDING');
        expect((await c.registrationStatus(request_id, status_token)).status).toBe('APPROVED');
      } finally {
        await auto.stop();
      }
    });
  });

  describe('webhooks', () => {
    const secret = 'whsec_test';
    let receiver: Server;
    let received: { headers: IncomingMessage['headers']; body: string }[];
    let receiverUrl: string;

    beforeAll(async () => {
      received = [];
      receiver = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ success: true, message: 'ok' }));
        });
      });
      await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
      receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}${WEBHOOK_PATH}`;
    });

    afterAll(async () => {
      await new Promise((resolve) => receiver.close(resolve));
    });

    /** What ScaiDNS must do: HMAC over "<t>.<raw body>", constant-time compare. */
    function signatureValid(headers: IncomingMessage['headers'], body: string): boolean {
      const header = String(headers['x-scaikey-signature'] ?? '');
      const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header);
      if (!match) return false;
      const expected = createHmac('sha256', secret).update(`${match[1]}.${body}`).digest();
      return timingSafeEqual(expected, Buffer.from(match[2], 'hex'));
    }

    it('signs t=<unix>,v1=<hex HMAC-SHA256> over the compact, key-sorted envelope', async () => {
      const user = standIn.dev!.user;
      const delivery = await standIn.sendWebhook(receiverUrl, secret, {
        event_type: 'user.updated',
        data: { id: user.id, tenant_id: user.tenant_id, email: user.email, display_name: 'Zoë' },
        actor: { id: 'usr_admin', type: 'user' },
      });
      expect(delivery.status).toBe(200);
      expect(delivery.response).toEqual({ success: true, message: 'ok' });

      const { headers, body } = received[received.length - 1];
      expect(signatureValid(headers, body)).toBe(true);
      const t = Number(/^t=(\d+),/.exec(String(headers['x-scaikey-signature']))![1]);
      expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(5);
      expect(headers['x-scaikey-timestamp']).toBe(String(t));
      expect(headers['x-scaikey-event-type']).toBe('user.updated');
      expect(headers['x-scaikey-event-id']).toMatch(/^evt_/);

      const envelope = JSON.parse(body);
      expect(envelope).toEqual({
        event_id: headers['x-scaikey-event-id'],
        event_type: 'user.updated',
        // Emitted to the millisecond; signed in the whole second it falls in.
        timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
        resource: { type: 'user', id: user.id },
        actor: { id: 'usr_admin', type: 'user' },
        data: { id: user.id, tenant_id: user.tenant_id, email: user.email, display_name: 'Zoë' },
        tenant_id: user.tenant_id,
        partner_id: null,
      });
      expect(Math.floor(Date.parse(envelope.timestamp) / 1000)).toBe(t);
      // Compact, keys sorted at every level, non-ASCII escaped (Python's json.dumps defaults).
      expect(body).toBe(canonicalJson(envelope));
      expect(
        body.startsWith('{"actor":{"id":"usr_admin","type":"user"},"data":{"display_name"'),
      ).toBe(true);
      expect(body).toContain('Zo\\u00eb');
    });

    it('builds deliveries that fail verification when tampered with', async () => {
      const event = { event_type: 'tenant.created', data: { id: 'tnt_x' } };
      for (const tamper of ['body', 'whitespace', 'signature', 'timestamp'] as const) {
        const hook = standIn.buildWebhook(secret, event, { tamper });
        expect({ tamper, valid: signatureValid(hook.headers, hook.body) }).toEqual({
          tamper,
          valid: false,
        });
      }
      const good = standIn.buildWebhook(secret, event, { timestamp: 1_700_000_000 });
      expect(signatureValid(good.headers, good.body)).toBe(true);
      expect(good.headers['x-scaikey-signature']).toMatch(/^t=1700000000,v1=/);
      expect(standIn.buildWebhook('other-secret', event).headers['x-scaikey-signature']).not.toBe(
        standIn.buildWebhook(secret, event).headers['x-scaikey-signature'],
      );
      // The envelope's timestamp at any precision ScaiKey writes it, signed in its whole second.
      const precise = standIn.buildWebhook(secret, event, {
        emittedAt: '2023-11-14T22:13:20.123456Z',
      });
      expect(precise.envelope.timestamp).toBe('2023-11-14T22:13:20.123456Z');
      expect(precise.headers['x-scaikey-signature']).toMatch(/^t=1700000000,v1=/);
      expect(good.envelope.timestamp).toBe('2023-11-14T22:13:20.000Z');
      const unsigned = standIn.buildWebhook(secret, event, { signature: null });
      expect(unsigned.headers).not.toHaveProperty('x-scaikey-signature');
    });

    it('delivers to an http.Server that is not listening yet', async () => {
      const bodies: string[] = [];
      const server = createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          bodies.push(`${req.url} ${body}`);
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}');
        });
      });
      const delivery = await standIn.sendWebhook(server, secret, {
        event_type: 'group.deleted',
        data: { id: 'grp_1' },
      });
      expect(delivery.status).toBe(200);
      expect(bodies[0]).toMatch(new RegExp(`^${WEBHOOK_PATH} \\{`));
      expect(server.listening).toBe(false);
    });
  });

  describe('keys and forged tokens', () => {
    it('rotates keys: new kid signs new tokens, the old kid stays published until dropped', async () => {
      const rotating = createScaiKeyStandIn();
      await rotating.start();
      try {
        const jwks = async () => (await getJson<Jwks>(rotating.jwksUri)).body;
        const userId = rotating.dev!.user.id;
        const oldKid = rotating.currentKid;
        const oldToken = rotating.userToken(userId);
        const newKid = rotating.rotateKeys();
        expect(newKid).not.toBe(oldKid);
        const newToken = rotating.userToken(userId);
        expect(decodeJwt(newToken).header.kid).toBe(newKid);
        const both = await jwks();
        expect(both.keys.map((k) => k.kid)).toEqual([newKid, oldKid]);
        expect(verifyWithJwks(oldToken, both).sub).toBe(userId);
        expect(verifyWithJwks(newToken, both).sub).toBe(userId);

        expect(rotating.dropOldKeys()).toEqual([oldKid]);
        const after = await jwks();
        expect(after.keys.map((k) => k.kid)).toEqual([newKid]);
        expect(() => verifyWithJwks(oldToken, after)).toThrow(/not in the JWKS/);

        const ecKid = rotating.rotateKeys('ES256');
        const ecToken = rotating.userToken(userId);
        expect(decodeJwt(ecToken).header).toMatchObject({ alg: 'ES256', kid: ecKid });
        const withEc = await jwks();
        expect(withEc.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256' });
        expect(verifyWithJwks(ecToken, withEc).sub).toBe(userId);
        // RS256 is still there for tokens that ask for it.
        const rsToken = rotating.signToken({ sub: userId }, { alg: 'RS256' });
        expect(decodeJwt(rsToken).header.kid).toBe(newKid);
      } finally {
        await rotating.stop();
      }
    });

    it('signToken makes the broken tokens tests need', async () => {
      const jwks = (await client.jwks()) as Jwks;
      const sub = standIn.dev!.user.id;
      const now = Math.floor(Date.now() / 1000);

      const expired = standIn.signToken({ sub }, { expiresIn: -60 });
      expect(Number(decodeJwt(expired).claims.exp)).toBeLessThan(now);
      expect(verifyWithJwks(expired, jwks).sub).toBe(sub);

      const wrong = standIn.signToken({ sub, iss: 'https://evil.example', aud: 'someone-else' });
      expect(verifyWithJwks(wrong, jwks)).toMatchObject({ iss: 'https://evil.example' });

      const none = standIn.signToken({ sub }, { alg: 'none' });
      expect(decodeJwt(none).header).toEqual({ alg: 'none', typ: 'JWT', kid: standIn.currentKid });
      expect(none.endsWith('.')).toBe(true);

      const foreign = standIn.signToken({ sub }, { key: 'foreign' });
      expect(() => verifyWithJwks(foreign, jwks)).toThrow(/not in the JWKS/);
      const forged = standIn.signToken({ sub }, { key: 'foreign', kid: standIn.currentKid });
      expect(() => verifyWithJwks(forged, jwks)).toThrow(/does not verify/);

      const unknownKid = standIn.signToken({ sub }, { kid: 'no-such-kid' });
      expect(() => verifyWithJwks(unknownKid, jwks)).toThrow(/not in the JWKS/);

      const confused = standIn.signToken({ sub }, { alg: 'HS256' });
      expect(decodeJwt(confused).header.alg).toBe('HS256');
      expect(() => verifyWithJwks(confused, jwks)).toThrow(/does not match/);

      const bare = standIn.signToken({ sub }, { defaults: false });
      expect(decodeJwt(bare).claims).toEqual({ sub });
      const noExp = standIn.signToken({ sub, exp: undefined });
      expect(decodeJwt(noExp).claims).not.toHaveProperty('exp');
    });
  });

  describe('when ScaiKey is unavailable', () => {
    it('is UPSTREAM_UNAVAILABLE when nothing listens', async () => {
      const gone = createScaiKeyStandIn({ seedDevUser: false });
      await gone.start();
      await gone.stop();
      const c = new ScaiKeyClient({ scaikey: gone.scaikeyConfig() });
      const error = await appError(c.discovery());
      expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
      expect(error.message).toMatch(/^ScaiKey is unreachable: .*ECONNREFUSED/);
      expect((await appError(c.usersPage())).code).toBe('UPSTREAM_UNAVAILABLE');
      expect((await appError(c.registerApplication({ name: 'x', redirectUris: [] }))).code).toBe(
        'UPSTREAM_UNAVAILABLE',
      );
      await expect(c.healthCheck()).resolves.toMatchObject({
        status: 'error',
        message: expect.stringContaining('ScaiKey is unreachable'),
      });
    });

    it('is UPSTREAM_UNAVAILABLE on a 5xx, a timeout or a dropped connection', async () => {
      const c = new ScaiKeyClient({ scaikey: standIn.scaikeyConfig({ timeoutMs: 300 }) });
      await c.discovery();
      try {
        standIn.injectFault({ path: '/api/v1/platform/oauth/token', status: 503, times: 1 });
        const fiveHundred = await appError(c.refresh('whatever'));
        expect(fiveHundred.code).toBe('UPSTREAM_UNAVAILABLE');
        expect(fiveHundred.message).toBe(
          'ScaiKey is unreachable: it answered 503 to POST /api/v1/platform/oauth/token',
        );

        standIn.injectFault({ path: '/api/v1/admin/', delayMs: 1000, times: 1 });
        const slow = await appError(c.usersPage());
        expect(slow.message).toMatch(/^ScaiKey is unreachable: no answer within 300 ms/);

        standIn.injectFault({ path: '/api/v1/platform/oauth/jwks', reset: true, times: 1 });
        expect((await appError(c.jwks())).code).toBe('UPSTREAM_UNAVAILABLE');
      } finally {
        standIn.clearFaults();
      }
      await expect(c.jwks()).resolves.toMatchObject({ keys: expect.any(Array) });
    });

    it('says so when SCAIKEY_URL is not set', async () => {
      const c = new ScaiKeyClient({ scaikey: { ...standIn.scaikeyConfig(), url: '' } });
      await expect(c.healthCheck()).resolves.toMatchObject({ status: 'skipped' });
      expect((await appError(c.discovery())).message).toContain('not configured');
    });
  });
});
