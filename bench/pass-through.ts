/**
 * The records benchmark's two floors: bare Node HTTP servers (no framework) that take a record as
 * JSON, send PowerDNS the same PATCH ScaiDNS would, with ScaiDNS's own PowerDNS client, and answer
 * once PowerDNS has.
 *
 * - `FLOOR=pass-through`: only that. What it costs over raw PowerDNS is the least any HTTP service
 *   in front of PowerDNS adds on this machine: one more HTTP hop and a JSON body each way.
 * - `FLOOR=required-steps`: also the round trips a create needs to keep ScaiDNS's guarantees, and
 *   nothing else: the caller's rate limit in Redis (one script, as RateLimiter runs it); the zone's
 *   lock across processes taken in Redis (one SET NX, written with the rate limit's script: one
 *   round trip for both) before the PATCH; the audit entry made durable in MariaDB (an
 *   autocommitted INSERT, shared by the creates that come while one is in flight) while PowerDNS
 *   commits; the lock let go with the commit published in the zone's log (one script) before the
 *   answer. Its intent is settled after the answer (a lower bound: ScaiDNS settles before it), in
 *   shared transactions too. A token is known at once (ScaiDNS verifies a token once, then
 *   remembers it). Creates to one zone that come while its commit runs share the next one (one
 *   PATCH, one intent), as in ScaiDNS.
 *
 *   started by bench/records.bench.ts: PORT, FLOOR, PDNS_API_URL, PDNS_API_KEY, and for
 *   required-steps DATABASE_URL and REDIS_URL in the environment
 */
import 'tsconfig-paths/register';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import Redis from 'ioredis';
import { createPool, type Pool } from 'mysql2/promise';
import { RateLimiter } from '@app/core';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import { benchPdnsClient } from './pdns';

interface Create {
  readonly zone: string;
  readonly name: string;
  readonly content: string;
}

// The required-steps floor talks to PowerDNS over as many connections as ScaiDNS does (16).
const pdns = benchPdnsClient(process.env.FLOOR === 'required-steps' ? 16 : 64);
const patcher = new PdnsZonePatcher(pdns);

/** A create waiting for its zone's next commit. */
interface Waiting {
  readonly token: string;
  readonly record: Create;
  resolve(done: boolean): void;
  reject(error: unknown): void;
}

const patch = (zone: string, records: readonly Create[]) =>
  patcher.patchRRSets(
    zone,
    records.map(({ name, content }) => ({
      name: `${name}.${zone}`,
      type: 'A',
      changetype: 'REPLACE' as const,
      ttl: 300,
      records: [{ content }],
    })),
  );

const INTENTS = 'bench_floor_intents';
const AUDIT = 'bench_floor_audit';
/** Lets the lock go, if still ours, with the commit appended to the zone's log. */
const RELEASE_SCRIPT = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[2])
redis.call('LTRIM', KEYS[2], -1000, -1)
redis.call('PEXPIRE', KEYS[2], 600000)
redis.call('DEL', KEYS[1])
return 1`;
const settlement = (count: number) => `BEGIN NOT ATOMIC
  DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;
  SET TRANSACTION ISOLATION LEVEL READ COMMITTED;
  START TRANSACTION;
  DELETE FROM ${INTENTS} WHERE id IN (${Array(count).fill('?').join(', ')});
  INSERT INTO ${AUDIT} (id, zone, entry, created_at) VALUES ${Array(count).fill('(?, ?, ?, NOW(6))').join(', ')};
  COMMIT;
