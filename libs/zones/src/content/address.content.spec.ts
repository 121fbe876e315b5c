import { contentTable } from './content-table.testing';

describe('address content', () => {
  contentTable(
    'A',
    [
      ['192.0.2.1', '192.0.2.1'],
      ['  192.0.2.1 ', '192.0.2.1'],
      ['0.0.0.0', '0.0.0.0'],
      ['255.255.255.255', '255.255.255.255'],
      ['10.0.0.10', '10.0.0.10'],
    ],
    [
      ['', 'A content is empty'],
      ['192.0.2', 'must be an IPv4 address like 192.0.2.1'],
      ['192.0.2.256', 'must be an IPv4 address'],
      ['192.0.2.1.5', 'must be an IPv4 address'],
      ['010.0.0.1', 'leading zero'],
      ['192.0.2.01', 'leading zero'],
      ['2001:db8::1', 'is IPv6, use an AAAA record'],
      ['host.example.com', 'must be an IPv4 address'],
      ['192.0.2.1 192.0.2.2', 'must be an IPv4 address'],
      ['0x7f.0.0.1', 'must be an IPv4 address'],
    ],
  );

  contentTable(
    'AAAA',
    [
      ['2001:db8::1', '2001:db8::1'],
      ['2001:DB8::1', '2001:db8::1'],
      ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
      // The first of two equally long zero runs is compressed (RFC 5952 4.2.3), as PowerDNS does.
      ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      // The longest run wins.
      ['2001:0:0:1:0:0:0:1', '2001:0:0:1::1'],
      // A single zero group is not compressed (RFC 5952 4.2.2).
      ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'],
      ['2001:db8::0:1', '2001:db8::1'],
      ['::', '::'],
      ['::1', '::1'],
      ['fe80::', 'fe80::'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
      // IPv4-mapped and IPv4-compatible addresses end dotted, as PowerDNS 4.7 prints them
      // (each pair read back from it), whichever way they are written.
      ['::ffff:192.0.2.1', '::ffff:192.0.2.1'],
      ['::ffff:c000:201', '::ffff:192.0.2.1'],
      ['::FFFF:1.2.3.4', '::ffff:1.2.3.4'],
      ['0:0:0:0:0:ffff:102:304', '::ffff:1.2.3.4'],
      ['::ffff:0:0', '::ffff:0.0.0.0'],
      ['::ffff:ffff:ffff', '::ffff:255.255.255.255'],
      ['::192.0.2.1', '::192.0.2.1'],
      ['::c000:201', '::192.0.2.1'],
      ['::ffff:0', '::255.255.0.0'],
      ['::ff:1', '::0.255.0.1'],
      ['::a:0', '::0.10.0.0'],
      // Not those ranges: hex, as RFC 5952 writes them.
      ['::2', '::2'],
      ['::100', '::100'],
      ['::1:0:0:0', '::1:0:0:0'],
      ['::fffe:102:304', '::fffe:102:304'],
      ['::ffff:0:102:304', '::ffff:0:102:304'],
      ['::1:ffff:102:304', '::1:ffff:102:304'],
      ['1::ffff:102:304', '1::ffff:102:304'],
      ['64:ff9b::198.51.100.7', '64:ff9b::c633:6407'],
      ['1:0:0:1:0:0:1:1', '1::1:0:0:1:1'],
    ],
    [
      ['192.0.2.1', 'is IPv4, use an A record'],
      ['2001:db8::1::2', 'must be an IPv6 address like 2001:db8::1'],
      ['2001:db8:::1', 'must be an IPv6 address'],
      ['12345::1', 'must be an IPv6 address'],
      ['2001:db8::g', 'must be an IPv6 address'],
      ['fe80::1%eth0', 'zone index'],
      ['[2001:db8::1]', 'must be an IPv6 address'],
      ['1:2:3:4:5:6:7:8:9', 'must be an IPv6 address'],
    ],
  );
});
