import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';
import { databaseBusy, isDuplicateKeyError, isLockContentionError } from './query-errors';

export interface TransactionOptions {
  /** The transaction's isolation level; the server's (REPEATABLE READ) when absent. */
  readonly isolation?: IsolationLevel;
  /** Runs in all before a lock race is given up as 503 (default 4). */
  readonly attempts?: number;
  /**
   * The work is an upsert (read, then insert if missing): a duplicate key means a racing writer
   * inserted first, and running it again finds that row and updates it instead.
   */
  readonly retryOnDuplicate?: boolean;
}

const DEFAULT_ATTEMPTS = 4;

/** Up to 10, 20, 40 … ms, randomised so that two transactions that collided do not collide again. */
function backoffMs(attempt: number): number {
  return Math.random() * 10 * 2 ** (attempt - 1);
}

/**
 * Runs `work` in a transaction and runs it again when MariaDB gave it up to a lock race (a
 * deadlock or a lock wait timeout): InnoDB has rolled the whole transaction back, so nothing of the
 * failed run survives. Only for work whose every effect is in this transaction: no PowerDNS call,
 * no message sent, nothing that a second run would do twice. When every attempt lost, the caller
 * gets 503 "The database is busy", never the driver's error.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const attempts = options.attempts ?? DEFAULT_ATTEMPTS;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return options.isolation
        ? await dataSource.transaction(options.isolation, work)
        : await dataSource.transaction(work);
    } catch (error) {
      const contention = isLockContentionError(error);
      const raced = options.retryOnDuplicate === true && isDuplicateKeyError(error);
      if (!contention && !raced) throw error;
      if (attempt >= attempts) throw contention ? databaseBusy(error) : error;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}
