import {
  isSameOrSubdomain,
  nameTreeRoot,
  normalizeDomainName,
  overlaps,
  reverseZoneKind,
} from './domain-name';

const label63 = 'a'.repeat(63);
const label64 = 'a'.repeat(64);
/** 63 + 1 + 63 + 1 + 63 + 1 + 57 + 4 = 253 characters. */
const name253 = `${label63}.${label63}.${label63}.${'b'.repeat(57)}.com`;

describe('normalizeDomainName', () => {
  it.each([
    ['example.com', 'example.com', 'example.com'],
    ['  Example.COM.  ', 'example.com', 'example.com'],
    ['bücher.example', 'xn--bcher-kva.example', 'bücher.example'],
    ['BÜCHER.Example.', 'xn--bcher-kva.example', 'bücher.example'],
    ['xn--bcher-kva.example', 'xn--bcher-kva.example', 'bücher.example'],
    ['例え。jp', 'xn--r8jz45g.jp', '例え.jp'],
    ['faß.de', 'xn--fa-hia.de', 'faß.de'],
    ['example.co.uk', 'example.co.uk', 'example.co.uk'],
    ['github.io', 'github.io', 'github.io'],
    ['www.ck', 'www.ck', 'www.ck'],
    ['my-zone.internal', 'my-zone.internal', 'my-zone.internal'],
    ['123.example', '123.example', '123.example'],
    ['a-b--c.example.com', 'a-b--c.example.com', 'a-b--c.example.com'],
    [`${label63}.com`, `${label63}.com`, `${label63}.com`],
    [name253, name253, name253],
    [`${name253}.`, name253, name253],
    ['2.0.192.in-addr.arpa', '2.0.192.in-addr.arpa', '2.0.192.in-addr.arpa'],
    ['10.in-addr.arpa', '10.in-addr.arpa', '10.in-addr.arpa'],
    [
      '64/26.100.51.198.IN-ADDR.ARPA.',
      '64/26.100.51.198.in-addr.arpa',
      '64/26.100.51.198.in-addr.arpa',
    ],
    [
      '4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
      '4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
      '4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
    ],
  ])('accepts %j as %s', (input, name, unicodeName) => {
    expect(normalizeDomainName(input)).toEqual({ name, unicodeName });
  });

  it.each([
    ['', 'Invalid domain name: the name is empty'],
    ['   ', 'Invalid domain name: the name is empty'],
    ['.', 'Invalid domain name: the name is empty'],
    [
      `${label64}.com`,
      `Invalid domain name: label '${'a'.repeat(20)}…' is longer than 63 characters`,
    ],
    [
      `${name253}x`,
      'Invalid domain name: the name is 254 characters long; at most 253 are allowed',
    ],
    ['-bad.com', "Invalid domain name: label '-bad' starts with a hyphen"],
    ['bad-.com', "Invalid domain name: label 'bad-' ends with a hyphen"],
    [
      'a..b',
      "Invalid domain name: 'a..b' has an empty label (two dots in a row, or a leading dot)",
    ],
    [
      '.example.com',
      "Invalid domain name: '.example.com' has an empty label (two dots in a row, or a leading dot)",
    ],
    [
      'example.com..',
      "Invalid domain name: 'example.com.' has an empty label (two dots in a row, or a leading dot)",
    ],
    ['com', 'Invalid domain name: com is a public suffix'],
    ['COM.', 'Invalid domain name: com is a public suffix'],
    ['co.uk', 'Invalid domain name: co.uk is a public suffix'],
    ['foo.ck', 'Invalid domain name: foo.ck is a public suffix'],
    ['公司.cn', 'Invalid domain name: xn--55qx5d.cn is a public suffix'],
    ['in-addr.arpa', 'Invalid domain name: in-addr.arpa is a public suffix'],
    [
      'localhost',
      'Invalid domain name: localhost has a single label; a zone needs at least two (e.g. example.com)',
    ],
    [
      '1.2.3.4',
      'Invalid domain name: 1.2.3.4 is an IP address; for reverse DNS create a reverse zone from a CIDR',
    ],
    [
      '2001:db8::1',
      'Invalid domain name: 2001:db8::1 is an IP address; for reverse DNS create a reverse zone from a CIDR',
    ],
    [
      '[::1]',
      'Invalid domain name: [::1] is an IP address; for reverse DNS create a reverse zone from a CIDR',
    ],
    ['10.0.0', "Invalid domain name: the top-level label '0' is all digits"],
    ['0x7f.1', "Invalid domain name: the top-level label '1' is all digits"],
    [
      '_dmarc.example.com',
      "Invalid domain name: label '_dmarc' contains '_'; only letters, digits and hyphens are allowed (names like _dmarc are records inside a zone, not zones)",
    ],
    [
      '*.example.com',
      "Invalid domain name: label '*' contains '*'; only letters, digits and hyphens are allowed",
    ],
    [
      'my domain.com',
      "Invalid domain name: label 'my domain' contains a space; only letters, digits and hyphens are allowed",
    ],
    [
      'ex%41mple.com',
      "Invalid domain name: label 'ex%41mple' contains '%'; only letters, digits and hyphens are allowed",
    ],
    [
      'a/b.example.com',
      "Invalid domain name: label 'a/b' contains '/'; only letters, digits and hyphens are allowed",
    ],
    [
      '64/26.example.com',
      "Invalid domain name: label '64/26' contains '/'; only letters, digits and hyphens are allowed",
    ],
    ['xn--zz.com', "Invalid domain name: label 'xn--zz' is not a valid internationalised label"],
    ['bü cher.com', "Invalid domain name: label 'bü cher' is not a valid internationalised label"],
    [
      `${'ü'.repeat(60)}.com`,
      `Invalid domain name: label '${'ü'.repeat(20)}…' is longer than 63 characters`,
    ],
  ])('refuses %j', (input, error) => {
    expect(normalizeDomainName(input)).toEqual({ error });
  });
});

