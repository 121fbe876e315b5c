import type { ApplicationRecord, ScaiKeyDirectory, TenantRecord } from './directory';
import type { OAuthGrants } from './oauth-grants';
import type { RegistrationDesk } from './registration-desk';
import type { SigningKeySet } from './signing-keys';
import type { TokenMinter } from './token-minter';

/** An invitation the admin API was asked to send (`POST /admin/users` with `send_invite`). */
export interface Invitation {
  readonly user_id: string;
  readonly email: string;
  readonly at: string;
}

/** Which flavour of OIDC endpoints a request came to: platform, or one tenant's. */
export interface Flavor {
  readonly issuer: string;
  /** `${issuer}/oauth`: where authorize, token, userinfo, logout, revoke and jwks live. */
  readonly oauthBase: string;
  readonly tenant: TenantRecord | null;
}

/** The state and services the route handlers share. */
export interface StandInContext {
  readonly directory: ScaiKeyDirectory;
  readonly keys: SigningKeySet;
  readonly grants: OAuthGrants;
  readonly registrations: RegistrationDesk;
  readonly minter: TokenMinter;
  readonly invitations: Invitation[];
  readonly accessTokenTtlSeconds: number;
  nowMs(): number;
  url(): string;
  platformIssuer(): string;
  tenantIssuer(slug: string): string;
  acceptsIssuer(iss: unknown): boolean;
  /** The user the authorize endpoint signs in when no `login_hint` names one. */
  devUser(): string | null;
  application(): ApplicationRecord;
}

export function platformFlavor(ctx: StandInContext): Flavor {
  const issuer = ctx.platformIssuer();
  return { issuer, oauthBase: `${issuer}/oauth`, tenant: null };
}

export function tenantFlavor(ctx: StandInContext, slug: string): Flavor | undefined {
  const tenant = ctx.directory.findTenant(slug);
  if (!tenant || tenant.slug !== slug) return undefined;
  const issuer = ctx.tenantIssuer(slug);
  return { issuer, oauthBase: `${issuer}/oauth`, tenant };
}
