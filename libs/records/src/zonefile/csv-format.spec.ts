import { parseCsvZone, writeCsvZone } from './csv-format';
import { FIXTURE_RRSETS, FIXTURE_ZONE } from './zone-fixture.testing';
import { groupRecords, orderRrsets } from './zone-order';

const options = { origin: 'example.com.', defaultTtl: 3600 };
const brief = (text: string) =>
  parseCsvZone(text, options).records.map((r) => [
    r.line,
    r.name,
    r.type,
    r.content,
    r.ttl,
    r.disabled,
  ]);

describe('writeCsvZone', () => {
  const text = writeCsvZone(FIXTURE_ZONE, FIXTURE_RRSETS);

  it('writes the header, CRLF line ends, absolute names, SOA first', () => {
    const lines = text.split('\r\n');
    expect(lines[0]).toBe('name,type,content,ttl,disabled');
    expect(lines[1]).toBe(
      'example.com.,SOA,ns1.example.com. hostmaster.example.com. 2024010101 10800 3600 604800 3600,3600,false',
    );
    expect(lines.at(-1)).toBe('');
  });

  it('quotes content with quotes or commas (RFC 4180), and only that', () => {
    expect(text).toContain('example.com.,TXT,"""v=spf1 mx -all""",3600,false');
    expect(text).toContain('old.example.com.,A,192.0.2.99,300,true');
    const out = writeCsvZone('example.com.', [
      {
        name: 'a.example.com.',
        type: 'TXT',
        ttl: 60,
        records: [{ content: '"a,b"', disabled: false }],
      },
      {
        name: 'b.example.com.',
        type: 'A',
        ttl: 60,
        records: [{ content: ' 192.0.2.1', disabled: false }],
      },
    ]);
    expect(out).toContain('a.example.com.,TXT,"""a,b""",60,false\r\n');
    expect(out).toContain('b.example.com.,A," 192.0.2.1",60,false\r\n');
  });

  it('round trip: write → parse gives the same rrsets', () => {
    const parsed = parseCsvZone(text, options);
    expect(parsed.errors).toEqual([]);
    expect(orderRrsets(FIXTURE_ZONE, groupRecords(parsed.records))).toEqual(
      orderRrsets(FIXTURE_ZONE, FIXTURE_RRSETS),
    );
  });
});

describe('parseCsvZone', () => {
  it('reads rows with relative, @ and absolute names; optional ttl and disabled', () => {
    expect(
      brief(
        [
          'name,type,content,ttl,disabled',
          '@,MX,10 mail.example.com.,300,false',
          'www,a,192.0.2.1,,',
          'api.example.com.,TXT,"""hello, world""",60,true',
          'ftp.example.com,CNAME,www',
        ].join('\n'),
      ),
    ).toEqual([
      [2, 'example.com.', 'MX', '10 mail.example.com.', 300, false],
      [3, 'www.example.com.', 'A', '192.0.2.1', 3600, false],
      [4, 'api.example.com.', 'TXT', '"hello, world"', 60, true],
      [5, 'ftp.example.com.', 'CNAME', 'www', 3600, false],
    ]);
  });

  it('tolerates a BOM, CRLF, blank lines, a header in another order and case, extra columns', () => {
    expect(
      brief(
        '\uFEFFType,Name,ID,Content\r\n\r\nA,www,17,192.0.2.1\r\n\r\n  \r\nAAAA,@,18,2001:db8::1\r\n',
      ),
    ).toEqual([
      [3, 'www.example.com.', 'A', '192.0.2.1', 3600, false],
      [6, 'example.com.', 'AAAA', '2001:db8::1', 3600, false],
    ]);
  });

  it('reads rows without a header in the export column order', () => {
    expect(brief('www,A,192.0.2.1,60,false')).toEqual([
      [1, 'www.example.com.', 'A', '192.0.2.1', 60, false],
    ]);
  });

  it('keeps a quoted field over several lines and counts lines for the rows after it', () => {
    expect(brief('name,type,content\r\na,TXT,"line1\r\nline2"\r\nb,A,192.0.2.1\r\n')).toEqual([
      [2, 'a.example.com.', 'TXT', 'line1\nline2', 3600, false],
      [4, 'b.example.com.', 'A', '192.0.2.1', 3600, false],
    ]);
  });

  it('reports bad rows with their line numbers and keeps the good ones', () => {
    const result = parseCsvZone(
      [
        'name,type,content,ttl,disabled',
        'ok,A,192.0.2.1',
        'x,BOGUS,1',
        'x,A,192.0.2.1,1h',
        'x,A,192.0.2.1,60,perhaps',
        'x,A,192.0.2.1,60,false,extra',
        'x,TXT,"a"b',
        ',A,192.0.2.1',
        'x,A',
        'ok2,A,192.0.2.2',
        'y,TXT,"never closed',
      ].join('\n'),
      options,
    );
    expect(result.records.map((r) => r.name)).toEqual(['ok.example.com.', 'ok2.example.com.']);
    expect(result.errors).toEqual([
      { line: 3, message: expect.stringContaining("Record type 'BOGUS' is not supported") },
      { line: 4, message: expect.stringContaining('ttl must be a whole number') },
      { line: 5, message: 'disabled must be true or false' },
      { line: 6, message: expect.stringContaining('has 6 fields; the header has 5') },
      { line: 7, message: expect.stringContaining('text after the closing quote') },
      { line: 8, message: expect.stringContaining('empty') },
      { line: 9, message: 'content is missing or not text' },
      { line: 11, message: expect.stringContaining('never closed') },
    ]);
  });

  it('refuses a header without a content column', () => {
    expect(parseCsvZone('name,type\nwww,A', options).errors).toEqual([
      { line: 1, message: 'The header has no content column' },
    ]);
  });

  it('returns nothing for an empty file', () => {
    expect(parseCsvZone('', options)).toEqual({ records: [], errors: [] });
    expect(parseCsvZone('\uFEFF\r\n\r\n', options)).toEqual({ records: [], errors: [] });
  });
});
