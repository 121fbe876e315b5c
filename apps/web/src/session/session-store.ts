import {
  createScaiDnsClient,
  type Credentials,
  describeProblem,
  type ScaiDnsClient,
  ScaiDnsError,
  type Schemas,
  unwrap,
} from '@app/api-client';
import { randomToken, s256 } from './pkce';

/** Who is signed in and what they may do, as `GET /me/context` says. */
export type Me = Schemas['MeContextDto'];

export type SessionState =
  | { readonly status: 'signed-out'; readonly notice: string | null }
  | { readonly status: 'signed-in'; readonly me: Me };

/** The path ScaiKey sends the browser back to (registered as `<EXTERNAL_URL>/oauth/callback`). */
export const CALLBACK_PATH = '/oauth/callback';

/** What a redirect to ScaiKey must find again when it comes back: kept for that one round trip. */
const PENDING_KEY = 'scaidns.sign-in';
const ENDED = 'Your session has ended. Sign in again.';

interface PendingSignIn {
  readonly state: string;
  readonly verifier: string;
  readonly redirectUri: string;
  readonly returnTo: string;
}

interface Tokens {
  readonly accessToken: string;
  readonly refreshToken: string | null;
  readonly idToken: string | null;
  /** When to refresh: shortly before the access token expires. */
  readonly refreshAt: number;
}

/**
 * The signed-in caller. Tokens and API keys live in this object's memory only (never in
 * localStorage): a reload signs in again, which ScaiKey's own session makes one redirect. Only the
 * PKCE verifier and state wait in sessionStorage while the browser is at ScaiKey.
 */
export class SessionStore {
  /** Public routes (`/auth/config`, `/auth/token`, `/auth/refresh`): no credentials sent. */
  readonly anonymous: ScaiDnsClient;
  /** Everything else, as the signed-in caller; a token is refreshed before it expires. */
  readonly api: ScaiDnsClient;

