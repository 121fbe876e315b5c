import { createSocket, type Socket } from 'node:dgram';
import type { AppConfig } from '@app/core';
import { DnsChecker, txtFailureMessage, type TxtCheckResult } from '@app/domains';
import { PdnsClient, PdnsNotFoundError } from '@app/pdns-client';
import { startFakeDns, type FakeDns } from './support/fake-dns';

/**
 * DnsChecker over real DNS queries. A fake server on 127.0.0.1 plays the world (the resolvers and
 * most nameservers); a second one on 127.0.0.2, same port, is a nameserver the resolvers don't
 * answer for, so a match there proves the checker asked the authoritative server directly.
 * 127.0.0.3 on that port has nothing listening (a dead nameserver).
 */
const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const EXPECTED = `scaidns-verify=token-${run}`;
const PDNS_DNS_PORT = Number((process.env.PDNS_DNS_ADDRESS ?? '127.0.0.1:5300').split(':')[1]);

function validationConfig(
  overrides: Partial<AppConfig['validation']> = {},
): Pick<AppConfig, 'validation'> {
  return {
    validation: {
      challengeTtlSeconds: 3600,
      expiryHours: 72,
      checkIntervalSeconds: 60,
      resolvers: [],
      authoritativePort: 53,
      dnsTimeoutMs: 500,
      ...overrides,
    },
  };
}

