import { canonicalContent } from '@app/zones';
import { planImport, type ImportMode } from './import-plan';
import type { ParsedRecord, ZoneRrset } from './zone-file.types';

const zone = 'example.com.';
/** A stand-in for the validator: lowercase, single spaces. */
const canonical = (_type: string, content: string) =>
  content.trim().replace(/\s+/g, ' ').toLowerCase();
const options = { zone, canonical };

const rrset = (name: string, type: string, ttl: number, ...contents: string[]): ZoneRrset => ({
  name,
  type,
  ttl,
  records: contents.map((content) => ({ content, disabled: false })),
});
let line = 0;
const rec = (
  name: string,
  type: string,
  content: string,
  ttl = 3600,
  disabled = false,
): ParsedRecord => ({
  name,
  type,
  content,
  ttl,
  disabled,
  line: ++line,
});

const platform = [
  rrset(zone, 'SOA', 3600, 'ns1.example.com. hostmaster.example.com. 1 10800 3600 604800 3600'),
  rrset(zone, 'NS', 3600, 'ns1.example.com.', 'ns2.example.com.'),
];
const current: ZoneRrset[] = [
  ...platform,
  rrset('www.example.com.', 'A', 300, '192.0.2.1', '192.0.2.2'),
  rrset('mail.example.com.', 'A', 3600, '192.0.2.10'),
  rrset('ftp.example.com.', 'CNAME', 3600, 'www.example.com.'),
];
const plan = (incoming: ParsedRecord[], mode: ImportMode, zoneNow: ZoneRrset[] = current) =>
  planImport(zoneNow, incoming, mode, options);
const contents = (records: { name: string; type: string; content: string }[]) =>
  records.map((r) => `${r.name} ${r.type} ${r.content}`);

