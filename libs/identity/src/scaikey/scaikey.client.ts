import { Injectable } from '@nestjs/common';
import {
  AppError,
  type AppConfig,
  type CheckResult,
  errorMessage,
  InjectConfig,
  isScaiKeyConfigured,
} from '@app/core';
import { ExpiringCache } from './expiring-cache';
import type {
  JsonWebKeySet,
  ScaiKeyApplicationRegistration,
  ScaiKeyAuthorizationRequest,
  ScaiKeyCreateGroup,
  ScaiKeyCreateUser,
  ScaiKeyDiscovery,
  ScaiKeyEffectiveUser,
  ScaiKeyGroup,
  ScaiKeyGroupMember,
  ScaiKeyInviteUser,
  ScaiKeyListQuery,
  ScaiKeyPage,
  ScaiKeyPartner,
  ScaiKeyRegistrationRequest,
  ScaiKeyRegistrationStatus,
  ScaiKeyTenant,
  ScaiKeyTokenResponse,
  ScaiKeyUpdateTenant,
  ScaiKeyUpdateUser,
  ScaiKeyUser,
} from './scaikey.types';

export type { JsonWebKeySet, ScaiKeyDiscovery } from './scaikey.types';

type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'DELETE';
type Grant = 'authorization_code' | 'refresh_token' | 'client_credentials';
type AdminScope = 'admin:read' | 'admin:write';

/** The most an admin list page may hold; iteration asks for full pages. */
const MAX_PAGE_SIZE = 100;
/** A service token is renewed this long (at most) before it expires. */
const TOKEN_RENEW_MARGIN_SECONDS = 30;
const DEFAULT_USER_SCOPE = 'openid profile email offline_access';
const REGISTRATION_STATES = new Set(['PENDING', 'APPROVED', 'REJECTED', 'EXPIRED']);

interface SendOptions {
  readonly headers?: Record<string, string>;
  readonly body?: string;
}

interface AdminCall {
  readonly scope: AdminScope;
  /** Names the thing for a 404 message: "ScaiKey user usr_1". */
  readonly what: string;
  readonly query?: Record<string, string | number | undefined>;
  readonly body?: unknown;
}

/**
 * The one place ScaiDNS talks to ScaiKey (platform-level endpoints of a GLOBAL application).
 *
 * Every call is bounded by SCAIKEY_TIMEOUT_MS. ScaiKey unreachable or answering 5xx becomes
 * UPSTREAM_UNAVAILABLE (502 at the edge); a refused user grant (bad code, verifier or refresh token)
 * becomes UNAUTHENTICATED naming the OAuth error code. A refusal of ScaiDNS's own credentials is the
 * operator's problem, not the caller's, so it is UPSTREAM_UNAVAILABLE too. Error messages never carry
 * the client secret.
 */
@Injectable()
export class ScaiKeyClient {
  private readonly discoveryCache = new ExpiringCache<'discovery', ScaiKeyDiscovery>();
  private readonly serviceTokens = new ExpiringCache<string, string>();

  /** Reads only `config.scaikey`, so tests may pass just that part. */
  constructor(@InjectConfig() private readonly config: Pick<AppConfig, 'scaikey'>) {}

  get configured(): boolean {
    return isScaiKeyConfigured(this.config as AppConfig);
  }

  /** ScaiDNS's OAuth client id (public: browsers send it to the authorize endpoint). */
  get clientId(): string {
    return this.config.scaikey.clientId;
  }

  get discoveryUrl(): string {
    return `${this.config.scaikey.url}/api/v1/platform/oauth/.well-known/openid-configuration`;
  }

  /** The platform discovery document, cached for SCAIKEY_JWKS_CACHE_TTL. */
  discovery(): Promise<ScaiKeyDiscovery> {
    return this.discoveryCache.get('discovery', async () => ({
      value: await this.fetchDiscovery(),
      ttlMs: this.config.scaikey.jwksCacheTtlSeconds * 1000,
    }));
  }

