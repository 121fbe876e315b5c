import { createHash, randomBytes } from 'node:crypto';
import { safeEqual } from './jwt';

/** What the authorize endpoint remembers for the token endpoint. */
export interface AuthorizationCodeGrant {
  readonly clientId: string;
  readonly redirectUri: string;
  readonly userId: string;
  readonly scope: string;
  readonly nonce: string | null;
  readonly codeChallenge: string;
  /** Codes are redeemed at the token endpoint of the issuer (platform or tenant) that made them. */
  readonly issuer: string;
  readonly authTime: number;
}

interface CodeEntry extends AuthorizationCodeGrant {
  readonly expiresAt: number;
  used: boolean;
  /** The refresh token family issued from this code, revoked if the code is replayed. */
  family: string | null;
}

export interface RefreshTokenGrant {
  readonly family: string;
  readonly clientId: string;
  readonly userId: string;
  readonly scope: string;
  readonly issuer: string;
  readonly authTime: number;
}

interface RefreshEntry extends RefreshTokenGrant {
  readonly expiresAt: number;
  used: boolean;
}

/** An OAuth error as the token endpoint answers it (400). */
export interface GrantError {
  readonly error: 'invalid_grant' | 'invalid_request' | 'invalid_scope';
  readonly error_description: string;
}

export type GrantResult<T> = { readonly grant: T } | GrantError;

/** base64url(SHA-256(verifier)), the S256 code challenge. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

/**
 * Authorization codes (single use, short-lived, PKCE S256) and refresh tokens (rotated on every use;
 * presenting a spent one revokes its whole family, as OAuth 2.0 Security BCP §4.14 recommends).
 */
export class OAuthGrants {
  private readonly codes = new Map<string, CodeEntry>();
  private readonly refreshTokens = new Map<string, RefreshEntry>();
  private readonly revokedFamilies = new Set<string>();

  constructor(
    private readonly nowMs: () => number,
    private readonly ttl: { codeSeconds: number; refreshSeconds: number },
  ) {}

  issueCode(grant: AuthorizationCodeGrant): string {
    const code = randomBytes(24).toString('base64url');
    this.codes.set(code, {
      ...grant,
      expiresAt: this.nowMs() + this.ttl.codeSeconds * 1000,
      used: false,
      family: null,
    });
    return code;
  }

  redeemCode(
    code: string,
    request: {
      clientId: string;
      issuer: string;
      redirectUri: string | null;
      verifier: string | null;
    },
  ): GrantResult<AuthorizationCodeGrant> {
    const entry = this.codes.get(code);
    if (!entry) return invalidGrant('authorization code is invalid');
    if (entry.used) {
      if (entry.family) this.revokedFamilies.add(entry.family);
      return invalidGrant('authorization code was already used');
    }
    // Spent by any attempt, right or wrong: a code cannot be tried twice.
    entry.used = true;
    if (entry.expiresAt <= this.nowMs()) return invalidGrant('authorization code has expired');
    if (entry.clientId !== request.clientId) {
      return invalidGrant('authorization code was issued to another client');
    }
    if (entry.issuer !== request.issuer) {
      return invalidGrant('authorization code was issued by another issuer');
    }
    if (request.redirectUri !== entry.redirectUri) {
      return invalidGrant('redirect_uri does not match the authorization request');
    }
    if (!request.verifier) return invalidGrant('code_verifier is required (PKCE)');
    if (!safeEqual(s256(request.verifier), entry.codeChallenge)) {
      return invalidGrant('PKCE verification failed: code_verifier does not match code_challenge');
    }
    return { grant: entry };
  }

  /** Links a redeemed code to the tokens it produced, so a replay of the code revokes them. */
  linkFamily(code: string, family: string): void {
    const entry = this.codes.get(code);
    if (entry) entry.family = family;
  }

  newFamily(): string {
    return randomBytes(12).toString('hex');
  }

  issueRefreshToken(grant: RefreshTokenGrant): string {
    const token = randomBytes(32).toString('base64url');
    this.refreshTokens.set(token, {
      ...grant,
      expiresAt: this.nowMs() + this.ttl.refreshSeconds * 1000,
      used: false,
    });
    return token;
  }

  redeemRefreshToken(
    token: string,
    request: { clientId: string; issuer: string },
  ): GrantResult<RefreshTokenGrant> {
    const entry = this.refreshTokens.get(token);
    if (!entry) return invalidGrant('refresh token is invalid');
    if (entry.clientId !== request.clientId) {
      return invalidGrant('refresh token was issued to another client');
    }
    if (this.revokedFamilies.has(entry.family)) return invalidGrant('refresh token was revoked');
    if (entry.used) {
      this.revokedFamilies.add(entry.family);
      return invalidGrant('refresh token was already used; every token of its family is revoked');
    }
    if (entry.expiresAt <= this.nowMs()) return invalidGrant('refresh token has expired');
    if (entry.issuer !== request.issuer) {
      return invalidGrant('refresh token was issued by another issuer');
    }
    entry.used = true;
    return { grant: entry };
  }

  /** RFC 7009: revokes the token's family; unknown tokens are ignored. */
  revoke(token: string, clientId: string): void {
    const entry = this.refreshTokens.get(token);
    if (entry && entry.clientId === clientId) this.revokedFamilies.add(entry.family);
  }

  /** Revokes every refresh token of a user (their sessions end). */
  revokeUser(userId: string): void {
    for (const entry of this.refreshTokens.values()) {
      if (entry.userId === userId) this.revokedFamilies.add(entry.family);
    }
  }
}

function invalidGrant(description: string): GrantError {
  return { error: 'invalid_grant', error_description: description };
}
