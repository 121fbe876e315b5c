import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import type { AppConfig } from '@app/core';
import { adminRoutes, registrationRoutes } from './admin-routes';
import {
  type ApplicationInput,
  type ApplicationRecord,
  DirectoryError,
  type PartnerRecord,
  ScaiKeyDirectory,
  type TenantRecord,
  type UserInput,
  type UserRecord,
} from './directory';
import {
  BodyTooLargeError,
  type Exchange,
  readBody,
  type Route,
  sendDetail,
  sendJson,
} from './http-kit';
import type { JwtClaims } from './jwt';
import { OAuthGrants, s256 } from './oauth-grants';
import { oauthRoutes } from './oauth-routes';
import {
  type ApproveOverrides,
  RegistrationDesk,
  type RegistrationRecord,
} from './registration-desk';
import type { PublicJwk, SigningAlgorithm } from './signing-keys';
import { SigningKeySet } from './signing-keys';
import type { Invitation, StandInContext } from './stand-in-context';
import {
  DEFAULT_USER_SCOPE,
  type SignTokenOptions,
  TokenMinter,
  type UserTokenOptions,
} from './token-minter';
import {
  type BuiltWebhook,
  buildWebhook,
  sendWebhook,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookOptions,
} from './webhooks';

export const DEFAULT_CLIENT_ID = 'scaidns-test';
export const DEFAULT_CLIENT_SECRET = 'scaidns-test-secret';
export const DEFAULT_APPLICATION_ID = 'app_scaidns_test';
export const DEFAULT_WEBHOOK_SECRET = 'scaidns-test-webhook-secret';
export const DEFAULT_REDIRECT_URI = 'http://127.0.0.1:8000/auth/callback';

export interface ScaiKeyStandInOptions {
  /** Address to listen on; default 127.0.0.1. */
  host?: string;
  /** Algorithm of the first signing key; default RS256. */
  algorithm?: SigningAlgorithm;
  /**
   * The ScaiDNS application (the OAuth client). Defaults: id `app_scaidns_test`, client_id
   * `scaidns-test`, secret `scaidns-test-secret`, GLOBAL, redirect_uris `[DEFAULT_REDIRECT_URI]`.
   */
  application?: ApplicationInput;
  /** Shortcut for `application.redirect_uris`. */
  redirectUris?: string[];
  /** What `env()`/`scaikeyConfig()` hand ScaiDNS as SCAIKEY_WEBHOOK_SECRET. */
  webhookSecret?: string;
  /**
   * Seed a partner, a tenant (random slug unless `devTenantSlug`) and a dev user assigned to the
   * application, whom the authorize endpoint signs in. Default true.
   */
  seedDevUser?: boolean;
  devUser?: Omit<UserInput, 'tenant_id'>;
  devTenantSlug?: string;
  accessTokenTtlSeconds?: number;
  refreshTokenTtlSeconds?: number;
  codeTtlSeconds?: number;
  registrationTtlSeconds?: number;
  /** Approve a registration request by itself on its N-th status poll. Default: never. */
  autoApproveRegistrationsAfterPolls?: number;
  /** Called with one line per request (the dev server prints them). */
  log?: (line: string) => void;
}

/** A test-controlled failure: matching requests wait, fail with a status, or lose their connection. */
export interface Fault {
  /** Path prefix, or a pattern tested against the path. Default: every path. */
  path?: string | RegExp;
  method?: string;
  /** Answer this status (with `body`, default `{detail}`). */
  status?: number;
  body?: unknown;
  /** Wait this long first (longer than SCAIKEY_TIMEOUT_MS → a timeout). */
  delayMs?: number;
  /** Destroy the connection without an answer. */
  reset?: boolean;
  /** How many requests it applies to; default all until `clearFaults()`. */
  times?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** For the token endpoint. */
  readonly grantType: string | null;
  readonly authorization: string | null;
}

export interface AuthorizeParams {
  codeChallenge: string;
  redirectUri?: string;
  state?: string;
  nonce?: string;
  scope?: string;
  clientId?: string;
  /** User id or e-mail to sign in instead of the dev user. */
  loginHint?: string;
  /** Use this tenant's endpoints instead of the platform's. */
  tenantSlug?: string;
  codeChallengeMethod?: string;
  responseType?: string;
}

