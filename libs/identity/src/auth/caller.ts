import type { PrincipalType } from '@app/core';

/** How the caller proved who it is. */
export type CallerKind = 'user' | 'api_key';

/** The API key a request was made with, when it was made with one. */
export interface CallerApiKey {
  readonly id: string;
  readonly prefix: string;
  /** Whose permissions the key carries: a user's or a group's. */
  readonly permissionSource: PrincipalType;
  readonly permissionSourceId: string;
  /** Narrows the source's permissions; null = no narrowing. */
  readonly scopes: readonly string[] | null;
  /** Requests per minute; null = RATE_LIMIT_API_KEY_PER_MINUTE. */
  readonly rateLimit: number | null;
}

/**
 * The authenticated caller of one request, resolved once by the auth guard. Every id is a local
 * (MariaDB) UUID; ScaiKey ids are kept beside them where clients see them.
 */
export interface Caller {
  readonly kind: CallerKind;
  /** The user: the token's subject, or the API key's owner. */
  readonly userId: string;
  readonly scaikeyUserId: string;
  readonly email: string;
  readonly tenantId: string;
  readonly scaikeyTenantId: string;
  readonly partnerId: string | null;
  /** Local ids of the user's groups, including the groups those groups are nested in. */
  readonly groupIds: readonly string[];
  /** ScaiKey's own admin roles from the token (`tenant_admin`, `partner_admin`, `super_admin`). */
  readonly scaikeyRoles: readonly string[];
  /** OAuth scopes of the token. */
  readonly tokenScopes: readonly string[];
  readonly apiKey: CallerApiKey | null;
  readonly ip: string;
  readonly userAgent: string | null;
  readonly requestId: string | null;
}