describe('isSameOrSubdomain', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['a.example.com', 'example.com', true],
    ['a.b.example.com', 'example.com', true],
    ['A.Example.COM.', 'example.com', true],
    ['example.com', 'a.example.com', false],
    ['notexample.com', 'example.com', false],
    ['example.com.evil', 'example.com', false],
    ['example.org', 'example.com', false],
    ['70.64/26.100.51.198.in-addr.arpa', '64/26.100.51.198.in-addr.arpa', true],
  ])('%s under %s → %s', (child, parent, expected) => {
    expect(isSameOrSubdomain(child, parent)).toBe(expected);
  });
});

describe('overlaps', () => {
  it.each([
    ['example.com', 'example.com', true],
    ['sub.example.com', 'example.com', true],
    ['example.com', 'sub.example.com', true],
    ['notexample.com', 'example.com', false],
    ['example.com', 'notexample.com', false],
    ['a.example.com', 'b.example.com', false],
  ])('%s and %s → %s', (a, b, expected) => {
    expect(overlaps(a, b)).toBe(expected);
  });
});

describe('reverseZoneKind', () => {
  it.each([
    ['2.0.192.in-addr.arpa', 'reverse_ipv4'],
    ['64/26.100.51.198.in-addr.arpa.', 'reverse_ipv4'],
    ['4.3.2.1.8.b.d.0.1.0.0.2.IP6.ARPA', 'reverse_ipv6'],
    ['example.com', null],
    ['in-addr.arpa.example.com', null],
  ])('%s → %s', (name, kind) => {
    expect(reverseZoneKind(name)).toBe(kind);
  });
});

describe('nameTreeRoot', () => {
  it.each([
    ['a.b.example.com', 'example.com'],
    ['example.com', 'example.com'],
    ['shop.example.co.uk', 'example.co.uk'],
    ['100.51.198.in-addr.arpa', '198.in-addr.arpa'],
    ['64/26.100.51.198.in-addr.arpa', '198.in-addr.arpa'],
    ['8.b.d.0.1.0.0.2.ip6.arpa', '2.ip6.arpa'],
  ])('%s lies under %s', (name, root) => {
    expect(nameTreeRoot(name)).toBe(root);
  });

  it('gives a parent and its child the same root', () => {
    expect(nameTreeRoot('x.y.example.org')).toBe(nameTreeRoot('example.org'));
  });
});
