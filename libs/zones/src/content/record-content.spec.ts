import { RECORD_TYPES } from '@app/core';
import { canonicalContent, isRecordType } from './record-content';
import { ZONE } from './content-table.testing';

describe('canonicalContent', () => {
  it('knows exactly the types ScaiDNS manages', () => {
    for (const type of RECORD_TYPES) expect(isRecordType(type)).toBe(true);
    expect(isRecordType('SPF')).toBe(false);
    expect(isRecordType('a')).toBe(false);
  });

  it('takes the type in any case', () => {
    expect(canonicalContent('mx', '10 mail', ZONE)).toEqual({ content: '10 mail.example.com.' });
    expect(canonicalContent(' aaaa ', '2001:DB8::1', ZONE)).toEqual({ content: '2001:db8::1' });
  });

  it('refuses an unknown type and lists the supported ones', () => {
    expect(canonicalContent('SPF', '"v=spf1 -all"', ZONE)).toEqual({
      error:
        "Record type 'SPF' is not supported; use one of A, AAAA, MX, CNAME, TXT, NS, SRV, PTR, SOA, CAA, SSHFP, TLSA, DNAME, NAPTR, DS, ALIAS",
    });
  });

  it('refuses empty content, naming the type', () => {
    expect(canonicalContent('MX', '   ', ZONE)).toEqual({ error: 'MX content is empty' });
  });

  it('resolves relative names against the zone however the zone is written', () => {
    for (const zone of ['example.com', 'example.com.', 'EXAMPLE.com.']) {
      expect(canonicalContent('CNAME', 'www', zone)).toEqual({ content: 'www.example.com.' });
    }
    expect(canonicalContent('MX', '10 mail', 'bücher.de')).toEqual({
      content: '10 mail.xn--bcher-kva.de.',
    });
  });
});
