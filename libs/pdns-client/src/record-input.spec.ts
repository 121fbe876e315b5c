import { pdnsInputContent, pdnsInputRecords } from './record-input';

describe('pdnsInputContent', () => {
  it('writes the dotted tail of an AAAA in hex, the only spelling PowerDNS 4.7 accepts', () => {
    expect(pdnsInputContent('AAAA', '::ffff:192.0.2.1')).toBe('::ffff:c000:201');
    expect(pdnsInputContent('AAAA', '::1.2.3.4')).toBe('::102:304');
    expect(pdnsInputContent('AAAA', '::ffff:0.0.0.0')).toBe('::ffff:0:0');
    expect(pdnsInputContent('aaaa', '::255.255.0.1')).toBe('::ffff:1');
  });

  it('leaves every other content as it is', () => {
    expect(pdnsInputContent('AAAA', '2001:db8::1')).toBe('2001:db8::1');
    expect(pdnsInputContent('A', '192.0.2.1')).toBe('192.0.2.1');
    expect(pdnsInputContent('TXT', '"v=1 192.0.2.1"')).toBe('"v=1 192.0.2.1"');
    expect(pdnsInputContent('AAAA', '::ffff:999.0.2.1')).toBe('::ffff:999.0.2.1');
  });

  it('maps every record of an rrset, keeping disabled', () => {
    expect(
      pdnsInputRecords('AAAA', [
        { content: '::ffff:192.0.2.1', disabled: true },
        { content: '2001:db8::1' },
      ]),
    ).toEqual([{ content: '::ffff:c000:201', disabled: true }, { content: '2001:db8::1' }]);
  });
});
