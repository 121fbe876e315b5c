import type { WorkingRRSet } from '@app/zones';
import type { RenderedRecord } from '../render/template-render';
import { planTemplate } from './template-plan';

const Z = 'example.com.';
const rrset = (name: string, type: string, contents: string[], ttl = 3600): WorkingRRSet => ({
  name: name === '@' ? Z : `${name}.${Z}`,
  type,
  ttl,
  records: contents.map((content) => ({ content, disabled: false })),
});
let index = 0;
const rec = (name: string, type: string, content: string, ttl = 300): RenderedRecord => ({
  fqdn: name === '@' ? Z : `${name}.${Z}`,
  type,
  content,
  ttl,
  disabled: false,
  index: (index += 1),
});

const mail = [
  rec('@', 'MX', '1 smtp.google.com.'),
  rec('@', 'TXT', '"v=spf1 include:_spf.google.com ~all"'),
];

describe('planTemplate', () => {
  it('adds everything to an empty zone, with the template TTLs', () => {
    const plan = planTemplate([], mail, 'fail');
    expect(plan.added.map((r) => [r.type, r.ttl])).toEqual([
      ['MX', 300],
      ['TXT', 300],
    ]);
    expect(plan.conflicts).toEqual([]);
    expect(plan.rrsets).toHaveLength(2);
  });

  it('skips what the zone already holds (a second apply writes nothing)', () => {
    const first = planTemplate([], mail, 'fail');
    const again = planTemplate(first.rrsets, mail, 'fail');
    expect(again.added).toEqual([]);
    expect(again.rrsets).toEqual([]);
    expect(again.skipped.map((s) => s.reason)).toEqual([
      'Already in the zone',
      'Already in the zone',
    ]);
  });

  it('joins additive rrsets (another TXT kind, CAA) keeping their TTL', () => {
    const plan = planTemplate(
      [rrset('@', 'TXT', ['"google-site-verification=abc"'], 600)],
      [rec('@', 'TXT', '"v=spf1 mx -all"')],
      'fail',
    );
    expect(plan.conflicts).toEqual([]);
    expect(plan.rrsets).toEqual([
      rrset('@', 'TXT', ['"google-site-verification=abc"', '"v=spf1 mx -all"'], 600),
    ]);
    expect(plan.added[0].ttl).toBe(600);
  });

  it('finds an exclusive type with other content, and a second TXT of one kind, as conflicts', () => {
    const plan = planTemplate(
      [
        rrset('@', 'MX', ['10 mx.other.net.']),
        rrset('@', 'TXT', ['"v=spf1 include:other.net -all"', '"hello"']),
      ],
      mail,
      'fail',
    );
    expect(plan.conflicts).toEqual([
      expect.objectContaining({
        type: 'MX',
        existing: [{ type: 'MX', content: ['10 mx.other.net.'] }],
      }),
      expect.objectContaining({
        type: 'TXT',
        existing: [{ type: 'TXT', content: ['"v=spf1 include:other.net -all"'] }],
      }),
    ]);
    expect(plan.rrsets).toEqual([]);
    expect(plan.added).toEqual([]);
  });

  it('replace removes only what is in the way', () => {
    const plan = planTemplate(
      [
        rrset('@', 'MX', ['10 mx.other.net.']),
        rrset('@', 'TXT', ['"v=spf1 include:other.net -all"', '"hello"']),
      ],
      mail,
      'replace',
    );
    expect(plan.replaced.map((r) => r.content)).toEqual([
      '10 mx.other.net.',
      '"v=spf1 include:other.net -all"',
    ]);
    expect(plan.rrsets).toEqual([
      rrset('@', 'MX', ['1 smtp.google.com.'], 300),
      rrset('@', 'TXT', ['"hello"', '"v=spf1 include:_spf.google.com ~all"']),
    ]);
  });

  it('skip leaves the conflicting template records out and writes the rest', () => {
    const plan = planTemplate([rrset('@', 'MX', ['10 mx.other.net.'])], mail, 'skip');
    expect(plan.added.map((r) => r.type)).toEqual(['TXT']);
    expect(plan.skipped).toEqual([
      expect.objectContaining({ type: 'MX', reason: expect.stringMatching(/other MX records/) }),
    ]);
    expect(plan.rrsets.map((r) => r.type)).toEqual(['TXT']);
  });

  it('a CNAME where the template puts an A conflicts; replace deletes the CNAME', () => {
    const zone = [rrset('www', 'CNAME', ['elsewhere.example.net.'])];
    const incoming = [rec('www', 'A', '192.0.2.1')];
    expect(planTemplate(zone, incoming, 'fail').conflicts).toEqual([
      expect.objectContaining({
        name: `www.${Z}`,
        type: 'A',
        existing: [{ type: 'CNAME', content: ['elsewhere.example.net.'] }],
        reason: expect.stringMatching(/has a CNAME/),
      }),
    ]);
    const replaced = planTemplate(zone, incoming, 'replace');
    expect(replaced.rrsets).toEqual([
      rrset('www', 'CNAME', []),
      rrset('www', 'A', ['192.0.2.1'], 300),
    ]);
    expect(replaced.replaced).toEqual([
      { name: `www.${Z}`, type: 'CNAME', content: 'elsewhere.example.net.', ttl: 3600 },
    ]);
  });

  it('a template CNAME where the zone has other data conflicts with all of it', () => {
    const plan = planTemplate(
      [rrset('www', 'A', ['192.0.2.1']), rrset('www', 'TXT', ['"x"'])],
      [rec('www', 'CNAME', `${Z}`)],
      'replace',
    );
    expect(plan.conflicts[0].existing.map((e) => e.type)).toEqual(['A', 'TXT']);
    expect(plan.rrsets.map((r) => [r.type, r.records.length])).toEqual([
      ['A', 0],
      ['TXT', 0],
      ['CNAME', 1],
    ]);
  });
});

describe('planTemplate at the apex', () => {
  it("leaves a CNAME at the apex to the zone's rules: SOA and NS are not in the way", () => {
    const plan = planTemplate(
      [
        rrset('@', 'SOA', ['ns1.example.net. hostmaster.example.com. 1 10800 3600 604800 3600']),
        rrset('@', 'NS', ['ns1.example.net.']),
      ],
      [rec('@', 'CNAME', 'target.example.net.')],
      'replace',
    );
    expect(plan.conflicts).toEqual([]);
    expect(plan.replaced).toEqual([]);
    expect(plan.rrsets.map((r) => r.type)).toEqual(['CNAME']);
  });
});
