import { createPublicKey, type KeyObject } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AppConfig, AppError, errorMessage, InjectConfig } from '@app/core';
import jwksRsa, { type JwksClient } from 'jwks-rsa';
import {
  type Algorithm,
  decode,
  type JwtHeader,
  type JwtPayload,
  JsonWebTokenError,
  NotBeforeError,
  TokenExpiredError,
  verify,
  type VerifyOptions,
} from 'jsonwebtoken';
import { ScaiKeyClient } from '../scaikey/scaikey.client';

export const ACCEPTED_ALGORITHMS: Algorithm[] = ['RS256', 'ES256'];
/** Tolerated clock difference between ScaiKey and us. */
export const CLOCK_SKEW_SECONDS = 30;
/** At most this many JWKS fetches a minute, however many unknown `kid`s arrive. */
const JWKS_REFETCHES_PER_MINUTE = 10;

/** The claims ScaiDNS reads from a ScaiKey access token. */
export interface ScaiKeyClaims extends JwtPayload {
  sub: string;
  email?: string;
  name?: string;
  tenant_id?: string;
  tenant_slug?: string;
  tenant_name?: string;
  partner_id?: string;
  role?: string;
  roles?: string[] | string;
  scope?: string;
  scopes?: string[] | string;
  client_id?: string;
}

type KeyCallback = (error: Error | null, key?: KeyObject) => void;

/**
 * Verifies ScaiKey access tokens against ScaiKey's JWKS: signature (RS256/ES256 only, so `alg: none`
 * and HMAC confusion are refused), issuer, audience, expiry with a small skew. Keys are cached as
 * parsed KeyObjects per `kid`; an unknown `kid` makes jwks-rsa refetch, rate-limited.
 */
@Injectable()
export class JwtVerifier {
  private jwks?: { client: JwksClient; issuer: string; loadedAt: number };
  private readonly keys = new Map<string, { key: KeyObject; at: number }>();

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly scaikey: ScaiKeyClient,
  ) {}

  private get ttlMs(): number {
    return this.config.scaikey.jwksCacheTtlSeconds * 1000;
  }

  /** Options shared by passport-jwt (HTTP requests) and verify() (/auth/validate). */
  async verifyOptions(): Promise<VerifyOptions & { algorithms: Algorithm[] }> {
    const { issuer } = await this.jwksSource();
    return {
      algorithms: ACCEPTED_ALGORITHMS,
      issuer,
      audience: this.config.scaikey.clientId,
      clockTolerance: CLOCK_SKEW_SECONDS,
    };
  }

  /** The verification key of a raw token, for passport-jwt's secretOrKeyProvider. */
  keyForToken(rawToken: string, done: KeyCallback): void {
    this.resolveKey(headerOf(rawToken)).then(
      (key) => done(null, key),
      (error: unknown) => done(error instanceof Error ? error : new Error(String(error))),
    );
  }

  /** Full verification, as a request's token gets it; throws AppError UNAUTHENTICATED with a reason. */
  async verify(token: string): Promise<ScaiKeyClaims> {
    const options = await this.verifyOptions();
    const key = await this.resolveKey(headerOf(token));
    let payload: string | JwtPayload;
    try {
      payload = verify(token, key, options);
    } catch (error) {
      throw toAuthError(error);
    }
    if (typeof payload === 'string' || typeof payload.sub !== 'string') {
      throw new AppError('UNAUTHENTICATED', 'Token has no subject');
    }
    assertTokenTimes(payload, Date.now() / 1000);
    return payload as ScaiKeyClaims;
  }

  /**
   * What passport-jwt's verification leaves out: the issuer, which comes from discovery, and the
   * time claims jsonwebtoken does not insist on (see assertTokenTimes).
   */
  async assertClaims(claims: ScaiKeyClaims): Promise<void> {
    const { issuer } = await this.jwksSource();
    if (claims.iss !== issuer)
      throw new AppError('UNAUTHENTICATED', 'Token issuer is not accepted');
    assertTokenTimes(claims, Date.now() / 1000);
  }

  private async resolveKey(header: JwtHeader | undefined): Promise<KeyObject> {
    if (!header?.alg || !ACCEPTED_ALGORITHMS.includes(header.alg as Algorithm)) {
      throw new AppError(
        'UNAUTHENTICATED',
        `Token algorithm ${header?.alg ?? 'none'} is not accepted`,
      );
    }
    if (!header.kid) throw new AppError('UNAUTHENTICATED', 'Token has no key id (kid)');
    const cached = this.keys.get(header.kid);
    if (cached && Date.now() - cached.at < this.ttlMs) return cached.key;
    const { client } = await this.jwksSource();
    let pem: string;
    try {
      pem = (await client.getSigningKey(header.kid)).getPublicKey();
    } catch (error) {
      if (
        error instanceof Error &&
        /unable to find a signing key|no matching key/i.test(error.message)
      ) {
        throw new AppError('UNAUTHENTICATED', `Token signing key ${header.kid} is unknown`);
      }
      if (error instanceof Error && error.name === 'JwksRateLimitError') {
        throw new AppError('UNAUTHENTICATED', `Token signing key ${header.kid} is unknown`);
      }
      throw AppError.upstream(`ScaiKey JWKS is unreachable: ${errorMessage(error)}`, error);
    }
    const key = createPublicKey(pem);
    this.keys.set(header.kid, { key, at: Date.now() });
    return key;
  }

  private async jwksSource(): Promise<{ client: JwksClient; issuer: string }> {
    if (this.jwks && Date.now() - this.jwks.loadedAt < this.ttlMs) return this.jwks;
    if (!this.scaikey.configured) {
      throw new AppError(
        'UNAUTHENTICATED',
        'Token authentication is unavailable: ScaiKey is not configured',
      );
    }
    const discovery = await this.scaikey.discovery();
    const client = jwksRsa({
      jwksUri: discovery.jwks_uri,
      cache: true,
      cacheMaxAge: this.ttlMs,
      rateLimit: true,
      jwksRequestsPerMinute: JWKS_REFETCHES_PER_MINUTE,
      timeout: this.config.scaikey.timeoutMs,
    });
    this.jwks = { client, issuer: discovery.issuer, loadedAt: Date.now() };
    return this.jwks;
  }
}

