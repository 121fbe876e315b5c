import type { AppConfig } from '@app/core';
import { DnsChecker, txtFailureMessage } from './dns-checker';

const recordName = '_scaidns-verify.example.com';
const expected = 'scaidns-verify=abc123';

describe('txtFailureMessage', () => {
  it.each([
    [{ outcome: 'missing' } as const, 'No DNS record found for _scaidns-verify.example.com'],
    [
      { outcome: 'mismatch', found: ['scaidns-verify=old'] } as const,
      "TXT record found but value doesn't match. Expected: scaidns-verify=abc123",
    ],
    [{ outcome: 'nxdomain' } as const, 'Domain example.com does not exist in DNS'],
    [
      {
        outcome: 'error',
        message: 'looking up the nameservers of example.com failed: timed out',
      } as const,
      'Could not check _scaidns-verify.example.com in DNS: looking up the nameservers of example.com failed: timed out',
    ],
  ])('%j → %s', (result, message) => {
    expect(txtFailureMessage(result, recordName, expected, 'example.com')).toBe(message);
  });
});

describe('DnsChecker with an unusable resolver list', () => {
  const config: Pick<AppConfig, 'validation'> = {
    validation: {
      challengeTtlSeconds: 3600,
      expiryHours: 72,
      checkIntervalSeconds: 60,
      resolvers: [{ host: 'resolver.example.net', port: 53 }],
      authoritativePort: 53,
      dnsTimeoutMs: 500,
    },
  };
  const checker = new DnsChecker(config);

  it('reports an error outcome instead of throwing', async () => {
    await expect(checker.checkTxt('example.com', recordName, expected)).resolves.toEqual({
      outcome: 'error',
      message: 'unusable DNS server list resolver.example.net:53 (IP addresses are required)',
    });
  });

  it('makes findNameservers reject with UPSTREAM_UNAVAILABLE', async () => {
    await expect(checker.findNameservers('example.com')).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
  });
});