END`;

/**
 * One statement at a time: rows asked for while one is in flight share the next (as ScaiDNS's
 * intents and settlements do), so writes to many zones at once cost a few commits, not one each.
 */
class Grouped<R> {
  private queue: { row: R; done: (error?: Error) => void }[] = [];
  private busy = false;

  constructor(private readonly write: (rows: R[]) => Promise<unknown>) {}

  add(row: R): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queue.push({ row, done: (error) => (error ? reject(error) : resolve()) });
      if (!this.busy) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.busy = true;
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, 200);
      await this.write(batch.map((q) => q.row)).then(
        () => batch.forEach((q) => q.done()),
        (error: unknown) =>
          batch.forEach((q) => q.done(error instanceof Error ? error : new Error(String(error)))),
      );
    }
    this.busy = false;
  }
}

/** The required-steps floor's state: Redis, MariaDB and each zone's in-process queue. */
class RequiredSteps {
  private readonly redis = new Redis(process.env.REDIS_URL ?? '');
  private readonly limiter = new RateLimiter(this.redis);
  private readonly db: Pool;
  private readonly queues = new Map<string, Waiting[]>();
  private readonly intents = new Grouped<unknown[]>((rows) =>
    this.db.query(
      `INSERT INTO ${INTENTS} VALUES ${rows.map(() => '(?, ?, ?, ?, NOW(6))').join(', ')}`,
      rows.flat(),
    ),
  );
  private readonly settlements = new Grouped<{ id: string; zone: string; entry: string }>((rows) =>
    this.db.query(settlement(rows.length), [
      ...rows.map((r) => r.id),
      ...rows.flatMap((r) => [r.id, r.zone, r.entry]),
    ]),
  );

  constructor() {
    const url = new URL(process.env.DATABASE_URL ?? '');
    this.db = createPool({
      host: url.hostname,
      port: Number(url.port || 3306),
      user: decodeURIComponent(url.username),
      password: decodeURIComponent(url.password),
      database: url.pathname.slice(1),
      connectionLimit: 16,
    });
  }

  async setUp(): Promise<void> {
    await this.db.query(
      `CREATE TABLE IF NOT EXISTS ${INTENTS} (id CHAR(36) PRIMARY KEY, zone VARCHAR(255) NOT NULL, rrsets LONGTEXT NOT NULL, entries LONGTEXT NOT NULL, created_at DATETIME(6) NOT NULL)`,
    );
    await this.db.query(
      `CREATE TABLE IF NOT EXISTS ${AUDIT} (id CHAR(36) PRIMARY KEY, zone VARCHAR(255) NOT NULL, entry LONGTEXT NOT NULL, created_at DATETIME(6) NOT NULL)`,
    );
  }

  /** Answers true once committed, false when the rate limit refused it. */
  create(token: string, record: Create): Promise<boolean> {
    return new Promise((resolve, reject) => {
      const waiting = { token, record, resolve, reject };
      const queue = this.queues.get(record.zone);
      if (queue) queue.push(waiting);
      else {
        this.queues.set(record.zone, [waiting]);
        void this.drain(record.zone);
      }
    });
  }

  /** A zone's writes, one commit after another: each takes every create that came meanwhile. */
  private async drain(zone: string): Promise<void> {
    const queue = this.queues.get(zone) ?? [];
    while (queue.length > 0) {
      const batch = queue.splice(0, queue.length);
      await this.commit(zone, batch).catch((error: unknown) => {
        console.error(`required steps: ${String(error)}`);
        for (const w of batch) w.reject(error);
      });
    }
    this.queues.delete(zone);
  }

  private async commit(zone: string, batch: readonly Waiting[]): Promise<void> {
    const lock = `bench:floor:lock:${zone}`;
    const holder = randomUUID();
    // The rate limits and the lock in one round trip (the commands written at once).
    const take = () => this.redis.set(lock, holder, 'PX', 10_000, 'NX');
    const [taken, ...limits] = await Promise.all([
      take(),
      ...batch.map((w) => this.limiter.consume(`floor:${w.token}`, 100_000_000)),
    ]);
    const allowed = batch.filter((w, k) => {
      if (!limits[k].allowed) w.resolve(false);
      return limits[k].allowed;
    });
    if (taken === null) while ((await take()) === null) await new Promise((r) => setTimeout(r, 1));
    const id = randomUUID();
    const records = allowed.map((w) => w.record);
    const entries = JSON.stringify(
      records.map((r) => ({ action: 'record.create', ...r, at: Date.now() })),
    );
    const rrsets = JSON.stringify(
      records.map((r) => ({ name: r.name, type: 'A', records: [r.content] })),
    );
    try {
      if (records.length > 0) {
        await Promise.all([this.intents.add([id, zone, rrsets, entries]), patch(zone, records)]);
      }
    } finally {
      await this.redis.eval(RELEASE_SCRIPT, 2, lock, `bench:floor:log:${zone}`, holder, id);
    }
    if (records.length > 0) {
      void this.settlements.add({ id, zone, entry: entries }).catch(() => undefined);
    }
    for (const w of allowed) w.resolve(true);
  }

  async close(): Promise<void> {
    await this.db.query(`DROP TABLE IF EXISTS ${INTENTS}, ${AUDIT}`).catch(() => undefined);
    await this.db.end();
    this.redis.disconnect();
  }
}

const steps = process.env.FLOOR === 'required-steps' ? new RequiredSteps() : null;

const readJson = (req: IncomingMessage): Promise<Create> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('error', reject);
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString()) as Create);
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
  });

const server = createServer((req, res) => {
  const answer = (status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  readJson(req)
    .then(async (record) => {
      const done = steps
        ? await steps.create(req.headers.authorization ?? '', record)
        : (await patch(record.zone, [record]), true);
      if (done) answer(200, { name: record.name, type: 'A', content: record.content });
      else answer(429, { detail: 'rate limited' });
    })
    .catch((error: unknown) => answer(502, { detail: String(error) }));
});

void (steps?.setUp() ?? Promise.resolve()).then(() =>
  server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready')),
);
process.on('SIGTERM', () => {
  server.close();
  void Promise.all([pdns.close(), steps?.close()]).finally(() => process.exit(0));
});
