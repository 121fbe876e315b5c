import {
  ipFromPtrName,
  ipInCidr,
  normalizeIp,
  ptrRecordName,
  reverseZoneCidr,
  reverseZoneForCidr,
} from './reverse-zone';

describe('reverseZoneForCidr', () => {
  it('maps the three networks of the issue', () => {
    expect(reverseZoneForCidr('192.0.2.0/24')).toEqual({
      zoneName: '2.0.192.in-addr.arpa',
      startIp: '192.0.2.0',
      endIp: '192.0.2.255',
      ipCount: '256',
      domainType: 'reverse_ipv4',
      network: '192.0.2.0/24',
    });
    expect(reverseZoneForCidr('198.51.100.64/26')).toEqual({
      zoneName: '64/26.100.51.198.in-addr.arpa',
      startIp: '198.51.100.64',
      endIp: '198.51.100.127',
      ipCount: '64',
      domainType: 'reverse_ipv4',
      network: '198.51.100.64/26',
    });
    expect(reverseZoneForCidr('2001:db8:1234::/48')).toEqual({
      zoneName: '4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
      startIp: '2001:db8:1234::',
      endIp: '2001:db8:1234:ffff:ffff:ffff:ffff:ffff',
      ipCount: (2n ** 80n).toString(),
      domainType: 'reverse_ipv6',
      network: '2001:db8:1234::/48',
    });
  });

  it.each([
    ['10.0.0.0/8', '10.in-addr.arpa', '10.255.255.255', '16777216'],
    ['192.168.0.0/16', '168.192.in-addr.arpa', '192.168.255.255', '65536'],
    ['198.51.100.0/25', '0/25.100.51.198.in-addr.arpa', '198.51.100.127', '128'],
    ['198.51.100.128/25', '128/25.100.51.198.in-addr.arpa', '198.51.100.255', '128'],
    ['203.0.113.8/29', '8/29.113.0.203.in-addr.arpa', '203.0.113.15', '8'],
    ['203.0.113.7/32', '7/32.113.0.203.in-addr.arpa', '203.0.113.7', '1'],
    [' 192.0.2.0/24 ', '2.0.192.in-addr.arpa', '192.0.2.255', '256'],
    ['2000::/4', '2.ip6.arpa', '2fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', (2n ** 124n).toString()],
    [
      '2001:DB8::/32',
      '8.b.d.0.1.0.0.2.ip6.arpa',
      '2001:db8:ffff:ffff:ffff:ffff:ffff:ffff',
      (2n ** 96n).toString(),
    ],
    [
      '2001:0db8:0000:0000::/64',
      '0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.ip6.arpa',
      '2001:db8::ffff:ffff:ffff:ffff',
      (2n ** 64n).toString(),
    ],
    ['2001:db8::10/124', `1.${'0.'.repeat(22)}8.b.d.0.1.0.0.2.ip6.arpa`, '2001:db8::1f', '16'],
  ])('%s → %s', (cidr, zoneName, endIp, ipCount) => {
    expect(reverseZoneForCidr(cidr)).toMatchObject({ zoneName, endIp, ipCount });
  });

  it.each([
    ['192.0.2.0', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['example.com/24', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['192.0.2.0/33', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['192.0.2.0/-1', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['192.0.2.0/24/8', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['192.0.02.0/24', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['256.0.2.0/24', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['2001:db8::/129', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['fe80::%eth0/64', 'not a CIDR (expected address/prefix, e.g. 192.0.2.0/24)'],
    ['10.0.0.0/12', 'IPv4 prefixes must be /8, /16, /24 or /25–/32'],
    ['192.0.0.0/23', 'IPv4 prefixes must be /8, /16, /24 or /25–/32'],
    ['0.0.0.0/0', 'IPv4 prefixes must be /8, /16, /24 or /25–/32'],
    ['2001:db8::/50', 'IPv6 prefixes must be a multiple of 4 between /4 and /124'],
    ['::/0', 'IPv6 prefixes must be a multiple of 4 between /4 and /124'],
    ['2001:db8::1/128', 'IPv6 prefixes must be a multiple of 4 between /4 and /124'],
    ['192.0.2.1/24', 'host bits are set: did you mean 192.0.2.0/24?'],
    ['198.51.100.70/26', 'host bits are set: did you mean 198.51.100.64/26?'],
    ['2001:db8:1234::1/48', 'host bits are set: did you mean 2001:db8:1234::/48?'],
    ['::ffff:192.0.2.0/120', 'an IPv4-mapped IPv6 network: use the IPv4 form 192.0.2.0/24 instead'],
  ])('refuses %j: %s', (cidr, reason) => {
    expect(reverseZoneForCidr(cidr)).toEqual({ error: `Invalid CIDR '${cidr.trim()}': ${reason}` });
  });
});

describe('reverseZoneCidr', () => {
  it.each([
    ['2.0.192.in-addr.arpa', '192.0.2.0/24'],
    ['10.in-addr.arpa.', '10.0.0.0/8'],
    ['168.192.IN-ADDR.ARPA', '192.168.0.0/16'],
    ['64/26.100.51.198.in-addr.arpa', '198.51.100.64/26'],
    ['4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa', '2001:db8:1234::/48'],
    ['2.ip6.arpa', '2000::/4'],
    ['70/26.100.51.198.in-addr.arpa', null],
    ['64/24.100.51.198.in-addr.arpa', null],
    ['4.2.0.192.in-addr.arpa', null],
    ['256.in-addr.arpa', null],
    ['x.ip6.arpa', null],
    ['example.com', null],
  ])('%s → %s', (zone, cidr) => {
    expect(reverseZoneCidr(zone)).toBe(cidr);
  });

  it('inverts reverseZoneForCidr', () => {
    for (const cidr of ['192.0.2.0/24', '198.51.100.64/26', '2001:db8:1234::/48', '10.0.0.0/8']) {
      const zone = reverseZoneForCidr(cidr);
      if ('error' in zone) throw new Error(zone.error);
      expect(reverseZoneCidr(zone.zoneName)).toBe(cidr);
    }
  });
});

describe('ptrRecordName and ipFromPtrName', () => {
  it.each([
    ['192.0.2.5', '2.0.192.in-addr.arpa', '5.2.0.192.in-addr.arpa'],
    ['192.0.2.5', '192.0.2.0/24', '5.2.0.192.in-addr.arpa'],
    ['10.1.2.3', '10.in-addr.arpa', '3.2.1.10.in-addr.arpa'],
    ['198.51.100.70', '64/26.100.51.198.in-addr.arpa', '70.64/26.100.51.198.in-addr.arpa'],
    ['198.51.100.64', '198.51.100.64/26', '64.64/26.100.51.198.in-addr.arpa'],
    ['198.51.100.127', '64/26.100.51.198.in-addr.arpa.', '127.64/26.100.51.198.in-addr.arpa'],
    [
      '2001:db8:1234::1',
      '4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
    ],
    [
      '2001:DB8:1234:ABCD::FF',
      '2001:db8:1234::/48',
      'f.f.0.0.0.0.0.0.0.0.0.0.0.0.0.0.d.c.b.a.4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
    ],
  ])('%s in %s → %s and back', (ip, zone, name) => {
    expect(ptrRecordName(ip, zone)).toEqual({ name });
    expect(ipFromPtrName(name, zone)).toBe(normalizeIp(ip));
    expect(ipFromPtrName(`${name.toUpperCase()}.`, zone)).toBe(normalizeIp(ip));
  });

  it('treats an IPv4-mapped IPv6 address as its IPv4 address', () => {
    expect(ptrRecordName('::ffff:192.0.2.9', '2.0.192.in-addr.arpa')).toEqual({
      name: '9.2.0.192.in-addr.arpa',
    });
    expect(ptrRecordName('::ffff:c000:209', '192.0.2.0/24')).toEqual({
      name: '9.2.0.192.in-addr.arpa',
    });
  });

  it.each([
    ['198.51.100.63', '64/26.100.51.198.in-addr.arpa', '198.51.100.63 is outside 198.51.100.64/26'],
    ['198.51.100.128', '198.51.100.64/26', '198.51.100.128 is outside 198.51.100.64/26'],
    ['192.0.3.1', '2.0.192.in-addr.arpa', '192.0.3.1 is outside 192.0.2.0/24'],
    ['2001:db8:1235::1', '2001:db8:1234::/48', '2001:db8:1235::1 is outside 2001:db8:1234::/48'],
    ['2001:db8:1234::1', '2.0.192.in-addr.arpa', '2001:db8:1234::1 is not an IPv4 address'],
    ['192.0.2.1', '2001:db8:1234::/48', '192.0.2.1 is not an IPv6 address'],
    ['192.0.2.256', '2.0.192.in-addr.arpa', "'192.0.2.256' is not an IP address"],
    ['host.example.com', '2.0.192.in-addr.arpa', "'host.example.com' is not an IP address"],
    ['192.0.2.1', 'example.com', "'example.com' is not a reverse zone"],
  ])('refuses %s in %s', (ip, zone, error) => {
    expect(ptrRecordName(ip, zone)).toEqual({ error });
  });

  it.each([
    ['2.0.192.in-addr.arpa', '2.0.192.in-addr.arpa'],
    ['*.2.0.192.in-addr.arpa', '2.0.192.in-addr.arpa'],
    ['2.0.192.in-addr.arpa.example.com', '2.0.192.in-addr.arpa'],
    ['5.3.0.192.in-addr.arpa', '2.0.192.in-addr.arpa'],
    ['1.5.2.0.192.in-addr.arpa', '2.0.192.in-addr.arpa'],
    ['300.2.0.192.in-addr.arpa', '2.0.192.in-addr.arpa'],
    ['2.1.10.in-addr.arpa', '10.in-addr.arpa'],
    ['70.100.51.198.in-addr.arpa', '64/26.100.51.198.in-addr.arpa'],
    ['10.64/26.100.51.198.in-addr.arpa', '64/26.100.51.198.in-addr.arpa'],
    ['1.70.64/26.100.51.198.in-addr.arpa', '64/26.100.51.198.in-addr.arpa'],
    ['1.0.0.0.4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa', '2001:db8:1234::/48'],
    [
      'g.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
      '2001:db8:1234::/48',
    ],
  ])('%s is no host of %s', (name, zone) => {
    expect(ipFromPtrName(name, zone)).toBeNull();
  });
});

describe('ipInCidr', () => {
  it.each([
    ['192.0.2.0', '192.0.2.0/24', true],
    ['192.0.2.255', '192.0.2.0/24', true],
    ['192.0.3.0', '192.0.2.0/24', false],
    ['198.51.100.64', '198.51.100.64/26', true],
    ['198.51.100.127', '198.51.100.64/26', true],
    ['198.51.100.128', '198.51.100.64/26', false],
    ['198.51.100.63', '198.51.100.64/26', false],
    ['2001:db8:1234:ffff::1', '2001:db8:1234::/48', true],
    ['2001:db8:1235::', '2001:db8:1234::/48', false],
    ['::ffff:192.0.2.1', '192.0.2.0/24', true],
    ['::ffff:192.0.3.1', '192.0.2.0/24', false],
    ['192.0.2.1', '::ffff:192.0.2.0/120', false],
    ['192.0.2.1', '2001:db8:1234::/48', false],
    ['2001:db8:1234::1', '192.0.2.0/24', false],
    ['not-an-ip', '192.0.2.0/24', false],
    ['192.0.2.1', 'nonsense', false],
    ['192.0.2.1', '192.0.2.7/24', true],
    ['10.1.2.3', '0.0.0.0/0', true],
  ])('%s in %s → %s', (ip, cidr, expected) => {
    expect(ipInCidr(ip, cidr)).toBe(expected);
  });
});

describe('normalizeIp', () => {
  it.each([
    ['192.0.2.1', '192.0.2.1'],
    [' 192.0.2.1 ', '192.0.2.1'],
    ['2001:DB8:0:0:0:0:0:1', '2001:db8::1'],
    ['2001:0db8:0000:0000:0001:0000:0000:0001', '2001:db8::1:0:0:1'],
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
    ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['::1', '::1'],
    ['1::', '1::'],
    ['::FFFF:192.0.2.1', '::ffff:192.0.2.1'],
    ['::ffff:c000:201', '::ffff:192.0.2.1'],
    ['::192.0.2.1', '::c000:201'],
    ['64:ff9b::192.0.2.33', '64:ff9b::c000:221'],
    ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
    ['1:0:0:2:0:0:0:3', '1:0:0:2::3'],
    ['1:0:0:2:0:0:3:4', '1::2:0:0:3:4'],
  ])('%s → %s', (ip, canonical) => {
    expect(normalizeIp(ip)).toBe(canonical);
  });

  it.each([
    '',
    '192.0.2',
    '192.0.2.256',
    '01.2.3.4',
    '2001:db8::g',
    'fe80::1%eth0',
    '1:2:3:4:5:6:7:8:9',
  ])('refuses %j', (ip) => {
    expect(normalizeIp(ip)).toBeNull();
  });
});
