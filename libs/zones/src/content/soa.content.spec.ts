import { soaWithSerial } from './soa.content';
import { contentTable } from './content-table.testing';

describe('SOA content', () => {
  contentTable(
    'SOA',
    [
      [
        'ns1.example.net. hostmaster.example.net. 2024010101 10800 3600 604800 3600',
        'ns1.example.net. hostmaster.example.net. 2024010101 10800 3600 604800 3600',
      ],
      [
        'NS1.Example.NET.   hostmaster.example.net. 1 7200 900 1209600 300',
        'ns1.example.net. hostmaster.example.net. 1 7200 900 1209600 300',
      ],
      ['ns1 hostmaster 0 0 0 0 0', 'ns1.example.com. hostmaster.example.com. 0 0 0 0 0'],
      [
        '@ dns-admin.example.com. 4294967295 1 1 1 1',
        'example.com. dns-admin.example.com. 4294967295 1 1 1 1',
      ],
    ],
    [
      ['ns1.example.net. hostmaster.example.net. 1 2 3 4', "SOA content must be '<primary server>"],
      [
        'ns1.example.net. hostmaster.example.net. 4294967296 1 1 1 1',
        'SOA serial must be a number from 0 to 4294967295',
      ],
      ['ns1.example.net. hostmaster.example.net. 1 x 1 1 1', 'SOA refresh must be a number'],
      ['ns1.example.net. hostmaster.example.net. 1 1 1 1 -1', 'SOA minimum must be a number'],
      [
        '192.0.2.53 hostmaster.example.net. 1 1 1 1 1',
        'SOA primary server must be a host name, not an IP address',
      ],
      [
        'ns1.example.net. hostmaster@example.net 1 1 1 1 1',
        'SOA contact must be written as a domain name (hostmaster.example.com.)',
      ],
    ],
  );
});

describe('soaWithSerial', () => {
  it('puts the serial in the third field, one space between fields', () => {
    expect(
      soaWithSerial('ns1.example.com.  hostmaster.example.com. 7 10800 3600 604800 3600', 8),
    ).toBe('ns1.example.com. hostmaster.example.com. 8 10800 3600 604800 3600');
    expect(soaWithSerial('a. b. 7 1 2 3 4', '*')).toBe('a. b. * 1 2 3 4');
  });

  it('leaves content that is not seven fields as it was', () => {
    expect(soaWithSerial('a. b. 7', 8)).toBe('a. b. 7');
  });
});
