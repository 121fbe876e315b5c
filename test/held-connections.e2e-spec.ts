import { buildDataSourceOptions, HeldConnections, parseDatabaseUrl } from '@app/core';
import { DataSource } from 'typeorm';

/**
 * HeldConnections against the real MariaDB: a statement goes out in its caller's own turn when a
 * connection is held, and holding never starves the pool nor outlives a broken connection.
 */
describe('held connections (e2e)', () => {
  let db: Exclude<ReturnType<typeof parseDatabaseUrl>, string>;
  let ds: DataSource;
  let observed: { ms: number; ok: boolean }[];
  let lines: HeldConnections;

  const connectionId = async (via: HeldConnections | DataSource) =>
    Number((await via.query<{ id: number }[]>('SELECT CONNECTION_ID() AS id', []))[0].id);

  beforeAll(async () => {
    const parsed = parseDatabaseUrl(process.env.DATABASE_URL ?? '');
    if (typeof parsed === 'string') throw new Error(parsed);
    db = parsed;
    // A pool of two: one for the held line, one left for everybody else.
    ds = await new DataSource(buildDataSourceOptions(db, 2, 5000)).initialize();
  });

  beforeEach(() => {
    observed = [];
    lines = new HeldConnections(ds, (ms, ok) => observed.push({ ms, ok }));
  });

  afterEach(async () => {
    await lines.close();
  });

  afterAll(async () => {
    await ds.destroy();
  });

  it('sends the next statement at once on the connection it holds, and reports each one', async () => {
    const first = await connectionId(lines);
    let sent = false;
    const answer = lines.query<{ id: number }[]>('SELECT CONNECTION_ID() AS id', [], () => {
      sent = true;
    });
    // Written before query() returned: no turn of the event loop went by.
    expect(sent).toBe(true);
    expect(Number((await answer)[0].id)).toBe(first);
    expect(observed.map((o) => o.ok)).toEqual([true, true]);
  });

  it('gives its connection to whoever waits for the pool', async () => {
    const held = await connectionId(lines);
    // Take the pool's other connection, so the next query must wait for the held one.
    const other = ds.createQueryRunner();
    await other.connect();
    try {
      const started = Date.now();
      expect(await connectionId(ds)).toBe(held);
      // Well before the held connection's idle limit (one second).
      expect(Date.now() - started).toBeLessThan(500);
    } finally {
      await other.release();
    }
  });

  it('rejects a failed statement and lets its connection go, and the next one works', async () => {
    let sent = false;
    await expect(
      lines.query('SELECT * FROM no_such_table_here', [], () => {
        sent = true;
      }),
    ).rejects.toMatchObject({ errno: 1146 });
    expect(sent).toBe(true);
    expect(observed.at(-1)?.ok).toBe(false);
    expect(await connectionId(lines)).toBeGreaterThan(0);
  });

  it('does not use a held connection the server has closed', async () => {
    const held = await connectionId(lines);
    await ds.query(`KILL CONNECTION ${held}`);
    // The client notices the closed socket.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const next = await connectionId(lines);
    expect(next).not.toBe(held);
  });

  it('applies the DataSource statement timeout', async () => {
    const short = await new DataSource(buildDataSourceOptions(db, 1, 300)).initialize();
    const timed = new HeldConnections(short);
    try {
      await expect(timed.query('SELECT SLEEP(2)', [])).rejects.toMatchObject({
        code: 'PROTOCOL_SEQUENCE_TIMEOUT',
      });
    } finally {
      await timed.close();
      await short.destroy();
    }
  });
});