describe('DnsChecker against DNS servers on this machine (e2e)', () => {
  let world: FakeDns;
  let nameserver: FakeDns;
  let checker: DnsChecker;
  let n = 0;

  /** A fresh domain name per test, so tests never see each other's data. */
  const domainName = () => `d${(n += 1)}-${run}.world.test`;
  const verifyName = (domain: string) => `_scaidns-verify.${domain}`;

  /** Publishes `domain` NS → one nameserver name per address, each with its A record in the world. */
  function delegate(domain: string, addresses: readonly string[]): string[] {
    const names = addresses.map((_, i) => `ns${i + 1}.dns-host-${run}.test`);
    world.set(domain, 'NS', names);
    addresses.forEach((address, i) => world.set(names[i], 'A', [address]));
    return names;
  }

  beforeAll(async () => {
    world = await startFakeDns();
    nameserver = await startFakeDns({ host: '127.0.0.2', port: world.port });
    checker = new DnsChecker(
      validationConfig({
        resolvers: [{ host: world.host, port: world.port }],
        authoritativePort: world.port,
      }),
    );
  });

  afterAll(async () => {
    await Promise.all([world?.stop(), nameserver?.stop()]);
  });

  beforeEach(() => {
    world.clear();
    nameserver.clear();
  });

  it('matches a TXT published on the authoritative server, which the resolvers do not know', async () => {
    const domain = domainName();
    delegate(domain, ['127.0.0.2']);
    nameserver.set(verifyName(domain), 'TXT', [EXPECTED]);

    await expect(checker.checkTxt(domain, verifyName(domain), EXPECTED)).resolves.toEqual({
      outcome: 'match',
    });
    expect(world.queries).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: domain, type: 'NS' }),
        expect.objectContaining({ name: `ns1.dns-host-${run}.test`, type: 'A' }),
      ]),
    );
    expect(world.queries.filter((q) => q.type === 'TXT')).toEqual([]);
    expect(nameserver.queries).toContainEqual(
      expect.objectContaining({ name: verifyName(domain), type: 'TXT' }),
    );
  });

  it('reports a mismatch with every value found, and the documented message', async () => {
    const domain = domainName();
    delegate(domain, ['127.0.0.2']);
    nameserver.set(verifyName(domain), 'TXT', ['scaidns-verify=stale', 'something else']);

    const result = await checker.checkTxt(domain, verifyName(domain), EXPECTED);
    expect(result).toEqual({
      outcome: 'mismatch',
      found: expect.arrayContaining(['scaidns-verify=stale', 'something else']),
    });
    expect(message(result, domain)).toBe(
      `TXT record found but value doesn't match. Expected: ${EXPECTED}`,
    );
  });

  it('matches when the right value sits among other TXT records of the name', async () => {
    const domain = domainName();
    delegate(domain, ['127.0.0.2']);
    nameserver.set(verifyName(domain), 'TXT', ['scaidns-verify=stale', EXPECTED]);
    await expect(checker.checkTxt(domain, verifyName(domain), EXPECTED)).resolves.toEqual({
      outcome: 'match',
    });
  });

  it('reports a missing record (NXDOMAIN and NODATA at the record name alike)', async () => {
    const domain = domainName();
    delegate(domain, ['127.0.0.2']);
    let result = await checker.checkTxt(domain, verifyName(domain), EXPECTED);
    expect(result).toEqual({ outcome: 'missing' });
    expect(message(result, domain)).toBe(`No DNS record found for _scaidns-verify.${domain}`);

    nameserver.set(verifyName(domain), 'A', ['192.0.2.1']);
    result = await checker.checkTxt(domain, verifyName(domain), EXPECTED);
    expect(result).toEqual({ outcome: 'missing' });
  });

  it('reports a domain that does not exist', async () => {
    const domain = domainName();
    const result = await checker.checkTxt(domain, verifyName(domain), EXPECTED);
    expect(result).toEqual({ outcome: 'nxdomain' });
    expect(message(result, domain)).toBe(`Domain ${domain} does not exist in DNS`);
  });

  it('asks the resolvers when the domain has no NS (a name inside another zone)', async () => {
    const domain = domainName();
    world.set(domain, 'A', ['192.0.2.10']);
    world.set(verifyName(domain), 'TXT', [EXPECTED]);
    await expect(checker.checkTxt(domain, verifyName(domain), EXPECTED)).resolves.toEqual({
      outcome: 'match',
    });

    // An empty non-terminal: nothing at the domain itself, only the challenge below it.
    const bare = domainName();
    world.set(verifyName(bare), 'TXT', ['scaidns-verify=other']);
    await expect(checker.checkTxt(bare, verifyName(bare), EXPECTED)).resolves.toEqual({
      outcome: 'mismatch',
      found: ['scaidns-verify=other'],
    });

    const empty = domainName();
    world.set(empty, 'A', ['192.0.2.11']);
    await expect(checker.checkTxt(empty, verifyName(empty), EXPECTED)).resolves.toEqual({
      outcome: 'missing',
    });
  });

  it('asks the resolvers when no nameserver name resolves', async () => {
    const domain = domainName();
    world.set(domain, 'NS', [`ns-nowhere.${run}.test`]);
    world.set(verifyName(domain), 'TXT', [EXPECTED]);
    await expect(checker.checkTxt(domain, verifyName(domain), EXPECTED)).resolves.toEqual({
      outcome: 'match',
    });
  });

  it('with several nameservers, one holding the value is enough', async () => {
    const domain = domainName();
    // A dead server, one without the record (the world itself) and the one holding it.
    delegate(domain, ['127.0.0.3', '127.0.0.1', '127.0.0.2']);
    nameserver.set(verifyName(domain), 'TXT', [EXPECTED]);
    await expect(checker.checkTxt(domain, verifyName(domain), EXPECTED)).resolves.toEqual({
      outcome: 'match',
    });
  });

  it('with a dead nameserver and one without the record, the record is missing', async () => {
    const domain = domainName();
    delegate(domain, ['127.0.0.3', '127.0.0.2']);
    await expect(checker.checkTxt(domain, verifyName(domain), EXPECTED)).resolves.toEqual({
      outcome: 'missing',
    });
  });

  it('reports an error naming the servers when no nameserver answers', async () => {
    const domain = domainName();
    const [ns1] = delegate(domain, ['127.0.0.3']);
    nameserver.fail(domain, 'SERVFAIL');
    world.set(`ns2.dns-host-${run}.test`, 'A', ['127.0.0.2']);
    world.set(domain, 'NS', [ns1, `ns2.dns-host-${run}.test`]);

    const result = await checker.checkTxt(domain, verifyName(domain), EXPECTED);
    expect(result.outcome).toBe('error');
    const text = message(result, domain);
    expect(text).toContain(`Could not check _scaidns-verify.${domain} in DNS`);
    expect(text).toContain(`${ns1} (127.0.0.3): connection refused`);
    expect(text).toContain(`ns2.dns-host-${run}.test (127.0.0.2): server failure (SERVFAIL)`);
  });

  it('reports an error when the resolvers fail the NS lookup', async () => {
    const domain = domainName();
    world.fail(domain, 'SERVFAIL');
    await expect(checker.checkTxt(domain, verifyName(domain), EXPECTED)).resolves.toEqual({
      outcome: 'error',
      message: `looking up the nameservers of ${domain} failed: server failure (SERVFAIL)`,
    });
    await expect(checker.findNameservers(domain)).rejects.toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
  });

  it('joins the strings of a long TXT record, fetched over TCP when UDP truncates', async () => {
    const domain = domainName();
    delegate(domain, ['127.0.0.2']);
    const long = `scaidns-verify=${'x'.repeat(700)}`;
    nameserver.set(verifyName(domain), 'TXT', [long]);
    await expect(checker.checkTxt(domain, verifyName(domain), long)).resolves.toEqual({
      outcome: 'match',
    });
    expect(nameserver.queries).toContainEqual(
      expect.objectContaining({ name: verifyName(domain), type: 'TXT', transport: 'tcp' }),
    );
  });

  it('reads names case-insensitively and without trailing dots', async () => {
    const domain = domainName();
    delegate(domain, ['127.0.0.2']);
    nameserver.set(verifyName(domain), 'TXT', [EXPECTED]);
    await expect(
      checker.checkTxt(
        `${domain.toUpperCase()}.`,
        `${verifyName(domain).toUpperCase()}.`,
        EXPECTED,
      ),
    ).resolves.toEqual({ outcome: 'match' });
  });

  describe('findNameservers', () => {
    it('lists the NS names, lowercase, sorted, without trailing dots', async () => {
      const domain = domainName();
      world.set(domain, 'NS', ['NS2.Platform.test.', 'ns1.platform.test']);
      await expect(checker.findNameservers(domain)).resolves.toEqual([
        'ns1.platform.test',
        'ns2.platform.test',
      ]);
      await expect(checker.lookupNameservers(domain)).resolves.toEqual({
        outcome: 'found',
        nameservers: ['ns1.platform.test', 'ns2.platform.test'],
      });
    });

    it('is empty for a name without NS and for a name that does not exist', async () => {
      const domain = domainName();
      world.set(domain, 'A', ['192.0.2.1']);
      await expect(checker.findNameservers(domain)).resolves.toEqual([]);
      await expect(checker.lookupNameservers(domain)).resolves.toEqual({ outcome: 'none' });
      await expect(checker.lookupNameservers(domainName())).resolves.toEqual({
        outcome: 'nxdomain',
      });
    });
  });

  describe('unreachable resolvers', () => {
    let blackHole: Socket;

    beforeAll(async () => {
      blackHole = createSocket('udp4');
      await new Promise<void>((resolve) => blackHole.bind(0, '127.0.0.1', resolve));
    });

    afterAll(async () => {
      await new Promise<void>((resolve) => blackHole.close(() => resolve()));
    });

    it('gives up on resolvers that never answer within the timeout and tries', async () => {
      const silent = new DnsChecker(
        validationConfig({
          resolvers: [{ host: '127.0.0.1', port: blackHole.address().port }],
          dnsTimeoutMs: 200,
        }),
      );
      const started = Date.now();
      const result = await silent.checkTxt('example.com', '_scaidns-verify.example.com', EXPECTED);
      expect(result).toEqual({
        outcome: 'error',
        message: 'looking up the nameservers of example.com failed: timed out',
      });
      expect(Date.now() - started).toBeLessThan(3000);
    });

    it('gives up at once on a port where nothing listens', async () => {
      const dead = new DnsChecker(
        validationConfig({ resolvers: [{ host: '127.0.0.3', port: world.port }] }),
      );
      const started = Date.now();
      const result = await dead.checkTxt('example.com', '_scaidns-verify.example.com', EXPECTED);
      expect(result).toEqual({
        outcome: 'error',
        message: 'looking up the nameservers of example.com failed: connection refused',
      });
      expect(Date.now() - started).toBeLessThan(2000);
    });
  });

  describe('with the local PowerDNS as the authoritative server', () => {
    const pdns = new PdnsClient({
      apiUrl: process.env.PDNS_API_URL ?? '',
      apiKey: process.env.PDNS_API_KEY ?? '',
      serverId: process.env.PDNS_SERVER_ID || 'localhost',
      timeoutMs: 10_000,
    });
    const zone = `checker-${run}.scaidns-e2e.test`;
    let viaPdns: DnsChecker;

    beforeAll(() => {
      viaPdns = new DnsChecker(
        validationConfig({
          resolvers: [{ host: world.host, port: world.port }],
          authoritativePort: PDNS_DNS_PORT,
          dnsTimeoutMs: 1000,
        }),
      );
    });

    afterAll(async () => {
      await pdns.deleteZone(`${zone}.`).catch((error: unknown) => {
        if (!(error instanceof PdnsNotFoundError)) throw error;
      });
      await pdns.close();
    });

    it('treats REFUSED from a server that does not host the zone as an error, not a missing record', async () => {
      delegate(zone, ['127.0.0.1']);
      const result = await viaPdns.checkTxt(zone, verifyName(zone), EXPECTED);
      expect(result).toEqual({
        outcome: 'error',
        message: `no nameserver of ${zone} answered: ns1.dns-host-${run}.test (127.0.0.1): query refused (REFUSED)`,
      });
    });

    it('matches a TXT served by PowerDNS and sees a missing one', async () => {
      delegate(zone, ['127.0.0.1']);
      await pdns.createZone({
        name: `${zone}.`,
        kind: 'Native',
        nameservers: [`ns1.dns-host-${run}.test.`],
        rrsets: [
          {
            name: `${verifyName(zone)}.`,
            type: 'TXT',
            ttl: 60,
            records: [{ content: `"${EXPECTED}"`, disabled: false }],
          },
        ],
      });
      // The previous test's REFUSED answer sits in PowerDNS's packet cache.
      await pdns.flushCache(`${zone}.`);
      await expect(viaPdns.checkTxt(zone, verifyName(zone), EXPECTED)).resolves.toEqual({
        outcome: 'match',
      });
      await expect(viaPdns.checkTxt(zone, `_other.${zone}`, EXPECTED)).resolves.toEqual({
        outcome: 'missing',
      });
    });
  });
});

function message(result: TxtCheckResult, domain: string): string {
  if (result.outcome === 'match') throw new Error('expected a failed check');
  return txtFailureMessage(result, `_scaidns-verify.${domain}`, EXPECTED, domain);
}