  private state: SessionState = { status: 'signed-out', notice: null };
  private tokens: Tokens | null = null;
  private apiKey: string | null = null;
  private refreshing: Promise<Tokens | null> | null = null;
  private callback: { search: string; done: Promise<string> } | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(private readonly origin: string) {
    this.anonymous = createScaiDnsClient({ baseUrl: origin });
    this.api = createScaiDnsClient({
      baseUrl: origin,
      credentials: () => this.credentials(),
      onUnauthorized: () => this.end(ENDED),
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): SessionState => this.state;

  /** Sends the browser to ScaiKey's authorize endpoint (authorization code with PKCE). */
  async beginSignIn(returnTo: string): Promise<void> {
    const config = await unwrap(this.anonymous.GET('/api/v1/auth/config'));
    const pending: PendingSignIn = {
      state: randomToken(16),
      verifier: randomToken(32),
      redirectUri: `${this.origin}${CALLBACK_PATH}`,
      returnTo: localPath(returnTo),
    };
    const url = new URL(config.authorization_endpoint);
    url.search = new URLSearchParams({
      response_type: 'code',
      client_id: config.client_id,
      redirect_uri: pending.redirectUri,
      scope: config.scopes.join(' '),
      state: pending.state,
      nonce: randomToken(16),
      code_challenge: await s256(pending.verifier),
      code_challenge_method: 'S256',
    }).toString();
    sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
    window.location.assign(url.toString());
  }

  /**
   * Finishes a sign-in at the callback: checks the state, exchanges the code through
   * `POST /auth/token` and answers the path to go back to. Asked twice for the same callback (React
   * runs effects twice in development) it exchanges the code once.
   */
  completeSignIn(search: string): Promise<string> {
    if (this.callback?.search !== search) {
      this.callback = { search, done: this.exchange(search) };
    }
    return this.callback.done;
  }

  /** Signs in with an API key (service accounts): the key is checked by asking who it is. */
  async signInWithApiKey(key: string): Promise<void> {
    const probe = createScaiDnsClient({ baseUrl: this.origin, credentials: { apiKey: key } });
    const { data, error, response } = await probe.GET('/api/v1/me/context');
    if (!data) {
      const problem = describeProblem(response.status, error, response.headers);
      // The key is the only field of that form: a refusal is about it.
      throw new ScaiDnsError(
        response.status === 401 || response.status === 403
          ? { ...problem, fields: { api_key: problem.general }, general: [] }
          : problem,
      );
    }
    this.tokens = null;
    this.apiKey = key;
    this.set({ status: 'signed-in', me: data });
  }

  /** Re-reads what the caller may do (after a change to their roles, say). */
  async reloadContext(): Promise<void> {
    const me = await unwrap(this.api.GET('/api/v1/me/context'));
    if (this.state.status === 'signed-in') this.set({ status: 'signed-in', me });
  }

  /** Ends the session here and, for a ScaiKey sign-in, at ScaiKey (back to this app's start page). */
  async signOut(): Promise<void> {
    const tokens = this.tokens;
    await this.api.POST('/api/v1/auth/logout').catch(() => undefined);
    this.forget();
    if (tokens) {
      const config = await unwrap(this.anonymous.GET('/api/v1/auth/config')).catch(() => null);
      if (config?.end_session_endpoint) {
        const url = new URL(config.end_session_endpoint);
        url.searchParams.set('post_logout_redirect_uri', `${this.origin}/`);
        url.searchParams.set('client_id', config.client_id);
        if (tokens.idToken) url.searchParams.set('id_token_hint', tokens.idToken);
        // The page stays as it is until the browser leaves for ScaiKey.
        window.location.assign(url.toString());
        return;
      }
    }
    this.set({ status: 'signed-out', notice: 'You are signed out.' });
  }

  private async exchange(search: string): Promise<string> {
    const params = new URLSearchParams(search);
    const raw = sessionStorage.getItem(PENDING_KEY);
    sessionStorage.removeItem(PENDING_KEY);
    const pending = raw ? (JSON.parse(raw) as PendingSignIn) : null;
    const refusal = params.get('error');
    if (refusal) {
      throw new Error(`ScaiKey did not sign you in: ${params.get('error_description') ?? refusal}`);
    }
    const code = params.get('code');
    if (!pending || !code || params.get('state') !== pending.state) {
      throw new Error('This sign-in was not started from this page, or has already been used.');
    }
    const tokens = await unwrap(
      this.anonymous.POST('/api/v1/auth/token', {
        body: { code, code_verifier: pending.verifier, redirect_uri: pending.redirectUri },
      }),
    );
    this.apiKey = null;
    this.tokens = toTokens(tokens, null);
    const me = await unwrap(this.api.GET('/api/v1/me/context'));
    this.set({ status: 'signed-in', me });
    return pending.returnTo;
  }

  private async credentials(): Promise<Credentials | null> {
    if (this.apiKey) return { apiKey: this.apiKey };
    let tokens = this.tokens;
    if (tokens && tokens.refreshToken && Date.now() >= tokens.refreshAt) {
      tokens = await this.refresh(tokens.refreshToken);
    }
    return tokens ? { bearer: tokens.accessToken } : null;
  }

  /** One refresh at a time; ScaiKey rotates the refresh token, so the old one is spent. */
  private refresh(refreshToken: string): Promise<Tokens | null> {
    this.refreshing ??= unwrap(
      this.anonymous.POST('/api/v1/auth/refresh', { body: { refresh_token: refreshToken } }),
    )
      .then((answer) => {
        this.tokens = toTokens(answer, this.tokens?.idToken ?? null);
        return this.tokens;
      })
      .catch(() => {
        this.end(ENDED);
        return null;
      })
      .finally(() => {
        this.refreshing = null;
      });
    return this.refreshing;
  }

  private end(notice: string): void {
    if (this.state.status !== 'signed-in') return;
    this.forget();
    this.set({ status: 'signed-out', notice });
  }

  private forget(): void {
    this.tokens = null;
    this.apiKey = null;
  }

  private set(state: SessionState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}

function toTokens(answer: Schemas['TokenResponseDto'], idToken: string | null): Tokens {
  const lifetimeMs = answer.expires_in * 1000;
  return {
    accessToken: answer.access_token,
    refreshToken: answer.refresh_token,
    idToken: answer.id_token ?? idToken,
    refreshAt: Date.now() + lifetimeMs - Math.min(60_000, lifetimeMs / 2),
  };
}

/** Only a path of this app is a place to come back to (never another origin). */
function localPath(path: string): string {
  return path.startsWith('/') && !path.startsWith('//') && !path.startsWith(CALLBACK_PATH)
    ? path
    : '/';
}