  /** ScaiKey's current key set, fetched fresh (callers that verify tokens cache it themselves). */
  async jwks(): Promise<JsonWebKeySet> {
    const { jwks_uri } = await this.discovery();
    const set = await this.getJson<Partial<JsonWebKeySet>>(jwks_uri);
    if (!Array.isArray(set.keys)) throw AppError.upstream('ScaiKey JWKS has no keys array');
    return set as JsonWebKeySet;
  }

  /** Readiness: the JWKS can be fetched and holds at least one key. */
  async healthCheck(): Promise<CheckResult> {
    if (!this.configured) return { status: 'skipped', message: 'SCAIKEY_URL is not set' };
    try {
      const set = await this.jwks();
      return set.keys.length > 0 ? { status: 'ok' } : { status: 'error', message: 'JWKS is empty' };
    } catch (error) {
      return { status: 'error', message: errorMessage(error) };
    }
  }

  /** Forgets the cached discovery document and service tokens. */
  clearCache(): void {
    this.discoveryCache.clear();
    this.serviceTokens.clear();
  }

  // --- OAuth --------------------------------------------------------------------------------------

  /** Where to send a browser to sign in (authorization code flow with PKCE S256). */
  async authorizationUrl(request: ScaiKeyAuthorizationRequest): Promise<string> {
    const { authorization_endpoint } = await this.discovery();
    const url = new URL(authorization_endpoint);
    const params: Record<string, string | undefined> = {
      response_type: 'code',
      client_id: this.config.scaikey.clientId,
      redirect_uri: request.redirectUri,
      scope: request.scope ?? DEFAULT_USER_SCOPE,
      state: request.state,
      nonce: request.nonce,
      code_challenge: request.codeChallenge,
      code_challenge_method: 'S256',
    };
    for (const [name, value] of Object.entries(params)) {
      if (value !== undefined) url.searchParams.set(name, value);
    }
    return url.toString();
  }

  exchangeCode(input: {
    code: string;
    codeVerifier: string;
    redirectUri: string;
  }): Promise<ScaiKeyTokenResponse> {
    return this.tokenRequest(
      'authorization_code',
      { code: input.code, code_verifier: input.codeVerifier, redirect_uri: input.redirectUri },
      'ScaiKey refused the authorization code',
    );
  }

  /** A new token pair; ScaiKey rotates refresh tokens, so the one passed in is spent. */
  refresh(refreshToken: string, scope?: string): Promise<ScaiKeyTokenResponse> {
    return this.tokenRequest(
      'refresh_token',
      { refresh_token: refreshToken, ...(scope ? { scope } : {}) },
      'ScaiKey refused the refresh token',
    );
  }

  /**
   * Revokes a refresh (or access) token at logout. False when ScaiKey advertises no revocation
   * endpoint; RFC 7009 makes an unknown token a success.
   */
  async revoke(
    token: string,
    hint: 'refresh_token' | 'access_token' = 'refresh_token',
  ): Promise<boolean> {
    const { revocation_endpoint } = await this.discovery();
    if (!revocation_endpoint) return false;
    const response = await this.send('POST', revocation_endpoint, {
      headers: this.formHeaders(),
      body: new URLSearchParams({ token, token_type_hint: hint }).toString(),
    });
    if (response.ok) {
      await discard(response);
      return true;
    }
    throw await this.tokenEndpointError(response, 'POST', 'ScaiKey refused the token revocation');
  }

  /** An access token of ScaiDNS itself, cached until shortly before it expires. */
  async clientCredentialsToken(scope: string = 'admin:read'): Promise<string> {
    const { clientId, clientSecret } = this.config.scaikey;
    if (!clientId || !clientSecret) {
      throw AppError.upstream('ScaiKey client credentials are not set (SCAIKEY_CLIENT_ID/SECRET)');
    }
    const key = scope.split(/\s+/).filter(Boolean).sort().join(' ');
    return this.serviceTokens.get(key, async () => {
      const reply = await this.tokenRequest(
        'client_credentials',
        { scope: key },
        "ScaiKey refused ScaiDNS's client credentials",
      );
      const margin = Math.min(TOKEN_RENEW_MARGIN_SECONDS, reply.expires_in / 10);
      return { value: reply.access_token, ttlMs: Math.max(0, reply.expires_in - margin) * 1000 };
    });
  }

