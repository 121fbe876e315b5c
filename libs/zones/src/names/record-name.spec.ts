import { normalizeRecordName } from './record-name';

const ZONE = 'example.com';

describe('normalizeRecordName', () => {
  it.each([
    ['@', 'example.com.', '@'],
    ['www', 'www.example.com.', 'www'],
    ['WWW', 'www.example.com.', 'www'],
    ['  www  ', 'www.example.com.', 'www'],
    ['a.b', 'a.b.example.com.', 'a.b'],
    ['www.example.com.', 'www.example.com.', 'www'],
    ['WWW.Example.COM.', 'www.example.com.', 'www'],
    ['example.com.', 'example.com.', '@'],
    // Without the trailing dot, a name already ending in the zone is taken as absolute.
    ['www.example.com', 'www.example.com.', 'www'],
    ['example.com', 'example.com.', '@'],
    ['*', '*.example.com.', '*'],
    ['*.dev', '*.dev.example.com.', '*.dev'],
    ['*.example.com.', '*.example.com.', '*'],
    ['_dmarc', '_dmarc.example.com.', '_dmarc'],
    ['_sip._tcp', '_sip._tcp.example.com.', '_sip._tcp'],
    ['_acme-challenge.www', '_acme-challenge.www.example.com.', '_acme-challenge.www'],
    ['bücher', 'xn--bcher-kva.example.com.', 'xn--bcher-kva'],
    ['BÜCHER.example.com.', 'xn--bcher-kva.example.com.', 'xn--bcher-kva'],
    ['xn--bcher-kva', 'xn--bcher-kva.example.com.', 'xn--bcher-kva'],
    ['mail。sub', 'mail.sub.example.com.', 'mail.sub'],
    ['a-b.c1', 'a-b.c1.example.com.', 'a-b.c1'],
    [`${'a'.repeat(63)}`, `${'a'.repeat(63)}.example.com.`, 'a'.repeat(63)],
  ])('%s → %s (%s)', (input, fqdn, relative) => {
    expect(normalizeRecordName(input, ZONE)).toMatchObject({ fqdn, relative });
  });

  it('accepts the zone with a trailing dot or in Unicode', () => {
    expect(normalizeRecordName('www', 'Example.com.')).toMatchObject({ fqdn: 'www.example.com.' });
    expect(normalizeRecordName('www', 'bücher.de')).toMatchObject({
      fqdn: 'www.xn--bcher-kva.de.',
      display: 'www.bücher.de.',
    });
  });

  it('gives the Unicode form for display', () => {
    expect(normalizeRecordName('bücher', ZONE)).toEqual({
      fqdn: 'xn--bcher-kva.example.com.',
      relative: 'xn--bcher-kva',
      display: 'bücher.example.com.',
    });
  });

  it('follows zone-file rules when strict', () => {
    expect(normalizeRecordName('www.example.com', ZONE, { strict: true })).toMatchObject({
      fqdn: 'www.example.com.example.com.',
      relative: 'www.example.com',
    });
    expect(normalizeRecordName('www.example.com.', ZONE, { strict: true })).toMatchObject({
      relative: 'www',
    });
  });

  it('allows the classless reverse delegation names of RFC 2317 in in-addr.arpa zones', () => {
    expect(normalizeRecordName('64/26', '100.51.198.in-addr.arpa')).toMatchObject({
      fqdn: '64/26.100.51.198.in-addr.arpa.',
    });
    expect(normalizeRecordName('64/26', ZONE)).toHaveProperty('error');
  });

  it.each([
    ['', 'is empty; use @'],
    ['   ', 'is empty; use @'],
    ['www.other.com.', 'is outside the zone example.com'],
    ['notexample.com.', 'is outside the zone example.com'],
    ['com.', 'is outside the zone'],
    ['a..b', 'empty label'],
    ['.www', 'empty label'],
    ['a.*', "'*' as its leftmost label"],
    ['a.*.b', "'*' as its leftmost label"],
    ['a*', "'*' must be a whole label"],
    ['*foo', "'*' must be a whole label"],
    ['foo bar', 'containing a space'],
    ['foo@bar', "containing '@'"],
    ['foo/bar', "containing '/'"],
    ['-www', 'starts or ends with a hyphen'],
    ['www-', 'starts or ends with a hyphen'],
    ['xn--zz', 'not a valid internationalised label'],
    ['a'.repeat(64), 'longer than 63 characters'],
    ['192.0.2.1', 'not an IP address'],
    [`${'abcdefghi.'.repeat(25)}x`, 'at most 253 are allowed'],
  ])('refuses %j (%s)', (input, message) => {
    const result = normalizeRecordName(input, ZONE);
    expect(result).toEqual({ error: expect.stringContaining(message) });
  });

  it('names the input and the rule in the message', () => {
    expect(normalizeRecordName('www.other.com.', ZONE)).toEqual({
      error:
        "The record name 'www.other.com.' is outside the zone example.com; use a name relative to the zone (www, @) or a full name ending in .example.com",
    });
  });
});
