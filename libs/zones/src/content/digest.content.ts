import type { ContentResult } from './content-result';
import { parseUnsigned, unquotedFields, type ContentField } from './zone-text';

/** SSHFP key algorithms (RFC 4255, 6594, 7479, 8709): RSA, DSA, ECDSA, Ed25519, Ed448. */
const SSHFP_ALGORITHMS = new Set([1, 2, 3, 4, 6]);
/** Hex digits per fingerprint type: SHA-1, SHA-256. */
const SSHFP_HEX_LENGTH: Record<number, number> = { 1: 40, 2: 64 };

/** SSHFP: `<algorithm 1-4,6> <fingerprint type 1-2> <hex>`; hex lowercased, spaces removed. */
export function canonicalSshfp(content: string): ContentResult {
  const fields = unquotedFields(content);
  if (!fields || fields.length < 3) {
    return {
      error: `SSHFP content must be '<algorithm> <fingerprint type> <fingerprint in hex>', e.g. '4 2 9f86…' (got '${content.trim()}')`,
    };
  }
  const algorithm = parseUnsigned(fields[0], 255);
  if (algorithm === null || !SSHFP_ALGORITHMS.has(algorithm)) {
    return {
      error: `SSHFP algorithm must be 1 (RSA), 2 (DSA), 3 (ECDSA), 4 (Ed25519) or 6 (Ed448) (got '${fields[0].raw}')`,
    };
  }
  const fpType = parseUnsigned(fields[1], 255);
  if (fpType === null || !(fpType in SSHFP_HEX_LENGTH)) {
    return {
      error: `SSHFP fingerprint type must be 1 (SHA-1) or 2 (SHA-256) (got '${fields[1].raw}')`,
    };
  }
  const hex = hexBlob('SSHFP fingerprint', fields.slice(2), SSHFP_HEX_LENGTH[fpType]);
  return 'error' in hex ? hex : { content: `${algorithm} ${fpType} ${hex.hex}` };
}

/** Hex digits per TLSA matching type: 0 is the full data (any length), 1 SHA-256, 2 SHA-512. */
const TLSA_HEX_LENGTH: Record<number, number | null> = { 0: null, 1: 64, 2: 128 };

/** TLSA: `<usage 0-3> <selector 0-1> <matching type 0-2> <hex>` (RFC 6698). */
export function canonicalTlsa(content: string): ContentResult {
  const fields = unquotedFields(content);
  if (!fields || fields.length < 4) {
    return {
      error: `TLSA content must be '<usage> <selector> <matching type> <data in hex>', e.g. '3 1 1 2bb1…' (got '${content.trim()}')`,
    };
  }
  const usage = parseUnsigned(fields[0], 3);
  if (usage === null) {
    return {
      error: `TLSA usage must be a number from 0 to 3 (3 = the server's own certificate or key) (got '${fields[0].raw}')`,
    };
  }
  const selector = parseUnsigned(fields[1], 1);
  if (selector === null) {
    return {
      error: `TLSA selector must be 0 (full certificate) or 1 (public key) (got '${fields[1].raw}')`,
    };
  }
  const matching = parseUnsigned(fields[2], 2);
  if (matching === null) {
    return {
      error: `TLSA matching type must be 0 (full data), 1 (SHA-256) or 2 (SHA-512) (got '${fields[2].raw}')`,
    };
  }
  const hex = hexBlob('TLSA data', fields.slice(3), TLSA_HEX_LENGTH[matching]);
  return 'error' in hex ? hex : { content: `${usage} ${selector} ${matching} ${hex.hex}` };
}

/** DNSSEC algorithm numbers in the IANA registry that a DS may name (0, 4, 9, 11 are not usable). */
const DNSSEC_ALGORITHMS = new Set([1, 2, 3, 5, 6, 7, 8, 10, 12, 13, 14, 15, 16, 17, 23, 253, 254]);
/** Hex digits per DS digest type: SHA-1, SHA-256, GOST R 34.11-94, SHA-384, GOST R 34.11-2012, SM3. */
const DS_HEX_LENGTH: Record<number, number> = { 1: 40, 2: 64, 3: 64, 4: 96, 5: 64, 6: 64 };

/** DS: `<key tag 0-65535> <algorithm> <digest type> <hex digest>` (RFC 4034). */
export function canonicalDs(content: string): ContentResult {
  const fields = unquotedFields(content);
  if (!fields || fields.length < 4) {
    return {
      error: `DS content must be '<key tag> <algorithm> <digest type> <digest in hex>', e.g. '12345 13 2 3f5a…' (got '${content.trim()}')`,
    };
  }
  const keyTag = parseUnsigned(fields[0], 65535);
  if (keyTag === null) {
    return { error: `DS key tag must be a number from 0 to 65535 (got '${fields[0].raw}')` };
  }
  const algorithm = parseUnsigned(fields[1], 255);
  if (algorithm === null || !DNSSEC_ALGORITHMS.has(algorithm)) {
    return {
      error: `DS algorithm must be a DNSSEC algorithm number such as 8 (RSASHA256), 13 (ECDSAP256SHA256) or 15 (ED25519) (got '${fields[1].raw}')`,
    };
  }
  const digestType = parseUnsigned(fields[2], 255);
  if (digestType === null || !(digestType in DS_HEX_LENGTH)) {
    return {
      error: `DS digest type must be 1 (SHA-1), 2 (SHA-256), 3 (GOST), 4 (SHA-384), 5 or 6 (got '${fields[2].raw}')`,
    };
  }
  const hex = hexBlob('DS digest', fields.slice(3), DS_HEX_LENGTH[digestType]);
  return 'error' in hex ? hex : { content: `${keyTag} ${algorithm} ${digestType} ${hex.hex}` };
}

/** Hex that may be written in groups (`ab cd`): joined, lowercased, length checked. */
function hexBlob(
  what: string,
  fields: ContentField[],
  expectedLength: number | null,
): { hex: string } | { error: string } {
  const hex = fields
    .map((field) => field.raw)
    .join('')
    .toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) {
    return { error: `${what} must be hexadecimal (0-9, a-f)` };
  }
  if (expectedLength !== null && hex.length !== expectedLength) {
    return {
      error: `${what} must be ${expectedLength} hex digits for this type (got ${hex.length})`,
    };
  }
  if (hex.length % 2 !== 0) {
    return { error: `${what} must have an even number of hex digits (got ${hex.length})` };
  }
  return { hex };
}
