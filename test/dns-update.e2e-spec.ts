import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type AddressInfo, createServer, type Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Metrics } from '@app/core';
import { PdnsClient } from '@app/pdns-client';
import request from 'supertest';
import { signingKeyTags } from './support/dnssec';
import {
  type IdentityHarness,
  newActiveZone,
  startIdentityHarness,
  type ZoneFixture,
} from './support/identity';

/** Updates the zone writer sent, by outcome (`scaidns_zone_updates_total`). */
async function updateOutcomes(h: IdentityHarness): Promise<Record<string, number>> {
  const values = (await h.app.get(Metrics).zoneUpdates.get()).values;
  return Object.fromEntries(values.map((v) => [String(v.labels.outcome), v.value]));
}

/** An active zone, signed through the API. */
async function newSignedZone(h: IdentityHarness, prefix: string): Promise<ZoneFixture> {
  const zone = await newActiveZone(h, prefix);
  await request(h.http)
    .post(`/api/v1/domains/${zone.domainId}/dnssec/enable`)
    .set(zone.admin.auth())
    .send({})
    .expect(200);
  return zone;
}

/**
 * The zone writer's RFC 2136 path (PDNS_DNS_UPDATE_ADDRESS), against the stack's PowerDNS
 * (`dnsupdate=yes`, `allow-dnsupdate-from=` empty): signed zones are written by TSIG-signed updates;
 * nobody else can update any zone; what an update can't carry goes by PATCH; a refused update is
 * followed by a PATCH that does the change.
 */
