import { randomUUID } from 'node:crypto';
import { AuditService } from '@app/audit';
import {
  buildDataSourceOptions,
  oneTripTransaction,
  parseDatabaseUrl,
  type SqlStatement,
} from '@app/core';
import { ZoneBaselines, ZoneCommitLog } from '@app/zones';
import { DataSource } from 'typeorm';

/**
 * A zone commit's settlement against the real MariaDB: normally one round trip (a MariaDB compound
 * statement), falling back to statement by statement when an intent was already settled elsewhere.
 */
describe('settling zone commits in one round trip (e2e)', () => {
  let ds: DataSource;
  let log: ZoneCommitLog;
  let audit: AuditService;
  const table = `one_trip_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    const db = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
    if (typeof db === 'string') throw new Error(db);
    // One connection: whatever a transaction leaves open, the next query on the pool would see.
    ds = await new DataSource(buildDataSourceOptions(db, 1)).initialize();
    audit = new AuditService(ds);
    log = new ZoneCommitLog(ds, audit, new ZoneBaselines(ds));
    await ds.query(`CREATE TABLE ${table} (id INT PRIMARY KEY, v VARCHAR(64)) ENGINE=InnoDB`);
  });

  afterAll(async () => {
    await ds.query(`DROP TABLE IF EXISTS ${table}`);
    await ds.destroy();
  });

  const insert = (id: number, v: string): SqlStatement => ({
    sql: `INSERT INTO ${table} (id, v) VALUES (?, ?)`,
    params: [id, v],
  });
  const rows = async () =>
    (await ds.query<{ id: number; v: string }[]>(`SELECT id, v FROM ${table} ORDER BY id`)).map(
      (r) => [r.id, r.v],
    );
  const inTransaction = async () =>
    Number((await ds.query<{ t: number }[]>('SELECT @@in_transaction AS t'))[0].t);

  describe('oneTripTransaction', () => {
    beforeEach(async () => {
      await ds.query(`DELETE FROM ${table}`);
      await ds.query(`INSERT INTO ${table} (id, v) VALUES (1, 'guard'), (2, 'guard')`);
    });

    const guard: SqlStatement = {
      sql: `DELETE FROM ${table} WHERE id IN (?, ?)`,
      params: [1, 2],
    };

    it('commits the statements when the guard affected the rows expected', async () => {
      // Values that would break naive SQL: quotes, a semicolon, a question mark.
      await expect(
        oneTripTransaction(ds, guard, 2, [insert(10, "it's; done?"), insert(11, 'b')]),
      ).resolves.toBe(true);
      expect(await rows()).toEqual([
        [10, "it's; done?"],
        [11, 'b'],
      ]);
      expect(await inTransaction()).toBe(0);
    });

    it('rolls everything back, the guard too, when it affected fewer rows', async () => {
      await ds.query(`DELETE FROM ${table} WHERE id = 2`);
      await expect(oneTripTransaction(ds, guard, 2, [insert(10, 'a')])).resolves.toBe(false);
      expect(await rows()).toEqual([[1, 'guard']]);
      expect(await inTransaction()).toBe(0);
    });

    it("rejects with MariaDB's own error and leaves nothing, nor an open transaction", async () => {
      const failure = await oneTripTransaction(ds, guard, 2, [insert(10, 'a'), insert(10, 'dup')])
        .then(() => null)
        .catch((e: unknown) => e as { errno?: number });
      expect(failure?.errno).toBe(1062);
      expect(await rows()).toEqual([
        [1, 'guard'],
        [2, 'guard'],
      ]);
      expect(await inTransaction()).toBe(0);
    });

    it('refuses a statement carrying its own ";"', async () => {
      await expect(
        oneTripTransaction(ds, guard, 2, [{ sql: `DELETE FROM ${table}; SELECT 1`, params: [] }]),
      ).rejects.toThrow(/";"/);
      expect(await rows()).toHaveLength(2);
    });
  });

  describe('ZoneCommitLog.committed', () => {
    const zoneId = `settle-${randomUUID().slice(0, 8)}.example.test.`;
    const domainId = randomUUID();

    afterAll(async () => {
      // The audit log is append-only; what else these tests wrote goes.
      await ds.query('DELETE FROM record_stamps WHERE domain_id = ?', [domainId]);
      await ds.query('DELETE FROM zone_baseline_rrsets WHERE pdns_zone_id = ?', [zoneId]);
      await ds.query('DELETE FROM zone_baselines WHERE pdns_zone_id = ?', [zoneId]);
    });
    const entry = (name: string) =>
      audit.build([
        {
          tenantId: null,
          actor: { type: 'system', id: null, email: null },
          action: 'record.create',
          resourceType: 'record',
          resourceName: name,
        },
      ]);
    const rrset = (name: string) => ({
      name: `${name}.${zoneId}`,
      type: 'A',
      ttl: 300,
      records: [{ content: '192.0.2.1', disabled: false }],
    });
    const stamps = (name: string) => ({
      domainId,
      at: new Date(),
      changes: [
        { name: `${name}.${zoneId}`, type: 'A', added: ['192.0.2.1'], removed: [], carried: [] },
      ],
    });
    /** Begins an intent and waits for it to be committed, as the zone writer does. */
    const begin = async (name: string) => {
      const entries = entry(name);
      const intent = await log.begin(zoneId, [rrset(name)], entries);
      await intent.committed;
      return { id: intent.id, entries };
    };
    const settle = (name: string, opened: { id: string; entries: ReturnType<typeof entry> }) =>
      log.committed(opened.id, opened.entries, stamps(name), {
        zoneId,
        rrsets: [rrset(name)],
      });
    const written = async (name: string) => ({
      entries: Number(
        (
          await ds.query<{ n: number }[]>(
            'SELECT COUNT(*) AS n FROM audit_logs WHERE resource_name = ?',
            [name],
          )
        )[0].n,
      ),
      stamps: Number(
        (
          await ds.query<{ n: number }[]>(
            'SELECT COUNT(*) AS n FROM record_stamps WHERE domain_id = ? AND fqdn = ?',
            [domainId, `${name}.${zoneId}`],
          )
        )[0].n,
      ),
      baseline: Number(
        (
          await ds.query<{ n: number }[]>(
            'SELECT COUNT(*) AS n FROM zone_baseline_rrsets WHERE pdns_zone_id = ? AND fqdn = ?',
            [zoneId, `${name}.${zoneId}`],
          )
        )[0].n,
      ),
    });
    const open = async () =>
      Number(
        (
          await ds.query<{ n: number }[]>(
            'SELECT COUNT(*) AS n FROM zone_commit_intents WHERE pdns_zone_id = ?',
            [zoneId],
          )
        )[0].n,
      );

    it('writes the entries, the stamps and the baseline, and removes the intent', async () => {
      const name = `a-${randomUUID().slice(0, 6)}`;
      await settle(name, await begin(name));
      expect(await written(name)).toEqual({ entries: 1, stamps: 1, baseline: 1 });
      expect(await open()).toBe(0);
      expect(await inTransaction()).toBe(0);
    });

    it('writes nothing for an intent another process already settled', async () => {
      const name = `b-${randomUUID().slice(0, 6)}`;
      const opened = await begin(name);
      await ds.query('DELETE FROM zone_commit_intents WHERE id = ?', [opened.id]);
      await settle(name, opened);
      expect(await written(name)).toEqual({ entries: 0, stamps: 0, baseline: 0 });
    });

    it('in a batch where one intent is already settled, writes for the open ones only', async () => {
      const names = [0, 1, 2, 3].map((i) => `c${i}-${randomUUID().slice(0, 6)}`);
      const opened: Awaited<ReturnType<typeof begin>>[] = [];
      for (const name of names) opened.push(await begin(name));
      await ds.query('DELETE FROM zone_commit_intents WHERE id = ?', [opened[3].id]);
      // Two settlers take the first two; the last two queue and share one transaction.
      await Promise.all(names.map((name, i) => settle(name, opened[i])));
      expect(await written(names[2])).toEqual({ entries: 1, stamps: 1, baseline: 1 });
      expect(await written(names[3])).toEqual({ entries: 0, stamps: 0, baseline: 0 });
      expect(await open()).toBe(0);
    });
  });
});
