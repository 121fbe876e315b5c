import { PdnsClient } from './pdns.client';
import { PdnsConflictError, PdnsNotFoundError } from './pdns.errors';
import { canonicalZoneName } from './pdns-zone-id';
import type { PdnsTsigKey } from './pdns.types';

/** The one TSIG algorithm ScaiDNS makes keys with. */
export const TSIG_ALGORITHM = 'hmac-sha256';

/**
 * The TSIG key `name` as PowerDNS holds it, created (PowerDNS draws the secret) when it has none;
 * a key of that name with another algorithm is an error. Safe to race: a key another process
 * created first is read back.
 */
export async function ensureTsigKey(pdns: PdnsClient, name: string): Promise<PdnsTsigKey> {
  const canonical = canonicalZoneName(name);
  let stored: PdnsTsigKey;
  try {
    stored = await pdns.getTsigKey(canonical);
  } catch (error) {
    if (!(error instanceof PdnsNotFoundError)) throw error;
    try {
      stored = await pdns.createTsigKey(canonical.replace(/\.$/, ''), TSIG_ALGORITHM);
    } catch (createError) {
      if (!(createError instanceof PdnsConflictError)) throw createError;
      stored = await pdns.getTsigKey(canonical);
    }
  }
  if (stored.algorithm.replace(/\.$/, '').toLowerCase() !== TSIG_ALGORITHM) {
    throw new Error(`TSIG key ${canonical} is ${stored.algorithm}, not ${TSIG_ALGORITHM}`);
  }
  return stored;
}