describe('planImport', () => {
  describe('merge', () => {
    it('adds incoming records to existing rrsets (union), keeping the existing TTL', () => {
      const result = plan(
        [rec('www.example.com.', 'A', '192.0.2.2'), rec('www.example.com.', 'A', '192.0.2.3', 60)],
        'merge',
      );
      expect(contents(result.added)).toEqual(['www.example.com. A 192.0.2.3']);
      expect(result.added[0].ttl).toBe(300);
      expect(contents(result.unchanged)).toEqual(['www.example.com. A 192.0.2.2']);
      expect(result.removed).toEqual([]);
      expect(result.changes).toEqual([
        {
          name: 'www.example.com.',
          type: 'A',
          changetype: 'REPLACE',
          ttl: 300,
          records: [
            { content: '192.0.2.1', disabled: false },
            { content: '192.0.2.2', disabled: false },
            { content: '192.0.2.3', disabled: false },
          ],
        },
      ]);
    });

    it('compares canonical content, and sends nothing when everything is there already', () => {
      const result = plan(
        [
          rec('www.example.com.', 'A', ' 192.0.2.1 '),
          rec('FTP.example.com.'.toLowerCase(), 'CNAME', 'WWW.example.com.'),
        ],
        'merge',
      );
      expect(result.added).toEqual([]);
      expect(result.unchanged).toHaveLength(2);
      expect(result.changes).toEqual([]);
    });

    it('creates new rrsets with the incoming TTL and disabled flag; dedupes repeated records', () => {
      const result = plan(
        [
          rec('new.example.com.', 'TXT', '"a"', 120, true),
          rec('new.example.com.', 'TXT', '"A"', 999),
          rec('new.example.com.', 'TXT', '"b"', 999),
        ],
        'merge',
      );
      expect(result.changes).toEqual([
        {
          name: 'new.example.com.',
          type: 'TXT',
          changetype: 'REPLACE',
          ttl: 120,
          records: [
            { content: '"a"', disabled: true },
            { content: '"b"', disabled: false },
          ],
        },
      ]);
      expect(result.added.map((r) => [r.content, r.ttl, r.disabled])).toEqual([
        ['"a"', 120, true],
        ['"b"', 120, false],
      ]);
    });

    it('a CNAME different from the existing one is a conflict, not a second CNAME', () => {
      const result = plan([rec('ftp.example.com.', 'CNAME', 'mail.example.com.')], 'merge');
      expect(result.conflicts).toEqual([
        {
          name: 'ftp.example.com.',
          type: 'CNAME',
          reason: expect.stringContaining('can have only one CNAME record'),
          content: ['mail.example.com.'],
        },
      ]);
      expect(result.changes).toEqual([]);
    });
  });

  describe('replace', () => {
    it('makes the zone exactly the incoming records, apart from the apex SOA and NS', () => {
      const result = plan(
        [
          rec('www.example.com.', 'A', '192.0.2.1', 300),
          rec('api.example.com.', 'AAAA', '2001:db8::1'),
        ],
        'replace',
      );
      expect(contents(result.unchanged)).toEqual(['www.example.com. A 192.0.2.1']);
      expect(contents(result.added)).toEqual(['api.example.com. AAAA 2001:db8::1']);
      expect(contents(result.removed)).toEqual([
        'ftp.example.com. CNAME www.example.com.',
        'mail.example.com. A 192.0.2.10',
        'www.example.com. A 192.0.2.2',
      ]);
      expect(result.changes.map((c) => `${c.changetype} ${c.name} ${c.type}`)).toEqual([
        'REPLACE api.example.com. AAAA',
        'DELETE ftp.example.com. CNAME',
        'DELETE mail.example.com. A',
        'REPLACE www.example.com. A',
      ]);
      expect(result.changes.some((c) => c.name === zone)).toBe(false);
    });

    it('reports a record whose TTL or disabled flag changes as updated', () => {
      const result = plan(
        [
          rec('www.example.com.', 'A', '192.0.2.1', 60),
          rec('www.example.com.', 'A', '192.0.2.2', 60, true),
          rec('mail.example.com.', 'A', '192.0.2.10'),
          rec('ftp.example.com.', 'CNAME', 'www.example.com.'),
        ],
        'replace',
      );
      expect(contents(result.updated)).toEqual([
        'www.example.com. A 192.0.2.1',
        'www.example.com. A 192.0.2.2',
      ]);
      expect(result.unchanged).toHaveLength(2);
      expect(result.changes).toEqual([
        {
          name: 'www.example.com.',
          type: 'A',
          changetype: 'REPLACE',
          ttl: 60,
          records: [
            { content: '192.0.2.1', disabled: false },
            { content: '192.0.2.2', disabled: true },
          ],
        },
      ]);
    });

    it('an empty import deletes everything but the apex SOA and NS', () => {
      const result = plan([], 'replace');
      expect(result.changes.every((c) => c.changetype === 'DELETE')).toBe(true);
      expect(result.changes).toHaveLength(3);
      expect(result.removed).toHaveLength(4);
    });
  });

  describe('skip_existing', () => {
    it('imports only the (name, type) pairs the zone does not have', () => {
      const result = plan(
        [rec('www.example.com.', 'A', '192.0.2.9'), rec('www.example.com.', 'AAAA', '2001:db8::1')],
        'skip_existing',
      );
      expect(contents(result.added)).toEqual(['www.example.com. AAAA 2001:db8::1']);
      expect(result.skipped).toEqual([
        expect.objectContaining({
          name: 'www.example.com.',
          type: 'A',
          content: '192.0.2.9',
          reason: 'www.example.com. already has A records',
        }),
      ]);
      expect(result.changes.map((c) => `${c.name} ${c.type}`)).toEqual(['www.example.com. AAAA']);
    });
  });

  it.each(['merge', 'replace', 'skip_existing'] as const)(
    '%s: never imports the apex SOA and NS or any SOA; reports them as skipped',
    (mode) => {
      const result = plan(
        [
          rec(zone, 'SOA', 'a. b. 2 1 1 1 1'),
          rec(zone, 'NS', 'ns.other.net.'),
          rec('sub.example.com.', 'SOA', 'a. b. 2 1 1 1 1'),
          rec('sub.example.com.', 'NS', 'ns.other.net.'),
          ...(mode === 'replace'
            ? current
                .slice(2)
                .flatMap((r) => r.records.map((x) => rec(r.name, r.type, x.content, r.ttl)))
            : []),
        ],
        mode,
      );
      expect(result.skipped.map((r) => `${r.name} ${r.type}`)).toEqual([
        'example.com. SOA',
        'example.com. NS',
        'sub.example.com. SOA',
      ]);
      expect(result.skipped[1].reason).toMatch(/apex are managed by the platform/);
      // A delegation below the apex is ordinary data.
      expect(result.changes).toEqual([
        expect.objectContaining({ name: 'sub.example.com.', type: 'NS', changetype: 'REPLACE' }),
      ]);
    },
  );

  describe('CNAME conflicts', () => {
    it('an incoming CNAME beside existing data is a conflict and is not written', () => {
      const result = plan([rec('www.example.com.', 'CNAME', 'other.example.net.')], 'merge');
      expect(result.conflicts).toEqual([
        {
          name: 'www.example.com.',
          type: 'CNAME',
          reason:
            "www.example.com. already has records of type A; a CNAME can't share its name with other records",
          content: ['other.example.net.'],
        },
      ]);
      expect(result.changes).toEqual([]);
      expect(result.added).toEqual([]);
    });

    it('incoming data beside an existing CNAME that stays is a conflict', () => {
      const result = plan(
        [rec('ftp.example.com.', 'A', '192.0.2.5'), rec('ok.example.com.', 'A', '192.0.2.6')],
        'merge',
      );
      expect(result.conflicts).toEqual([
        {
          name: 'ftp.example.com.',
          type: 'A',
          reason:
            "ftp.example.com. has a CNAME record; a name with a CNAME can't have other records",
          content: ['192.0.2.5'],
        },
      ]);
      expect(result.changes.map((c) => c.name)).toEqual(['ok.example.com.']);
    });

    it('a CNAME and other data for one name in the file: the CNAME is left out', () => {
      const result = plan(
        [rec('x.example.com.', 'CNAME', 'y.example.com.'), rec('x.example.com.', 'TXT', '"t"')],
        'replace',
      );
      expect(result.conflicts.map((c) => `${c.name} ${c.type}`)).toEqual(['x.example.com. CNAME']);
      expect(result.changes).toContainEqual(
        expect.objectContaining({ name: 'x.example.com.', type: 'TXT', changetype: 'REPLACE' }),
      );
    });

    it('replace: an existing CNAME that the import drops no longer blocks new data at its name', () => {
      const result = plan([rec('ftp.example.com.', 'A', '192.0.2.5')], 'replace');
      expect(result.conflicts).toEqual([]);
      expect(result.changes).toContainEqual(
        expect.objectContaining({ name: 'ftp.example.com.', type: 'CNAME', changetype: 'DELETE' }),
      );
    });

    it('merge: an incoming copy of an existing CNAME is unchanged; data beside it is a conflict', () => {
      const result = plan(
        [
          rec('ftp.example.com.', 'CNAME', 'www.example.com.'),
          rec('ftp.example.com.', 'TXT', '"t"'),
        ],
        'merge',
      );
      expect(result.conflicts.map((c) => `${c.name} ${c.type}`)).toEqual(['ftp.example.com. TXT']);
      expect(contents(result.unchanged)).toEqual(['ftp.example.com. CNAME www.example.com.']);
      expect(result.changes).toEqual([]);
    });

    it('a CNAME at the apex collides with the SOA and NS', () => {
      const result = plan([rec(zone, 'CNAME', 'other.example.net.')], 'replace', platform);
      expect(result.conflicts).toEqual([
        expect.objectContaining({
          name: zone,
          type: 'CNAME',
          reason: expect.stringContaining("A CNAME can't be at the zone apex"),
        }),
      ]);
      expect(result.changes).toEqual([]);
    });

    it('two different CNAMEs (or DNAMEs) for one name in the file are a conflict', () => {
      const result = plan(
        [
          rec('x.example.com.', 'CNAME', 'a.example.com.'),
          rec('x.example.com.', 'CNAME', 'b.example.com.'),
          rec('d.example.com.', 'DNAME', 'a.example.net.'),
          rec('d.example.com.', 'DNAME', 'b.example.net.'),
        ],
        'merge',
      );
      expect(result.conflicts.map((c) => [c.name, c.type, c.reason])).toEqual([
        ['d.example.com.', 'DNAME', expect.stringContaining('can have only one DNAME record')],
        ['x.example.com.', 'CNAME', expect.stringContaining('can have only one CNAME record')],
      ]);
    });
  });

  describe('scope (a caller fenced to some records)', () => {
    const scoped = (incoming: ParsedRecord[], mode: ImportMode) =>
      planImport(current, incoming, mode, {
        ...options,
        scope: (name, type) => name === 'www.example.com.' && type === 'A',
      });

    it('replace removes only rrsets inside the scope', () => {
      const result = scoped([rec('www.example.com.', 'A', '192.0.2.9')], 'replace');
      expect(contents(result.removed)).toEqual([
        'www.example.com. A 192.0.2.1',
        'www.example.com. A 192.0.2.2',
      ]);
      expect(result.changes.map((c) => `${c.changetype} ${c.name} ${c.type}`)).toEqual([
        'REPLACE www.example.com. A',
      ]);
    });

    it('an empty replace leaves everything outside the scope alone', () => {
      const result = scoped([], 'replace');
      expect(result.changes.map((c) => `${c.changetype} ${c.name}`)).toEqual([
        'DELETE www.example.com.',
      ]);
    });
  });

  it('replace keeps an rrset whose removal would break a rule', () => {
    const zoneNow = [
      ...platform,
      rrset('sub.example.com.', 'NS', 3600, 'ns.other.net.'),
      rrset('sub.example.com.', 'DS', 3600, '1 13 2 ' + 'ab'.repeat(32)),
    ];
    // The file keeps the DS but drops the delegation's NS: the NS stays (a DS needs it).
    const result = planImport(
      zoneNow,
      [rec('sub.example.com.', 'DS', '1 13 2 ' + 'ab'.repeat(32))],
      'replace',
      options,
    );
    expect(result.changes).toEqual([]);
    expect(result.removed).toEqual([]);
  });

  it('changes nothing it is given (pure)', () => {
    const before = JSON.stringify(current);
    const incoming = [rec('www.example.com.', 'A', '192.0.2.7')];
    const incomingBefore = JSON.stringify(incoming);
    plan(incoming, 'replace');
    expect(JSON.stringify(current)).toBe(before);
    expect(JSON.stringify(incoming)).toBe(incomingBefore);
  });

  it('plugs in the validator: canonicalContent makes equal MX records equal', () => {
    const result = planImport(
      [rrset(zone, 'MX', 3600, '10 mail.example.com.')],
      [rec(zone, 'MX', '010 MAIL.Example.com.')],
      'merge',
      {
        zone,
        canonical: (type, content) => {
          const result = canonicalContent(type, content, zone, { strict: true });
          return 'content' in result ? result.content : content;
        },
      },
    );
    expect(result.unchanged).toHaveLength(1);
    expect(result.changes).toEqual([]);
  });
});
