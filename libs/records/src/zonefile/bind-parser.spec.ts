import { parseBindZone, parseTtl } from './bind-parser';

const options = { origin: 'example.com.', defaultTtl: 3600 };
const parse = (text: string) => parseBindZone(text, options);
/** name type ttl content, one string per record. */
const brief = (text: string) =>
  parse(text).records.map((r) => `${r.name} ${r.type} ${r.ttl} ${r.content}`);

describe('parseTtl', () => {
  it.each([
    ['0', 0],
    ['3600', 3600],
    ['1h', 3600],
    ['1H30M', 5400],
    ['2d', 172800],
    ['1w', 604800],
    ['1h30', 3630],
    ['2147483647', 2147483647],
  ])('%s → %d', (text, seconds) => expect(parseTtl(text)).toBe(seconds));

  it.each(['', 'h', '1x', '-1', '1.5', '2147483648', '1h ', '9999w'])('refuses %j', (text) =>
    expect(parseTtl(text)).toBeNull(),
  );
});

describe('parseBindZone', () => {
  it('reads owners: @, relative, absolute, uppercase, wildcard, underscore, IDN', () => {
    expect(
      brief(
        [
          '@ A 192.0.2.1',
          'www A 192.0.2.2',
          'Mail.Example.COM. A 192.0.2.3',
          '*.dev A 192.0.2.4',
          '_dmarc TXT "v=DMARC1; p=none"',
          'bücher A 192.0.2.5',
        ].join('\n'),
      ),
    ).toEqual([
      'example.com. A 3600 192.0.2.1',
      'www.example.com. A 3600 192.0.2.2',
      'mail.example.com. A 3600 192.0.2.3',
      '*.dev.example.com. A 3600 192.0.2.4',
      '_dmarc.example.com. TXT 3600 "v=DMARC1; p=none"',
      'xn--bcher-kva.example.com. A 3600 192.0.2.5',
    ]);
  });

  it('applies zone-file rules: a name without a trailing dot is relative', () => {
    expect(brief('www.example.com A 192.0.2.1')).toEqual([
      'www.example.com.example.com. A 3600 192.0.2.1',
    ]);
  });

  it('takes TTL and class in either order, both optional, TTL with units', () => {
    expect(
      brief(
        [
          'a 300 IN A 192.0.2.1',
          'b IN 300 A 192.0.2.1',
          'c in 1h a 192.0.2.1',
          'd 2d A 192.0.2.1',
          'e IN A 192.0.2.1',
          'f A 192.0.2.1',
        ].join('\n'),
      ),
    ).toEqual([
      'a.example.com. A 300 192.0.2.1',
      'b.example.com. A 300 192.0.2.1',
      'c.example.com. A 3600 192.0.2.1',
      'd.example.com. A 172800 192.0.2.1',
      'e.example.com. A 3600 192.0.2.1',
      'f.example.com. A 3600 192.0.2.1',
    ]);
  });

  it('$TTL sets the TTL of later records without one; the option is the fallback before it', () => {
    expect(
      brief(
        ['a A 192.0.2.1', '$TTL 1w', 'b A 192.0.2.2', 'c 60 A 192.0.2.3', 'd A 192.0.2.4'].join(
          '\n',
        ),
      ),
    ).toEqual([
      'a.example.com. A 3600 192.0.2.1',
      'b.example.com. A 604800 192.0.2.2',
      'c.example.com. A 60 192.0.2.3',
      'd.example.com. A 604800 192.0.2.4',
    ]);
  });

  it('$ORIGIN: absolute, relative to the current origin; owners and data names follow it', () => {
    expect(
      brief(
        [
          '$ORIGIN sub.example.com.',
          'a CNAME b',
          '$ORIGIN deeper',
          '@ MX 10 mail',
          'x.deeper.sub.example.com. A 192.0.2.1',
          '$origin example.com.',
          'c A 192.0.2.2',
        ].join('\n'),
      ),
    ).toEqual([
      'a.sub.example.com. CNAME 3600 b.sub.example.com.',
      'deeper.sub.example.com. MX 3600 10 mail.deeper.sub.example.com.',
      'x.deeper.sub.example.com. A 3600 192.0.2.1',
      'c.example.com. A 3600 192.0.2.2',
    ]);
  });

  it('a line starting with a space or tab repeats the previous owner', () => {
    expect(
      brief(
        ['www 300 A 192.0.2.1', '  AAAA 2001:db8::1', '\t600 TXT "x"', 'ftp A 192.0.2.9'].join(
          '\n',
        ),
      ),
    ).toEqual([
      'www.example.com. A 300 192.0.2.1',
      'www.example.com. AAAA 3600 2001:db8::1',
      'www.example.com. TXT 600 "x"',
      'ftp.example.com. A 3600 192.0.2.9',
    ]);
  });

  it('makes names in data absolute for CNAME, NS, PTR, DNAME, ALIAS, MX, SRV, NAPTR and SOA', () => {
    expect(
      brief(
        [
          'a CNAME www',
          'b NS ns1.example.net.',
          'c PTR @',
          'd DNAME other',
          'e ALIAS lb',
          'f MX 10 mail',
          '_sip._tcp SRV 0 5 5060 sip',
          'g NAPTR 100 10 "S" "SIP+D2U" "" _sip._udp',
          'h NAPTR 100 10 "U" "E2U+sip" "!^.*$!sip:a@b!" .',
          '@ SOA ns1 hostmaster 1 1h 15m 1w 5m',
        ].join('\n'),
      ),
    ).toEqual([
      'a.example.com. CNAME 3600 www.example.com.',
      'b.example.com. NS 3600 ns1.example.net.',
      'c.example.com. PTR 3600 example.com.',
      'd.example.com. DNAME 3600 other.example.com.',
      'e.example.com. ALIAS 3600 lb.example.com.',
      'f.example.com. MX 3600 10 mail.example.com.',
      '_sip._tcp.example.com. SRV 3600 0 5 5060 sip.example.com.',
      'g.example.com. NAPTR 3600 100 10 "S" "SIP+D2U" "" _sip._udp.example.com.',
      'h.example.com. NAPTR 3600 100 10 "U" "E2U+sip" "!^.*$!sip:a@b!" .',
      'example.com. SOA 3600 ns1.example.com. hostmaster.example.com. 1 3600 900 604800 300',
    ]);
  });

  it('keeps other data verbatim (case, hex, quoted strings), fields joined by one space', () => {
    expect(
      brief(
        [
          'a AAAA 2001:DB8::1',
          'b CAA 0 issue "letsencrypt.org"',
          'c SSHFP 4 2 ABCDEF',
          'd TXT   "x"\t"y"',
        ].join('\n'),
      ),
    ).toEqual([
      'a.example.com. AAAA 3600 2001:DB8::1',
      'b.example.com. CAA 3600 0 issue "letsencrypt.org"',
      'c.example.com. SSHFP 3600 4 2 ABCDEF',
      'd.example.com. TXT 3600 "x" "y"',
    ]);
  });

  it('reads parentheses over several lines with comments inside (SOA style)', () => {
    const multi = parse(
      [
        '@ IN SOA ns1 hostmaster (',
        '        2024010101 ; serial',
        '        3h 1h      ; refresh, retry',
        '        1w 300 )   ; expire, minimum',
        'www A 192.0.2.1',
        'ds DS ( 12345 13 2',
        '        ABCD )',
      ].join('\n'),
    );
    expect(multi.errors).toEqual([]);
    expect(multi.records.map((r) => [r.line, r.content])).toEqual([
      [1, 'ns1.example.com. hostmaster.example.com. 2024010101 10800 3600 604800 300'],
      [5, '192.0.2.1'],
      [6, '12345 13 2 ABCD'],
    ]);
  });

  it('keeps quoted strings intact: escapes, ; and parentheses inside quotes', () => {
    const result = parse(
      [
        'a TXT "say \\"hi\\"" "back\\\\slash" "caf\\195\\169"',
        'b TXT "v=spf1 ip4:192.0.2.0/24 -all" ; trailing comment',
        'c TXT "semi;colon" "(paren" "tab\there"',
        'd TXT ""',
        'e CAA 0 iodef "mailto:a@example.com"',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => r.content)).toEqual([
      '"say \\"hi\\"" "back\\\\slash" "caf\\195\\169"',
      '"v=spf1 ip4:192.0.2.0/24 -all"',
      '"semi;colon" "(paren" "tab\there"',
      '""',
      '0 iodef "mailto:a@example.com"',
    ]);
  });

  it('tolerates CRLF, a BOM, tabs, blank and comment-only lines, and reports real line numbers', () => {
    const result = parse(
      '\uFEFF; header\r\n\r\n$TTL 300\r\n\twww\tIN\tA\t192.0.2.1\r\nwww\tIN\tA\t192.0.2.1\r\n\r\nftp A 192.0.2.2',
    );
    // Line 4 starts with a tab: a blank owner with no record before it.
    expect(result.errors).toEqual([
      { line: 4, message: expect.stringContaining('previous owner') },
    ]);
    expect(result.records.map((r) => [r.line, r.name, r.ttl])).toEqual([
      [5, 'www.example.com.', 300],
      [7, 'ftp.example.com.', 300],
    ]);
  });

  it('reads "; disabled:" comments as disabled records without changing the previous owner', () => {
    const result = parse(
      [
        'www A 192.0.2.1',
        '; disabled: old 60 IN A 192.0.2.9',
        '  AAAA 2001:db8::1',
        '; disabled: a mail server',
        '; disabled: www A 192.0.2.7',
      ].join('\n'),
    );
    expect(result.errors).toEqual([]);
    expect(result.records.map((r) => [r.name, r.type, r.content, r.disabled, r.line])).toEqual([
      ['www.example.com.', 'A', '192.0.2.1', false, 1],
      ['old.example.com.', 'A', '192.0.2.9', true, 2],
      ['www.example.com.', 'AAAA', '2001:db8::1', false, 3],
    ]);
  });

  it('reads ALIAS as written and in the generic TYPE65401 form', () => {
    expect(
      brief(
        [
          'a ALIAS lb.example.net.',
          'b TYPE65401 \\# 20 06746172676574076578616d706c65036e657400',
          'c type65401 \\# 20 067461726765 74076578616D706C65036E657400 ; hex in pieces',
        ].join('\n'),
      ),
    ).toEqual([
      'a.example.com. ALIAS 3600 lb.example.net.',
      'b.example.com. ALIAS 3600 target.example.net.',
      'c.example.com. ALIAS 3600 target.example.net.',
    ]);
  });

  it.each([
    ['$INCLUDE other.zone', '$INCLUDE is not supported'],
    ['$GENERATE 1-10 host$ A 192.0.2.$', '$GENERATE is not supported'],
    ['$FOO bar', 'Unknown directive $FOO'],
    ['$TTL 1y', '$TTL needs one TTL'],
    ['$TTL', '$TTL needs one TTL'],
    ['$ORIGIN', '$ORIGIN needs exactly one domain name'],
    ['$ORIGIN bad..name.', '$ORIGIN bad..name. has an empty label'],
    ['www HINFO "PC" "Linux"', "Record type 'HINFO' is not supported"],
    ['www TYPE99 \\# 0', "Record type 'TYPE99' is not supported"],
    ['www CH A 192.0.2.1', 'Class CH is not supported; only IN'],
    ['www 99999999999 A 192.0.2.1', "TTL '99999999999' is not seconds"],
    ['www 300 IN', 'has no record type'],
    ['www A', 'A record has no data'],
    ['www TXT "unclosed', 'not closed on its line'],
    ['www A 192.0.2.1 )', "has a ')' without a '('"],
    [
      'out.example.org. A 192.0.2.1',
      "Owner name 'out.example.org.' is outside the zone example.com.",
    ],
    ['www\\.dot A 192.0.2.1', 'escaped characters in names are not supported'],
    ['\\@ A 192.0.2.1', 'escaped characters in names are not supported'],
    ['a..b A 192.0.2.1', 'has an empty label'],
    ['www TXT \\# 1 00', 'Generic data (\\#) is only read for ALIAS'],
    ['www ALIAS \\# 3 0000', 'generic data (\\#) is not 3 bytes of hex'],
    ['www ALIAS \\# 2 0500', 'is not one domain name in wire format'],
    ['www "A" 192.0.2.1', 'has no record type'],
  ])('reports %j', (text, message) => {
    const result = parse(`ok A 192.0.2.1\n${text}\nok2 A 192.0.2.2`);
    expect(result.errors).toEqual([{ line: 2, message: expect.stringContaining(message) }]);
    // The lines around the bad one are still read.
    expect(result.records.map((r) => r.name)).toEqual(['ok.example.com.', 'ok2.example.com.']);
  });

  it('collects every error with its line and never throws', () => {
    const result = parse(
      ['$INCLUDE x', 'a BOGUS 1', 'b A 192.0.2.1', 'c TXT "x', 'd MX'].join('\n'),
    );
    expect(result.errors.map((e) => e.line)).toEqual([1, 2, 4, 5]);
    expect(result.records).toHaveLength(1);
  });

  it('an owner that is not valid is not borrowed by the blank-owner lines after it', () => {
    const result = parse(
      ['good A 192.0.2.1', 'bad..name A 192.0.2.2', '  AAAA 2001:db8::1'].join('\n'),
    );
    expect(result.errors).toEqual([
      { line: 2, message: expect.stringContaining('empty label') },
      { line: 3, message: 'repeats the owner name of line 2, which is not valid' },
    ]);
  });

  it('an unclosed parenthesis at the end of the file is reported at the record it opens', () => {
    const result = parse(['a A 192.0.2.1', 'b TXT ( "x"', '"y"'].join('\n'));
    expect(result.errors).toEqual([{ line: 2, message: "'(' on line 2 is never closed with ')'" }]);
  });

  it('returns nothing for an empty file and survives junk', () => {
    expect(parse('')).toEqual({ records: [], errors: [] });
    const junk = parse('\u0000\u0001 ((( """ \\ ;;; )))\n\n\r\r\n  \t');
    expect(junk.records).toEqual([]);
    expect(junk.errors.length).toBeGreaterThan(0);
  });

  it('accepts the origin option with or without the trailing dot, in any case', () => {
    expect(
      parseBindZone('www A 192.0.2.1', { origin: 'Example.COM', defaultTtl: 60 }).records[0],
    ).toEqual({
      name: 'www.example.com.',
      type: 'A',
      ttl: 60,
      content: '192.0.2.1',
      disabled: false,
      line: 1,
    });
  });
});