function headerOf(token: string): JwtHeader {
  const decoded = decode(token, { complete: true });
  if (!decoded || typeof decoded === 'string')
    throw new AppError('UNAUTHENTICATED', 'Token is malformed');
  return decoded.header;
}

/**
 * The time claims jsonwebtoken accepts but we don't: a token without `exp` (it would never expire, and
 * jsonwebtoken checks `exp` only when present) and one issued later than now plus the clock skew (a
 * signer whose clock is off, or a token minted to outlive its `exp`-based checks). jsonwebtoken itself
 * refuses an `exp` past and an `nbf` ahead (both with the skew).
 */
export function assertTokenTimes(claims: JwtPayload, nowSeconds: number): void {
  if (typeof claims.exp !== 'number') {
    throw new AppError('UNAUTHENTICATED', 'Token has no expiry (exp)');
  }
  if (claims.iat !== undefined && typeof claims.iat !== 'number') {
    throw new AppError('UNAUTHENTICATED', 'Token issue time (iat) is not a number');
  }
  if (typeof claims.iat === 'number' && claims.iat > nowSeconds + CLOCK_SKEW_SECONDS) {
    throw new AppError('UNAUTHENTICATED', 'Token is issued in the future (iat)');
  }
}

/** jsonwebtoken's failures as the 401 details clients see. */
export function toAuthError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof TokenExpiredError)
    return new AppError('UNAUTHENTICATED', 'Token has expired');
  if (error instanceof NotBeforeError)
    return new AppError('UNAUTHENTICATED', 'Token is not valid yet');
  if (error instanceof JsonWebTokenError) {
    const m = error.message;
    if (m.startsWith('jwt issuer invalid'))
      return new AppError('UNAUTHENTICATED', 'Token issuer is not accepted');
    if (m.startsWith('jwt audience invalid'))
      return new AppError('UNAUTHENTICATED', 'Token audience is not accepted');
    if (m === 'invalid signature')
      return new AppError('UNAUTHENTICATED', 'Token signature is invalid');
    if (m === 'invalid algorithm' || m === 'jwt signature is required') {
      return new AppError('UNAUTHENTICATED', 'Token algorithm is not accepted');
    }
    if (m === 'jwt malformed' || m === 'invalid token')
      return new AppError('UNAUTHENTICATED', 'Token is malformed');
    return new AppError('UNAUTHENTICATED', `Token is invalid: ${m}`);
  }
  return new AppError('UNAUTHENTICATED', 'Token is invalid');
}
