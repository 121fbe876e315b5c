import type { DataSource } from 'typeorm';
import { type DomainCache, DomainChangeNotifier } from './domain-cache';
import { AuditLog } from './entities/audit-log.entity';
import { Domain } from './entities/domain.entity';
import { Tenant } from './entities/tenant.entity';

function setup() {
  const dataSource = { subscribers: [] as unknown[] };
  const cache = { retireAll: jest.fn().mockResolvedValue(undefined) };
  const notifier = new DomainChangeNotifier(
    dataSource as unknown as DataSource,
    cache as unknown as DomainCache,
  );
  const runner = { isTransactionActive: false, data: {} as Record<string, unknown> };
  const entityEvent = (target: unknown) => ({ metadata: { target }, queryRunner: runner }) as never;
  const txEvent = () => ({ queryRunner: runner }) as never;
  return { dataSource, cache, notifier, runner, entityEvent, txEvent };
}

describe('DomainChangeNotifier', () => {
  it('subscribes itself to the DataSource', () => {
    const { dataSource, notifier } = setup();
    expect(dataSource.subscribers).toContain(notifier);
  });

  it('outside a transaction, a domain or tenant write retires cached domains at once', async () => {
    const { cache, notifier, entityEvent } = setup();
    await notifier.afterUpdate(entityEvent(Domain));
    await notifier.afterInsert(entityEvent(Tenant));
    await notifier.afterRemove(entityEvent(AuditLog));
    expect(cache.retireAll).toHaveBeenCalledTimes(2);
  });

  it('inside a transaction, only once the outermost commit is done', async () => {
    const { cache, notifier, runner, entityEvent, txEvent } = setup();
    runner.isTransactionActive = true;
    await notifier.afterUpdate(entityEvent(Domain));
    await notifier.afterRemove(entityEvent(Domain));
    expect(cache.retireAll).not.toHaveBeenCalled();
    // A nested transaction's savepoint is released: the outer one is still open.
    await notifier.afterTransactionCommit(txEvent());
    expect(cache.retireAll).not.toHaveBeenCalled();
    runner.isTransactionActive = false;
    await notifier.afterTransactionCommit(txEvent());
    await notifier.afterTransactionCommit(txEvent());
    expect(cache.retireAll).toHaveBeenCalledTimes(1);
  });

  it('a rolled back transaction retires nothing; a savepoint rollback keeps the outer change', async () => {
    const { cache, notifier, runner, entityEvent, txEvent } = setup();
    runner.isTransactionActive = true;
    await notifier.afterUpdate(entityEvent(Domain));
    notifier.afterTransactionRollback(txEvent());
    runner.isTransactionActive = false;
    await notifier.afterTransactionCommit(txEvent());
    expect(cache.retireAll).toHaveBeenCalledTimes(1);

    runner.isTransactionActive = true;
    await notifier.afterUpdate(entityEvent(Domain));
    runner.isTransactionActive = false;
    notifier.afterTransactionRollback(txEvent());
    await notifier.afterTransactionCommit(txEvent());
    expect(cache.retireAll).toHaveBeenCalledTimes(1);
  });
});
