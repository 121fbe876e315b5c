import { INTENT_RRSETS_KEPT, pdnsHolds, settlingSample } from './commit-outcome';

const rrset = (i: number, content: string) => ({
  name: `h${i}.example.com.`,
  type: 'A',
  ttl: 300,
  records: [{ content, disabled: false }],
});

describe('settlingSample', () => {
  it('keeps every rrset of a commit up to the bound, and the first INTENT_RRSETS_KEPT above it', () => {
    const small = Array.from({ length: 10 }, (_, i) => rrset(i, '192.0.2.1'));
    expect(settlingSample(small)).toBe(small);
    const large = Array.from({ length: INTENT_RRSETS_KEPT * 3 }, (_, i) => rrset(i, '192.0.2.1'));
    expect(settlingSample(large)).toEqual(large.slice(0, INTENT_RRSETS_KEPT));
  });

  it('settles a large commit as the whole would: applied when PowerDNS holds it, not when it does not', () => {
    const after = Array.from({ length: INTENT_RRSETS_KEPT + 500 }, (_, i) => rrset(i, '192.0.2.2'));
    const before = after.map((r, i) => rrset(i, i % 2 ? '192.0.2.2' : '192.0.2.1'));
    expect(pdnsHolds(after, settlingSample(after))).toBe(true);
    expect(pdnsHolds(before, settlingSample(after))).toBe(false);
    expect(pdnsHolds([], settlingSample(after))).toBe(false);
  });
});
