import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const API_KEY_PREFIX = 'sdk_live_';
/** Characters of the random part stored in clear as the lookup prefix (62^8 ≈ 2·10^14). */
const LOOKUP_CHARS = 8;
const SECRET_BYTES = 32;
const BASE62 = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Base62 of random bytes: an unbiased encoding of a big integer. */
function base62(bytes: Buffer): string {
  let n = BigInt(`0x${bytes.toString('hex')}`);
  let out = '';
  while (n > 0n) {
    out = BASE62[Number(n % 62n)] + out;
    n /= 62n;
  }
  return out.padStart(Math.ceil((bytes.length * 8) / Math.log2(62)), '0');
}

export interface NewApiKeySecret {
  /** Shown to the client once: `sdk_live_<43 base62 characters>`. */
  readonly secret: string;
  /** Stored in clear and unique: how a presented key is found. */
  readonly prefix: string;
  readonly hash: string;
}

export function hashApiKey(secret: string, pepper: string): string {
  return createHmac('sha256', pepper).update(secret).digest('hex');
}

export function newApiKeySecret(pepper: string): NewApiKeySecret {
  const secret = `${API_KEY_PREFIX}${base62(randomBytes(SECRET_BYTES))}`;
  return { secret, prefix: lookupPrefix(secret) ?? '', hash: hashApiKey(secret, pepper) };
}

/** The stored lookup prefix of a presented key, or null when it is not shaped like one of ours. */
export function lookupPrefix(secret: string): string | null {
  if (!secret.startsWith(API_KEY_PREFIX)) return null;
  const random = secret.slice(API_KEY_PREFIX.length);
  if (random.length < 40 || random.length > 64 || !/^[0-9A-Za-z]+$/.test(random)) return null;
  return secret.slice(0, API_KEY_PREFIX.length + LOOKUP_CHARS);
}

/** Constant-time comparison of a presented key with the stored hash. */
export function apiKeyMatches(secret: string, storedHash: string, pepper: string): boolean {
  const given = Buffer.from(hashApiKey(secret, pepper), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return given.length === stored.length && timingSafeEqual(given, stored);
}
