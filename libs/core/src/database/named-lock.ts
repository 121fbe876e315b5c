import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '../errors/app-error';

/**
 * Runs `work` holding a MariaDB named lock (GET_LOCK) on its own connection, so the lock spans
 * `work`'s transactions, commits included: what one holder wrote is committed before the next holder
 * reads. For rules no index can enforce (two tenants creating a parent and a child zone at once).
 * Waits at most `waitSeconds`, then 503 "busy".
 */
export async function withNamedLock<T>(
  dataSource: DataSource,
  name: string,
  work: () => Promise<T>,
  waitSeconds = 10,
): Promise<T> {
  // Lock names are at most 64 characters: a digest keeps any name within that.
  const key = `scaidns:${createHash('sha1').update(name).digest('hex')}`;
  const runner = dataSource.createQueryRunner();
  try {
    const rows = (await runner.query('SELECT GET_LOCK(?, ?) AS got', [key, waitSeconds])) as {
      got: number | string | null;
    }[];
    const [row] = rows;
    if (Number(row?.got) !== 1) {
      throw new AppError('NOT_READY', 'Another change to these names is under way; try again');
    }
    try {
      return await work();
    } finally {
      await runner.query('SELECT RELEASE_LOCK(?)', [key]).catch(() => undefined);
    }
  } finally {
    await runner.release();
  }
}