  // --- Admin API ----------------------------------------------------------------------------------

  partnersPage(query: ScaiKeyListQuery = {}): Promise<ScaiKeyPage<ScaiKeyPartner>> {
    return this.page('/api/v1/admin/partners', query, 'ScaiKey partners');
  }

  tenantsPage(query: ScaiKeyListQuery = {}): Promise<ScaiKeyPage<ScaiKeyTenant>> {
    return this.page('/api/v1/admin/tenants', query, 'ScaiKey tenants');
  }

  usersPage(query: ScaiKeyListQuery = {}): Promise<ScaiKeyPage<ScaiKeyUser>> {
    return this.page('/api/v1/admin/users', query, 'ScaiKey users');
  }

  groupsPage(query: ScaiKeyListQuery = {}): Promise<ScaiKeyPage<ScaiKeyGroup>> {
    return this.page('/api/v1/admin/groups', query, 'ScaiKey groups');
  }

  /** Every partner, page after page (`for await`). */
  listPartners(query: ScaiKeyListQuery = {}): AsyncIterable<ScaiKeyPartner> {
    return this.each((q) => this.partnersPage(q), query);
  }

  listTenants(query: ScaiKeyListQuery = {}): AsyncIterable<ScaiKeyTenant> {
    return this.each((q) => this.tenantsPage(q), query);
  }

  /** Every user (deleted ones too, with status `deleted`), page after page. */
  listUsers(query: ScaiKeyListQuery = {}): AsyncIterable<ScaiKeyUser> {
    return this.each((q) => this.usersPage(q), query);
  }

  listGroups(query: ScaiKeyListQuery = {}): AsyncIterable<ScaiKeyGroup> {
    return this.each((q) => this.groupsPage(q), query);
  }

  async getPartner(partnerId: string): Promise<ScaiKeyPartner> {
    const path = `/api/v1/admin/partners/${encodeURIComponent(partnerId)}`;
    return this.admin<ScaiKeyPartner>('GET', path, {
      scope: 'admin:read',
      what: `ScaiKey partner ${partnerId}`,
    });
  }

  async getTenant(tenantId: string): Promise<ScaiKeyTenant> {
    const path = `/api/v1/admin/tenants/${encodeURIComponent(tenantId)}`;
    return this.admin<ScaiKeyTenant>('GET', path, {
      scope: 'admin:read',
      what: `ScaiKey tenant ${tenantId}`,
    });
  }

  async getGroup(groupId: string): Promise<ScaiKeyGroup> {
    const path = `/api/v1/admin/groups/${encodeURIComponent(groupId)}`;
    return this.admin<ScaiKeyGroup>('GET', path, {
      scope: 'admin:read',
      what: `ScaiKey group ${groupId}`,
    });
  }

  /** A user by id, deleted ones too (status `deleted`). */
  async getUser(userId: string): Promise<ScaiKeyUser> {
    const path = `/api/v1/admin/users/${encodeURIComponent(userId)}`;
    return this.admin<ScaiKeyUser>('GET', path, {
      scope: 'admin:read',
      what: `ScaiKey user ${userId}`,
    });
  }

  /** The direct members of a group: users and nested groups. */
  groupMembers(groupId: string): Promise<ScaiKeyGroupMember[]> {
    const path = `/api/v1/admin/groups/${encodeURIComponent(groupId)}/members`;
    return collect(
      this.each((q) => this.page<ScaiKeyGroupMember>(path, q, `ScaiKey group ${groupId}`), {}),
    );
  }

