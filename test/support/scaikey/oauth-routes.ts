import type { ApplicationRecord, UserRecord } from './directory';
import {
  bearerToken,
  type Exchange,
  formDecode,
  redirect,
  type Route,
  sendDetail,
  sendJson,
  sendOAuthError,
} from './http-kit';
import { safeEqual, verifyJwt } from './jwt';
import { type Flavor, platformFlavor, type StandInContext, tenantFlavor } from './stand-in-context';

const FLAVOR = '^/api/v1/(?:platform|auth/tenants/([a-z0-9-]+))';
/** Scopes only client_credentials tokens may carry. */
export const SERVICE_SCOPES = ['admin:read', 'admin:write'];
const NO_STORE = { 'cache-control': 'no-store', pragma: 'no-cache' };

type FlavoredHandler = (ex: Exchange, flavor: Flavor) => void | Promise<void>;

/** A refusal of the token or revoke endpoint, sent as an OAuth error body. */
class OAuthFailure {
  constructor(
    readonly status: 400 | 401,
    readonly error: string,
    readonly description: string,
    readonly headers?: Record<string, string>,
  ) {}

  send(ex: Exchange): void {
    sendOAuthError(ex.res, this.status, this.error, this.description, this.headers);
  }
}

/** The OIDC endpoints, in both flavours: platform (GLOBAL apps) and tenant-scoped. */
export function oauthRoutes(ctx: StandInContext): Route[] {
  const flavored = (method: string, path: string, handler: FlavoredHandler): Route => ({
    method,
    pattern: new RegExp(`${FLAVOR}${path}$`),
    // The slug capture is '' for the platform flavour.
    handle: (ex, [slug]) => {
      const flavor = slug ? tenantFlavor(ctx, slug) : platformFlavor(ctx);
      if (!flavor) return sendDetail(ex.res, 404, `no tenant with slug "${slug}"`);
      return handler(ex, flavor);
    },
  });
  return [
    flavored('GET', '(?:/oauth)?/\\.well-known/openid-configuration', (ex, flavor) =>
      sendJson(ex.res, 200, discoveryDocument(flavor)),
    ),
    flavored('GET', '/oauth/jwks', (ex) => sendJson(ex.res, 200, ctx.keys.jwks())),
    flavored('GET', '/oauth/authorize', (ex, flavor) => authorize(ctx, ex, flavor)),
    flavored('POST', '/oauth/token', (ex, flavor) => token(ctx, ex, flavor)),
    flavored('GET', '/oauth/userinfo', (ex) => userinfo(ctx, ex)),
    flavored('POST', '/oauth/userinfo', (ex) => userinfo(ctx, ex)),
    flavored('GET', '/oauth/logout', (ex) => logout(ex)),
    flavored('POST', '/oauth/revoke', (ex, flavor) => revoke(ctx, ex, flavor)),
  ];
}

