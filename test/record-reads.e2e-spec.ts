import type { INestApplication } from '@nestjs/common';
import { Metrics } from '@app/core';
import { PdnsClient } from '@app/pdns-client';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import request from 'supertest';
import { createTestApp } from './support/app';
import {
  type IdentityHarness,
  newActiveZone,
  signIn,
  startIdentityHarness,
  type TestUser,
  type ZoneFixture,
} from './support/identity';

/** Records the large zone starts with, written into PowerDNS in one raw PATCH. */
const SEEDED = 3000;

interface Row {
  id: string;
  name: string;
  display_name: string;
  type: string;
  content: string;
  disabled: boolean;
  created_at: string | null;
}

/**
 * Record reads on a large zone come from each process's index of the zone (RecordReader), kept
 * current from the zone's log: these check that what they answer is what PowerDNS holds, page by
 * page and by filter, with disabled records, fences, edits made behind ScaiDNS's back, and writes
 * made by another process just before.
 */
describe('record reads on a large zone (e2e, indexed, real PowerDNS)', () => {
  let h: IdentityHarness;
  let second: INestApplication;
  let fixture: ZoneFixture;
  let admin: TestUser;
  let domainId: string;
  let zone: string;
  let pdns: PdnsClient;

  const rawPatch = (rrsets: Parameters<PdnsZonePatcher['patchRRSets']>[1]) =>
    new PdnsZonePatcher(pdns).patchRRSets(`${zone}.`, rrsets);

  beforeAll(async () => {
    h = await startIdentityHarness();
    second = await createTestApp();
    fixture = await newActiveZone(h, 'reads');
    ({ admin, domainId, zone } = fixture);
    pdns = new PdnsClient({
      apiUrl: process.env.PDNS_API_URL ?? '',
      apiKey: process.env.PDNS_API_KEY ?? '',
      serverId: process.env.PDNS_SERVER_ID ?? 'localhost',
      timeoutMs: 60_000,
    });
    // Every seventh host disabled: PowerDNS 4.7 leaves those out of filtered GETs.
    await rawPatch(
      Array.from({ length: SEEDED }, (_, i) => ({
        name: `h${i}.${zone}.`,
        type: i % 10 === 9 ? 'TXT' : 'A',
        changetype: 'REPLACE' as const,
        ttl: 300,
        records: [
          {
            content: i % 10 === 9 ? `"t${i}"` : `10.1.${i >> 8}.${i & 255}`,
            disabled: i % 7 === 0,
          },
        ],
      })),
    );
  }, 120_000);

  afterAll(async () => {
    await pdns.close();
    await fixture.remove();
    await second.close();
    await h.close();
  });

  const servers = () => [h.http, second.getHttpServer()];
  const page = async (query: string, who: TestUser = admin, server: unknown = h.http) =>
    (
      await request(server as never)
        .get(`/api/v1/domains/${domainId}/records?${query}`)
        .set(who.auth())
        .expect(200)
    ).body as { data: Row[]; total: number; total_pages: number };
  const fullReads = async (app: INestApplication) =>
    (await app.get(Metrics).zoneReads.get()).values.find((v) => v.labels.kind === 'full')?.value ??
    0;

  it('pages through the whole zone in order, each record once, disabled ones included', async () => {
    const first = await page('page=1&page_size=100');
    expect(first.total).toBe(SEEDED);
    const seen: Row[] = [];
    for (let p = 1; p <= first.total_pages; p++) {
      seen.push(...(await page(`page=${p}&page_size=100`)).data);
    }
    expect(seen).toHaveLength(SEEDED);
    expect(new Set(seen.map((r) => r.id)).size).toBe(SEEDED);
    const sorted = [...seen].sort(
      (a, b) =>
        a.name.localeCompare(b.name) ||
        a.type.localeCompare(b.type) ||
        a.content.localeCompare(b.content),
    );
    expect(seen).toEqual(sorted);
    expect(seen.filter((r) => r.disabled)).toHaveLength(Math.ceil(SEEDED / 7));
    // Beyond the last page: empty, the total still right.
    const beyond = await page(`page=${first.total_pages + 1}&page_size=100`);
    expect(beyond).toMatchObject({ data: [], total: SEEDED });
  });

  it('filters by name and type, and finds a record by id, disabled or not', async () => {
    const disabled = await page('name=h14');
    expect(disabled.data).toEqual([
      expect.objectContaining({ name: `h14.${zone}.`, content: '10.1.0.14', disabled: true }),
    ]);
    expect((await page(`name=h15.${zone}.`)).data).toEqual([
      expect.objectContaining({ display_name: 'h15', disabled: false }),
    ]);
    const txt = await page('type=txt&page_size=100');
    expect(txt.total).toBe(SEEDED / 10);
    expect(txt.data.every((r) => r.type === 'TXT')).toBe(true);
    expect((await page('name=h19&type=A')).total).toBe(0);
    expect((await page('name=nowhere')).total).toBe(0);
    const system = await page('include_system=true&name=@');
    expect(system.data.map((r) => r.type).sort()).toEqual(['NS', 'NS', 'SOA']);
    for (const row of [disabled.data[0], txt.data[3]]) {
      const got = await request(h.http)
        .get(`/api/v1/domains/${domainId}/records/${row.id}`)
        .set(admin.auth())
        .expect(200);
      expect(got.body).toEqual(row);
    }
  });

  it('a fenced grantee sees only its records, and the others are 404 by id', async () => {
    const grantee = await signIn(
      h,
      h.standIn.directory.addUser({ tenant_id: admin.record.tenant_id }),
    );
    await request(h.http)
      .post(`/api/v1/domains/${domainId}/access-grants`)
      .set(admin.auth())
      .send({
        grantee_type: 'user',
        grantee_id: grantee.id,
        role: 'record_editor',
        record_types: ['TXT'],
      })
      .expect(200);
    const fenced = await page('page_size=100', grantee);
    expect(fenced.total).toBe(SEEDED / 10);
    expect(fenced.data.every((r) => r.type === 'TXT')).toBe(true);
    expect((await page('type=A', grantee)).total).toBe(0);
    const anA = (await page('name=h1')).data[0];
    await request(h.http)
      .get(`/api/v1/domains/${domainId}/records/${anA.id}`)
      .set(grantee.auth())
      .expect(404);
    const aTxt = fenced.data[0];
    await request(h.http)
      .get(`/api/v1/domains/${domainId}/records/${aTxt.id}`)
      .set(grantee.auth())
      .expect(200);
  });

  it('a write made by one process is read at once by the other, by list, filter and id', async () => {
    const before = await fullReads(h.app);
    for (let i = 0; i < 12; i++) {
      const [writer, reader] = i % 2 === 0 ? servers() : servers().reverse();
      const made = await request(writer as never)
        .post(`/api/v1/domains/${domainId}/records`)
        .set(admin.auth())
        .send({ name: `rw${i}`, type: 'A', content: `192.0.2.${i + 1}` })
        .expect(200);
      const found = await page(`name=rw${i}`, admin, reader);
      expect(found.data).toEqual([made.body]);
      const byId = await request(reader as never)
        .get(`/api/v1/domains/${domainId}/records/${made.body.id}`)
        .set(admin.auth())
        .expect(200);
      expect(byId.body).toEqual(made.body);
      expect(made.body.created_at).not.toBeNull();
      const changed = await request(reader as never)
        .patch(`/api/v1/domains/${domainId}/records/${made.body.id}`)
        .set(admin.auth())
        .send({ content: `198.51.100.${i + 1}`, disabled: true })
        .expect(200);
      expect(changed.body).toMatchObject({ id: made.body.id, disabled: true });
      const after = await page(`name=rw${i}`, admin, writer);
      expect(after.data).toEqual([changed.body]);
    }
    await request(h.http)
      .delete(`/api/v1/domains/${domainId}/records/${(await page('name=rw0')).data[0].id}`)
      .set(admin.auth())
      .expect(204);
    for (const server of servers()) expect((await page('name=rw0', admin, server)).total).toBe(0);
    expect((await page('page_size=1')).total).toBe(SEEDED + 11);
    // All of it from the index brought up to date by the log: no whole-zone read.
    expect(await fullReads(h.app)).toBe(before);
  });

  it('an edit made in PowerDNS directly is read within ZONE_STATE_RECHECK_MS', async () => {
    await page('name=h1');
    await rawPatch([
      {
        name: `behind.${zone}.`,
        type: 'A',
        changetype: 'REPLACE',
        ttl: 300,
        records: [{ content: '203.0.113.9', disabled: false }],
      },
      { name: `h2.${zone}.`, type: 'A', changetype: 'DELETE', records: [] },
    ]);
    await new Promise((r) =>
      setTimeout(r, Number(process.env.ZONE_STATE_RECHECK_MS ?? 1000) + 100),
    );
    for (const server of servers()) {
      expect((await page('name=behind', admin, server)).data).toEqual([
        expect.objectContaining({ content: '203.0.113.9', created_at: null }),
      ]);
      expect((await page('name=h2', admin, server)).total).toBe(0);
    }
  });
});
