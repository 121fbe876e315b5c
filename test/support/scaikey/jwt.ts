import { createHmac, type KeyObject, sign, timingSafeEqual, verify } from 'node:crypto';
import type { SigningKeySet } from './signing-keys';

export type JwtClaims = Record<string, unknown>;

export interface JwtHeader {
  readonly alg: string;
  readonly typ?: string;
  readonly kid?: string;
  readonly [name: string]: unknown;
}

export interface DecodedJwt {
  readonly header: JwtHeader;
  readonly claims: JwtClaims;
  /** `<header>.<payload>`, the bytes the signature covers. */
  readonly signingInput: string;
  readonly signature: Buffer;
}

/** What signs: a private key (RS256/ES256), an HMAC secret (HS256), or nothing (`alg: none`). */
export type JwtSigner = KeyObject | Buffer | string | null;

function encodeSegment(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** Signs a JWT with exactly the header given: no checks, so tests can build broken tokens too. */
export function encodeJwt(header: JwtHeader, claims: JwtClaims, signer: JwtSigner): string {
  const input = `${encodeSegment(header)}.${encodeSegment(claims)}`;
  return `${input}.${signatureOf(header.alg, input, signer).toString('base64url')}`;
}

function signatureOf(alg: string, input: string, signer: JwtSigner): Buffer {
  const data = Buffer.from(input);
  if (alg === 'none' || signer === null) return Buffer.alloc(0);
  if (alg === 'HS256') {
    const secret =
      typeof signer === 'string' || Buffer.isBuffer(signer)
        ? signer
        : signer.export({ type: 'spki', format: 'pem' });
    return createHmac('sha256', secret).update(data).digest();
  }
  if (typeof signer === 'string' || Buffer.isBuffer(signer)) {
    throw new Error(`alg ${alg} needs a private KeyObject`);
  }
  return signer.asymmetricKeyType === 'ec'
    ? sign('sha256', data, { key: signer, dsaEncoding: 'ieee-p1363' })
    : sign('sha256', data, signer);
}

/** Splits and parses a JWT without verifying it (for assertions in tests). */
export function decodeJwt(token: string): DecodedJwt {
  const parts = token.split('.');
  if (parts.length !== 3) throw new Error('not a JWT (expected three segments)');
  const parse = (segment: string): Record<string, unknown> => {
    const value: unknown = JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null)
      throw new Error('JWT segment is not an object');
    return value as Record<string, unknown>;
  };
  return {
    header: parse(parts[0]) as JwtHeader,
    claims: parse(parts[1]),
    signingInput: `${parts[0]}.${parts[1]}`,
    signature: Buffer.from(parts[2], 'base64url'),
  };
}

/**
 * Verifies a token against the stand-in's own keys (its admin API and userinfo need it): RS256 or
 * ES256 only, a published `kid`, the algorithm of that key, an accepted issuer, not expired.
 * Returns the claims, or why the token is refused.
 */
export function verifyJwt(
  token: string,
  keys: SigningKeySet,
  accept: { issuers: (iss: unknown) => boolean; nowSeconds: number },
): { claims: JwtClaims } | { error: string } {
  let decoded: DecodedJwt;
  try {
    decoded = decodeJwt(token);
  } catch {
    return { error: 'malformed token' };
  }
  const { header, claims } = decoded;
  const key = typeof header.kid === 'string' ? keys.find(header.kid) : undefined;
  if (!key) return { error: 'unknown signing key' };
  if (header.alg !== key.alg) return { error: `algorithm ${String(header.alg)} is not accepted` };
  const data = Buffer.from(decoded.signingInput);
  const valid =
    key.alg === 'ES256'
      ? verify('sha256', data, { key: key.publicKey, dsaEncoding: 'ieee-p1363' }, decoded.signature)
      : verify('sha256', data, key.publicKey, decoded.signature);
  if (!valid) return { error: 'invalid signature' };
  if (!accept.issuers(claims.iss)) return { error: 'issuer is not accepted' };
  if (typeof claims.exp !== 'number' || claims.exp <= accept.nowSeconds) {
    return { error: 'token has expired' };
  }
  return { claims };
}

/** Constant-time comparison of two strings (client secrets, status tokens). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