export interface AuthorizeResult {
  code: string;
  state: string | null;
  /** The full redirect the browser would follow. */
  location: string;
}

export interface LoginResult {
  access_token: string;
  token_type: string;
  expires_in: number;
  refresh_token: string;
  id_token?: string;
  scope: string;
}

export interface PkcePair {
  verifier: string;
  challenge: string;
}

/** A fresh PKCE verifier and its S256 challenge. */
export function createPkce(): PkcePair {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: s256(verifier) };
}

/**
 * Creates (does not start) a ScaiKey stand-in: an HTTP server speaking ScaiKey's protocol, with real
 * signing keys generated now and an in-memory directory a test seeds. See `ScaiKeyStandIn`.
 */
export function createScaiKeyStandIn(options: ScaiKeyStandInOptions = {}): ScaiKeyStandIn {
  return new ScaiKeyStandIn(options);
}

export class ScaiKeyStandIn {
  readonly directory: ScaiKeyDirectory;
  readonly keys: SigningKeySet;
  /** The ScaiDNS application: SCAIKEY_CLIENT_ID / SECRET / APPLICATION_ID. */
  readonly application: ApplicationRecord;
  readonly webhookSecret: string;
  /** The seeded partner, tenant and dev user (null with `seedDevUser: false`). */
  readonly dev: { partner: PartnerRecord; tenant: TenantRecord; user: UserRecord } | null;
  /** Invitations asked for through `POST /admin/users` with `send_invite: true`. */
  readonly invitations: Invitation[] = [];

  private readonly grants: OAuthGrants;
  private readonly desk: RegistrationDesk;
  private readonly minter: TokenMinter;
  private readonly routes: Route[];
  private readonly requestLog: RecordedRequest[] = [];
  private faults: Fault[] = [];
  private clockOffsetMs = 0;
  private devUserRef: string | null;
  private server: Server | undefined;
  private baseUrl: string | undefined;

  constructor(private readonly options: ScaiKeyStandInOptions = {}) {
    const nowMs = () => Date.now() + this.clockOffsetMs;
    const accessTokenTtlSeconds = options.accessTokenTtlSeconds ?? 3600;
    this.directory = new ScaiKeyDirectory(() => new Date(nowMs()));
    this.keys = new SigningKeySet(options.algorithm ?? 'RS256');
    this.application = this.directory.addApplication({
      id: DEFAULT_APPLICATION_ID,
      client_id: DEFAULT_CLIENT_ID,
      client_secret: DEFAULT_CLIENT_SECRET,
      name: 'ScaiDNS',
      type: 'GLOBAL',
      redirect_uris: options.redirectUris ?? [DEFAULT_REDIRECT_URI],
      ...options.application,
    });
    this.webhookSecret = options.webhookSecret ?? DEFAULT_WEBHOOK_SECRET;
    this.grants = new OAuthGrants(nowMs, {
      codeSeconds: options.codeTtlSeconds ?? 60,
      refreshSeconds: options.refreshTokenTtlSeconds ?? 30 * 24 * 3600,
    });
    this.desk = new RegistrationDesk(this.directory, nowMs, {
      ttlSeconds: options.registrationTtlSeconds ?? 3600,
      autoApproveAfterPolls: options.autoApproveRegistrationsAfterPolls,
    });
    this.minter = new TokenMinter({
      keys: this.keys,
      directory: this.directory,
      nowMs,
      platformIssuer: () => this.platformIssuer,
      tenantIssuer: (slug) => this.tenantIssuer(slug),
      defaultClientId: () => this.application.client_id,
      accessTokenTtlSeconds,
    });
    this.dev = options.seedDevUser === false ? null : this.seedDev();
    this.devUserRef = this.dev?.user.id ?? null;

    const ctx: StandInContext = {
      directory: this.directory,
      keys: this.keys,
      grants: this.grants,
      registrations: this.desk,
      minter: this.minter,
      invitations: this.invitations,
      accessTokenTtlSeconds,
      nowMs,
      url: () => this.url,
      platformIssuer: () => this.platformIssuer,
      tenantIssuer: (slug) => this.tenantIssuer(slug),
      acceptsIssuer: (iss) => this.acceptsIssuer(iss),
      devUser: () => this.devUserRef,
      application: () => this.application,
    };
    this.routes = [...oauthRoutes(ctx), ...adminRoutes(ctx), ...registrationRoutes(ctx)];
  }

