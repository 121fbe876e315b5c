import type { DataSource } from 'typeorm';

/** The code of the error a wait for a pooled connection ends with (see isDatabaseUnavailable). */
export const POOL_TIMEOUT_CODE = 'SCAIDNS_POOL_TIMEOUT';

interface PooledConnection {
  release(): void;
  destroy(): void;
  query(...args: unknown[]): unknown;
  [BOUNDED]?: true;
}

type ConnectionCallback = (error: unknown, connection?: PooledConnection) => void;

interface CallbackPool {
  getConnection(callback: ConnectionCallback): void;
  [BOUNDED]?: true;
}

const BOUNDED = Symbol('scaidns.pool-timeout');

/**
 * Bounds the wait for a pooled connection: mysql2's pool has no acquire timeout, so while MariaDB is
 * frozen every request would queue behind the connections stuck in statements. A wait longer than
 * `timeoutMs` fails with POOL_TIMEOUT_CODE (answered 503); a connection that turns up afterwards goes
 * straight back to the pool.
 *
 * Also: a connection whose statement timed out (or failed fatally) is destroyed, never reused.
 * mysql2 leaves it in the pool, and the next statement on it waits for the answer to the previous
 * one, with no timeout of its own (measured: a frozen server kept such statements for good).
 */
export function boundPoolWaits(dataSource: DataSource, timeoutMs: number): void {
  const pool = (dataSource.driver as unknown as { pool?: CallbackPool }).pool;
  if (!pool || pool[BOUNDED]) return;
  const getConnection = pool.getConnection.bind(pool);
  pool.getConnection = (callback) => {
    let settled = false;
    const timer = setTimeout(() => {
      settled = true;
      callback(
        Object.assign(new Error(`no database connection within ${timeoutMs} ms`), {
          code: POOL_TIMEOUT_CODE,
        }),
      );
    }, timeoutMs);
    getConnection((error, connection) => {
      if (settled) {
        connection?.release();
        return;
      }
      settled = true;
      clearTimeout(timer);
      if (connection) discardOnTimeout(connection);
      callback(error, connection);
    });
  };
  pool[BOUNDED] = true;
}

/** Makes a connection destroy itself when one of its statements times out or fails fatally. */
function discardOnTimeout(connection: PooledConnection): void {
  if (connection[BOUNDED]) return;
  const query = connection.query.bind(connection);
  connection.query = (...args: unknown[]) => {
    const last = args.length - 1;
    const callback = args[last];
    if (typeof callback === 'function') {
      args[last] = (error: unknown, ...rest: unknown[]) => {
        const e = error as { code?: string; fatal?: boolean } | null;
        if (e && (e.code === 'PROTOCOL_SEQUENCE_TIMEOUT' || e.fatal === true)) {
          connection.destroy();
        }
        (callback as (...a: unknown[]) => void)(error, ...rest);
      };
    }
    return query(...args);
  };
  connection[BOUNDED] = true;
}
