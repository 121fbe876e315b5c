import { encodeName, encodeRdata } from './wire';

const hex = (b: Buffer | null) => (b === null ? null : b.toString('hex'));
const ascii = (text: string) => Buffer.from(text, 'ascii').toString('hex');

describe('encodeName', () => {
  it('encodes labels with their lengths, the root as one zero byte', () => {
    expect(hex(encodeName('www.Example.com.'))).toBe('03777777074578616d706c6503636f6d00');
    expect(hex(encodeName('www.Example.com.', true))).toBe('03777777076578616d706c6503636f6d00');
    expect(hex(encodeName('.'))).toBe('00');
  });

  it('reads \\. and \\DDD escapes inside a label', () => {
    expect(hex(encodeName('a\\.b.c.'))).toBe('03612e620163' + '00');
    expect(hex(encodeName('a\\032b.'))).toBe('0361206200');
  });

  it('refuses relative names, empty labels, long labels and long names', () => {
    expect(encodeName('www.example.com')).toBeNull();
    expect(encodeName('a..b.')).toBeNull();
    expect(encodeName(`${'a'.repeat(64)}.`)).toBeNull();
    expect(encodeName(`${'a'.repeat(63)}.`)).not.toBeNull();
    expect(encodeName(`${Array(64).fill('abc').join('.')}.`)).toBeNull();
    expect(encodeName('a\\999.')).toBeNull();
  });
});

describe('encodeRdata', () => {
  it.each([
    ['A', '192.0.2.1', 'c0000201'],
    ['AAAA', '2001:db8::1', '20010db8000000000000000000000001'],
    ['AAAA', '::', '00000000000000000000000000000000'],
    ['AAAA', '::ffff:1.2.3.4', '00000000000000000000ffff01020304'],
    ['AAAA', '::192.0.2.1', '000000000000000000000000c0000201'],
    ['AAAA', '1:2:3:4:5:6:7:8', '00010002000300040005000600070008'],
    ['AAAA', 'fe80::1:2', 'fe800000000000000000000000010002'],
    ['MX', '10 mail.example.com.', '000a046d61696c076578616d706c6503636f6d00'],
    ['MX', '0 .', '000000'],
    ['CNAME', 'Target.example.', '06546172676574076578616d706c6500'],
    ['SRV', '10 20 5060 sip.example.', '000a001413c403736970076578616d706c6500'],
    ['TXT', '"hi" "there"', '026869057468657265'],
    ['TXT', '""', '00'],
    ['TXT', String.raw`"say \"hi\"" "back\\slash"`, '0873617920226869220a6261636b5c736c617368'],
    ['TXT', String.raw`"caf\195\169"`, '05636166c3a9'],
    ['CAA', '0 issue "letsencrypt.org"', '00056973737565' + ascii('letsencrypt.org')],
    ['SSHFP', '4 2 abcd', '0402abcd'],
    ['TLSA', '3 1 1 00ff', '03010100ff'],
    ['DS', '12345 13 2 aabb', '30390d02aabb'],
    [
      'NAPTR',
      '100 10 "u" "E2U+sip" "!^.*$!sip:info@example.com!" .',
      `0064000a0175${'07'}${ascii('E2U+sip')}1b${ascii('!^.*$!sip:info@example.com!')}00`,
    ],
  ])('%s %s', (type, content, expected) => {
    expect(hex(encodeRdata(type, content))).toBe(expected);
  });

  it.each([
    ['A', '192.0.2'],
    ['A', '1.2.3.4 5.6.7.8'],
    ['AAAA', '1:2:3:4:5:6:7:8:9'],
    ['AAAA', '1::2::3'],
    ['MX', '10 relative'],
    ['MX', '70000 mail.example.'],
    ['TXT', '"unterminated'],
    ['TXT', `"${'x'.repeat(256)}"`],
    ['TXT', 'unquoted'],
    ['TLSA', '3 1 1 abc'],
    ['SOA', 'ns1.example. hostmaster.example. 1 2 3 4 5'],
    ['ALIAS', 'target.example.'],
    ['CAA', '0 issue unquoted'],
  ])('leaves %s %s to PATCH (null)', (type, content) => {
    expect(encodeRdata(type, content)).toBeNull();
  });
});
