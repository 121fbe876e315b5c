import { dsMatches, dsOf, keyTag, parseDnskey } from './dnskey';

// A KSK PowerDNS 4.7.3 generated, with the key tag and DS it reported for it.
const ZONE = 'dxexp1796223319.example.com.';
const KSK = parseDnskey(
  '257 3 13 sh6imRbh1gzShHrOSSOxefD+EKoZexYQ7InVuCk6Y/OA0NZKfpIyHxyzsjQ56Sea476iT01Gcvkn6Pbn9i+dMQ==',
);
const SHA256 = '091988b7216e69e4fd362413403f2641458b2dea073c48c2ad3eb9248849df5a';
const SHA384 =
  '36e61b7f8b9045f5febbdc616117743dca44c23da5efb15aff8f9435f323ff89bdccc256829a2458ea3585786a4bb00f';

describe('DNSKEY arithmetic', () => {
  it('computes the key tag PowerDNS reports', () => {
    expect(keyTag(KSK)).toBe(16129);
  });

  it('makes the SHA-256 DS PowerDNS reports, whatever the case of the zone name', () => {
    expect(dsOf(ZONE, KSK)).toEqual({
      keyTag: 16129,
      algorithm: 13,
      digestType: 2,
      digest: SHA256,
    });
    expect(dsOf(ZONE.toUpperCase().slice(0, -1), KSK).digest).toBe(SHA256);
  });

  it('matches DS records of the key (SHA-256, SHA-384), not others, and never SHA-1', () => {
    const ds = { keyTag: 16129, algorithm: 13, digestType: 2, digest: SHA256.toUpperCase() };
    expect(dsMatches(ZONE, KSK, ds)).toBe(true);
    expect(dsMatches(ZONE, KSK, { ...ds, digestType: 4, digest: SHA384 })).toBe(true);
    expect(dsMatches(ZONE, KSK, { ...ds, keyTag: 16130 })).toBe(false);
    expect(dsMatches(`x.${ZONE}`, KSK, ds)).toBe(false);
    expect(
      dsMatches(ZONE, KSK, {
        ...ds,
        digestType: 1,
        digest: 'cdea078033eeae4f5f5b052ea45012a35af56d29',
      }),
    ).toBe(false);
  });

  it('refuses what is not a DNSKEY', () => {
    expect(() => parseDnskey('257 3')).toThrow(/not a DNSKEY/);
  });
});
