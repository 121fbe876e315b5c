import type { EventEmitter } from 'node:events';
import type { DataSource, QueryRunner } from 'typeorm';

/** A pooled mysql2 connection, as a query runner holds it. */
interface RawConnection {
  query(
    statement: string | { sql: string; timeout: number },
    values: unknown[],
    callback: (error: Error | null, result: unknown) => void,
  ): void;
  readonly _fatalError?: unknown;
  readonly _closing?: boolean;
  readonly stream?: { readonly destroyed?: boolean };
}

interface Line {
  readonly runner: QueryRunner;
  readonly connection: RawConnection;
  expiry?: NodeJS.Timeout;
}

/** How long a connection stays in hand after a statement, waiting for the next one. */
const KEEP_MS = 1000;

/**
 * Connections kept in hand between the statements of one hot path, so that a statement goes out to
 * MariaDB in its caller's own turn of the event loop. Taking a connection from the pool and going
 * through TypeORM's query runner costs a nextTick and a few promise turns; under load each waits
 * behind every other request's work queued in the same turn (measured: 1.3-1.6 ms for the intent
 * INSERT of each commit at concurrency 32). A connection unused for KEEP_MS goes back to the pool,
 * and so do all held ones as soon as anybody waits for a pooled connection; one whose statement
 * failed goes back at once (the pool destroys a broken one). The statement timeout is the
 * DataSource's.
 */
export class HeldConnections {
  private readonly idle: Line[] = [];
  private readonly timeoutMs: number | undefined;
  private watched: unknown = null;

  constructor(
    private readonly dataSource: DataSource,
    /** Told each statement's time and whether it succeeded (the query metrics). */
    private readonly observe?: (ms: number, ok: boolean) => void,
  ) {
    const options = dataSource.options as {
      enableQueryTimeout?: boolean;
      maxQueryExecutionTime?: number;
    };
    this.timeoutMs = options.enableQueryTimeout ? options.maxQueryExecutionTime : undefined;
  }

  /**
   * Sends `sql` and resolves with MariaDB's answer. `onSent` runs as soon as the statement is written
   * to a connection: before this returns when a held connection is idle. It never runs when no
   * connection could be had (the promise then rejects with nothing sent).
   */
  async query<T = unknown>(
    sql: string,
    params: readonly unknown[],
    onSent?: () => void,
  ): Promise<T> {
    const line = this.take() ?? (await this.open());
    const started = performance.now();
    const answer = new Promise<T>((resolve, reject) => {
      const statement = this.timeoutMs === undefined ? sql : { sql, timeout: this.timeoutMs };
      line.connection.query(statement, [...params], (error: Error | null, result) => {
        if (error) reject(error);
        else resolve(result as T);
      });
    });
    onSent?.();
    try {
      const result = await answer;
      this.observe?.(performance.now() - started, true);
      this.keep(line);
      return result;
    } catch (error) {
      this.observe?.(performance.now() - started, false);
      await line.runner.release();
      throw error;
    }
  }

  /** Gives every held connection back to the pool. */
  async close(): Promise<void> {
    const lines = this.idle.splice(0, this.idle.length);
    for (const line of lines) clearTimeout(line.expiry);
    await Promise.all(lines.map((line) => line.runner.release()));
  }

  /** The idle connection used last, if one is still good. */
  private take(): Line | undefined {
    for (let line = this.idle.pop(); line; line = this.idle.pop()) {
      clearTimeout(line.expiry);
      const { connection } = line;
      if (!connection._fatalError && !connection._closing && !connection.stream?.destroyed) {
        return line;
      }
      void line.runner.release();
    }
    return undefined;
  }

  private async open(): Promise<Line> {
    this.watchPool();
    const runner = this.dataSource.createQueryRunner('master');
    try {
      return { runner, connection: (await runner.connect()) as RawConnection };
    } catch (error) {
      await runner.release();
      throw error;
    }
  }

  /**
   * Anyone waiting for a pooled connection gets the held ones at once. mysql2's pool says so just
   * before it queues the waiter: they go back once it is queued. (The pool exists once the
   * DataSource is initialized, before the first connection is taken.)
   */
  private watchPool(): void {
    const pool = (this.dataSource.driver as unknown as { pool?: Partial<EventEmitter> }).pool;
    if (this.watched === pool || !pool?.on) return;
    this.watched = pool;
    pool.on('enqueue', () => queueMicrotask(() => void this.close()));
  }

  private keep(line: Line): void {
    line.expiry = setTimeout(() => {
      const at = this.idle.indexOf(line);
      if (at < 0) return;
      this.idle.splice(at, 1);
      void line.runner.release();
    }, KEEP_MS);
    line.expiry.unref();
    this.idle.push(line);
  }
}
