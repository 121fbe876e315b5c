import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { AuditLog, buildDataSourceOptions, parseDatabaseUrl } from '@app/core';
import { PdnsClient } from '@app/pdns-client';
import { ZoneWriter } from '@app/zones';
import { HttpFaultProxy, PrivateMariaDb, PrivatePdns } from './support/faults';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

/**
 * Record writes while PowerDNS or MariaDB dies mid-commit, round after round (private instances,
 * killed by PID). Afterwards, with everything back and what was left open settled: every record
 * PowerDNS holds has exactly one audit entry, no entry exists for a record that isn't there, and
 * every 200 has its record.
 */
describe('faults: every committed change has exactly one audit entry (e2e)', () => {
  let db: PrivateMariaDb;
  let pdns: PrivatePdns;
  let proxy: HttpFaultProxy;
  let h: IdentityHarness;
  let admin: TestUser;
  let domainId: string;
  let zone: string;
  const saved = { ...process.env };
  const answered = new Map<string, number>();
  /** What the zone writer reported about unanswered PATCHes and left-open commits. */
  const reports: string[] = [];

  const api = () => request(h.http);
  const create = (content: string) =>
    api()
      .post(`/api/v1/domains/${domainId}/records`)
      .set(admin.auth())
      .send({ name: 'f', type: 'A', content });

  beforeAll(async () => {
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => {
      if (typeof message === 'string') reports.push(message);
    });
    db = await PrivateMariaDb.start();
    await db.createDatabase('scaidns_fault');
    const url = db.url('scaidns_fault');
    const parsed = parseDatabaseUrl(url);
    if (typeof parsed === 'string') throw new Error(parsed);
    const migrator = new DataSource(buildDataSourceOptions(parsed, 2));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    pdns = await PrivatePdns.start();
    proxy = await HttpFaultProxy.start(pdns.apiPort);
    Object.assign(process.env, {
      DATABASE_URL: url,
      PDNS_API_URL: proxy.url,
      PDNS_API_KEY: pdns.apiKey,
      PDNS_TIMEOUT_MS: '2000',
      DATABASE_TIMEOUT_MS: '1500',
      DATABASE_POOL_SIZE: '10',
    });
    h = await startIdentityHarness();
    [admin] = await newTenant(h, 1);
    await grantSystemRole(h, admin, 'tenant_admin');
    await grantSystemRole(h, admin, 'validation_bypass');
    zone = `fault${Date.now().toString(36)}.example.com`;
    const made = await api().post('/api/v1/domains').set(admin.auth()).send({ name: zone });
    expect(made.status).toBe(200);
    domainId = made.body.id;
  }, 120_000);

  afterEach(() => proxy.reset());

  afterAll(async () => {
    // Statements the kills left hanging end within DATABASE_TIMEOUT_MS: let them, before closing.
    await new Promise((r) => setTimeout(r, 2000));
    await api().delete(`/api/v1/domains/${domainId}?hard=true`).set(admin.auth());
    await h?.close();
    await proxy?.stop();
    await pdns?.stop();
    await db?.stop();
    process.env = saved;
  });

  /** Fires `count` creates and kills `victim` a few milliseconds in, then brings it back. */
  async function round(n: number, victim: PrivateMariaDb | PrivatePdns, count = 24): Promise<void> {
    const calls = Array.from({ length: count }, async (_, i) => {
      await new Promise((r) => setTimeout(r, i % 6));
      const content = `10.${n}.${Math.floor(i / 250)}.${(i % 250) + 1}`;
      const res = await create(content);
      if (res.status === 200) answered.set(content, (answered.get(content) ?? 0) + 1);
      return res.status;
    });
    await new Promise((r) => setTimeout(r, 4 + (n % 5) * 3));
    await victim.kill();
    try {
      const statuses = await Promise.all(calls);
      expect(statuses.filter((s) => s !== 200 && s < 500)).toEqual([]);
    } finally {
      await victim.restart();
    }
  }

  /** Until everything answers again and nothing is left open. */
  async function settleEverything(): Promise<void> {
    const deadline = Date.now() + 30_000;
    let last: unknown = null;
    for (;;) {
      try {
        const res = await create(`10.250.0.${Math.floor(Math.random() * 250) + 1}`);
        last = { status: res.status, body: res.body };
        if (res.status === 200) answered.set(res.body.content, 1);
        if (res.status === 200 || res.status === 409) {
          await h.app.get(ZoneWriter).settleStale(0);
          const left = await h.dataSource.query<{ n: string }[]>(
            'SELECT COUNT(*) AS n FROM zone_commit_intents',
          );
          if (Number(left[0].n) === 0) return;
        }
      } catch (error) {
        // MariaDB's pool is still finding its feet.
        last = error;
      }
      if (Date.now() > deadline) {
        throw new Error(
          `could not settle the zone commits: ${JSON.stringify(last)} ${String(last)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }

  async function check(): Promise<void> {
    const client = new PdnsClient({
      apiUrl: pdns.apiUrl,
      apiKey: pdns.apiKey,
      serverId: 'localhost',
      timeoutMs: 5000,
    });
    let held: string[];
    try {
      const z = await client.getZone(`${zone}.`, { rrsets: true, rrsetName: `f.${zone}.` });
      held = (z.rrsets ?? []).flatMap((r) => r.records.map((rec) => rec.content));
    } finally {
      await client.close();
    }
    const entries = await h.dataSource
      .getRepository(AuditLog)
      .find({ where: { action: 'record.create', tenantId: admin.tenantId } });
    const audited = new Map<string, number>();
    for (const e of entries) {
      const content = (e.details?.after as { content?: string } | undefined)?.content ?? '';
      audited.set(content, (audited.get(content) ?? 0) + 1);
    }
    const lost = held.filter((c) => audited.get(c) !== 1);
    const ghosts = [...audited.keys()].filter((c) => !held.includes(c));
    const missing = [...answered.keys()].filter((c) => !held.includes(c));
    expect({ lost, ghosts, missing }).toEqual({ lost: [], ghosts: [], missing: [] });
    expect(held.length).toBeGreaterThan(0);
  }

  const recordsHeld = async (): Promise<string[]> => {
    const res = await api()
      .get(`/api/v1/domains/${domainId}/records?name=f&page_size=100`)
      .set(admin.auth())
      .expect(200);
    return res.body.data.map((r: { content: string }) => r.content);
  };

  it('PowerDNS commits but its answer is lost: read back, 200 for all, each audited once', async () => {
    reports.length = 0;
    proxy.once('PATCH', 'drop-response');
    const contents = Array.from({ length: 12 }, (_, i) => `10.1.0.${i + 1}`);
    const results = await Promise.all(contents.map((c) => create(c)));
    proxy.reset();
    expect(results.map((r) => r.status)).toEqual(Array(12).fill(200));
    for (const c of contents) answered.set(c, 1);
    expect(reports.some((r) => /failed ambiguously .* read back: committed/.test(r))).toBe(true);
    expect(await recordsHeld()).toEqual(expect.arrayContaining(contents));
    await check();
  });

  it('a PATCH lost on its way is read back as not applied: 502, nothing written, no entry', async () => {
    reports.length = 0;
    proxy.once('PATCH', 'drop-request');
    const res = await create('10.2.0.1');
    proxy.reset();
    expect(res.status).toBe(502);
    expect(reports.some((r) => /read back: not applied/.test(r))).toBe(true);
    expect(await recordsHeld()).not.toContain('10.2.0.1');
    await check();
  });

  it('no answer and PowerDNS stays away: 502 in bounded time, and the next write settles it', async () => {
    reports.length = 0;
    proxy.once('PATCH', 'drop-response');
    proxy.beforeAnswer = async (method) => {
      if (method === 'PATCH') proxy.away = true;
    };
    const started = Date.now();
    const res = await create('10.3.0.1');
    expect(res.status).toBe(502);
    expect(res.body.detail).toMatch(/will be settled/);
    expect(Date.now() - started).toBeLessThan(15_000);
    proxy.reset();
    const left = await h.dataSource.query<{ n: string }[]>(
      'SELECT COUNT(*) AS n FROM zone_commit_intents',
    );
    expect(Number(left[0].n)).toBe(1);
    // PowerDNS did commit it: the next write settles the intent (entry written) before its own.
    const next = await create('10.3.0.2').expect(200);
    answered.set('10.3.0.1', 1);
    answered.set(next.body.content, 1);
    expect(reports.some((r) => /settled zone commit .* committed/.test(r))).toBe(true);
    await check();
  });

  it('MariaDB dies between the PowerDNS commit and the audit: 200, entries written once it is back', async () => {
    reports.length = 0;
    proxy.once('PATCH', 'pass');
    let armed = true;
    proxy.beforeAnswer = async (method) => {
      if (method !== 'PATCH' || !armed) return;
      armed = false;
      await db.kill();
    };
    const res = await create('10.4.0.1');
    proxy.reset();
    expect(res.status).toBe(200);
    answered.set('10.4.0.1', 1);
    expect(reports.some((r) => /could not settle zone commit/.test(r))).toBe(true);
    await db.restart();
    await settleEverything();
    await check();
  });

  it('MariaDB refuses the intent while PowerDNS commits it: the change is undone, 503, no entry', async () => {
    reports.length = 0;
    // The intent's INSERT and the PATCH run side by side: PowerDNS commits, MariaDB refuses.
    await h.dataSource.query(
      "CREATE TRIGGER test_refuse_intent BEFORE INSERT ON zone_commit_intents FOR EACH ROW SIGNAL SQLSTATE 'HY000' SET MYSQL_ERRNO = 1053, MESSAGE_TEXT = 'refused by the test'",
    );
    let res: request.Response;
    try {
      res = await create('10.5.0.1');
    } finally {
      await h.dataSource.query('DROP TRIGGER test_refuse_intent');
    }
    expect(res.status).toBe(503);
    expect(reports.some((r) => /could not be written: the change was undone/.test(r))).toBe(true);
    expect(await recordsHeld()).not.toContain('10.5.0.1');
    const next = await create('10.5.0.2').expect(200);
    answered.set(next.body.content, 1);
    await check();
  });

  it('PowerDNS killed mid-commit, many rounds: lost 0, ghosts 0, every 200 a record', async () => {
    for (let n = 101; n <= 108; n += 1) await round(n, pdns);
    await settleEverything();
    await check();
  }, 240_000);

  it('MariaDB killed mid-commit, many rounds: lost 0, ghosts 0, every 200 a record', async () => {
    for (let n = 120; n < 126; n += 1) await round(n, db);
    await settleEverything();
    await check();
  }, 240_000);
});
