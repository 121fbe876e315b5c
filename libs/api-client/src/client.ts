import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/** How a request authenticates: a ScaiKey access token, or an API key (`sdk_live_…`). */
export type Credentials = { readonly bearer: string } | { readonly apiKey: string };

/** Credentials as they are known now: fixed, or asked for before each request (a token refreshed). */
export type CredentialSource =
  Credentials | null | (() => Credentials | null | Promise<Credentials | null>);

export interface ScaiDnsClientOptions {
  /** Where ScaiDNS answers, e.g. `https://dns.example.com` (the operations' paths carry `/api/v1`). */
  readonly baseUrl: string;
  /** Sent with every request; none for the public routes (`/auth/config`, `/auth/token`…). */
  readonly credentials?: CredentialSource;
  /** Told of every 401: the credentials were refused (a token expired, a key revoked). */
  readonly onUnauthorized?: (response: Response) => void;
  /** Another fetch (a test's, a proxy-aware one). */
  readonly fetch?: (input: Request) => Promise<Response>;
}

/** A client typed by ScaiDNS's OpenAPI document: `client.GET('/api/v1/domains', { params })`. */
export type ScaiDnsClient = Client<paths>;

/**
 * Creates a typed ScaiDNS client (openapi-fetch over the generated `paths`). Every call answers
 * `{ data, error, response }`; `unwrap` turns that into the data or a thrown `ScaiDnsError`.
 *
 * ```ts
 * const dns = createScaiDnsClient({ baseUrl: 'https://dns.example.com', credentials: { apiKey } });
 * const zones = await unwrap(dns.GET('/api/v1/domains', { params: { query: { search: 'example' } } }));
 * ```
 */
export function createScaiDnsClient(options: ScaiDnsClientOptions): ScaiDnsClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ''),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  client.use(authentication(options));
  return client;
}

function authentication(options: ScaiDnsClientOptions): Middleware {
  const source = options.credentials ?? null;
  return {
    async onRequest({ request }) {
      const credentials = typeof source === 'function' ? await source() : source;
      if (credentials && 'bearer' in credentials) {
        request.headers.set('Authorization', `Bearer ${credentials.bearer}`);
      } else if (credentials) {
        request.headers.set('X-API-Key', credentials.apiKey);
      }
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) options.onUnauthorized?.(response);
      return undefined;
    },
  };
}
