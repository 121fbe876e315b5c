import { canonicalZoneName, pdnsZoneId, zoneIdPathSegment } from './pdns-zone-id';

describe('pdnsZoneId', () => {
  it.each([
    ['example.com.', 'example.com.'],
    ['example.com', 'example.com.'],
    ['Example.COM.', 'example.com.'],
    ['my-zone.example.', 'my-zone.example.'],
    ['64/26.100.51.198.in-addr.arpa.', '64=2F26.100.51.198.in-addr.arpa.'],
    ['64/26.100.51.198.in-addr.arpa', '64=2F26.100.51.198.in-addr.arpa.'],
    ['_tcp.example.', '=5Ftcp.example.'],
    ['a=b.example.', 'a=3Db.example.'],
    ['a\\032b.example.', 'a=5C032b.example.'],
    ['.', '=2E'],
    ['', '=2E'],
  ])('%j has id %j', (name, id) => {
    expect(pdnsZoneId(name)).toBe(id);
  });

  it('escapes with uppercase hex', () => {
    expect(pdnsZoneId('a*b.example.')).toBe('a=2Ab.example.');
    expect(pdnsZoneId('a:b.example.')).toBe('a=3Ab.example.');
  });
});

describe('canonicalZoneName', () => {
  it('lowercases and adds the trailing dot once', () => {
    expect(canonicalZoneName(' Example.com ')).toBe('example.com.');
    expect(canonicalZoneName('example.com.')).toBe('example.com.');
  });
});

describe('zoneIdPathSegment', () => {
  it('percent-encodes an id', () => {
    expect(zoneIdPathSegment('64=2F26.100.51.198.in-addr.arpa.')).toBe(
      '64%3D2F26.100.51.198.in-addr.arpa.',
    );
    expect(zoneIdPathSegment('example.com.')).toBe('example.com.');
  });

  it('turns a name that cannot be an id into its id first', () => {
    expect(zoneIdPathSegment('64/26.100.51.198.in-addr.arpa.')).toBe(
      '64%3D2F26.100.51.198.in-addr.arpa.',
    );
    expect(zoneIdPathSegment('_dmarc.example.')).toBe('%3D5Fdmarc.example.');
  });
});
