import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { AppError } from '../errors/app-error';
import { inTransaction } from './transaction';

function refused(errno: number): QueryFailedError {
  return new QueryFailedError('q', [], Object.assign(new Error(`errno ${errno}`), { errno }));
}

/** A DataSource whose transactions fail with `failures`, in turn, then succeed. */
function dataSourceFailing(...failures: Error[]) {
  const calls: unknown[][] = [];
  const dataSource = {
    transaction: jest.fn(async (...args: unknown[]) => {
      calls.push(args);
      const work = args[args.length - 1] as (m: EntityManager) => Promise<unknown>;
      const failure = failures.shift();
      if (failure) throw failure;
      return work({} as EntityManager);
    }),
  };
  return { dataSource: dataSource as unknown as DataSource, calls };
}

describe('inTransaction', () => {
  it('runs the work again after a deadlock or a lock wait timeout', async () => {
    const { dataSource, calls } = dataSourceFailing(refused(1213), refused(1205));
    await expect(inTransaction(dataSource, async () => 'done')).resolves.toBe('done');
    expect(calls).toHaveLength(3);
  });

  it('gives up as 503 "busy" after the last attempt, never the driver error', async () => {
    const { dataSource, calls } = dataSourceFailing(refused(1213), refused(1213), refused(1213));
    const failure = await inTransaction(dataSource, async () => 'never', { attempts: 3 }).catch(
      (e: unknown) => e,
    );
    expect(failure).toBeInstanceOf(AppError);
    expect(failure).toMatchObject({ code: 'NOT_READY', detail: 'The database is busy; try again' });
    expect(calls).toHaveLength(3);
  });

  it('does not run again on other failures, duplicates included, unless it is an upsert', async () => {
    const duplicate = refused(1062);
    const once = dataSourceFailing(duplicate);
    await expect(inTransaction(once.dataSource, async () => 'x')).rejects.toBe(duplicate);
    expect(once.calls).toHaveLength(1);

    const upsert = dataSourceFailing(refused(1062));
    await expect(
      inTransaction(upsert.dataSource, async () => 'updated', { retryOnDuplicate: true }),
    ).resolves.toBe('updated');
    expect(upsert.calls).toHaveLength(2);

    const bug = new Error('a bug');
    const plain = dataSourceFailing(bug);
    await expect(inTransaction(plain.dataSource, async () => 'x')).rejects.toBe(bug);
    expect(plain.calls).toHaveLength(1);
  });

  it('passes the isolation level on', async () => {
    const { dataSource, calls } = dataSourceFailing();
    await inTransaction(dataSource, async () => 1, { isolation: 'READ COMMITTED' });
    expect(calls[0][0]).toBe('READ COMMITTED');
  });
});