function discoveryDocument(flavor: Flavor): Record<string, unknown> {
  const base = flavor.oauthBase;
  return {
    issuer: flavor.issuer,
    authorization_endpoint: `${base}/authorize`,
    token_endpoint: `${base}/token`,
    userinfo_endpoint: `${base}/userinfo`,
    end_session_endpoint: `${base}/logout`,
    revocation_endpoint: `${base}/revoke`,
    jwks_uri: `${base}/jwks`,
    response_types_supported: ['code'],
    response_modes_supported: ['query'],
    grant_types_supported: ['authorization_code', 'refresh_token', 'client_credentials'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256', 'ES256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post', 'none'],
    code_challenge_methods_supported: ['S256'],
    scopes_supported: ['openid', 'profile', 'email', 'offline_access', ...SERVICE_SCOPES],
    claims_supported: [
      'sub',
      'iss',
      'aud',
      'exp',
      'iat',
      'email',
      'email_verified',
      'name',
      'tenant_id',
      'partner_id',
      'role',
      'roles',
      'scope',
      'client_id',
    ],
  };
}

/** A GLOBAL application works everywhere; a TENANT one only at its tenant's endpoints. */
function clientAllowedHere(app: ApplicationRecord, flavor: Flavor): boolean {
  return app.type === 'GLOBAL' || app.tenant_id === (flavor.tenant?.id ?? app.tenant_id);
}

// --- authorize ------------------------------------------------------------------------------------

function authorize(ctx: StandInContext, ex: Exchange, flavor: Flavor): void {
  const q = ex.url.searchParams;
  const clientId = q.get('client_id') ?? '';
  const app = ctx.directory.listApplications().find((a) => a.client_id === clientId);
  // Without a known client and a registered redirect_uri, errors are shown, never redirected.
  if (!app || !clientAllowedHere(app, flavor)) {
    return sendOAuthError(ex.res, 400, 'invalid_client', `unknown client_id "${clientId}"`);
  }
  const redirectUri = q.get('redirect_uri') ?? '';
  if (!app.redirect_uris.includes(redirectUri)) {
    return sendOAuthError(
      ex.res,
      400,
      'invalid_request',
      `redirect_uri "${redirectUri}" is not registered for client ${clientId}`,
    );
  }
  const state = q.get('state');
  const back = (params: Record<string, string>) => {
    const target = new URL(redirectUri);
    for (const [k, v] of Object.entries(params)) target.searchParams.set(k, v);
    if (state !== null) target.searchParams.set('state', state);
    redirect(ex.res, target.toString());
  };
  const fail = (error: string, description: string) =>
    back({ error, error_description: description });

  if (q.get('response_type') !== 'code') {
    return fail('unsupported_response_type', 'response_type must be code');
  }
  const challenge = q.get('code_challenge');
  if (!challenge) return fail('invalid_request', 'code_challenge is required (PKCE)');
  if (q.get('code_challenge_method') !== 'S256') {
    return fail('invalid_request', 'code_challenge_method must be S256');
  }
  const scope = q.get('scope') || 'openid';
  const userScopes = app.scopes.filter((s) => !SERVICE_SCOPES.includes(s));
  const unknown = scope.split(' ').filter((s) => s && !userScopes.includes(s));
  if (unknown.length > 0) return fail('invalid_scope', `scope not allowed: ${unknown.join(' ')}`);

  const user = signInUser(ctx, flavor, q.get('login_hint'));
  if (typeof user === 'string') return fail('access_denied', user);
  const code = ctx.grants.issueCode({
    clientId: app.client_id,
    redirectUri,
    userId: user.id,
    scope,
    nonce: q.get('nonce'),
    codeChallenge: challenge,
    issuer: flavor.issuer,
    authTime: Math.floor(ctx.nowMs() / 1000),
  });
  back({ code });
}

/**
 * The user the stand-in "signs in" (there is no login page): the one `login_hint` names (id or
 * e-mail), else the dev user, else — at a tenant's endpoints — the tenant's first active user.
 */
function signInUser(
  ctx: StandInContext,
  flavor: Flavor,
  loginHint: string | null,
): UserRecord | string {
  const candidates = ctx.directory.listUsers(flavor.tenant ? { tenant_id: flavor.tenant.id } : {});
  const where = flavor.tenant ? ` in tenant ${flavor.tenant.slug}` : '';
  const byRef = (ref: string) =>
    candidates.find((u) => u.id === ref) ??
    candidates.find((u) => u.email === ref.toLowerCase() && u.status !== 'deleted');
  let user: UserRecord | undefined;
  if (loginHint) {
    user = byRef(loginHint);
    if (!user) return `no user "${loginHint}"${where}`;
  } else {
    const dev = ctx.devUser();
    user = (dev ? byRef(dev) : undefined) ?? candidates.find((u) => u.status === 'active');
    if (!user) return `no dev user to sign in${where}`;
  }
  return signInRefusal(ctx, user) ?? user;
}

function signInRefusal(ctx: StandInContext, user: UserRecord): string | undefined {
  if (user.status !== 'active') return `user ${user.id} is ${user.status}`;
  const tenant = ctx.directory.getTenant(user.tenant_id);
  if (tenant.status !== 'active') return `tenant ${tenant.slug} is ${tenant.status}`;
  return undefined;
}

// --- token ----------------------------------------------------------------------------------------

function token(ctx: StandInContext, ex: Exchange, flavor: Flavor): void {
  if (!(ex.req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded')) {
    return sendOAuthError(
      ex.res,
      400,
      'invalid_request',
      'the body must be application/x-www-form-urlencoded',
    );
  }
  const form = new URLSearchParams(ex.body.toString('utf8'));
  const client = authenticateClient(ctx, ex, form, flavor);
  if (client instanceof OAuthFailure) return client.send(ex);
  const grantType = form.get('grant_type');
  let reply: Record<string, unknown> | OAuthFailure;
  switch (grantType) {
    case 'authorization_code':
      reply = authorizationCodeGrant(ctx, form, client, flavor);
      break;
    case 'refresh_token':
      reply = refreshTokenGrant(ctx, form, client, flavor);
      break;
    case 'client_credentials':
      reply = clientCredentialsGrant(ctx, form, client, flavor);
      break;
    default:
      reply = failure(400, 'unsupported_grant_type', `grant_type "${grantType}" is not supported`);
  }
  if (reply instanceof OAuthFailure) return reply.send(ex);
  sendJson(ex.res, 200, reply, NO_STORE);
}

function failure(
  status: 400 | 401,
  error: string,
  description: string,
  headers?: Record<string, string>,
): OAuthFailure {
  return new OAuthFailure(status, error, description, headers);
}

/** client_secret_basic, client_secret_post, or a public client (client_id only, no secret). */
function authenticateClient(
  ctx: StandInContext,
  ex: Exchange,
  form: URLSearchParams,
  flavor: Flavor,
): ApplicationRecord | OAuthFailure {
  const header = ex.req.headers.authorization ?? '';
  const basic = /^Basic\s+(\S+)$/i.exec(header);
  const challenge = basic ? { 'www-authenticate': 'Basic realm="ScaiKey"' } : undefined;
  const refused = (description: string) => failure(401, 'invalid_client', description, challenge);
  let clientId: string | null;
  let secret: string | null;
  if (basic) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    if (colon < 0) return refused('malformed Basic credentials');
    clientId = formDecode(decoded.slice(0, colon)) ?? null;
    secret = formDecode(decoded.slice(colon + 1)) ?? null;
    if (form.has('client_secret')) {
      return failure(400, 'invalid_request', 'use one client authentication method, not two');
    }
    if (form.has('client_id') && form.get('client_id') !== clientId) {
      return failure(400, 'invalid_request', 'client_id differs from the Basic credentials');
    }
  } else {
    clientId = form.get('client_id');
    secret = form.get('client_secret');
  }
  if (!clientId) return refused('client authentication is required');
  const app = ctx.directory.listApplications().find((a) => a.client_id === clientId);
  if (!app || !clientAllowedHere(app, flavor)) return refused('client authentication failed');
  if (app.client_secret === null) {
    if (secret) return refused('client authentication failed');
  } else if (!secret || !safeEqual(secret, app.client_secret)) {
    return refused('client authentication failed');
  }
  return app;
}

function authorizationCodeGrant(
  ctx: StandInContext,
  form: URLSearchParams,
  app: ApplicationRecord,
  flavor: Flavor,
): Record<string, unknown> | OAuthFailure {
  const code = form.get('code');
  if (!code) return failure(400, 'invalid_request', 'code is required');
  const result = ctx.grants.redeemCode(code, {
    clientId: app.client_id,
    issuer: flavor.issuer,
    redirectUri: form.get('redirect_uri'),
    verifier: form.get('code_verifier'),
  });
  if ('error' in result) return failure(400, result.error, result.error_description);
  const { grant } = result;
  const user = ctx.directory.findUser(grant.userId);
  const refusal = user ? signInRefusal(ctx, user) : 'the user no longer exists';
  if (!user || refusal) return failure(400, 'invalid_grant', refusal ?? 'unknown user');
  const family = ctx.grants.newFamily();
  ctx.grants.linkFamily(code, family);
  return userTokens(ctx, user, app, { ...grant, family });
}

function refreshTokenGrant(
  ctx: StandInContext,
  form: URLSearchParams,
  app: ApplicationRecord,
  flavor: Flavor,
): Record<string, unknown> | OAuthFailure {
  const refreshToken = form.get('refresh_token');
  if (!refreshToken) return failure(400, 'invalid_request', 'refresh_token is required');
  const result = ctx.grants.redeemRefreshToken(refreshToken, {
    clientId: app.client_id,
    issuer: flavor.issuer,
  });
  if ('error' in result) return failure(400, result.error, result.error_description);
  const { grant } = result;
  const user = ctx.directory.findUser(grant.userId);
  const refusal = user ? signInRefusal(ctx, user) : 'the user no longer exists';
  if (!user || refusal) return failure(400, 'invalid_grant', refusal ?? 'unknown user');
  const granted = grant.scope.split(' ');
  const asked = form.get('scope');
  if (asked && asked.split(' ').some((s) => s && !granted.includes(s))) {
    return failure(400, 'invalid_scope', 'a refresh may not widen the scope');
  }
  return userTokens(ctx, user, app, { ...grant, scope: asked || grant.scope, nonce: null });
}

function clientCredentialsGrant(
  ctx: StandInContext,
  form: URLSearchParams,
  app: ApplicationRecord,
  flavor: Flavor,
): Record<string, unknown> | OAuthFailure {
  if (app.client_secret === null) {
    return failure(400, 'unauthorized_client', 'a public client cannot use client_credentials');
  }
  const allowed = app.scopes.filter((s) => SERVICE_SCOPES.includes(s));
  const asked = (form.get('scope') ?? '').split(' ').filter(Boolean);
  const scopes = asked.length > 0 ? asked : allowed;
  const refused = scopes.filter((s) => !allowed.includes(s));
  if (refused.length > 0) {
    return failure(400, 'invalid_scope', `scope not allowed: ${refused.join(' ')}`);
  }
  const scope = scopes.join(' ');
  const claims = ctx.minter.serviceClaims(app, scope, flavor.issuer);
  return {
    access_token: ctx.minter.sign(claims),
    token_type: 'Bearer',
    expires_in: ctx.accessTokenTtlSeconds,
    scope,
  };
}

function userTokens(
  ctx: StandInContext,
  user: UserRecord,
  app: ApplicationRecord,
  grant: { scope: string; issuer: string; nonce: string | null; authTime: number; family: string },
): Record<string, unknown> {
  const claims = ctx.minter.accessClaims(user, app, grant.scope, grant.issuer);
  const reply: Record<string, unknown> = {
    access_token: ctx.minter.sign(claims),
    token_type: 'Bearer',
    expires_in: ctx.accessTokenTtlSeconds,
    refresh_token: ctx.grants.issueRefreshToken({
      family: grant.family,
      clientId: app.client_id,
      userId: user.id,
      scope: grant.scope,
      issuer: grant.issuer,
      authTime: grant.authTime,
    }),
    scope: grant.scope,
  };
  if (grant.scope.split(' ').includes('openid')) {
    reply.id_token = ctx.minter.sign(
      ctx.minter.idTokenClaims(user, app, grant.issuer, grant.nonce, grant.authTime),
    );
  }
  return reply;
}

// --- userinfo, logout, revoke ---------------------------------------------------------------------

function userinfo(ctx: StandInContext, ex: Exchange): void {
  const raw = bearerToken(ex);
  const verified = raw
    ? verifyJwt(raw, ctx.keys, {
        issuers: (iss) => ctx.acceptsIssuer(iss),
        nowSeconds: ctx.minter.nowSeconds(),
      })
    : { error: 'a bearer token is required' };
  const user =
    'claims' in verified && typeof verified.claims.sub === 'string'
      ? ctx.directory.findUser(verified.claims.sub)
      : undefined;
  if (!user || user.status === 'deleted') {
    const reason = 'error' in verified ? verified.error : 'the token is not a user token';
    return sendOAuthError(ex.res, 401, 'invalid_token', reason, {
      'www-authenticate': `Bearer error="invalid_token"`,
    });
  }
  sendJson(ex.res, 200, {
    sub: user.id,
    email: user.email,
    email_verified: user.email_verified,
    name: user.display_name ?? user.email,
    given_name: user.first_name,
    family_name: user.last_name,
    tenant_id: user.tenant_id,
    partner_id: user.partner_id,
    roles: user.roles,
  });
}

function logout(ex: Exchange): void {
  const target = ex.url.searchParams.get('post_logout_redirect_uri');
  if (!target) return sendJson(ex.res, 200, { status: 'logged_out' });
  const url = new URL(target);
  const state = ex.url.searchParams.get('state');
  if (state !== null) url.searchParams.set('state', state);
  redirect(ex.res, url.toString());
}

function revoke(ctx: StandInContext, ex: Exchange, flavor: Flavor): void {
  const form = new URLSearchParams(ex.body.toString('utf8'));
  const client = authenticateClient(ctx, ex, form, flavor);
  if (client instanceof OAuthFailure) return client.send(ex);
  const value = form.get('token');
  if (!value) return sendOAuthError(ex.res, 400, 'invalid_request', 'token is required');
  ctx.grants.revoke(value, client.client_id);
  sendJson(ex.res, 200, {}, NO_STORE);
}