  /** The tenant's users assigned to the application, directly or through (nested) groups. */
  async effectiveUsers(
    tenantId: string,
    applicationId: string = this.config.scaikey.applicationId,
  ): Promise<ScaiKeyEffectiveUser[]> {
    if (!applicationId) {
      throw AppError.upstream('ScaiKey application id is not set (SCAIKEY_APPLICATION_ID)');
    }
    const path =
      `/api/v1/tenants/${encodeURIComponent(tenantId)}` +
      `/applications/${encodeURIComponent(applicationId)}/effective-users`;
    const what = `ScaiKey tenant ${tenantId} or application ${applicationId}`;
    return collect(this.each((q) => this.page<ScaiKeyEffectiveUser>(path, q, what), {}));
  }

  /** Creates (and optionally invites) a user in a ScaiKey tenant. */
  async createUser(input: ScaiKeyCreateUser): Promise<ScaiKeyUser> {
    return this.admin<ScaiKeyUser>('POST', '/api/v1/admin/users', {
      scope: 'admin:write',
      what: `ScaiKey tenant ${input.tenantId}`,
      body: {
        tenant_id: input.tenantId,
        email: input.email,
        display_name: input.displayName,
        first_name: input.firstName,
        last_name: input.lastName,
        send_invite: input.sendInvite,
        password: input.password,
      },
    });
  }

  /** Creates a user in a ScaiKey tenant and has ScaiKey e-mail them an invitation. */
  async inviteUser(input: ScaiKeyInviteUser): Promise<ScaiKeyUser> {
    return this.admin<ScaiKeyUser>('POST', '/api/v1/admin/users/invite', {
      scope: 'admin:write',
      what: `ScaiKey tenant ${input.tenantId}`,
      body: {
        tenant_id: input.tenantId,
        email: input.email,
        display_name: input.displayName,
        first_name: input.firstName,
        last_name: input.lastName,
      },
    });
  }

  /** E-mails the user's invitation again (ScaiKey refuses, 409, once it has been accepted). */
  async resendInvite(userId: string): Promise<void> {
    const path = `/api/v1/admin/users/${encodeURIComponent(userId)}/resend-invite`;
    await this.admin<unknown>('POST', path, {
      scope: 'admin:write',
      what: `ScaiKey user ${userId}`,
      body: {},
    });
  }

  /** Sets the user's password (ScaiKey applies its password policy: 400 when it refuses). */
  async setPassword(userId: string, password: string): Promise<void> {
    const path = `/api/v1/admin/users/${encodeURIComponent(userId)}/password`;
    await this.admin<unknown>('POST', path, {
      scope: 'admin:write',
      what: `ScaiKey user ${userId}`,
      body: { password },
    });
  }

  async createGroup(input: ScaiKeyCreateGroup): Promise<ScaiKeyGroup> {
    return this.admin<ScaiKeyGroup>('POST', '/api/v1/admin/groups', {
      scope: 'admin:write',
      what: `ScaiKey tenant ${input.tenantId}`,
      body: {
        tenant_id: input.tenantId,
        name: input.name,
        description: input.description,
        group_type: input.groupType,
      },
    });
  }

  async updateTenant(tenantId: string, patch: ScaiKeyUpdateTenant): Promise<ScaiKeyTenant> {
    const path = `/api/v1/admin/tenants/${encodeURIComponent(tenantId)}`;
    return this.admin<ScaiKeyTenant>('PATCH', path, {
      scope: 'admin:write',
      what: `ScaiKey tenant ${tenantId}`,
      body: { name: patch.name, slug: patch.slug, status: patch.status },
    });
  }

  async updateUser(userId: string, patch: ScaiKeyUpdateUser): Promise<ScaiKeyUser> {
    return this.admin<ScaiKeyUser>('PATCH', `/api/v1/admin/users/${encodeURIComponent(userId)}`, {
      scope: 'admin:write',
      what: `ScaiKey user ${userId}`,
      body: {
        email: patch.email,
        display_name: patch.displayName,
        first_name: patch.firstName,
        last_name: patch.lastName,
        status: patch.status,
      },
    });
  }