  // --- lifecycle ----------------------------------------------------------------------------------

  /** Base URL (SCAIKEY_URL); known from the first `start()` on, kept after `stop()`. */
  get url(): string {
    if (!this.baseUrl) throw new Error('the ScaiKey stand-in has not been started');
    return this.baseUrl;
  }

  get running(): boolean {
    return this.server !== undefined;
  }

  /** Listens (port 0 = any free port) and resolves to the base URL. */
  async start(port = 0): Promise<string> {
    if (this.server) throw new Error('the ScaiKey stand-in is already running');
    const server = createServer((req, res) => {
      void this.handle(req, res);
    });
    const host = this.options.host ?? '127.0.0.1';
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    const { port: bound } = server.address() as AddressInfo;
    const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
    this.baseUrl = `http://${shown}:${bound}`;
    return this.baseUrl;
  }

  /** Closes the server and every open connection. `start(port)` may bring it back. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }

  // --- addresses ----------------------------------------------------------------------------------

  /** `${url}/api/v1/platform` — what ScaiDNS verifies `iss` against. */
  get platformIssuer(): string {
    return `${this.url}/api/v1/platform`;
  }

  tenantIssuer(slug: string): string {
    return `${this.url}/api/v1/auth/tenants/${slug}`;
  }

  get discoveryUrl(): string {
    return `${this.platformIssuer}/oauth/.well-known/openid-configuration`;
  }

  tenantDiscoveryUrl(slug: string): string {
    return `${this.tenantIssuer(slug)}/.well-known/openid-configuration`;
  }

  get tokenEndpoint(): string {
    return `${this.platformIssuer}/oauth/token`;
  }

  get jwksUri(): string {
    return `${this.platformIssuer}/oauth/jwks`;
  }

  /** The SCAIKEY_* variables that point ScaiDNS at this stand-in. */
  env(): Record<string, string> {
    return {
      SCAIKEY_URL: this.url,
      SCAIKEY_CLIENT_ID: this.application.client_id,
      SCAIKEY_CLIENT_SECRET: this.application.client_secret ?? '',
      SCAIKEY_APPLICATION_ID: this.application.id,
      SCAIKEY_WEBHOOK_SECRET: this.webhookSecret,
    };
  }

  /** `AppConfig['scaikey']` for this stand-in: `new ScaiKeyClient({ scaikey: standIn.scaikeyConfig() })`. */
  scaikeyConfig(overrides: Partial<AppConfig['scaikey']> = {}): AppConfig['scaikey'] {
    return {
      url: this.url,
      clientId: this.application.client_id,
      clientSecret: this.application.client_secret ?? '',
      applicationId: this.application.id,
      webhookSecret: this.webhookSecret,
      tokenCacheTtlSeconds: 60,
      jwksCacheTtlSeconds: 3600,
      timeoutMs: 5000,
      syncIntervalSeconds: 0,
      ...overrides,
    };
  }

  // --- keys and tokens ----------------------------------------------------------------------------

  get currentKid(): string {
    return this.keys.current.kid;
  }

  jwks(): { keys: PublicJwk[] } {
    return this.keys.jwks();
  }

  /** Publishes a new key (new kid) and signs new tokens with it; old keys stay published. */
  rotateKeys(alg?: SigningAlgorithm): string {
    return this.keys.rotate(alg).kid;
  }

  /** Unpublishes every key but the current one; tokens they signed stop verifying. */
  dropOldKeys(): string[] {
    return this.keys.dropOld();
  }

  /**
   * Any token a test needs. Default claims `iss` (platform issuer), `aud` (the application's
   * client_id), `iat`, `exp` (now + expiresIn), `jti`; `claims` override them (`undefined` drops one).
   */
  signToken(claims: JwtClaims = {}, options: SignTokenOptions = {}): string {
    return this.minter.sign(claims, options);
  }

  /** An access token for a directory user (id or e-mail), exactly as the token endpoint issues one. */
  userToken(userRef: string, options: UserTokenOptions = {}): string {
    return this.minter.userToken(userRef, options);
  }

