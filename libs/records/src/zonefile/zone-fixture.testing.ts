import type { ZoneRrset } from './zone-file.types';

/** A zone with a record of every managed type, contents as PowerDNS holds them. */
export const FIXTURE_ZONE = 'example.com.';

const LONG_A = 'a'.repeat(255);
const LONG_B = 'b'.repeat(120);

const rrset = (name: string, type: string, ttl: number, ...contents: string[]): ZoneRrset => ({
  name,
  type,
  ttl,
  records: contents.map((content) => ({ content, disabled: false })),
});

export const FIXTURE_RRSETS: ZoneRrset[] = [
  // Deliberately out of order: the writer sorts.
  rrset('www.example.com.', 'A', 300, '192.0.2.11', '192.0.2.10'),
  rrset('example.com.', 'NS', 3600, 'ns1.example.com.', 'ns2.example.net.'),
  rrset(
    'example.com.',
    'SOA',
    3600,
    'ns1.example.com. hostmaster.example.com. 2024010101 10800 3600 604800 3600',
  ),
  rrset('ns1.example.com.', 'A', 3600, '192.0.2.1'),
  rrset('www.example.com.', 'AAAA', 300, '2001:db8::10'),
  rrset('example.com.', 'MX', 3600, '10 mail.example.com.', '20 mx.example.net.'),
  rrset('mail.example.com.', 'A', 3600, '192.0.2.20'),
  rrset('ftp.example.com.', 'CNAME', 3600, 'www.example.com.'),
  rrset('example.com.', 'TXT', 3600, '"v=spf1 mx -all"'),
  rrset('long.example.com.', 'TXT', 3600, `"${LONG_A}" "${LONG_B}"`),
  rrset(
    'escaped.example.com.',
    'TXT',
    3600,
    '"say \\"hi\\"; (not a comment)" "back\\\\slash" "caf\\195\\169"',
  ),
  rrset('_sip._tcp.example.com.', 'SRV', 3600, '10 60 5060 sip.example.com.'),
  rrset('sip.example.com.', 'A', 3600, '192.0.2.30'),
  rrset('ptr.example.com.', 'PTR', 3600, 'www.example.com.'),
  rrset(
    'example.com.',
    'CAA',
    3600,
    '0 issue "letsencrypt.org"',
    '128 iodef "mailto:sec@example.com"',
  ),
  rrset('www.example.com.', 'SSHFP', 3600, '4 2 ' + 'ab'.repeat(32)),
  rrset('_443._tcp.www.example.com.', 'TLSA', 3600, '3 1 1 ' + 'cd'.repeat(32)),
  rrset('legacy.example.com.', 'DNAME', 3600, 'example.net.'),
  rrset(
    'naptr.example.com.',
    'NAPTR',
    3600,
    '100 10 "U" "E2U+sip" "!^.*$!sip:info@example.com!" .',
  ),
  rrset('child.example.com.', 'NS', 3600, 'ns1.example.net.'),
  rrset('child.example.com.', 'DS', 3600, '12345 13 2 ' + 'ef'.repeat(32)),
  rrset('alias.example.com.', 'ALIAS', 300, 'target.example.net.'),
  rrset('*.dev.example.com.', 'A', 60, '192.0.2.50'),
  {
    name: 'old.example.com.',
    type: 'A',
    ttl: 300,
    records: [
      { content: '192.0.2.99', disabled: true },
      { content: '192.0.2.98', disabled: false },
    ],
  },
  {
    name: 'gone.example.com.',
    type: 'TXT',
    ttl: 300,
    records: [{ content: '"all disabled; still kept"', disabled: true }],
  },
];