  /** Soft-deletes the user in ScaiKey (status `deleted`); their tokens can no longer be refreshed. */
  async disableUser(userId: string): Promise<void> {
    await this.admin<unknown>('DELETE', `/api/v1/admin/users/${encodeURIComponent(userId)}`, {
      scope: 'admin:write',
      what: `ScaiKey user ${userId}`,
    });
  }

  // --- Registration -------------------------------------------------------------------------------

  /** Asks ScaiKey to register ScaiDNS as an application (no credentials needed yet). */
  async registerApplication(
    input: ScaiKeyApplicationRegistration,
  ): Promise<ScaiKeyRegistrationRequest> {
    const url = `${this.config.scaikey.url}/api/v1/public/register/applications`;
    const body = {
      name: input.name,
      description: input.description,
      type: input.type ?? 'GLOBAL',
      redirect_uris: input.redirectUris,
      scopes: input.scopes,
      webhook_url: input.webhookUrl,
      webhook_events: input.webhookEvents,
      contact_email: input.contactEmail,
    };
    const response = await this.send('POST', url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    const reply = await this.registrationReply<ScaiKeyRegistrationRequest>(response, 'POST', url);
    if (typeof reply.request_id !== 'string' || typeof reply.status_token !== 'string') {
      throw AppError.upstream('ScaiKey answered a registration without request_id/status_token');
    }
    return reply;
  }

  async registrationStatus(
    requestId: string,
    statusToken: string,
  ): Promise<ScaiKeyRegistrationStatus> {
    const url = new URL(
      `${this.config.scaikey.url}/api/v1/public/register/applications/${encodeURIComponent(requestId)}`,
    );
    url.searchParams.set('status_token', statusToken);
    const response = await this.send('GET', url.toString());
    if (response.status === 404) {
      await discard(response);
      throw AppError.notFound(`ScaiKey registration request ${requestId}`);
    }
    const reply = await this.registrationReply<ScaiKeyRegistrationStatus>(
      response,
      'GET',
      url.toString(),
    );
    if (!REGISTRATION_STATES.has(reply.status)) {
      throw AppError.upstream(`ScaiKey answered an unknown registration status "${reply.status}"`);
    }
    return reply;
  }

  // --- HTTP ---------------------------------------------------------------------------------------

  private async fetchDiscovery(): Promise<ScaiKeyDiscovery> {
    const doc = await this.getJson<Partial<ScaiKeyDiscovery>>(this.discoveryUrl);
    if (typeof doc.jwks_uri !== 'string' || typeof doc.issuer !== 'string') {
      throw AppError.upstream('ScaiKey discovery document has no issuer or jwks_uri');
    }
    if (typeof doc.token_endpoint !== 'string') {
      throw AppError.upstream('ScaiKey discovery document has no token_endpoint');
    }
    return doc as ScaiKeyDiscovery;
  }

  private async getJson<T>(url: string): Promise<T> {
    const response = await this.send('GET', url);
    if (!response.ok) {
      await discard(response);
      throw this.unexpectedStatus(response, 'GET', url);
    }
    return readJson<T>(response);
  }

  /** fetch with the timeout; a network failure or 5xx is UPSTREAM_UNAVAILABLE. */
  private async send(
    method: HttpMethod,
    url: string,
    options: SendOptions = {},
  ): Promise<Response> {
    if (!this.configured) throw AppError.upstream('ScaiKey is not configured (SCAIKEY_URL)');
    const timeoutMs = this.config.scaikey.timeoutMs;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: { accept: 'application/json', ...options.headers },
        body: options.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason = networkFailure(error, timeoutMs);
      throw AppError.upstream(
        this.redact(`ScaiKey is unreachable: ${reason} (${method} ${pathOf(url)})`),
        error,
      );
    }
    if (response.status >= 500) {
      await discard(response);
      throw AppError.upstream(
        `ScaiKey is unreachable: it answered ${response.status} to ${method} ${pathOf(url)}`,
      );
    }
    return response;
  }

