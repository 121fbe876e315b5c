import { promises as dns } from 'node:dns';
import { createServer, type Server, type Socket } from 'node:net';
import {
  PdnsClient,
  PdnsConflictError,
  PdnsInvalidContentError,
  PdnsNotFoundError,
  PdnsUnavailableError,
  pdnsZoneId,
  type PdnsClientOptions,
  type PdnsRRSet,
  type PdnsZone,
} from '@app/pdns-client';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';

/**
 * PdnsClient against the real pdns_server of `scripts/stack.sh up` (gmysql, DNS on 127.0.0.1:5300).
 * Zone names are unique per run and every zone is deleted afterwards, so runs can share a server.
 */
const options: PdnsClientOptions = {
  apiUrl: required('PDNS_API_URL'),
  apiKey: required('PDNS_API_KEY'),
  serverId: process.env.PDNS_SERVER_ID || 'localhost',
  timeoutMs: 10_000,
};
const DNS_SERVER = process.env.PDNS_DNS_ADDRESS ?? '127.0.0.1:5300';

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run scripts/stack.sh up first`);
  return value;
}

const run = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
const octet = () => 1 + Math.floor(Math.random() * 254);

function resolver(): dns.Resolver {
  const r = new dns.Resolver({ timeout: 2000, tries: 1 });
  r.setServers([DNS_SERVER]);
  return r;
}

function rrset(zone: PdnsZone, name: string, type: string): PdnsRRSet | undefined {
  return zone.rrsets?.find((r) => r.name === name && r.type === type);
}

function soaSerial(zone: PdnsZone): number {
  const soa = rrset(zone, zone.name, 'SOA');
  return Number(soa?.records[0].content.split(' ')[2]);
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('PdnsClient against PowerDNS (e2e)', () => {
  const client = new PdnsClient(options);
  const created = new Set<string>();
  const zone = `zone-${run}.scaidns-e2e.test.`;

  afterAll(async () => {
    for (const id of created) {
      await client.deleteZone(id).catch((error: unknown) => {
        if (!(error instanceof PdnsNotFoundError)) throw error;
      });
    }
    await client.close();
  });

  async function createZone(
    name: string,
    nameservers = [`ns1.${name}`, `ns2.${name}`],
  ): Promise<PdnsZone> {
    const result = await client.createZone(
      { name, kind: 'Native', nameservers },
      { rrsets: false },
    );
    created.add(result.id);
    return result;
  }

  describe('server', () => {
    it('lists and gets the server', async () => {
      const servers = await client.listServers();
      expect(servers.map((s) => s.id)).toContain('localhost');
      const server = await client.getServer();
      expect(server).toMatchObject({ id: 'localhost', daemon_type: 'authoritative' });
      expect(server.version).toMatch(/^4\.7\./);
    });

    it('pings and passes the health check', async () => {
      const ping = await client.ping();
      expect(ping.version).toMatch(/^4\.7\./);
      expect(ping.latencyMs).toBeGreaterThanOrEqual(0);
      await expect(client.isReachable()).resolves.toBe(true);
      await expect(client.healthCheck()).resolves.toMatchObject({ status: 'ok' });
    });

    it('reads statistics, all or one', async () => {
      const all = await client.statistics();
      expect(all.map((s) => s.name)).toEqual(expect.arrayContaining(['uptime', 'udp-queries']));
      const one = await client.statistics({ statistic: 'uptime' });
      expect(one).toEqual([{ name: 'uptime', type: 'StatisticItem', value: expect.any(String) }]);
      const error = await rejection(client.statistics({ statistic: 'no-such-statistic' }));
      expect(error).toBeInstanceOf(PdnsInvalidContentError);
    });
  });

  describe('a zone from create to delete', () => {
    let id: string;

    it('creates a Native zone with nameservers; the small reply has no rrsets', async () => {
      const result = await createZone(zone);
      id = result.id;
      expect(result).toMatchObject({ name: zone, kind: 'Native', dnssec: false });
      expect(result.id).toBe(pdnsZoneId(zone));
      expect(result.rrsets).toBeUndefined();
    });

    it('gets it with rrsets: SOA from default-soa-content and the apex NS', async () => {
      const full = await client.getZone(id);
      expect(rrset(full, zone, 'SOA')?.records[0].content).toMatch(
        new RegExp(
          `^ns1\\.${zone.replace(/\./g, '\\.')} hostmaster\\.${zone.replace(/\./g, '\\.')} \\d+ 10800 3600 604800 3600$`,
        ),
      );
      expect(
        rrset(full, zone, 'NS')
          ?.records.map((r) => r.content)
          .sort(),
      ).toEqual([`ns1.${zone}`, `ns2.${zone}`]);
    });

    it('gets it without rrsets, and with an rrset filter', async () => {
      const bare = await client.getZone(id, { rrsets: false });
      expect(bare.rrsets).toBeUndefined();
      expect(bare.name).toBe(zone);
      const onlyNs = await client.getZone(id, { rrsetName: zone, rrsetType: 'NS' });
      expect(onlyNs.rrsets?.map((r) => r.type)).toEqual(['NS']);
    });

    it('lists it, also filtered by name', async () => {
      const all = await client.listZones();
      expect(all.map((z) => z.id)).toContain(id);
      const one = await client.listZones({ zone: zone.toUpperCase() });
      expect(one).toHaveLength(1);
      expect(one[0]).toMatchObject({ id, name: zone, kind: 'Native' });
    });

    it('updates properties; a PUT ignores nameservers', async () => {
      await client.updateZone(id, {
        kind: 'Master',
        soa_edit_api: 'INCREASE',
        api_rectify: false,
        account: 'scaidns-e2e',
      });
      // Not part of PdnsZoneUpdate on purpose: PowerDNS answers 204 and changes nothing.
      await client.updateZone(id, { nameservers: ['ns9.example.'] } as never);
      const after = await client.getZone(id);
      expect(after).toMatchObject({
        kind: 'Master',
        soa_edit_api: 'INCREASE',
        api_rectify: false,
        account: 'scaidns-e2e',
      });
      expect(rrset(after, zone, 'NS')?.records).toHaveLength(2);
      await client.updateZone(id, { kind: 'Native' });
    });

    it('PATCH REPLACE adds rrsets, the serial rises, and DNS answers', async () => {
      const before = soaSerial(await client.getZone(id));
      await new PdnsZonePatcher(client).patchRRSets(id, [
        {
          name: `www.${zone}`,
          type: 'A',
          ttl: 300,
          changetype: 'REPLACE',
          records: [{ content: '192.0.2.10' }, { content: '192.0.2.11', disabled: false }],
        },
        {
          name: `www.${zone}`,
          type: 'TXT',
          ttl: 300,
          changetype: 'REPLACE',
          records: [{ content: '"hello from scaidns"' }],
          comments: [{ content: 'e2e', account: 'scaidns-e2e' }],
        },
      ]);
      const after = await client.getZone(id, { rrsetName: `www.${zone}` });
      expect(soaSerial(await client.getZone(id))).toBeGreaterThan(before);
      const a = rrset(after, `www.${zone}`, 'A');
      expect(a?.ttl).toBe(300);
      expect(a?.records.map((r) => r.content).sort()).toEqual(['192.0.2.10', '192.0.2.11']);
      expect(rrset(after, `www.${zone}`, 'TXT')?.comments[0]).toMatchObject({
        content: 'e2e',
        account: 'scaidns-e2e',
      });

      const answer = await resolver().resolve4(`www.${zone.slice(0, -1)}`);
      expect(answer.sort()).toEqual(['192.0.2.10', '192.0.2.11']);
      const txt = await resolver().resolveTxt(`www.${zone.slice(0, -1)}`);
      expect(txt).toEqual([['hello from scaidns']]);
    });

    it('a PATCH with one bad rrset applies nothing (one transaction)', async () => {
      const error = await rejection(
        new PdnsZonePatcher(client).patchRRSets(id, [
          {
            name: `good.${zone}`,
            type: 'A',
            ttl: 60,
            changetype: 'REPLACE',
            records: [{ content: '192.0.2.20' }],
          },
          {
            name: `bad.${zone}`,
            type: 'A',
            ttl: 60,
            changetype: 'REPLACE',
            records: [{ content: '192.0.2.999' }],
          },
        ]),
      );
      expect(error).toBeInstanceOf(PdnsInvalidContentError);
      const error422 = error as PdnsInvalidContentError;
      expect(error422.code).toBe('BAD_REQUEST');
      expect(error422.status).toBe(422);
      expect(error422.pdnsMessage).toContain(`bad.${zone}`);
      expect(error422.detail).toBe(`PowerDNS rejected the change: ${error422.pdnsMessage}`);
      const check = await client.getZone(id, { rrsetName: `good.${zone}` });
      expect(check.rrsets ?? []).toEqual([]);
    });

    it('exports the zone as zone-file text', async () => {
      const text = await client.exportZone(id);
      expect(text).toContain(`www.${zone}\t300\tIN\tA\t192.0.2.10`);
      expect(text).toMatch(new RegExp(`^${zone.replace(/\./g, '\\.')}\\t3600\\tIN\\tSOA\\t`, 'm'));
    });

    it('rectifies and notifies', async () => {
      await expect(client.rectifyZone(id)).resolves.toBe('Rectified');
      await expect(client.notifyZone(id)).resolves.toBe('Notification queued');
    });

    it('finds the zone and its records with search-data', async () => {
      const zones = await client.searchData(`zone-${run}*`, { objectType: 'zone' });
      expect(zones).toEqual([{ name: zone, object_type: 'zone', zone_id: id }]);
      const records = await client.searchData(`www.zone-${run}*`, {
        max: 10,
        objectType: 'record',
      });
      expect(records.map((r) => `${r.type} ${r.content}`).sort()).toEqual([
        'A 192.0.2.10',
        'A 192.0.2.11',
        'TXT "hello from scaidns"',
      ]);
      expect(records.every((r) => r.zone_id === id && r.zone === zone)).toBe(true);
    });

    it('flushes the cache for a name', async () => {
      const result = await client.flushCache(`www.${zone}`);
      expect(result.result).toBe('Flushed cache.');
      expect(typeof result.count).toBe('number');
    });

    it('round-trips metadata', async () => {
      const kind = 'X-SCAIDNS-E2E';
      await expect(client.replaceMetadata(id, kind, ['a', 'b'])).resolves.toMatchObject({
        kind,
        metadata: ['a', 'b'],
      });
      await expect(client.getMetadata(id, kind)).resolves.toMatchObject({ metadata: ['a', 'b'] });
      await client.replaceMetadata(id, kind, ['c']);
      const all = await client.listMetadata(id);
      expect(all).toEqual(
        expect.arrayContaining([expect.objectContaining({ kind, metadata: ['c'] })]),
      );
      // SOA-EDIT-API set by the PUT above lives in metadata too.
      expect(all).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'SOA-EDIT-API', metadata: ['INCREASE'] }),
        ]),
      );
      await client.deleteMetadata(id, kind);
      // An unset kind is an empty list, not a 404.
      await expect(client.getMetadata(id, kind)).resolves.toMatchObject({ metadata: [] });
    });

    it('creates, lists, updates and deletes cryptokeys', async () => {
      const ksk = await client.createCryptokey(id, {
        keytype: 'ksk',
        active: true,
        algorithm: 'ECDSAP256SHA256',
      });
      expect(ksk).toMatchObject({ active: true, published: true, flags: 257, bits: 256 });
      expect(ksk.dnskey).toMatch(/^257 3 13 /);
      expect(ksk.ds?.length).toBeGreaterThan(0);
      expect(ksk.privatekey).toContain('Private-key-format');

      // PowerDNS's default for `active` is false.
      const zsk = await client.createCryptokey(id, { keytype: 'zsk', algorithm: 13 });
      expect(zsk).toMatchObject({ active: false, flags: 256 });

      const keys = await client.listCryptokeys(id);
      expect(keys.map((k) => k.id).sort()).toEqual([ksk.id, zsk.id].sort());
      expect(keys.every((k) => k.privatekey === undefined)).toBe(true);
      expect((await client.getZone(id, { rrsets: false })).dnssec).toBe(true);

      await client.updateCryptokey(id, zsk.id, { active: true, published: false });
      const updated = await client.getCryptokey(id, zsk.id);
      expect(updated).toMatchObject({ id: zsk.id, active: true, published: false });
      expect(updated.privatekey).toContain('Private-key-format');

      const missingActive = await rejection(
        client.updateCryptokey(id, zsk.id, { published: true } as never),
      );
      expect(missingActive).toBeInstanceOf(PdnsInvalidContentError);

      await client.deleteCryptokey(id, zsk.id);
      await client.deleteCryptokey(id, ksk.id);
      expect(await client.listCryptokeys(id)).toEqual([]);
      const gone = await rejection(client.getCryptokey(id, zsk.id));
      expect(gone).toBeInstanceOf(PdnsNotFoundError);
    });

    it('PATCH DELETE removes an rrset (and DNS stops answering)', async () => {
      await new PdnsZonePatcher(client).patchRRSets(id, [
        { name: `www.${zone}`, type: 'A', changetype: 'DELETE' },
        // DELETE of an rrset that does not exist is fine.
        { name: `nothing.${zone}`, type: 'AAAA', changetype: 'DELETE' },
      ]);
      const after = await client.getZone(id, { rrsetName: `www.${zone}` });
      expect(after.rrsets?.map((r) => r.type)).toEqual(['TXT']);
      await expect(resolver().resolve4(`www.${zone.slice(0, -1)}`)).rejects.toMatchObject({
        code: 'ENODATA',
      });
    });

    it('refuses a second zone of the same name with PdnsConflictError', async () => {
      const error = await rejection(
        client.createZone({ name: zone, kind: 'Native', nameservers: [`ns1.${zone}`] }),
      );
      expect(error).toBeInstanceOf(PdnsConflictError);
      expect(error).toMatchObject({
        code: 'CONFLICT',
        status: 409,
        detail: `Zone ${zone} already exists in PowerDNS`,
      });
    });

    it('deletes the zone; afterwards it is PdnsNotFoundError', async () => {
      await client.deleteZone(id);
      created.delete(id);
      for (const call of [
        () => client.getZone(id),
        () => client.deleteZone(id),
        () => new PdnsZonePatcher(client).patchRRSets(id, []),
        () => client.listCryptokeys(id),
      ]) {
        const error = await rejection(call());
        expect(error).toBeInstanceOf(PdnsNotFoundError);
        expect(error).toMatchObject({ code: 'NOT_FOUND', status: 404 });
      }
      await expect(resolver().resolve4(`www.${zone.slice(0, -1)}`)).rejects.toMatchObject({
        code: expect.stringMatching(/^(EREFUSED|ENOTFOUND|ESERVFAIL)$/),
      });
    });
  });

  describe('an RFC 2317 zone (a "/" in its name)', () => {
    const name = `64/26.${octet()}.${octet()}.198.in-addr.arpa.`;
    const ptr = `65.${name}`;

    it('survives create, get, patch and delete', async () => {
      // `ns1.64/26…` is no hostname: PowerDNS refuses it as NS content.
      const result = await createZone(name, ['ns1.example.net.', 'ns2.example.net.']);
      expect(result.name).toBe(name);
      expect(result.id).toBe(pdnsZoneId(name));
      expect(result.id).toMatch(/^64=2F26\./);

      // By id and by name alike.
      expect((await client.getZone(result.id, { rrsets: false })).name).toBe(name);
      expect((await client.getZone(name, { rrsets: false })).id).toBe(result.id);

      await new PdnsZonePatcher(client).patchRRSets(result.id, [
        {
          name: ptr,
          type: 'PTR',
          ttl: 300,
          changetype: 'REPLACE',
          records: [{ content: 'host.example.' }],
        },
      ]);
      const after = await client.getZone(result.id, { rrsetName: ptr, rrsetType: 'PTR' });
      expect(after.rrsets).toEqual([
        expect.objectContaining({
          name: ptr,
          type: 'PTR',
          records: [{ content: 'host.example.', disabled: false }],
        }),
      ]);

      await client.deleteZone(result.id);
      created.delete(result.id);
      await expect(rejection(client.getZone(result.id))).resolves.toBeInstanceOf(PdnsNotFoundError);
    });
  });

  describe('when PowerDNS cannot be reached', () => {
    it('a closed port is PdnsUnavailableError (connection refused)', async () => {
      const closed = new PdnsClient({ ...options, apiUrl: 'http://127.0.0.1:1', timeoutMs: 2000 });
      try {
        const error = await rejection(closed.listZones());
        expect(error).toBeInstanceOf(PdnsUnavailableError);
        expect(error).toMatchObject({
          code: 'UPSTREAM_UNAVAILABLE',
          detail: 'PowerDNS is unavailable: connection refused',
        });
        expect((error as Error).message).not.toContain(options.apiKey);
        await expect(closed.isReachable()).resolves.toBe(false);
      } finally {
        await closed.close();
      }
    });

    describe('a server that accepts and never answers', () => {
      let blackHole: Server;
      const sockets = new Set<Socket>();
      let port: number;

      beforeAll(async () => {
        blackHole = createServer((socket) => {
          sockets.add(socket);
          socket.on('close', () => sockets.delete(socket));
        });
        await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
        port = (blackHole.address() as { port: number }).port;
      });

      afterAll(async () => {
        for (const socket of sockets) socket.destroy();
        await new Promise<void>((resolve) => blackHole.close(() => resolve()));
      });

      it('times out with PdnsUnavailableError', async () => {
        const slow = new PdnsClient({
          ...options,
          apiUrl: `http://127.0.0.1:${port}`,
          timeoutMs: 300,
        });
        try {
          const started = Date.now();
          const error = await rejection(slow.getZone(zone));
          expect(error).toBeInstanceOf(PdnsUnavailableError);
          expect(error).toMatchObject({
            detail: 'PowerDNS is unavailable: timed out after 300 ms',
          });
          expect(Date.now() - started).toBeLessThan(3000);
          await expect(slow.healthCheck(200)).resolves.toEqual({
            status: 'error',
            message: 'PowerDNS is unavailable: timed out after 200 ms',
          });
        } finally {
          await slow.close();
        }
      });
    });

    it('a wrong API key is PdnsUnavailableError, not a client error', async () => {
      const wrongKey = new PdnsClient({ ...options, apiKey: 'not-the-key' });
      try {
        const error = await rejection(wrongKey.getServer());
        expect(error).toBeInstanceOf(PdnsUnavailableError);
        expect(error).toMatchObject({ status: 401 });
      } finally {
        await wrongKey.close();
      }
    });
  });
});