  /** A client_credentials access token of the application (default scope admin:read admin:write). */
  serviceToken(
    scope = 'admin:read admin:write',
    options: SignTokenOptions & { clientId?: string } = {},
  ): string {
    return this.minter.serviceToken(scope, options);
  }

  /** The user the authorize endpoint signs in when no login_hint is given (id or e-mail). */
  setDevUser(userRef: string | null): void {
    this.devUserRef = userRef === null ? null : this.directory.getUser(userRef).id;
  }

  /** GETs the authorize endpoint like a browser and returns the code from the redirect. */
  async authorize(params: AuthorizeParams): Promise<AuthorizeResult> {
    const base = params.tenantSlug ? this.tenantIssuer(params.tenantSlug) : this.platformIssuer;
    const url = new URL(`${base}/oauth/authorize`);
    const query: Record<string, string | undefined> = {
      response_type: params.responseType ?? 'code',
      client_id: params.clientId ?? this.application.client_id,
      redirect_uri: params.redirectUri ?? this.application.redirect_uris[0],
      scope: params.scope ?? DEFAULT_USER_SCOPE,
      state: params.state,
      nonce: params.nonce,
      code_challenge: params.codeChallenge,
      code_challenge_method: params.codeChallengeMethod ?? 'S256',
      login_hint: params.loginHint,
    };
    for (const [k, v] of Object.entries(query)) if (v !== undefined) url.searchParams.set(k, v);
    const response = await fetch(url, { redirect: 'manual' });
    const text = await response.text();
    const location = response.headers.get('location');
    if (response.status !== 302 || !location) {
      throw new Error(`authorize answered ${response.status}: ${text}`);
    }
    const back = new URL(location);
    const code = back.searchParams.get('code');
    if (!code) {
      const error = back.searchParams.get('error') ?? 'no code';
      throw new Error(`authorize refused: ${error}: ${back.searchParams.get('error_description')}`);
    }
    return { code, state: back.searchParams.get('state'), location };
  }

