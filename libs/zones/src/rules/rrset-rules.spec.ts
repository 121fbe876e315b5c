import { checkRrsetChanges, type RrsetLike } from './rrset-rules';

const ZONE = 'example.com';
const rr = (name: string, type: string, ...content: string[]): RrsetLike => ({
  name,
  type,
  records: content.map((c) => ({ content: c })),
});
const deleted = (name: string, type: string): RrsetLike => rr(name, type);
const rules = (existing: RrsetLike[], changes: RrsetLike[], platform = false) =>
  checkRrsetChanges(ZONE, existing, changes, { platform }).map((v) => v.rule);

const base = [
  rr('example.com.', 'SOA', 'ns1.example.net. hostmaster.example.net. 1 10800 3600 604800 3600'),
  rr('example.com.', 'NS', 'ns1.example.net.', 'ns2.example.net.'),
];

describe('checkRrsetChanges', () => {
  it('accepts ordinary changes', () => {
    expect(rules(base, [rr('www.example.com.', 'A', '192.0.2.1', '192.0.2.2')])).toEqual([]);
    expect(rules(base, [rr('example.com.', 'MX', '10 mail.example.com.')])).toEqual([]);
    expect(rules(base, [rr('example.com.', 'ALIAS', 'lb.example.net.')])).toEqual([]);
    expect(rules(base, [rr('example.com.', 'DNAME', 'example.net.')])).toEqual([]);
  });

  describe('CNAME exclusivity', () => {
    const existing = [...base, rr('www.example.com.', 'A', '192.0.2.1')];

    it('refuses a CNAME beside an A with 409 and the A as the conflict', () => {
      const [violation, ...rest] = checkRrsetChanges(ZONE, existing, [
        rr('www.example.com.', 'CNAME', 'lb.example.net.'),
      ]);
      expect(rest).toEqual([]);
      expect(violation).toEqual({
        rule: 'cname-exclusive',
        code: 'CONFLICT',
        field: 'name',
        message:
          "www.example.com. already has records of type A; a CNAME can't share its name with other records",
        conflicts: [{ name: 'www.example.com.', type: 'A', content: ['192.0.2.1'] }],
        subjects: [{ name: 'www.example.com.', type: 'CNAME' }],
      });
    });

    it('refuses an A beside a CNAME with the CNAME as the conflict', () => {
      const withCname = [...base, rr('www.example.com.', 'CNAME', 'lb.example.net.')];
      const [violation] = checkRrsetChanges(ZONE, withCname, [
        rr('www.example.com.', 'TXT', '"hello"'),
      ]);
      expect(violation).toMatchObject({
        rule: 'cname-exclusive',
        code: 'CONFLICT',
        conflicts: [{ name: 'www.example.com.', type: 'CNAME', content: ['lb.example.net.'] }],
        subjects: [{ name: 'www.example.com.', type: 'TXT' }],
      });
    });

    it('lists every other type at the name', () => {
      const crowded = [...existing, rr('www.example.com.', 'TXT', '"a"', '"b"')];
      const [violation] = checkRrsetChanges(ZONE, crowded, [
        rr('WWW.example.com', 'cname', 'lb.example.net.'),
      ]);
      expect(violation.conflicts).toEqual([
        { name: 'www.example.com.', type: 'A', content: ['192.0.2.1'] },
        { name: 'www.example.com.', type: 'TXT', content: ['"a"', '"b"'] },
      ]);
    });

    it('allows A → CNAME when the same change deletes the A', () => {
      expect(
        rules(existing, [
          deleted('www.example.com.', 'A'),
          rr('www.example.com.', 'CNAME', 'lb.example.net.'),
        ]),
      ).toEqual([]);
    });

    it('refuses a CNAME and an A created together', () => {
      expect(
        rules(base, [
          rr('new.example.com.', 'A', '192.0.2.1'),
          rr('new.example.com.', 'CNAME', 'lb.example.net.'),
        ]),
      ).toEqual(['cname-exclusive']);
    });

    it('does not block unrelated changes when PowerDNS already holds a conflict', () => {
      const broken = [...existing, rr('www.example.com.', 'CNAME', 'lb.example.net.')];
      expect(rules(broken, [rr('api.example.com.', 'A', '192.0.2.9')])).toEqual([]);
      expect(rules(broken, [deleted('www.example.com.', 'A')])).toEqual([]);
    });

    it('treats an rrset of disabled records as present', () => {
      const disabled: RrsetLike = {
        name: 'www.example.com.',
        type: 'A',
        records: [{ content: '192.0.2.1', disabled: true }],
      };
      expect(
        rules([...base, disabled], [rr('www.example.com.', 'CNAME', 'x.example.net.')]),
      ).toEqual(['cname-exclusive']);
    });
  });

  it('refuses a CNAME at the apex with 422', () => {
    const violations = checkRrsetChanges(ZONE, base, [
      rr('example.com.', 'CNAME', 'x.example.net.'),
    ]);
    expect(violations.map((v) => [v.rule, v.code])).toEqual([
      ['cname-at-apex', 'CONFLICT'],
      ['cname-exclusive', 'CONFLICT'],
    ]);
    expect(violations[0].message).toContain('Use an ALIAS record');
  });

  it('refuses a DS at the apex', () => {
    const ds = rr('example.com.', 'DS', `12345 13 2 ${'ab'.repeat(32)}`);
    expect(rules(base, [ds])).toEqual(['ds-at-apex']);
  });

  describe('DS at a delegation', () => {
    const ds = rr('child.example.com.', 'DS', `12345 13 2 ${'ab'.repeat(32)}`);
    const ns = rr('child.example.com.', 'NS', 'ns1.child.example.com.');

    it('accepts a DS next to NS records, also in the same change', () => {
      expect(rules([...base, ns], [ds])).toEqual([]);
      expect(rules(base, [ns, ds])).toEqual([]);
    });

    it('refuses a DS where there is no delegation', () => {
      const [violation] = checkRrsetChanges(ZONE, base, [ds]);
      expect(violation).toMatchObject({ rule: 'ds-without-delegation', code: 'BAD_REQUEST' });
      expect(violation.message).toContain('add NS records for child.example.com. first');
    });

    it('refuses deleting the NS records while the DS stays, naming the DS', () => {
      const [violation] = checkRrsetChanges(ZONE, [...base, ns, ds], [deleted(ns.name, 'NS')]);
      expect(violation).toMatchObject({
        rule: 'ds-without-delegation',
        code: 'CONFLICT',
        conflicts: [{ name: 'child.example.com.', type: 'DS' }],
      });
    });
  });

  it('allows only one CNAME or DNAME record per name', () => {
    expect(
      rules(base, [rr('www.example.com.', 'CNAME', 'a.example.net.', 'b.example.net.')]),
    ).toEqual(['single-record']);
    const [violation] = checkRrsetChanges(ZONE, base, [
      rr('old.example.com.', 'DNAME', 'a.example.net.', 'b.example.net.'),
    ]);
    expect(violation).toMatchObject({ rule: 'single-record', code: 'CONFLICT', field: 'content' });
  });

  it('refuses duplicate records within an rrset, naming the duplicate', () => {
    const [violation] = checkRrsetChanges(ZONE, base, [
      rr('www.example.com.', 'A', '192.0.2.1', '192.0.2.2', '192.0.2.1'),
    ]);
    expect(violation).toEqual({
      rule: 'duplicate-record',
      code: 'CONFLICT',
      field: 'content',
      message: 'www.example.com. already has the A record 192.0.2.1',
      conflicts: [{ name: 'www.example.com.', type: 'A', content: ['192.0.2.1'] }],
      subjects: [{ name: 'www.example.com.', type: 'A' }],
    });
  });

  it('keeps apex NS and SOA for the platform', () => {
    const ns = rr('example.com.', 'NS', 'ns1.other.net.');
    const soa = rr('example.com.', 'SOA', 'ns1.other.net. h.other.net. 2 1 1 1 1');
    expect(rules(base, [ns])).toEqual(['platform-managed']);
    expect(rules(base, [soa])).toEqual(['platform-managed']);
    expect(rules(base, [deleted('example.com.', 'NS')])).toEqual(['platform-managed']);
    const [violation] = checkRrsetChanges(ZONE, base, [ns]);
    expect(violation).toMatchObject({ code: 'BAD_REQUEST', field: 'type' });
    expect(violation.message).toContain('managed by ScaiDNS');
    expect(rules(base, [ns, soa], true)).toEqual([]);
  });

  it('allows NS below the apex (delegations) but no SOA anywhere else', () => {
    expect(rules(base, [rr('child.example.com.', 'NS', 'ns1.example.net.')])).toEqual([]);
    expect(rules(base, [rr('child.example.com.', 'SOA', 'a. b. 1 1 1 1 1')], true)).toEqual([
      'soa-off-apex',
    ]);
  });

  it('refuses an ALIAS beside A or AAAA', () => {
    const existing = [...base, rr('example.com.', 'A', '192.0.2.1')];
    const [violation] = checkRrsetChanges(ZONE, existing, [
      rr('example.com.', 'ALIAS', 'lb.example.net.'),
    ]);
    expect(violation).toMatchObject({
      rule: 'alias-exclusive',
      code: 'CONFLICT',
      conflicts: [{ type: 'A', content: ['192.0.2.1'] }],
    });
  });

  it('refuses a CNAME pointing at its own name', () => {
    expect(rules(base, [rr('www.example.com.', 'CNAME', 'www.example.com.')])).toEqual([
      'cname-self',
    ]);
  });

  it('compares names case-insensitively and with or without the trailing dot', () => {
    expect(
      rules(
        [...base, rr('WWW.example.com', 'A', '192.0.2.1')],
        [rr('www.EXAMPLE.com.', 'CNAME', 'x.example.net.')],
      ),
    ).toEqual(['cname-exclusive']);
  });
});