describe('RFC 2136 updates of signed zones (e2e, real PowerDNS)', () => {
  let h: IdentityHarness;
  let signed: ZoneFixture;
  let unsigned: ZoneFixture;
  let pdns: PdnsClient;

  const api = () => request(h.http);
  const records = (z: ZoneFixture) => `/api/v1/domains/${z.domainId}/records`;

  const updates = () => updateOutcomes(h);
  async function counted<T>(work: () => Promise<T>): Promise<Record<string, number>> {
    const before = await updates();
    await work();
    const after = await updates();
    return Object.fromEntries(
      ['committed', 'not_applied', 'unknown'].map((k) => [k, (after[k] ?? 0) - (before[k] ?? 0)]),
    );
  }

  /** Runs nsupdate (TCP) with `lines`; its exit status and what it printed. */
  function nsupdate(lines: string[], args: string[] = []): { status: number; output: string } {
    const file = join(tmpdir(), `nsupdate-${process.pid}-${Date.now()}.txt`);
    writeFileSync(file, ['server 127.0.0.1 5300', ...lines, 'send', ''].join('\n'));
    try {
      const output = execFileSync('nsupdate', ['-v', '-t', '5', ...args, file], {
        encoding: 'utf8',
        stdio: 'pipe',
      });
      return { status: 0, output };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { status: e.status, output: `${e.stdout}${e.stderr}` };
    }
  }

  const create = (z: ZoneFixture, body: object) =>
    api().post(records(z)).set(z.admin.auth()).send(body);

  beforeAll(async () => {
    h = await startIdentityHarness();
    pdns = h.app.get(PdnsClient);
    signed = await newSignedZone(h, 'upd');
    unsigned = await newActiveZone(h, 'updu');
  });

  afterAll(async () => {
    await signed.remove();
    await unsigned.remove();
    await h.close();
  });

  it('writes a signed zone by update: the zone holds the record, the serial moved by one, and it is signed', async () => {
    const serial = (await pdns.getZone(`${signed.zone}.`, { rrsets: false })).serial;
    const counts = await counted(() =>
      create(signed, { name: 'www', type: 'A', content: '192.0.2.10', ttl: 300 }).expect(200),
    );
    expect(counts).toEqual({ committed: 1, not_applied: 0, unknown: 0 });
    expect((await pdns.getZone(`${signed.zone}.`, { rrsets: false })).serial).toBe(serial + 1);
    expect(signingKeyTags(`www.${signed.zone}.`, 'A')).toHaveLength(1);
    // The zone now allows ScaiDNS's key, and only from the configured networks.
    const metadata = await pdns.listMetadata(`${signed.zone}.`);
    expect(Object.fromEntries(metadata.map((m) => [m.kind, m.metadata]))).toMatchObject({
      'TSIG-ALLOW-DNSUPDATE': ['scaidns-control.'],
      'ALLOW-DNSUPDATE-FROM': ['127.0.0.0/8', '::1/128'],
      'SOA-EDIT-DNSUPDATE': ['INCREASE'],
    });
  });

  it('writes an unsigned zone by PATCH', async () => {
    const counts = await counted(() =>
      create(unsigned, { name: 'www', type: 'A', content: '192.0.2.10' }).expect(200),
    );
    expect(counts).toEqual({ committed: 0, not_applied: 0, unknown: 0 });
  });

  it('takes no update from anyone else: unsigned, with another key, or to a zone ScaiDNS does not update', async () => {
    const add = (zone: string) => [`zone ${zone}.`, `update add intruder.${zone}. 60 A 192.0.2.66`];
    expect(nsupdate(add(signed.zone))).toMatchObject({
      output: expect.stringContaining('REFUSED'),
    });
    const wrongKey = nsupdate(add(signed.zone), [
      '-y',
      `hmac-sha256:scaidns-control:${Buffer.from('not the secret').toString('base64')}`,
    ]);
    expect(wrongKey.status).not.toBe(0);
    const key = await pdns.getTsigKey('scaidns-control.');
    const withKey = nsupdate(add(unsigned.zone), ['-y', `hmac-sha256:scaidns-control:${key.key}`]);
    expect(withKey.output).toContain('REFUSED');
    for (const zone of [signed.zone, unsigned.zone]) {
      const held = await pdns.getZone(`${zone}.`, { rrsetName: `intruder.${zone}.` });
      expect(held.rrsets ?? []).toEqual([]);
    }
  });

  it('sends a change touching a disabled record by PATCH, and the next plain change by update again', async () => {
    const off = await counted(() =>
      create(signed, { name: 'off', type: 'A', content: '192.0.2.20', disabled: true }).expect(200),
    );
    expect(off.committed).toBe(0);
    // A second record beside the disabled one: a replace by update would drop it, so PATCH.
    const beside = await counted(() =>
      create(signed, { name: 'off', type: 'A', content: '192.0.2.21' }).expect(200),
    );
    expect(beside.committed).toBe(0);
    // The whole zone: PowerDNS 4.7 leaves disabled records out of a GET filtered by name.
    const zone = await pdns.getZone(`${signed.zone}.`, { rrsets: true });
    const held = zone.rrsets?.find((r) => r.name === `off.${signed.zone}.` && r.type === 'A');
    expect(held?.records).toEqual(
      expect.arrayContaining([
        { content: '192.0.2.20', disabled: true },
        { content: '192.0.2.21', disabled: false },
      ]),
    );
    const plain = await counted(() =>
      create(signed, { name: 'plain', type: 'TXT', content: '"on"' }).expect(200),
    );
    expect(plain.committed).toBe(1);
  });

  it('follows an update PowerDNS refuses with a PATCH that makes the change', async () => {
    // PowerDNS now takes this zone's updates from nowhere ScaiDNS connects from.
    await pdns.replaceMetadata(`${signed.zone}.`, 'ALLOW-DNSUPDATE-FROM', ['192.0.2.0/24']);
    const counts = await counted(() =>
      create(signed, { name: 'after-refusal', type: 'A', content: '192.0.2.30' }).expect(200),
    );
    expect(counts).toEqual({ committed: 0, not_applied: 1, unknown: 0 });
    const held = await pdns.getZone(`${signed.zone}.`, {
      rrsetName: `after-refusal.${signed.zone}.`,
    });
    expect(held.rrsets?.[0].records).toEqual([{ content: '192.0.2.30', disabled: false }]);
    // For a while the zone's changes go straight by PATCH (no refused update before each).
    const next = await counted(() =>
      create(signed, { name: 'resting', type: 'A', content: '192.0.2.31' }).expect(200),
    );
    expect(next).toEqual({ committed: 0, not_applied: 0, unknown: 0 });
  });
});

