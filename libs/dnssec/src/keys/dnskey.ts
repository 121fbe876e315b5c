import { createHash } from 'node:crypto';

/** A DNSKEY's presentation-format fields (`257 3 13 <base64>`). */
export interface Dnskey {
  readonly flags: number;
  readonly protocol: number;
  readonly algorithm: number;
  /** The public key, base64, as one string. */
  readonly publicKey: string;
}

/** A DS record as a parent publishes it. */
export interface DsRecord {
  readonly keyTag: number;
  readonly algorithm: number;
  readonly digestType: number;
  /** Lower-case hex. */
  readonly digest: string;
}

/** The SEP bit: set on key-signing keys (flags 257). */
export const SEP_FLAG = 1;

/** Parses PowerDNS's `dnskey` string. */
export function parseDnskey(text: string): Dnskey {
  const [flags, protocol, algorithm, ...key] = text.trim().split(/\s+/);
  const parsed = {
    flags: Number(flags),
    protocol: Number(protocol),
    algorithm: Number(algorithm),
    publicKey: key.join(''),
  };
  if (
    ![parsed.flags, parsed.protocol, parsed.algorithm].every(Number.isInteger) ||
    !parsed.publicKey
  ) {
    throw new Error(`not a DNSKEY: ${text}`);
  }
  return parsed;
}

function rdata(key: Dnskey): Buffer {
  const head = Buffer.alloc(4);
  head.writeUInt16BE(key.flags, 0);
  head.writeUInt8(key.protocol, 2);
  head.writeUInt8(key.algorithm, 3);
  return Buffer.concat([head, Buffer.from(key.publicKey, 'base64')]);
}

/** The key tag of RFC 4034 appendix B (algorithm 1's special case is not offered). */
export function keyTag(key: Dnskey): number {
  const data = rdata(key);
  let sum = 0;
  for (let i = 0; i < data.length; i += 1) sum += i & 1 ? data[i] : data[i] << 8;
  sum += (sum >> 16) & 0xffff;
  return sum & 0xffff;
}

/** A name in canonical wire form (RFC 4034 §6.2: lower case, uncompressed). */
export function wireName(name: string): Buffer {
  const labels = name.toLowerCase().replace(/\.$/, '').split('.').filter(Boolean);
  return Buffer.concat([
    ...labels.map((label) => {
      const bytes = Buffer.from(label, 'ascii');
      return Buffer.concat([Buffer.from([bytes.length]), bytes]);
    }),
    Buffer.from([0]),
  ]);
}

/**
 * The DS of `key` at `zone` with SHA-256 (digest type 2). SHA-1 (type 1) is never made: RFC 8624
 * §3.3 says it MUST NOT be used for DS generation.
 */
export function dsOf(zone: string, key: Dnskey): DsRecord {
  const digest = createHash('sha256')
    .update(Buffer.concat([wireName(zone), rdata(key)]))
    .digest('hex');
  return { keyTag: keyTag(key), algorithm: key.algorithm, digestType: 2, digest };
}

/** True when `ds` is a DS of `key` at `zone` (SHA-256 or SHA-384 digests are compared). */
export function dsMatches(zone: string, key: Dnskey, ds: DsRecord): boolean {
  if (ds.keyTag !== keyTag(key) || ds.algorithm !== key.algorithm) return false;
  const hash = ds.digestType === 2 ? 'sha256' : ds.digestType === 4 ? 'sha384' : null;
  if (!hash) return false;
  const digest = createHash(hash)
    .update(Buffer.concat([wireName(zone), rdata(key)]))
    .digest('hex');
  return digest === ds.digest.toLowerCase();
}
