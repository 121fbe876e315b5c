import { contentTable } from './content-table.testing';

const SHA1 = '0123456789abcdef0123456789abcdef01234567';
const SHA256 = '2bb183af5f22588179a53b0a98631fad1a292118a1c2a4d4d9d6b64c9c2f0a79';
const SHA384 = `${SHA256}${'ab'.repeat(16)}`;
const SHA512 = `${SHA256}${SHA256}`;

describe('digest content', () => {
  contentTable(
    'SSHFP',
    [
      [`4 2 ${SHA256}`, `4 2 ${SHA256}`],
      [`4 2 ${SHA256.toUpperCase()}`, `4 2 ${SHA256}`],
      [`1 1 ${SHA1}`, `1 1 ${SHA1}`],
      [`3 1 ${SHA1}`, `3 1 ${SHA1}`],
      [`6 2 ${SHA256}`, `6 2 ${SHA256}`],
      // Hex written in groups is joined, as PowerDNS does.
      [`2 1 ${SHA1.slice(0, 20)} ${SHA1.slice(20)}`, `2 1 ${SHA1}`],
    ],
    [
      [`5 2 ${SHA256}`, 'SSHFP algorithm must be 1 (RSA), 2 (DSA), 3 (ECDSA), 4 (Ed25519) or 6'],
      [`0 2 ${SHA256}`, 'SSHFP algorithm must be'],
      [`4 3 ${SHA256}`, 'SSHFP fingerprint type must be 1 (SHA-1) or 2 (SHA-256)'],
      [`4 2 ${SHA1}`, 'SSHFP fingerprint must be 64 hex digits for this type (got 40)'],
      [`4 1 ${SHA256}`, 'SSHFP fingerprint must be 40 hex digits for this type (got 64)'],
      [`4 2 ${SHA256.slice(0, 63)}g`, 'SSHFP fingerprint must be hexadecimal'],
      ['4 2', "SSHFP content must be '<algorithm> <fingerprint type> <fingerprint in hex>'"],
    ],
  );

  contentTable(
    'TLSA',
    [
      [`3 1 1 ${SHA256}`, `3 1 1 ${SHA256}`],
      [`3 1 1 ${SHA256.toUpperCase()}`, `3 1 1 ${SHA256}`],
      [`2 0 2 ${SHA512}`, `2 0 2 ${SHA512}`],
      ['3 0 0 308201a2 3082', '3 0 0 308201a23082'],
      [`0   1   1   ${SHA256}`, `0 1 1 ${SHA256}`],
    ],
    [
      [`4 1 1 ${SHA256}`, 'TLSA usage must be a number from 0 to 3'],
      [`3 2 1 ${SHA256}`, 'TLSA selector must be 0 (full certificate) or 1 (public key)'],
      [`3 1 3 ${SHA256}`, 'TLSA matching type must be 0 (full data), 1 (SHA-256) or 2 (SHA-512)'],
      [`3 1 2 ${SHA256}`, 'TLSA data must be 128 hex digits for this type (got 64)'],
      ['3 0 0 abc', 'TLSA data must have an even number of hex digits'],
      ['3 1 1 xyz', 'TLSA data must be hexadecimal'],
      ['3 1 1', "TLSA content must be '<usage> <selector> <matching type> <data in hex>'"],
    ],
  );

  contentTable(
    'DS',
    [
      [`12345 13 2 ${SHA256}`, `12345 13 2 ${SHA256}`],
      [`12345 13 2 ${SHA256.toUpperCase()}`, `12345 13 2 ${SHA256}`],
      [`0 8 1 ${SHA1}`, `0 8 1 ${SHA1}`],
      [`65535 15 4 ${SHA384}`, `65535 15 4 ${SHA384}`],
      [`2371 13 2 ${SHA256.slice(0, 32)} ${SHA256.slice(32)}`, `2371 13 2 ${SHA256}`],
      [`00042 013 02 ${SHA256}`, `42 13 2 ${SHA256}`],
    ],
    [
      [`65536 13 2 ${SHA256}`, 'DS key tag must be a number from 0 to 65535'],
      [`12345 9 2 ${SHA256}`, 'DS algorithm must be a DNSSEC algorithm number'],
      [`12345 0 2 ${SHA256}`, 'DS algorithm must be a DNSSEC algorithm number'],
      [`12345 RSASHA256 2 ${SHA256}`, 'DS algorithm must be a DNSSEC algorithm number'],
      [`12345 13 7 ${SHA256}`, 'DS digest type must be 1 (SHA-1), 2 (SHA-256)'],
      [`12345 13 2 ${SHA1}`, 'DS digest must be 64 hex digits for this type (got 40)'],
      [`12345 13 1 ${SHA256}`, 'DS digest must be 40 hex digits for this type (got 64)'],
      ['12345 13 2', "DS content must be '<key tag> <algorithm> <digest type> <digest in hex>'"],
    ],
  );
});