/**
 * Updates whose answer never comes: the writer reads the zone back to tell whether PowerDNS applied
 * them. A proxy stands between the writer and PowerDNS and, per test, passes the update on and drops
 * PowerDNS's answer (applied), or drops the update itself (not applied: a PATCH follows).
 */
describe('RFC 2136 updates whose answer is lost (e2e, real PowerDNS behind a proxy)', () => {
  let h: IdentityHarness;
  let zone: ZoneFixture;
  let pdns: PdnsClient;
  let proxy: Server;
  let mode: 'pass' | 'drop-answer' | 'drop-update' = 'pass';
  const saved = { ...process.env };

  beforeAll(async () => {
    proxy = createServer((client) => {
      let buffered = Buffer.alloc(0);
      client.on('error', () => undefined);
      client.on('data', (chunk: Buffer) => {
        buffered = Buffer.concat([buffered, chunk]);
        if (buffered.length < 2 || buffered.length < 2 + buffered.readUInt16BE(0)) return;
        if (mode === 'drop-update') {
          client.destroy();
          return;
        }
        const upstream = new Socket();
        upstream.on('error', () => client.destroy());
        upstream.connect(5300, '127.0.0.1', () => upstream.write(buffered));
        upstream.on('data', (answer: Buffer) => {
          if (mode === 'drop-answer') client.destroy();
          else client.write(answer);
          upstream.destroy();
        });
      });
    });
    await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
    process.env.PDNS_DNS_UPDATE_ADDRESS = `127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    h = await startIdentityHarness();
    pdns = h.app.get(PdnsClient);
    zone = await newSignedZone(h, 'updl');
  });

  afterAll(async () => {
    await zone.remove();
    await h.close();
    await new Promise((resolve) => proxy.close(resolve));
    process.env.PDNS_DNS_UPDATE_ADDRESS = saved.PDNS_DNS_UPDATE_ADDRESS;
  });

  const outcomes = () => updateOutcomes(h);
  const held = async (name: string) =>
    (await pdns.getZone(`${zone.zone}.`, { rrsetName: `${name}.${zone.zone}.` })).rrsets ?? [];
  const create = (name: string, content: string) =>
    request(h.http)
      .post(`/api/v1/domains/${zone.domainId}/records`)
      .set(zone.admin.auth())
      .send({ name, type: 'A', content });

  it('commits through the proxy when the answer comes', async () => {
    mode = 'pass';
    await create('through', '192.0.2.40').expect(200);
    expect(await held('through')).toHaveLength(1);
    expect((await outcomes()).committed).toBeGreaterThanOrEqual(1);
  });

  it('an update applied whose answer is lost: read back, committed once, answered 200, audited once', async () => {
    mode = 'drop-answer';
    const before = await outcomes();
    const serial = (await pdns.getZone(`${zone.zone}.`, { rrsets: false })).serial;
    const res = await create('lost-answer', '192.0.2.41').expect(200);
    expect((await outcomes()).unknown).toBe((before.unknown ?? 0) + 1);
    expect((await held('lost-answer'))[0]?.records).toEqual([
      { content: '192.0.2.41', disabled: false },
    ]);
    // Applied once: one serial step, no PATCH after it.
    expect((await pdns.getZone(`${zone.zone}.`, { rrsets: false })).serial).toBe(serial + 1);
    const audit = await request(h.http)
      .get(`/api/v1/audit-logs?resource_id=${encodeURIComponent(res.body.id as string)}`)
      .set(zone.admin.auth())
      .expect(200);
    expect(audit.body.data).toHaveLength(1);
  });

  it('an update that never reached PowerDNS: read back, not applied, so a PATCH makes the change', async () => {
    mode = 'drop-update';
    const before = await outcomes();
    await create('lost-update', '192.0.2.42').expect(200);
    expect((await outcomes()).unknown).toBe((before.unknown ?? 0) + 1);
    expect((await held('lost-update'))[0]?.records).toEqual([
      { content: '192.0.2.42', disabled: false },
    ]);
    mode = 'pass';
  });
});
