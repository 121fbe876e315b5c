import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import request from 'supertest';
import { Queue } from 'bullmq';
import { ApiKey, buildDataSourceOptions, Domain, parseDatabaseUrl, SCAIDNS_QUEUE } from '@app/core';
import { newApiKeySecret } from '@app/identity';
import { PdnsClient } from '@app/pdns-client';
import { HttpFaultProxy, PrivateMariaDb, PrivateRedis } from './support/faults';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

const ROOT = join(__dirname, '..');
const DB_TIMEOUT_MS = 1500;
const REDIS_TIMEOUT_MS = 500;

/**
 * MariaDB and Redis killed or frozen under the API (private instances, by PID): every answer comes
 * within a small bound, is 503 (never 500) while the part is away, the API recovers by itself when
 * it returns, a create that failed leaves nothing behind, and nothing waits to be written later.
 */
describe('faults: MariaDB and Redis away (e2e)', () => {
  let db: PrivateMariaDb;
  let redis: PrivateRedis;
  let proxy: HttpFaultProxy;
  let h: IdentityHarness;
  let admin: TestUser;
  let domainId: string;
  let apiKey: string;
  const saved = { ...process.env };
  const statuses: number[] = [];

  const api = () => request(h.http);
  const timed = async (call: () => request.Test): Promise<{ status: number; ms: number }> => {
    const started = Date.now();
    const res = await call();
    statuses.push(res.status);
    return { status: res.status, ms: Date.now() - started };
  };
  const listDomains = () => timed(() => api().get('/api/v1/domains').set(admin.auth()));
  const listRecords = () =>
    timed(() => api().get(`/api/v1/domains/${domainId}/records`).set(admin.auth()));
  const createRecord = (content: string) =>
    timed(() =>
      api()
        .post(`/api/v1/domains/${domainId}/records`)
        .set(admin.auth())
        .send({ name: 'svc', type: 'A', content }),
    );
  const withKey = () => timed(() => api().get('/api/v1/auth/me').set('X-API-Key', apiKey));

  async function recovered(): Promise<void> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const [a, b] = [await listDomains(), await listRecords()];
      if (a.status === 200 && b.status === 200) return;
      if (Date.now() > deadline) throw new Error(`not recovered: ${a.status} ${b.status}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    db = await PrivateMariaDb.start();
    await db.createDatabase('scaidns_fault');
    const url = db.url('scaidns_fault');
    const parsed = parseDatabaseUrl(url);
    if (typeof parsed === 'string') throw new Error(parsed);
    const migrator = new DataSource(buildDataSourceOptions(parsed, 2));
    await migrator.initialize();
    await migrator.runMigrations({ transaction: 'each' });
    await migrator.destroy();
    redis = await PrivateRedis.start();
    proxy = await HttpFaultProxy.start(Number(new URL(process.env.PDNS_API_URL ?? '').port));
    Object.assign(process.env, {
      DATABASE_URL: url,
      REDIS_URL: redis.url(),
      PDNS_API_URL: proxy.url,
      DATABASE_TIMEOUT_MS: String(DB_TIMEOUT_MS),
      REDIS_TIMEOUT_MS: String(REDIS_TIMEOUT_MS),
    });
    h = await startIdentityHarness();
    [admin] = await newTenant(h, 1);
    await grantSystemRole(h, admin, 'tenant_admin');
    await grantSystemRole(h, admin, 'validation_bypass');
    const made = await api()
      .post('/api/v1/domains')
      .set(admin.auth())
      .send({ name: `svc${Date.now().toString(36)}.example.com` })
      .expect(200);
    domainId = made.body.id;
    const issued = newApiKeySecret(process.env.API_KEY_PEPPER ?? '');
    const keys = h.dataSource.getRepository(ApiKey);
    await keys.save(
      keys.create({
        tenantId: admin.tenantId,
        userId: admin.id,
        name: 'svc',
        keyPrefix: issued.prefix,
        keyHash: issued.hash,
        status: 'active',
        permissionSource: 'user',
        permissionSourceId: admin.id,
        useCount: 0,
      }),
    );
    apiKey = issued.secret;
  }, 120_000);

  afterEach(() => proxy.reset());

  afterAll(async () => {
    await api().delete(`/api/v1/domains/${domainId}?hard=true`).set(admin.auth());
    await h?.close();
    await proxy?.stop();
    await redis?.stop();
    await db?.stop();
    process.env = saved;
  });

  it('MariaDB killed: 503 at once (never 500), and the API recovers by itself', async () => {
    await recovered();
    await db.kill();
    for (const call of [listDomains, () => createRecord('192.0.2.1')]) {
      const { status, ms } = await call();
      expect(status).toBe(503);
      expect(ms).toBeLessThan(DB_TIMEOUT_MS + 1500);
    }
    // The records list comes from the zone's index (current through Redis and PowerDNS, both up):
    // MariaDB is needed only for the page's created_at, and this zone has no record yet. So it may
    // be answered; if not, it is 503 like the rest, and never 500.
    const records = await listRecords();
    expect([200, 503]).toContain(records.status);
    expect(records.ms).toBeLessThan(DB_TIMEOUT_MS + 1500);
    await db.restart();
    await recovered();
    expect((await createRecord('192.0.2.2')).status).toBe(200);
    expect(statuses.filter((s) => s === 500)).toEqual([]);
  });

  it('MariaDB frozen: every request answers 503 within the timeout, and all is well after', async () => {
    await recovered();
    db.freeze();
    try {
      const answers = await Promise.all([
        ...Array.from({ length: 12 }, () => listDomains()),
        ...Array.from({ length: 12 }, () => listRecords()),
        createRecord('192.0.2.3'),
      ]);
      for (const { status, ms } of answers) {
        expect(status).toBe(503);
        expect(ms).toBeLessThan(2 * DB_TIMEOUT_MS + 1500);
      }
    } finally {
      db.thaw();
    }
    await recovered();
    expect(statuses.filter((s) => s === 500)).toEqual([]);
  });

  it('a create PowerDNS refuses leaves neither the domain nor its name behind', async () => {
    const name = `gone${Date.now().toString(36)}.example.com`;
    proxy.once('POST', 'drop-request');
    const res = await api().post('/api/v1/domains').set(admin.auth()).send({ name });
    expect(res.status).toBe(502);
    expect(await h.dataSource.getRepository(Domain).countBy({ name })).toBe(0);
    proxy.reset();
    const again = await api().post('/api/v1/domains').set(admin.auth()).send({ name }).expect(200);
    await api().delete(`/api/v1/domains/${again.body.id}?hard=true`).set(admin.auth());
  });

  it('MariaDB dies while the zone is being made: 5xx, and neither row nor zone is left', async () => {
    const name = `half${Date.now().toString(36)}.example.com`;
    proxy.beforeAnswer = async (method, path) => {
      if (method === 'POST' && path.split('?')[0].endsWith('/zones')) await db.kill();
    };
    const res = await api().post('/api/v1/domains').set(admin.auth()).send({ name });
    proxy.reset();
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(res.status).not.toBe(500);
    await db.restart();
    await recovered();
    expect(await h.dataSource.getRepository(Domain).countBy({ name })).toBe(0);
    const pdns = new PdnsClient({
      apiUrl: saved.PDNS_API_URL ?? '',
      apiKey: process.env.PDNS_API_KEY ?? '',
      serverId: 'localhost',
      timeoutMs: 5000,
    });
    try {
      expect((await pdns.listZones({ zone: name })).length).toBe(0);
    } finally {
      await pdns.close();
    }
  });

  const recordCount = async () =>
    (
      await api()
        .get(`/api/v1/domains/${domainId}/records?name=svc&page_size=100`)
        .set(admin.auth())
        .expect(200)
    ).body.total as number;

  it('Redis killed: writes 503 at once, reads and API keys still answer, nothing is written later', async () => {
    await recovered();
    const before = await recordCount();
    await redis.kill();
    try {
      const write = await createRecord('192.0.2.10');
      expect(write.status).toBe(503);
      expect(write.ms).toBeLessThan(1500);
      for (const call of [listDomains, listRecords, withKey]) {
        const { status, ms } = await call();
        expect(status).toBe(200);
        expect(ms).toBeLessThan(1500);
      }
    } finally {
      await redis.restart();
    }
    // Back, and empty: no write of the outage goes out now.
    await new Promise((r) => setTimeout(r, 1500));
    expect(await recordCount()).toBe(before);
    expect((await createRecord('192.0.2.11')).status).toBe(200);
    expect(await recordCount()).toBe(before + 1);
    expect(statuses.filter((s) => s === 500)).toEqual([]);
  });

  it('Redis frozen: writes 503 within the timeout, reads still answer', async () => {
    await recovered();
    redis.freeze();
    try {
      const write = await createRecord('192.0.2.12');
      expect(write.status).toBe(503);
      // One timeout, not one per Redis command the request needs.
      expect(write.ms).toBeLessThan(REDIS_TIMEOUT_MS + 700);
      const read = await listDomains();
      expect(read.status).toBe(200);
      expect(read.ms).toBeLessThan(REDIS_TIMEOUT_MS + 700);
    } finally {
      redis.thaw();
    }
    expect(statuses.filter((s) => s === 500)).toEqual([]);
  });

  it("the worker's schedules come back when Redis restarts empty", async () => {
    const worker: ChildProcess = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/main.js')], {
      cwd: ROOT,
      env: { ...process.env, ENV_FILE: '/dev/null', LOG_LEVEL: 'ERROR' },
      stdio: 'ignore',
    });
    const exited = new Promise((r) => worker.once('exit', r));
    const queue = new Queue(SCAIDNS_QUEUE, {
      connection: { url: redis.url(), maxRetriesPerRequest: null },
      prefix: 'scaidns',
    });
    const schedules = async () => {
      try {
        return (await queue.getJobSchedulers()).map((s) => s.key).sort();
      } catch {
        return [];
      }
    };
    const waitFor = async (want: string[], ms: number) => {
      const deadline = Date.now() + ms;
      for (;;) {
        const have = await schedules();
        if (want.every((k) => have.includes(k))) return have;
        if (Date.now() > deadline) throw new Error(`schedules: ${have.join(', ')}`);
        await new Promise((r) => setTimeout(r, 500));
      }
    };
    const expected = ['validation-sweep', 'zone-commit-sweep'];
    try {
      await waitFor(expected, 30_000);
      await redis.restart();
      await waitFor(expected, 25_000);
    } finally {
      worker.kill('SIGTERM');
      await exited;
      await queue.close();
    }
  }, 90_000);
});
