import type { INestApplication } from '@nestjs/common';
import { PdnsClient } from '@app/pdns-client';
import request from 'supertest';
import { createTestApp } from './support/app';
import { dig } from './support/dig';
import { until } from './support/processes';
import {
  grantSystemRole,
  type IdentityHarness,
  newActiveZone,
  newTenant,
  startIdentityHarness,
  type TestUser,
  type ZoneFixture,
} from './support/identity';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import { AppError, REDIS } from '@app/core';
import { AuditService } from '@app/audit';
import { PinCache } from '@app/records';
import { ZoneCommitLog, ZoneLock, ZoneWriter } from '@app/zones';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';

/**
 * Two API processes writing one zone (two Nest apps here: each has its own write queue and its own
 * cached zone state, and they share only Redis, MariaDB and PowerDNS, as two processes do). A process
 * that trusted its cached zone after the other had written would send a REPLACE built from stale
 * rrsets and silently drop the other's records.
 */
describe('zone writers across processes (e2e)', () => {
  let h: IdentityHarness;
  let second: INestApplication;
  let admin: TestUser;
  let domainId: string;
  let zone: string;

  let fixture: ZoneFixture;

  beforeAll(async () => {
    h = await startIdentityHarness();
    second = await createTestApp();
    fixture = await newActiveZone(h, 'zw');
    ({ admin, domainId, zone } = fixture);
  });

  afterAll(async () => {
    await fixture.remove();
    await second.close();
    await h.close();
  });

  const servers = () => [h.http, second.getHttpServer()];
  const create = (server: unknown, name: string, content: string) =>
    request(server as never)
      .post(`/api/v1/domains/${domainId}/records`)
      .set(admin.auth())
      .send({ name, type: 'A', content });
  const contents = async (name: string): Promise<string[]> => {
    const res = await request(h.http)
      .get(`/api/v1/domains/${domainId}/records?name=${name}&page_size=100`)
      .set(admin.auth())
      .expect(200);
    return res.body.data.map((r: { content: string }) => r.content).sort();
  };

  /** `until`, polled often enough to catch a commit under way. */
  const soon = (what: string, check: () => boolean) => until(what, check, 10_000, 5);

  /**
   * A burst of 40 creates in the first process, paced so that it is two commits whatever the
   * machine's speed: the first create's commit takes the zone's lock only once the other 39 wait in
   * the zone's queue. The lease's age (which bounds its renewals) starts when the lock is taken, so
   * however long the 39 take to arrive, the lease is renewed for them.
   */
  const burstAfterFirst = () => {
    const writer = h.app.get(ZoneWriter);
    const lock = h.app.get(ZoneLock);
    const submits = jest.spyOn(writer, 'submit');
    const begins = jest.spyOn(h.app.get(ZoneCommitLog), 'begin');
    const take = lock.take.bind(lock);
    const takes = jest.spyOn(lock, 'take').mockImplementation(async (...args) => {
      if (takes.mock.calls.length === 1) {
        await soon('the burst queued', () => submits.mock.calls.length >= 40).catch(
          () => undefined,
        );
      }
      return take(...args);
    });
    return {
      begins,
      takes,
      send: async (name: string) => {
        const first = create(h.http, name, '198.51.100.1').then((r) => r);
        // The first create's batch is made before the lock is taken: it holds that create alone.
        await soon('the first take', () => takes.mock.calls.length === 1);
        const rest = Array.from({ length: 39 }, (_, i) =>
          create(h.http, name, `198.51.100.${i + 2}`).then((r) => r),
        );
        return Promise.all([first, ...rest]);
      },
      restore: () => {
        takes.mockRestore();
        begins.mockRestore();
        submits.mockRestore();
      },
    };
  };

  it('alternating writes to one rrset from two processes lose nothing', async () => {
    const expected: string[] = [];
    // Each round both processes hold a cached copy of the zone that the other has just changed.
    for (let i = 1; i <= 12; i += 1) {
      const server = servers()[i % 2];
      await create(server, 'shared', `192.0.2.${i}`).expect(200);
      expected.push(`192.0.2.${i}`);
    }
    expect(await contents('shared')).toEqual(expected.sort());
    expect(dig(`shared.${zone}`, 'A').answers).toHaveLength(12);
  });

  it("a process behind the other replays its commits from the zone's log, not by reading the zone", async () => {
    const reads = servers().map((_, i) =>
      jest.spyOn((i === 0 ? h.app : second).get(PdnsClient), 'getZone'),
    );
    try {
      for (let i = 1; i <= 8; i += 1) {
        await create(servers()[i % 2], 'replayed', `192.0.2.${100 + i}`).expect(200);
      }
      const wholeZoneReads = reads.flatMap((spy) =>
        spy.mock.calls.filter(([, options]) => options?.rrsets !== false),
      );
      expect(wholeZoneReads).toHaveLength(0);
      expect(await contents('replayed')).toHaveLength(8);
    } finally {
      for (const spy of reads) spy.mockRestore();
    }
  });

  it('a burst in one process keeps the lock from commit to commit, and the other replays them all', async () => {
    const reads = jest.spyOn(second.get(PdnsClient), 'getZone');
    const logKey = `scaidns:zonelog:${zone}.`;
    const redis = h.app.get<Redis>(REDIS);
    const paced = burstAfterFirst();
    try {
      await create(second.getHttpServer(), 'burst', '192.0.2.1').expect(200);
      const before = await redis.llen(logKey);
      const burst = await paced.send('burst');
      expect(burst.map((r) => r.status)).toEqual(Array(40).fill(200));
      const commits = (await redis.llen(logKey)) - before;
      // Several commits under one acquisition (renewals), each with its own entry in the log.
      expect(commits).toBeGreaterThan(paced.takes.mock.calls.length);
      await create(second.getHttpServer(), 'burst', '192.0.2.2').expect(200);
      const wholeZoneReads = reads.mock.calls.filter(([, options]) => options?.rrsets !== false);
      expect(wholeZoneReads).toHaveLength(0);
      expect(await contents('burst')).toHaveLength(42);
    } finally {
      paced.restore();
      reads.mockRestore();
    }
  });

  it("a burst's next PATCH goes while the settlement before it is written, and every create keeps its entry", async () => {
    const log = h.app.get(ZoneCommitLog);
    const paced = burstAfterFirst();
    const listing = () =>
      paced.begins.mock.calls.filter(([, , , before]) => (before ?? []).length > 0);
    // The first settlement is held until the next intent is begun (or 10 s pass): on a busy
    // machine it could otherwise be written before the next commit starts.
    const settle = log.committed.bind(log);
    let held = false;
    const settlements = jest.spyOn(log, 'committed').mockImplementation(async (...args) => {
      if (!held) {
        held = true;
        await soon('the next intent', () => listing().length > 0).catch(() => undefined);
      }
      return settle(...args);
    });
    const db = h.app.get(DataSource);
    try {
      const burst = await paced.send('piped');
      expect(burst.map((r) => r.status)).toEqual(Array(40).fill(200));
      // The next intent was written while the commit before it was still being settled, and says so.
      expect(listing()).toHaveLength(1);
      expect(listing()[0][3]).toEqual([(await paced.begins.mock.results[0].value).id]);
      // Every caller was answered once its entry was in the audit log, and nothing is left open.
      const [{ n }] = await db.query<{ n: string }[]>(
        "SELECT COUNT(*) AS n FROM audit_logs WHERE action = 'record.create' AND resource_name LIKE ?",
        [`piped.${zone}%`],
      );
      expect(Number(n)).toBe(40);
      const open = await db.query<unknown[]>(
        'SELECT id FROM zone_commit_intents WHERE pdns_zone_id = ?',
        [`${zone}.`],
      );
      expect(open).toHaveLength(0);
    } finally {
      settlements.mockRestore();
      paced.restore();
    }
  });

  it("a create's pins are read while the writer takes the lock; one that can't be read fails alone", async () => {
    const cache = h.app.get(PinCache);
    const read = cache.get.bind(cache);
    const events: string[] = [];
    let calls = 0;
    const pins = jest.spyOn(cache, 'get').mockImplementation(async (id, load) => {
      const first = calls++ === 0;
      await new Promise((r) => setTimeout(r, 50));
      events.push('pins');
      if (first) throw new AppError('NOT_READY', 'record id pins are unavailable');
      return read(id, load);
    });
    const lock = h.app.get(ZoneLock);
    const takeLock = lock.take.bind(lock);
    const take = jest.spyOn(lock, 'take').mockImplementation((zoneId) => {
      events.push('lock');
      return takeLock(zoneId);
    });
    try {
      const [one, two] = await Promise.all([
        create(h.http, 'unpinned', '192.0.2.31'),
        create(h.http, 'unpinned', '192.0.2.32'),
      ]);
      expect(events[0]).toBe('lock');
      expect([one.status, two.status].sort()).toEqual([200, 503]);
      const kept = (one.status === 200 ? one : two).body.content as string;
      expect(await contents('unpinned')).toEqual([kept]);
      expect(dig(`unpinned.${zone}`, 'A').answers).toHaveLength(1);
    } finally {
      pins.mockRestore();
      take.mockRestore();
    }
  });

  it('an open intent a later one lists as committed is settled as having happened, whatever PowerDNS holds', async () => {
    const log = h.app.get(ZoneCommitLog);
    const audit = h.app.get(AuditService);
    const db = h.app.get(DataSource);
    const zoneId = `${zone}.`;
    const entry = (name: string) =>
      audit.build([
        {
          tenantId: admin.tenantId,
          actor: { type: 'system', id: null, email: null },
          action: 'record.create',
          resourceType: 'record',
          resourceName: `${name}.${zone}`,
        },
      ]);
    const rrset = (name: string) => ({
      name: `${name}.${zone}.`,
      type: 'A',
      ttl: 300,
      records: [{ content: '192.0.2.250', disabled: false }],
    });
    // Neither is in PowerDNS: as a crash would leave two commits whose settlements both failed,
    // the first one's rrset since changed again by the second (here: never written at all).
    const first = await log.begin(zoneId, [rrset('proven')], entry('proven'));
    await first.committed;
    const second = await log.begin(zoneId, [rrset('unproven')], entry('unproven'), [first.id]);
    await second.committed;
    expect(await h.app.get(ZoneWriter).settleStale(0)).toBeGreaterThanOrEqual(2);
    const written = await db.query<{ resource_name: string }[]>(
      'SELECT resource_name FROM audit_logs WHERE resource_name IN (?, ?)',
      [`proven.${zone}`, `unproven.${zone}`],
    );
    expect(written.map((r) => r.resource_name)).toEqual([`proven.${zone}`]);
    const open = await db.query<unknown[]>(
      'SELECT id FROM zone_commit_intents WHERE id IN (?, ?)',
      [first.id, second.id],
    );
    expect(open).toHaveLength(0);
  });

  it("a content change pinned in one process reaches the other's cached pins", async () => {
    const [first, second] = servers();
    const x = (await create(first, 'pinned', '192.0.2.200').expect(200)).body;
    // The second process changes X's content: X keeps its id through a pin.
    const patched = await request(second as never)
      .patch(`/api/v1/domains/${domainId}/records/${x.id}`)
      .set(admin.auth())
      .send({ content: '192.0.2.201' })
      .expect(200);
    expect(patched.body.id).toBe(x.id);
    // The first process, which read this zone's pins before, creates X's old content again: the new
    // record must not take the id X carries.
    const again = (await create(first, 'pinned', '192.0.2.200').expect(200)).body;
    expect(again.id).not.toBe(x.id);
    const listed = await request(h.http)
      .get(`/api/v1/domains/${domainId}/records?name=pinned`)
      .set(admin.auth())
      .expect(200);
    const ids = Object.fromEntries(
      listed.body.data.map((r: { content: string; id: string }) => [r.content, r.id]),
    );
    expect(ids).toEqual({ '192.0.2.200': again.id, '192.0.2.201': x.id });
  });

  it('a domain deleted through one process is gone at once for the other (cached domains retire)', async () => {
    const [first, second] = servers();
    const name = `gone${Date.now().toString(36)}.example.com`;
    const made = await request(first as never)
      .post('/api/v1/domains')
      .set(admin.auth())
      .send({ name })
      .expect(200);
    const records = `/api/v1/domains/${made.body.id}/records`;
    // The first process has the domain in memory now.
    await request(first as never)
      .get(records)
      .set(admin.auth())
      .expect(200);
    await request(second as never)
      .delete(`/api/v1/domains/${made.body.id}?hard=true`)
      .set(admin.auth())
      .expect(204);
    await request(first as never)
      .get(records)
      .set(admin.auth())
      .expect(404);
    await request(first as never)
      .post(records)
      .set(admin.auth())
      .send({ name: 'www', type: 'A', content: '192.0.2.1' })
      .expect(404);
  });

  it('concurrent writes from two processes to one rrset lose nothing and never fail', async () => {
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => create(servers()[i % 2], 'both', `198.51.100.${i + 1}`)),
    );
    expect(results.map((r) => r.status)).toEqual(Array(60).fill(200));
    expect(await contents('both')).toHaveLength(60);
    expect(dig(`both.${zone}`, 'A').answers).toHaveLength(60);
  });

  it('an edit made in PowerDNS directly is kept by the next write after ZONE_STATE_RECHECK_MS', async () => {
    await create(h.http, 'oob', '203.0.113.1').expect(200);
    const pdns = new PdnsClient({
      apiUrl: process.env.PDNS_API_URL ?? '',
      apiKey: process.env.PDNS_API_KEY ?? '',
      serverId: process.env.PDNS_SERVER_ID ?? 'localhost',
      timeoutMs: 10_000,
    });
    try {
      await new PdnsZonePatcher(pdns).patchRRSets(`${zone}.`, [
        {
          name: `oob.${zone}.`,
          type: 'A',
          changetype: 'REPLACE',
          ttl: 3600,
          records: [
            { content: '203.0.113.1', disabled: false },
            { content: '203.0.113.2', disabled: false },
          ],
        },
      ]);
    } finally {
      await pdns.close();
    }
    await new Promise((r) =>
      setTimeout(r, Number(process.env.ZONE_STATE_RECHECK_MS ?? 1000) + 100),
    );
    await create(h.http, 'oob', '203.0.113.3').expect(200);
    expect(await contents('oob')).toEqual(['203.0.113.1', '203.0.113.2', '203.0.113.3']);
  });

  describe('PTRs and records on one reverse zone', () => {
    let reverseId: string;
    const now = Date.now();
    const net = `10.${Math.floor(now / 1000) % 250}.${(now % 200) + 20}`;
    const rev = `${net.split('.').reverse().join('.')}.in-addr.arpa.`;

    beforeAll(async () => {
      const made = await request(h.http)
        .post('/api/v1/reverse-zones')
        .set(admin.auth())
        .send({ cidr: `${net}.0/24` })
        .expect(200);
      reverseId = made.body.id;
    });

    afterAll(async () => {
      await request(h.http).delete(`/api/v1/domains/${reverseId}?hard=true`).set(admin.auth());
    });

    const setPtr = (server: unknown, ip: string, hostname: string) =>
      request(server as never)
        .post(`/api/v1/reverse-zones/${reverseId}/ptr`)
        .set(admin.auth())
        .send({ ip, hostname });
    const addRecord = (server: unknown, name: string, type: string, content: string) =>
      request(server as never)
        .post(`/api/v1/domains/${reverseId}/records`)
        .set(admin.auth())
        .send({ name, type, content });
    const ptrsAt = async (host: number): Promise<string[]> => {
      const res = await request(h.http)
        .get(`/api/v1/domains/${reverseId}/records?name=${host}&type=PTR&page_size=100`)
        .set(admin.auth())
        .expect(200);
      return res.body.data.map((r: { content: string }) => r.content).sort();
    };

    it('a PTR set in one process is seen by a record write to the same rrset in the other', async () => {
      const [first, other] = servers();
      for (let host = 1; host <= 6; host += 1) {
        // The first process caches the rrset, the other replaces it through the PTR API, then the
        // first adds to it again: a write from a stale copy would bring back a0 and drop b.
        await addRecord(first, String(host), 'PTR', `a0-${host}.example.com.`).expect(200);
        await setPtr(other, `${net}.${host}`, `b-${host}.example.com`).expect(200);
        await addRecord(first, String(host), 'PTR', `a1-${host}.example.com.`).expect(200);
        expect(await ptrsAt(host)).toEqual([`a1-${host}.example.com.`, `b-${host}.example.com.`]);
      }
    });

    it('concurrent PTR sets and record creates from two processes lose and duplicate nothing', async () => {
      const calls: Promise<request.Response>[] = [];
      for (let i = 0; i < 40; i += 1) {
        const host = 100 + (i % 20);
        const server = servers()[i % 2];
        calls.push(
          i < 20
            ? setPtr(server, `${net}.${host}`, `ptr-${host}.example.com`)
            : addRecord(server, String(host), 'TXT', `"note ${i}"`),
        );
      }
      calls.push(
        request(servers()[1] as never)
          .post(`/api/v1/reverse-zones/${reverseId}/ptr/bulk`)
          .set(admin.auth())
          .send({
            records: Array.from({ length: 10 }, (_, k) => ({
              ip: `${net}.${200 + k}`,
              hostname: `bulk-${k}.example.com`,
            })),
          }),
      );
      const results = await Promise.all(calls);
      expect(results.map((r) => r.status)).toEqual(Array(41).fill(200));
      const all = await request(h.http)
        .get(`/api/v1/domains/${reverseId}/records?page_size=100`)
        .set(admin.auth())
        .expect(200);
      const lines = (all.body.data as { name: string; type: string; content: string }[]).map(
        (r) => `${r.name} ${r.type} ${r.content}`,
      );
      expect(new Set(lines).size).toBe(lines.length);
      for (let host = 100; host < 120; host += 1) {
        expect(lines).toContain(`${host}.${rev} PTR ptr-${host}.example.com.`);
        expect(lines.filter((l) => l.startsWith(`${host}.${rev} TXT`))).toHaveLength(1);
      }
      for (let k = 0; k < 10; k += 1) {
        expect(lines).toContain(`${200 + k}.${rev} PTR bulk-${k}.example.com.`);
      }
      expect(dig(`105.${rev.slice(0, -1)}`, 'PTR').answers.map((a) => a.data)).toEqual([
        'ptr-105.example.com.',
      ]);
    });
  });

  it('a nameserver rewrite during record writes on many zones from two processes loses nothing', async () => {
    const [root] = await newTenant(h, 1);
    await grantSystemRole(h, root, 'platform_admin', { type: 'platform', id: null });
    const original = (
      await request(h.http).get('/api/v1/admin/nameservers').set(root.auth()).expect(200)
    ).body.nameservers as string[];
    const zones: ZoneFixture[] = [];
    for (let i = 0; i < 4; i += 1) zones.push(await newActiveZone(h, `nsr${i}`));
    const next = ['ns-x.rewrite.test.', 'ns-y.rewrite.test.'];
    try {
      const writes = zones.flatMap((z, zi) =>
        Array.from({ length: 12 }, (_, i) =>
          request(servers()[(zi + i) % 2] as never)
            .post(`/api/v1/domains/${z.domainId}/records`)
            .set(z.admin.auth())
            .send({ name: i % 3 === 0 ? '@' : `h${i}`, type: 'A', content: `192.0.2.${i + 1}` }),
        ),
      );
      const rewrite = request(second.getHttpServer())
        .put('/api/v1/admin/nameservers')
        .set(root.auth())
        .send({ nameservers: next });
      const [rollout, ...results] = await Promise.all([rewrite, ...writes]);
      expect(rollout.status).toBe(200);
      expect(rollout.body.zones_failed).toEqual([]);
      expect(results.map((r) => r.status)).toEqual(Array(writes.length).fill(200));
      for (const z of zones) {
        expect(
          dig(z.zone, 'NS')
            .answers.map((a) => a.data)
            .sort(),
        ).toEqual(next);
        expect(dig(z.zone, 'SOA').answers[0].data.split(' ')[0]).toBe(next[0]);
        const res = await request(h.http)
          .get(`/api/v1/domains/${z.domainId}/records?type=A&page_size=100`)
          .set(z.admin.auth())
          .expect(200);
        const lines = res.body.data.map(
          (r: { name: string; content: string }) => `${r.name} ${r.content}`,
        );
        expect(lines).toHaveLength(12);
        expect(new Set(lines).size).toBe(12);
      }
      // Every later write in either process keeps the new set (no stale copy writes the old one back).
      for (const [i, z] of zones.entries()) {
        await request(servers()[i % 2] as never)
          .post(`/api/v1/domains/${z.domainId}/records`)
          .set(z.admin.auth())
          .send({ name: 'after', type: 'TXT', content: '"x"' })
          .expect(200);
        expect(
          dig(z.zone, 'NS')
            .answers.map((a) => a.data)
            .sort(),
        ).toEqual(next);
      }
    } finally {
      await request(h.http)
        .put('/api/v1/admin/nameservers')
        .set(root.auth())
        .send({ nameservers: original })
        .expect(200);
      for (const z of zones) await z.remove();
    }
  });
});
