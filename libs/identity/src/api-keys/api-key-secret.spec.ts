import { apiKeyMatches, hashApiKey, lookupPrefix, newApiKeySecret } from './api-key-secret';
import { clientIp, IpMatcher, parseCidr } from './ip-allowlist';

const PEPPER = 'a-pepper-of-sixteen-plus';

describe('API key secrets', () => {
  it('are sdk_live_ + at least 32 random bytes in base62, unique, and match only their hash', () => {
    const a = newApiKeySecret(PEPPER);
    const b = newApiKeySecret(PEPPER);
    expect(a.secret).toMatch(/^sdk_live_[0-9A-Za-z]{43}$/);
    expect(a.secret).not.toBe(b.secret);
    expect(a.prefix).toBe(a.secret.slice(0, 17));
    expect(apiKeyMatches(a.secret, a.hash, PEPPER)).toBe(true);
    expect(apiKeyMatches(b.secret, a.hash, PEPPER)).toBe(false);
    expect(apiKeyMatches(a.secret, a.hash, 'another-pepper-value')).toBe(false);
    expect(a.hash).toBe(hashApiKey(a.secret, PEPPER));
    expect(a.hash).not.toContain(a.secret.slice(9));
  });

  it.each([
    '',
    'sdk_live_',
    'sdk_test_abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
    'sdk_live_short',
    'sdk_live_' + 'a'.repeat(42) + '!',
  ])('refuses malformed keys: %s', (value) => expect(lookupPrefix(value)).toBeNull());
});

describe('IP allow-lists', () => {
  it('parses IPv4 and IPv6 CIDRs and bare addresses', () => {
    expect(parseCidr('192.0.2.0/24')).toEqual({ address: '192.0.2.0', prefix: 24, family: 'ipv4' });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ prefix: 32, family: 'ipv6' });
    expect(parseCidr('10.0.0.1')).toMatchObject({ prefix: 32 });
    expect(parseCidr('10.0.0.0/33')).toBeNull();
    expect(parseCidr('example.com/8')).toBeNull();
    expect(parseCidr('10.0.0.0/8/9')).toBeNull();
  });

  it('matches addresses, including IPv4-mapped IPv6 peers', () => {
    const list = new IpMatcher(['192.0.2.0/24', '2001:db8::/32']);
    expect(list.has('192.0.2.77')).toBe(true);
    expect(list.has('::ffff:192.0.2.77')).toBe(true);
    expect(list.has('192.0.3.1')).toBe(false);
    expect(list.has('2001:db8:1::5')).toBe(true);
    expect(list.has('2001:db9::1')).toBe(false);
    expect(list.has('garbage')).toBe(false);
  });

  it('believes X-Forwarded-For only from trusted proxies', () => {
    const trusted = new IpMatcher(['10.0.0.0/8']);
    expect(clientIp('203.0.113.9', '198.51.100.1', trusted)).toBe('203.0.113.9');
    expect(clientIp('10.1.1.1', '198.51.100.1', trusted)).toBe('198.51.100.1');
    expect(clientIp('10.1.1.1', '6.6.6.6, 198.51.100.1, 10.2.2.2', trusted)).toBe('198.51.100.1');
    expect(clientIp('10.1.1.1', undefined, trusted)).toBe('10.1.1.1');
    expect(clientIp('::ffff:10.1.1.1', '198.51.100.1', new IpMatcher([]))).toBe('10.1.1.1');
  });
});
