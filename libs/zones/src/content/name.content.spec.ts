import { canonicalContent } from './record-content';
import { contentTable } from './content-table.testing';

describe('name content', () => {
  contentTable(
    'CNAME',
    [
      ['target.example.net.', 'target.example.net.'],
      ['Target.Example.NET.', 'target.example.net.'],
      // Relative targets are made absolute against the zone; @ is the apex.
      ['www', 'www.example.com.'],
      ['a.b', 'a.b.example.com.'],
      ['@', 'example.com.'],
      // A name ending in the zone is taken as absolute even without the dot.
      ['www.example.com', 'www.example.com.'],
      ['bücher.example.net.', 'xn--bcher-kva.example.net.'],
      ['bücher', 'xn--bcher-kva.example.com.'],
      // DNS-01 delegation and DKIM CNAMEs point at underscore names.
      ['_acme-challenge.auth.example.net.', '_acme-challenge.auth.example.net.'],
      ['s1._domainkey.mail.example.net.', 's1._domainkey.mail.example.net.'],
      ['  target.example.net.  ', 'target.example.net.'],
    ],
    [
      ['192.0.2.1', 'CNAME target must be a host name, not an IP address'],
      ['192.0.2.1.', 'must be a host name, not an IP address'],
      ['2001:db8::1', 'must be a host name, not an IP address'],
      ['.', 'not the root'],
      ['a b', 'must be a single name'],
      ['a..b.', 'empty label'],
      ['*.example.net.', "can't contain '*'"],
      ['http://example.net/', "containing ':'"],
      ['-bad.example.net.', 'starts or ends with a hyphen'],
      [`${'a'.repeat(64)}.example.net.`, 'longer than 63 characters'],
    ],
  );

  contentTable(
    'NS',
    [
      ['ns1.example.net.', 'ns1.example.net.'],
      ['NS1.EXAMPLE.NET.', 'ns1.example.net.'],
      ['ns1', 'ns1.example.com.'],
    ],
    [
      ['192.0.2.53', 'NS target must be a host name, not an IP address'],
      ['_ns.example.net.', 'underscores are for names like _dmarc, not host names'],
      ['ns1.example.net. ns2.example.net.', 'must be a single name'],
    ],
  );

  contentTable(
    'PTR',
    [
      ['host.example.com.', 'host.example.com.'],
      ['Host.Example.Com.', 'host.example.com.'],
      ['host', 'host.example.com.'],
    ],
    [
      ['192.0.2.1', 'PTR target must be a host name, not an IP address'],
      ['', 'PTR content is empty'],
    ],
  );

  contentTable(
    'DNAME',
    [
      ['example.net.', 'example.net.'],
      ['sub', 'sub.example.com.'],
    ],
    [['198.51.100.1', 'DNAME target must be a host name, not an IP address']],
  );

  contentTable(
    'ALIAS',
    [
      ['lb.provider.example.', 'lb.provider.example.'],
      ['LB.Provider.Example.', 'lb.provider.example.'],
    ],
    [
      ['192.0.2.1', 'ALIAS target must be a host name, not an IP address'],
      ['.', 'not the root'],
    ],
  );

  contentTable(
    'MX',
    [
      ['10 mail.example.com.', '10 mail.example.com.'],
      ['10   MAIL.Example.com.', '10 mail.example.com.'],
      ['0 mail', '0 mail.example.com.'],
      ['65535 @', '65535 example.com.'],
      ['010 mail.example.net.', '10 mail.example.net.'],
      ['10 mail.example.com', '10 mail.example.com.'],
      ['10 mx.bücher.de.', '10 mx.xn--bcher-kva.de.'],
      // Null MX (RFC 7505).
      ['0 .', '0 .'],
    ],
    [
      ['10 192.0.2.25', 'MX target must be a host name, not an IP address'],
      ['mail.example.com.', "MX content must be '<priority> <mail server>'"],
      ['65536 mail.example.com.', 'MX priority must be a number from 0 to 65535'],
      ['-1 mail.example.com.', 'MX priority must be a number from 0 to 65535'],
      ['ten mail.example.com.', 'MX priority must be a number from 0 to 65535'],
      ['10 mail.example.com. extra', "MX content must be '<priority> <mail server>'"],
      ['10 _mail.example.com.', 'underscores are for names like _dmarc'],
      ['"10" mail.example.com.', "MX content must be '<priority> <mail server>'"],
    ],
  );

  contentTable(
    'SRV',
    [
      ['10 5 5060 sip.example.com.', '10 5 5060 sip.example.com.'],
      ['10 5 5060 sip', '10 5 5060 sip.example.com.'],
      ['0   0  443   Host.Example.NET.', '0 0 443 host.example.net.'],
      ['0 0 0 .', '0 0 0 .'],
      ['65535 65535 65535 a.example.net.', '65535 65535 65535 a.example.net.'],
    ],
    [
      ['10 5 5060', "SRV content must be '<priority> <weight> <port> <target>'"],
      ['10 5 70000 sip.example.com.', 'SRV port must be a number from 0 to 65535'],
      ['x 5 5060 sip.example.com.', 'SRV priority must be a number from 0 to 65535'],
      ['10 -5 5060 sip.example.com.', 'SRV weight must be a number from 0 to 65535'],
      ['10 5 5060 192.0.2.1', 'SRV target must be a host name, not an IP address'],
    ],
  );

  it('makes relative targets absolute against the zone it is given', () => {
    expect(canonicalContent('CNAME', 'www', 'Example.ORG.')).toEqual({
      content: 'www.example.org.',
    });
  });

  it('follows zone-file rules when strict', () => {
    expect(canonicalContent('CNAME', 'www.example.com', 'example.com', { strict: true })).toEqual({
      content: 'www.example.com.example.com.',
    });
  });

  it('allows RFC 2317 classless names in reverse zones', () => {
    expect(
      canonicalContent('CNAME', '65.64/26.100.51.198.in-addr.arpa.', '100.51.198.in-addr.arpa'),
    ).toEqual({ content: '65.64/26.100.51.198.in-addr.arpa.' });
    expect(canonicalContent('CNAME', '65.64/26', '100.51.198.in-addr.arpa')).toEqual({
      content: '65.64/26.100.51.198.in-addr.arpa.',
    });
  });
});
