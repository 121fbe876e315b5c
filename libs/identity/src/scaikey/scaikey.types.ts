/**
 * ScaiKey's wire shapes (snake_case, as ScaiKey sends them). Method parameters of ScaiKeyClient are
 * camelCase; what ScaiKey answers is passed through unchanged.
 */

/** The parts of ScaiKey's OIDC discovery document ScaiDNS uses. */
export interface ScaiKeyDiscovery {
  readonly issuer: string;
  readonly authorization_endpoint: string;
  readonly token_endpoint: string;
  readonly userinfo_endpoint?: string;
  readonly end_session_endpoint?: string;
  readonly revocation_endpoint?: string;
  readonly jwks_uri: string;
  readonly scopes_supported?: readonly string[];
}

export interface JsonWebKeySet {
  readonly keys: readonly Record<string, unknown>[];
}

/** The token endpoint's reply, for every grant. */
export interface ScaiKeyTokenResponse {
  readonly access_token: string;
  readonly token_type: string;
  readonly expires_in: number;
  readonly refresh_token?: string;
  readonly id_token?: string;
  readonly scope?: string;
}

/** Paged admin list reply (1-based pages). */
export interface ScaiKeyPage<T> {
  readonly data: readonly T[];
  readonly total: number;
  readonly page: number;
  readonly page_size: number;
  readonly total_pages: number;
}

export type ScaiKeyStatus = 'active' | 'suspended' | 'deleted';

export interface ScaiKeyPartner {
  readonly id: string;
  readonly name: string;
  readonly slug: string | null;
  readonly status: ScaiKeyStatus;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ScaiKeyTenant {
  readonly id: string;
  readonly partner_id: string;
  readonly name: string;
  readonly slug: string;
  readonly status: ScaiKeyStatus;
  readonly created_at: string;
  readonly updated_at: string;
}

export interface ScaiKeyUser {
  readonly id: string;
  readonly tenant_id: string;
  readonly partner_id: string | null;
  readonly email: string;
  readonly display_name: string | null;
  readonly first_name: string | null;
  readonly last_name: string | null;
  readonly status: ScaiKeyStatus;
  /** ScaiKey's own admin roles (`tenant_admin`, `partner_admin`, `super_admin`) or `user`. */
  readonly roles: readonly string[];
  readonly created_at: string;
  readonly updated_at: string;
}

/** ScaiKey's kinds of group: SECURITY groups carry access; DISTRIBUTION_LIST ones only mail. */
export const SCAIKEY_GROUP_TYPES = ['SECURITY', 'DISTRIBUTION_LIST'] as const;
export type ScaiKeyGroupType = (typeof SCAIKEY_GROUP_TYPES)[number];

export interface ScaiKeyGroup {
  readonly id: string;
  readonly tenant_id: string;
  readonly name: string;
  readonly description: string | null;
  /** Absent from older ScaiKeys; SECURITY when not said. */
  readonly group_type?: ScaiKeyGroupType;
  readonly created_at: string;
  readonly updated_at: string;
}

/** A direct member of a group: a user, or a nested group. */
export interface ScaiKeyGroupMember {
  readonly type: 'user' | 'group';
  readonly id: string;
  readonly email?: string;
  readonly display_name?: string | null;
  readonly name?: string;
  readonly status?: ScaiKeyStatus;
}

/** A user assigned to an application; `assigned_via` holds `direct` and/or the assigned group ids. */
export interface ScaiKeyEffectiveUser extends ScaiKeyUser {
  readonly assigned_via: readonly string[];
}

/** Filters and paging of the admin list endpoints. */
export interface ScaiKeyListQuery {
  /** 1-based; default 1. */
  readonly page?: number;
  /** 1–100; default 50 for a page, 100 when iterating. */
  readonly pageSize?: number;
  readonly tenantId?: string;
  readonly partnerId?: string;
  readonly status?: ScaiKeyStatus;
}

export interface ScaiKeyCreateUser {
  readonly tenantId: string;
  readonly email: string;
  readonly displayName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
  /** Ask ScaiKey to e-mail an invitation. */
  readonly sendInvite?: boolean;
  /** The user's first password (never stored or logged by ScaiDNS). */
  readonly password?: string;
}

/** A new user ScaiKey creates and e-mails an invitation to (they choose their password). */
export interface ScaiKeyInviteUser {
  readonly tenantId: string;
  readonly email: string;
  readonly displayName?: string;
  readonly firstName?: string;
  readonly lastName?: string;
}

export interface ScaiKeyCreateGroup {
  readonly tenantId: string;
  readonly name: string;
  readonly description?: string;
  readonly groupType?: ScaiKeyGroupType;
}

/** What ScaiDNS changes of a ScaiKey tenant (ScaiKey owns its name, slug and status). */
export interface ScaiKeyUpdateTenant {
  readonly name?: string;
  readonly slug?: string;
  readonly status?: 'active' | 'suspended';
}

export interface ScaiKeyUpdateUser {
  readonly email?: string;
  readonly displayName?: string | null;
  readonly firstName?: string | null;
  readonly lastName?: string | null;
  readonly status?: 'active' | 'suspended';
}

export interface ScaiKeyAuthorizationRequest {
  readonly redirectUri: string;
  readonly state: string;
  readonly codeChallenge: string;
  readonly nonce?: string;
  /** Space-separated; default `openid profile email offline_access`. */
  readonly scope?: string;
}

export interface ScaiKeyApplicationRegistration {
  readonly name: string;
  readonly redirectUris: readonly string[];
  readonly description?: string;
  /** Default GLOBAL: ScaiDNS authenticates users of every tenant. */
  readonly type?: 'GLOBAL' | 'TENANT';
  readonly scopes?: readonly string[];
  readonly webhookUrl?: string;
  readonly webhookEvents?: readonly string[];
  readonly contactEmail?: string;
}

export type ScaiKeyRegistrationState = 'PENDING' | 'APPROVED' | 'REJECTED' | 'EXPIRED';

export interface ScaiKeyRegistrationRequest {
  readonly request_id: string;
  readonly status_token: string;
  readonly status?: ScaiKeyRegistrationState;
  readonly expires_at?: string;
}

/** A registration request's state; the credentials are present once it is APPROVED. */
export interface ScaiKeyRegistrationStatus {
  readonly request_id: string;
  readonly status: ScaiKeyRegistrationState;
  readonly client_id?: string;
  readonly client_secret?: string;
  readonly application_id?: string;
  readonly webhook_secret?: string;
  readonly reason?: string;
  readonly expires_at?: string;
}
