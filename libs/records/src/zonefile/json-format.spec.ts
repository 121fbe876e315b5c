import { parseJsonZone, writeJsonZone } from './json-format';
import { FIXTURE_RRSETS, FIXTURE_ZONE } from './zone-fixture.testing';
import { groupRecords, orderRrsets } from './zone-order';

const options = { origin: 'example.com.', defaultTtl: 3600 };

describe('writeJsonZone', () => {
  it('writes {zone, records} with absolute names, SOA and NS first, disabled flags kept', () => {
    const file = JSON.parse(writeJsonZone('Example.com', FIXTURE_RRSETS)) as {
      zone: string;
      records: { name: string; type: string; content: string; ttl: number; disabled: boolean }[];
    };
    expect(file.zone).toBe('example.com.');
    expect(file.records[0]).toEqual({
      name: 'example.com.',
      type: 'SOA',
      content: 'ns1.example.com. hostmaster.example.com. 2024010101 10800 3600 604800 3600',
      ttl: 3600,
      disabled: false,
    });
    expect(file.records[1].type).toBe('NS');
    expect(file.records).toContainEqual({
      name: 'old.example.com.',
      type: 'A',
      content: '192.0.2.99',
      ttl: 300,
      disabled: true,
    });
  });

  it('round trip: write → parse gives the same rrsets', () => {
    const parsed = parseJsonZone(writeJsonZone(FIXTURE_ZONE, FIXTURE_RRSETS), options);
    expect(parsed.errors).toEqual([]);
    expect(orderRrsets(FIXTURE_ZONE, groupRecords(parsed.records))).toEqual(
      orderRrsets(FIXTURE_ZONE, FIXTURE_RRSETS),
    );
  });
});

describe('parseJsonZone', () => {
  it('normalises names (@, relative, absolute with or without dot) and types; defaults ttl and disabled', () => {
    const text = JSON.stringify({
      zone: 'example.com',
      records: [
        { name: '@', type: 'mx', content: '10 mail', ttl: 300 },
        { name: 'www', type: 'A', content: ' 192.0.2.1 ', ttl: '60', disabled: 'true' },
        { name: 'WWW.example.com', type: 'AAAA', content: '2001:db8::1' },
        { name: 'api.example.com.', type: 'TXT', content: '"x"', disabled: false },
      ],
    });
    expect(parseJsonZone(text, options)).toEqual({
      errors: [],
      records: [
        {
          name: 'example.com.',
          type: 'MX',
          ttl: 300,
          content: '10 mail',
          disabled: false,
          line: 1,
        },
        {
          name: 'www.example.com.',
          type: 'A',
          ttl: 60,
          content: '192.0.2.1',
          disabled: true,
          line: 2,
        },
        {
          name: 'www.example.com.',
          type: 'AAAA',
          ttl: 3600,
          content: '2001:db8::1',
          disabled: false,
          line: 3,
        },
        {
          name: 'api.example.com.',
          type: 'TXT',
          ttl: 3600,
          content: '"x"',
          disabled: false,
          line: 4,
        },
      ],
    });
  });

  it('accepts a bare array of records and a BOM', () => {
    const parsed = parseJsonZone('\uFEFF[{"name":"a","type":"A","content":"192.0.2.1"}]', options);
    expect(parsed.errors).toEqual([]);
    expect(parsed.records[0].name).toBe('a.example.com.');
  });

  it('reports each bad record with its position and keeps the good ones', () => {
    const text = JSON.stringify({
      records: [
        { name: 'ok', type: 'A', content: '192.0.2.1' },
        'not an object',
        { type: 'A', content: '192.0.2.1' },
        { name: 'x', type: 'BOGUS', content: '1' },
        { name: 'x', type: 'A' },
        { name: 'x', type: 'A', content: '192.0.2.1', ttl: -1 },
        { name: 'x', type: 'A', content: '192.0.2.1', ttl: 1.5 },
        { name: 'x', type: 'A', content: '192.0.2.1', disabled: 'maybe' },
        { name: 'www.example.org.', type: 'A', content: '192.0.2.1' },
        { name: '', type: 'A', content: '192.0.2.1' },
      ],
    });
    const parsed = parseJsonZone(text, options);
    expect(parsed.records).toHaveLength(1);
    expect(parsed.errors).toEqual([
      { line: 2, message: 'records[1] is not an object' },
      { line: 3, message: 'records[2]: name is missing or not text' },
      {
        line: 4,
        message: expect.stringContaining("records[3]: Record type 'BOGUS' is not supported"),
      },
      { line: 5, message: 'records[4]: content is missing or not text' },
      { line: 6, message: expect.stringContaining('records[5]: ttl must be a whole number') },
      { line: 7, message: expect.stringContaining('records[6]: ttl must be a whole number') },
      { line: 8, message: 'records[7]: disabled must be true or false' },
      { line: 9, message: expect.stringContaining('outside the zone') },
      { line: 10, message: expect.stringContaining('empty') },
    ]);
  });

  it.each([
    ['{"records": [', 'The file is not valid JSON'],
    ['"just a string"', 'must be a JSON object'],
    ['{"zone": "example.com."}', 'no "records" list'],
    ['{"zone": "example.org.", "records": []}', 'an export of "example.org.", not of example.com.'],
    ['{"zone": 5, "records": []}', 'an export of 5'],
  ])('refuses the file %j', (text, message) => {
    expect(parseJsonZone(text, options)).toEqual({
      records: [],
      errors: [{ line: 0, message: expect.stringContaining(message) }],
    });
  });

  it('names the line of a JSON syntax error', () => {
    const { errors } = parseJsonZone('{\n  "records": [\n    {"name": "a",}\n  ]\n}', options);
    expect(errors[0].message).toMatch(/line 3/);
  });
});