  private formHeaders(): Record<string, string> {
    const { clientId, clientSecret } = this.config.scaikey;
    // RFC 6749 §2.3.1: both halves are form-encoded before Basic encoding.
    const basic = Buffer.from(
      `${encodeURIComponent(clientId)}:${encodeURIComponent(clientSecret)}`,
    ).toString('base64');
    return {
      authorization: `Basic ${basic}`,
      'content-type': 'application/x-www-form-urlencoded',
    };
  }

  private async tokenRequest(
    grant: Grant,
    params: Record<string, string>,
    refusal: string,
  ): Promise<ScaiKeyTokenResponse> {
    const { token_endpoint } = await this.discovery();
    const response = await this.send('POST', token_endpoint, {
      headers: this.formHeaders(),
      body: new URLSearchParams({ grant_type: grant, ...params }).toString(),
    });
    if (!response.ok) {
      const error = await this.tokenEndpointError(response, 'POST', refusal);
      // ScaiDNS's own credentials refused: the caller is not to blame, the configuration is.
      if (grant === 'client_credentials' && error.code === 'UNAUTHENTICATED') {
        throw AppError.upstream(
          `${error.message}; check SCAIKEY_CLIENT_ID and SCAIKEY_CLIENT_SECRET`,
        );
      }
      throw error;
    }
    const reply = await readJson<Partial<ScaiKeyTokenResponse>>(response);
    if (typeof reply.access_token !== 'string' || typeof reply.expires_in !== 'number') {
      throw AppError.upstream('ScaiKey answered a token reply without access_token/expires_in');
    }
    return reply as ScaiKeyTokenResponse;
  }

  /** 400/401 from the token endpoint carry an OAuth error; anything else is unexpected. */
  private async tokenEndpointError(
    response: Response,
    method: HttpMethod,
    refusal: string,
  ): Promise<AppError> {
    if (response.status !== 400 && response.status !== 401) {
      await discard(response);
      return this.unexpectedStatus(response, method, response.url);
    }
    const body = await readJsonOrNull(response);
    const code = stringField(body, 'error') ?? `HTTP ${response.status}`;
    const description = stringField(body, 'error_description');
    const message = `${refusal}: ${code}${description ? ` (${description})` : ''}`;
    return new AppError('UNAUTHENTICATED', this.redact(message));
  }

  private async page<T>(
    path: string,
    query: ScaiKeyListQuery,
    what: string,
  ): Promise<ScaiKeyPage<T>> {
    const page = await this.admin<ScaiKeyPage<T>>('GET', path, {
      scope: 'admin:read',
      what,
      query: {
        page: query.page,
        page_size: query.pageSize,
        tenant_id: query.tenantId,
        partner_id: query.partnerId,
        status: query.status,
      },
    });
    if (!Array.isArray(page.data) || typeof page.total_pages !== 'number') {
      throw AppError.upstream(`ScaiKey answered ${path} without a page (data, total_pages)`);
    }
    return page;
  }

  private async *each<T>(
    fetchPage: (query: ScaiKeyListQuery) => Promise<ScaiKeyPage<T>>,
    query: ScaiKeyListQuery,
  ): AsyncGenerator<T> {
    const pageSize = query.pageSize ?? MAX_PAGE_SIZE;
    for (let page = query.page ?? 1; ; page += 1) {
      const result = await fetchPage({ ...query, page, pageSize });
      yield* result.data;
      if (result.data.length === 0 || page >= result.total_pages) return;
    }
  }

