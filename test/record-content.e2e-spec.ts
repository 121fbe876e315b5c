import {
  PdnsClient,
  PdnsError,
  PdnsInvalidContentError,
  PdnsNotFoundError,
  type PdnsClientOptions,
  type PdnsRRSet,
} from '@app/pdns-client';
import { canonicalContent, normalizeRecordName } from '@app/zones';
import { dig } from './support/dig';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';

/**
 * The canonical content of libs/records against the real PowerDNS 4.7 of `scripts/stack.sh up`: every
 * type is PATCHed in the form canonicalContent produces, read back byte for byte, and (for TXT) asked
 * over DNS. A throw-away zone per run, deleted afterwards.
 */
const options: PdnsClientOptions = {
  apiUrl: required('PDNS_API_URL'),
  apiKey: required('PDNS_API_KEY'),
  serverId: process.env.PDNS_SERVER_ID || 'localhost',
  timeoutMs: 10_000,
};
const [DNS_HOST, DNS_PORT] = (process.env.PDNS_DNS_ADDRESS ?? '127.0.0.1:5300').split(':');

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run scripts/stack.sh up first`);
  return value;
}

const zone = `rv-${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}.test.`;
const SHA256 = '2bb183af5f22588179a53b0a98631fad1a292118a1c2a4d4d9d6b64c9c2f0a79';
const long = `v=DKIM1; k=rsa; p=${'A'.repeat(300)}`;

/** [name as a person writes it, type, content as a person writes it]: one row per rrset. */
const CASES: ReadonlyArray<readonly [string, string, string]> = [
  ['a', 'A', '192.0.2.10'],
  ['aaaa', 'AAAA', '2001:0DB8:0:0:1:0:0:1'],
  ['mapped', 'AAAA', '::ffff:192.0.2.1'],
  ['mapped-hex', 'AAAA', '::FFFF:C000:202'],
  ['compatible', 'AAAA', '::198.51.100.7'],
  ['@', 'MX', '10 mail'],
  ['nullmx', 'MX', '0 .'],
  ['cname', 'CNAME', 'Target.Example.NET.'],
  ['bücher', 'CNAME', 'www.bücher.de.'],
  ['_dmarc', 'TXT', 'v=DMARC1; p=reject; rua=mailto:dmarc@example.com'],
  ['txt-escapes', 'TXT', String.raw`"say \"hi\"" "back\\slash" "semi;colon" "tab	x" "caf\195\169"`],
  ['txt-utf8', 'TXT', 'grüße 😀'],
  ['txt-long', 'TXT', long],
  ['txt-split-utf8', 'TXT', `${'x'.repeat(254)}é and more`],
  ['txt-empty', 'TXT', '""'],
  ['txt-bytes', 'TXT', String.raw`"\255\000\127"`],
  ['sub', 'NS', 'NS1.Example.NET.'],
  ['_sip._tcp', 'SRV', '10 5 5060 sip'],
  ['_noservice._tcp', 'SRV', '0 0 0 .'],
  ['ptr', 'PTR', 'host.example.net.'],
  ['@', 'CAA', '0 ISSUE letsencrypt.org'],
  ['caa2', 'CAA', '128 iodef "mailto:security@example.com"'],
  ['host', 'SSHFP', `4 2 ${SHA256.toUpperCase()}`],
  ['_443._tcp.www', 'TLSA', `3 1 1 ${SHA256.slice(0, 32)} ${SHA256.slice(32)}`],
  ['dname', 'DNAME', 'example.net.'],
  ['naptr', 'NAPTR', '100 10 s SIP+D2U "" _sip._udp'],
  ['naptr-re', 'NAPTR', String.raw`10 100 "u" "E2U+sip" "!^\\+1(.*)$!sip:\\1@example.com!" .`],
  ['sub', 'DS', `12345 13 2 ${SHA256.toUpperCase()}`],
  ['alias', 'ALIAS', 'LB.Provider.Example.'],
  ['*', 'A', '192.0.2.11'],
  ['*.wild', 'TXT', 'wild'],
];

describe('canonical record content against PowerDNS 4.7 (e2e)', () => {
  const client = new PdnsClient(options);
  const expected = new Map<string, string>();
  let rrsets: PdnsRRSet[] = [];

  beforeAll(async () => {
    await client.createZone(
      { name: zone, kind: 'Native', nameservers: [`ns1.${zone}`, `ns2.${zone}`] },
      { rrsets: false },
    );
  });

  afterAll(async () => {
    await client.deleteZone(zone).catch((error: unknown) => {
      if (!(error instanceof PdnsNotFoundError)) throw error;
    });
    await client.close();
  });

  it('PowerDNS accepts every canonical content, one PATCH per rrset', async () => {
    for (const [nameInput, type, input] of CASES) {
      const name = normalizeRecordName(nameInput, zone);
      if ('error' in name) throw new Error(name.error);
      const content = canonicalContent(type, input, zone);
      if ('error' in content) throw new Error(`${type} ${input}: ${content.error}`);
      expected.set(`${name.fqdn}|${type}`, content.content);
      await new PdnsZonePatcher(client)
        .patchRRSets(zone, [
          {
            name: name.fqdn,
            type,
            changetype: 'REPLACE',
            ttl: 300,
            records: [{ content: content.content, disabled: false }],
          },
        ])
        .catch((error: unknown) => {
          const detail = error instanceof PdnsError ? error.pdnsMessage : String(error);
          throw new Error(`${name.fqdn} ${type} '${content.content}': ${detail}`);
        });
    }
    rrsets = [...((await client.getZone(zone)).rrsets ?? [])];
  });

  it('reads every content back byte for byte', () => {
    const read = new Map(rrsets.map((r) => [`${r.name}|${r.type}`, r.records[0]?.content]));
    const mismatches = [...expected]
      .filter(([key, content]) => read.get(key) !== content)
      .map(([key, content]) => ({ key, sent: content, read: read.get(key) }));
    // IPv4-mapped AAAA included: canonical content is what PowerDNS prints (dotted); the client
    // sends it in the hex spelling PowerDNS accepts.
    expect(mismatches).toEqual([]);
    expect(expected.size).toBe(CASES.length);
  });

  it('serves the TXT bytes we meant over DNS, split where we split them', () => {
    for (const [nameInput, type] of CASES) {
      if (type !== 'TXT' || nameInput.startsWith('*')) continue;
      const name = normalizeRecordName(nameInput, zone);
      if ('error' in name) throw new Error(name.error);
      const answer = dig(name.fqdn, 'TXT', DNS_HOST, Number(DNS_PORT));
      expect({ name: name.fqdn, data: answer.answers.map((a) => a.data) }).toEqual({
        name: name.fqdn,
        data: [asDigPrints(expected.get(`${name.fqdn}|TXT`) ?? '')],
      });
    }
  });

  it('PowerDNS refuses the raw forms that canonicalContent rewrites', async () => {
    const raw: ReadonlyArray<readonly [string, string]> = [
      ['MX', '10 mail.example.com'],
      ['TXT', 'hello'],
      ['TXT', '"a"   "b"'],
      ['CAA', '0 issue letsencrypt.org'],
      ['SSHFP', `4 2 ${SHA256.slice(0, 32)} ${SHA256.slice(32)}`],
    ];
    for (const [type, content] of raw) {
      const error = await new PdnsZonePatcher(client)
        .patchRRSets(zone, [
          {
            name: `raw.${zone}`,
            type,
            changetype: 'REPLACE',
            ttl: 300,
            records: [{ content, disabled: false }],
          },
        ])
        .then(
          () => null,
          (e: unknown) => e,
        );
      expect({ type, content, refused: error instanceof PdnsInvalidContentError }).toEqual({
        type,
        content,
        refused: true,
      });
      expect(canonicalContent(type, content, zone)).toHaveProperty('content');
    }
  });

  it('PowerDNS reads a leading-zero A as decimal, which is why canonicalContent refuses it', async () => {
    await expect(
      new PdnsZonePatcher(client).patchRRSets(zone, [
        {
          name: `raw.${zone}`,
          type: 'A',
          changetype: 'REPLACE',
          ttl: 300,
          records: [{ content: '010.1.1.1', disabled: false }],
        },
      ]),
    ).rejects.toMatchObject({ pdnsMessage: expect.stringContaining("parsed as '10.1.1.1'") });
    expect(canonicalContent('A', '010.1.1.1', zone)).toHaveProperty('error');
  });
});

/** dig prints TXT bytes outside printable ASCII as \DDD; so does our canonical form (identity here). */
function asDigPrints(content: string): string {
  return [...Buffer.from(content, 'utf8')]
    .map((b) =>
      b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : `\\${String(b).padStart(3, '0')}`,
    )
    .join('');
}
