import { createHash, generateKeyPairSync, type KeyObject } from 'node:crypto';

export type SigningAlgorithm = 'RS256' | 'ES256';

/** A key pair the stand-in signs with; `kid` is the RFC 7638 thumbprint of the public key. */
export interface SigningKey {
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly privateKey: KeyObject;
  readonly publicKey: KeyObject;
}

/** A public key as published in the JWKS. */
export interface PublicJwk {
  readonly kty: 'RSA' | 'EC';
  readonly kid: string;
  readonly alg: SigningAlgorithm;
  readonly use: 'sig';
  readonly n?: string;
  readonly e?: string;
  readonly crv?: string;
  readonly x?: string;
  readonly y?: string;
}

/** A fresh key pair (RSA 2048 for RS256, P-256 for ES256); also what tests forge tokens with. */
export function createSigningKey(alg: SigningAlgorithm = 'RS256'): SigningKey {
  const { privateKey, publicKey } =
    alg === 'RS256'
      ? generateKeyPairSync('rsa', { modulusLength: 2048 })
      : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  return { kid: thumbprint(publicKey), alg, privateKey, publicKey };
}

export function publicJwk(key: SigningKey): PublicJwk {
  const jwk = key.publicKey.export({ format: 'jwk' });
  return key.alg === 'RS256'
    ? { kty: 'RSA', kid: key.kid, alg: key.alg, use: 'sig', n: jwk.n, e: jwk.e }
    : { kty: 'EC', kid: key.kid, alg: key.alg, use: 'sig', crv: jwk.crv, x: jwk.x, y: jwk.y };
}

function thumbprint(publicKey: KeyObject): string {
  const jwk = publicKey.export({ format: 'jwk' });
  const members =
    jwk.kty === 'RSA'
      ? { e: jwk.e, kty: jwk.kty, n: jwk.n }
      : { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

/**
 * The stand-in's published keys. New tokens are signed with the newest key; older keys stay in the
 * JWKS after a rotation, as a real provider keeps them until the tokens they signed have expired.
 */
export class SigningKeySet {
  private keys: SigningKey[];

  constructor(alg: SigningAlgorithm = 'RS256') {
    this.keys = [createSigningKey(alg)];
  }

  /** The key new tokens are signed with. */
  get current(): SigningKey {
    return this.keys[this.keys.length - 1];
  }

  get all(): readonly SigningKey[] {
    return [...this.keys];
  }

  find(kid: string): SigningKey | undefined {
    return this.keys.find((k) => k.kid === kid);
  }

  /** The newest published key of an algorithm. */
  newest(alg: SigningAlgorithm): SigningKey | undefined {
    return [...this.keys].reverse().find((k) => k.alg === alg);
  }

  /** Adds a key (same algorithm as the current one unless given) and signs with it from now on. */
  rotate(alg: SigningAlgorithm = this.current.alg): SigningKey {
    const key = createSigningKey(alg);
    this.keys.push(key);
    return key;
  }

  /** Unpublishes every key but the current one; returns the kids removed. */
  dropOld(): string[] {
    const dropped = this.keys.slice(0, -1).map((k) => k.kid);
    this.keys = [this.current];
    return dropped;
  }

  /** The JWKS document, newest key first. */
  jwks(): { keys: PublicJwk[] } {
    return { keys: [...this.keys].reverse().map(publicJwk) };
  }
}