  /**
   * One admin API call with a cached service token. A 401 means the cached token went stale
   * (ScaiKey rotated its keys, or restarted): fetch a fresh token and try once more.
   */
  private async admin<T>(method: HttpMethod, path: string, call: AdminCall): Promise<T> {
    const url = new URL(`${this.config.scaikey.url}${path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) {
      if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    }
    for (let attempt = 1; ; attempt += 1) {
      const token = await this.clientCredentialsToken(call.scope);
      const response = await this.send(method, url.toString(), {
        headers: {
          authorization: `Bearer ${token}`,
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: call.body === undefined ? undefined : JSON.stringify(call.body),
      });
      if (response.status === 401 && attempt === 1) {
        await discard(response);
        this.serviceTokens.delete(call.scope);
        continue;
      }
      return this.adminReply<T>(response, method, call);
    }
  }

  private async adminReply<T>(response: Response, method: HttpMethod, call: AdminCall): Promise<T> {
    if (response.status === 204) return undefined as T;
    if (response.ok) return readJson<T>(response);
    const suffix = await this.detailSuffix(response);
    switch (response.status) {
      case 400:
      case 422:
        throw AppError.badRequest(`ScaiKey refused the request${suffix}`);
      case 404:
        throw AppError.notFound(call.what);
      case 409:
        throw AppError.conflict(`ScaiKey reports a conflict${suffix}`);
      case 401:
      case 403:
        throw AppError.upstream(
          `ScaiKey refused ScaiDNS's admin token (${response.status}, scope ${call.scope})${suffix}`,
        );
      default:
        throw this.unexpectedStatus(response, method, response.url);
    }
  }

  private async registrationReply<T>(
    response: Response,
    method: HttpMethod,
    url: string,
  ): Promise<T> {
    if (response.ok) return readJson<T>(response);
    const suffix = await this.detailSuffix(response);
    if (response.status === 400 || response.status === 422) {
      throw AppError.badRequest(`ScaiKey refused the registration${suffix}`);
    }
    if (response.status === 401 || response.status === 403) {
      throw new AppError(
        'UNAUTHENTICATED',
        `ScaiKey refused the registration status token${suffix}`,
      );
    }
    throw this.unexpectedStatus(response, method, url);
  }

  /** ": <ScaiKey's message>" of an error reply, or nothing. */
  private async detailSuffix(response: Response): Promise<string> {
    const detail = errorDetail(await readJsonOrNull(response));
    return detail ? this.redact(`: ${detail}`) : '';
  }

  private unexpectedStatus(response: Response, method: HttpMethod, url: string): AppError {
    return AppError.upstream(`ScaiKey answered ${response.status} to ${method} ${pathOf(url)}`);
  }

  /** ScaiKey's own messages are passed on; make sure none of them can carry our secret. */
  private redact(message: string): string {
    const secret = this.config.scaikey.clientSecret;
    return secret ? message.split(secret).join('***') : message;
  }
}

/**
 * Why fetch failed, with the socket error undici hides in `cause` ("connect ECONNREFUSED …").
 * Duck-typed: fetch's errors may come from another realm, where `instanceof Error` is false.
 */
function networkFailure(error: unknown, timeoutMs: number): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as {
    name?: unknown;
    message?: unknown;
    cause?: { message?: unknown } | null;
  };
  if (e.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  const message = typeof e.message === 'string' ? e.message : errorMessage(error);
  const cause = e.cause?.message;
  return typeof cause === 'string' && !message.includes(cause) ? `${message}: ${cause}` : message;
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '(invalid URL)';
  }
}

async function readJson<T>(response: Response): Promise<T> {
  try {
    return (await response.json()) as T;
  } catch (error) {
    throw AppError.upstream('ScaiKey answered with invalid JSON', error);
  }
}

async function readJsonOrNull(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Frees the connection of a response whose body is not needed. */
async function discard(response: Response): Promise<void> {
  try {
    await response.arrayBuffer();
  } catch {
    // nothing to free
  }
}

function stringField(body: unknown, name: string): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const value = (body as Record<string, unknown>)[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `{detail}` (FastAPI style), `{detail: {message}}`, `{error_description}` or `{message}`. */
function errorDetail(body: unknown): string | undefined {
  const detail = (body as { detail?: unknown } | null)?.detail;
  if (typeof detail === 'object' && detail !== null) return stringField(detail, 'message');
  return (
    stringField(body, 'detail') ??
    stringField(body, 'error_description') ??
    stringField(body, 'message') ??
    stringField(body, 'error')
  );
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}