  /** The whole sign-in over HTTP (PKCE, authorize, token) for a user: real refresh tokens. */
  async login(
    params: { user?: string; scope?: string; nonce?: string; tenantSlug?: string } = {},
  ): Promise<LoginResult> {
    const pkce = createPkce();
    const redirectUri = this.application.redirect_uris[0];
    const { code } = await this.authorize({
      codeChallenge: pkce.challenge,
      redirectUri,
      loginHint: params.user,
      scope: params.scope,
      nonce: params.nonce,
      tenantSlug: params.tenantSlug,
    });
    const base = params.tenantSlug ? this.tenantIssuer(params.tenantSlug) : this.platformIssuer;
    const response = await fetch(`${base}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        code,
        redirect_uri: redirectUri,
        code_verifier: pkce.verifier,
        client_id: this.application.client_id,
        client_secret: this.application.client_secret ?? '',
      }).toString(),
    });
    const body = (await response.json()) as LoginResult & { error?: string };
    if (!response.ok) throw new Error(`token endpoint answered ${response.status}: ${body.error}`);
    return body;
  }

  // --- registrations ------------------------------------------------------------------------------

  /** Every registration request received, oldest first. */
  get registrations(): RegistrationRecord[] {
    return this.desk.all;
  }

  /** Approves a pending request: creates its application (credentials in the status reply). */
  approve(requestId: string, overrides?: ApproveOverrides): RegistrationRecord {
    return this.desk.approve(requestId, overrides);
  }

  reject(requestId: string, reason?: string): RegistrationRecord {
    return this.desk.reject(requestId, reason);
  }

  expire(requestId: string): RegistrationRecord {
    return this.desk.expire(requestId);
  }

  // --- webhooks -----------------------------------------------------------------------------------

  /** See `sendWebhook` in ./webhooks: signs with `secret` and POSTs to a URL or an http.Server. */
  sendWebhook(
    target: string | Server,
    secret: string,
    event: WebhookEvent,
    options?: WebhookOptions,
  ): Promise<WebhookDelivery> {
    return sendWebhook(target, secret, event, options);
  }

  buildWebhook(secret: string, event: WebhookEvent, options?: WebhookOptions): BuiltWebhook {
    return buildWebhook(secret, event, options);
  }

  // --- observation and faults ---------------------------------------------------------------------

  /** Every request received, in order. */
  get requests(): readonly RecordedRequest[] {
    return [...this.requestLog];
  }

  /** How many requests matched (path prefix or pattern; optionally a method). */
  requestCount(path: string | RegExp, method?: string): number {
    return this.requestLog.filter(
      (r) => matchesPath(path, r.path) && (!method || r.method === method),
    ).length;
  }

  clearRequests(): void {
    this.requestLog.length = 0;
  }

  injectFault(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  clearFaults(): void {
    this.faults = [];
  }

  /** Moves the stand-in's clock (codes, refresh tokens, registrations, iat/exp of new tokens). */
  advanceClock(seconds: number): void {
    this.clockOffsetMs += seconds * 1000;
  }

  // --- internals ----------------------------------------------------------------------------------

  private seedDev(): { partner: PartnerRecord; tenant: TenantRecord; user: UserRecord } {
    const { partner, tenant, users } = this.directory.seedTenant({
      slug: this.options.devTenantSlug,
      name: 'Dev Tenant',
      users: [{ email: 'dev@example.test', display_name: 'Dev User', ...this.options.devUser }],
    });
    this.directory.assign(this.application.id, users[0].id);
    return { partner, tenant, user: users[0] };
  }

  private acceptsIssuer(iss: unknown): boolean {
    if (typeof iss !== 'string') return false;
    if (iss === this.platformIssuer) return true;
    const prefix = `${this.url}/api/v1/auth/tenants/`;
    return (
      iss.startsWith(prefix) && this.directory.findTenant(iss.slice(prefix.length)) !== undefined
    );
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = req.method ?? 'GET';
    const url = new URL(req.url ?? '/', this.baseUrl ?? 'http://127.0.0.1');
    try {
      const body = await readBody(req);
      this.record(req, method, url, body);
      if (await this.applyFault(method, url.pathname, req, res)) return;
      await this.dispatch({ req, res, method, url, body });
    } catch (error) {
      this.fail(res, error);
    }
  }

  private async dispatch(ex: Exchange): Promise<void> {
    let pathKnown = false;
    for (const route of this.routes) {
      const match = route.pattern.exec(ex.url.pathname);
      if (!match) continue;
      pathKnown = true;
      if (route.method !== ex.method) continue;
      await route.handle(
        ex,
        match.slice(1).map((v) => v ?? ''),
      );
      return;
    }
    sendDetail(ex.res, pathKnown ? 405 : 404, pathKnown ? 'Method Not Allowed' : 'Not Found');
  }

  private record(req: IncomingMessage, method: string, url: URL, body: Buffer): void {
    const grantType = url.pathname.endsWith('/oauth/token')
      ? new URLSearchParams(body.toString('utf8')).get('grant_type')
      : null;
    this.requestLog.push({
      method,
      path: url.pathname,
      query: url.search,
      grantType,
      authorization: req.headers.authorization ?? null,
    });
    this.options.log?.(`${method} ${url.pathname}${grantType ? ` (${grantType})` : ''}`);
  }

  private async applyFault(
    method: string,
    path: string,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<boolean> {
    const fault = this.faults.find(
      (f) => (!f.path || matchesPath(f.path, path)) && (!f.method || f.method === method),
    );
    if (!fault) return false;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    if (fault.delayMs) await sleep(fault.delayMs, undefined, { ref: false });
    if (fault.reset) {
      req.socket.destroy();
      return true;
    }
    if (fault.status === undefined) return false;
    if (!res.destroyed) {
      sendJson(res, fault.status, fault.body ?? { detail: 'fault injected by the test' });
    }
    return true;
  }

  private fail(res: ServerResponse, error: unknown): void {
    if (res.headersSent || res.destroyed) {
      res.destroy();
      return;
    }
    if (error instanceof DirectoryError) return sendDetail(res, error.status, error.message);
    if (error instanceof BodyTooLargeError) return sendDetail(res, 413, error.message);
    const message = error instanceof Error ? error.message : String(error);
    this.options.log?.(`stand-in error: ${message}`);
    sendDetail(res, 500, `stand-in error: ${message}`);
  }
}

function matchesPath(pattern: string | RegExp, path: string): boolean {
  return typeof pattern === 'string' ? path.startsWith(pattern) : pattern.test(path);
}
