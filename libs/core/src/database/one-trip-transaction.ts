import type { DataSource, EntityManager } from 'typeorm';
import type { HeldConnections } from './held-connections';

/** One SQL statement and the values of its `?` placeholders. */
export interface SqlStatement {
  readonly sql: string;
  readonly params: readonly unknown[];
}

/** Rows one multi-row statement carries: its placeholders stay far below MariaDB's 65,535. */
const ROWS_PER_STATEMENT = 1000;

/** `rows` in pieces of ROWS_PER_STATEMENT, one multi-row statement each. */
export function rowChunks<T>(rows: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    out.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  }
  return out;
}

/**
 * Largest text, statements and values together, sent as one round trip (a rough count: values as
 * text). Far below MariaDB's max_allowed_packet (16 MB by default); a larger transaction goes
 * statement by statement.
 */
const MAX_ONE_TRIP_CHARS = 1_000_000;

/** Runs `statements` in order with `manager` (in its transaction, if it has one): a round trip each. */
export async function runStatements(
  manager: EntityManager,
  statements: readonly SqlStatement[],
): Promise<void> {
  for (const { sql, params } of statements) await manager.query(sql, [...params]);
}

/** Whether `statements` are small enough for `oneTripTransaction`. */
export function fitsOneTrip(statements: readonly SqlStatement[]): boolean {
  let chars = 0;
  for (const { sql, params } of statements) {
    chars += sql.length;
    for (const p of params) chars += typeof p === 'string' ? p.length * 2 + 2 : 32;
    if (chars > MAX_ONE_TRIP_CHARS) return false;
  }
  return true;
}

/**
 * A whole READ COMMITTED transaction in ONE round trip, as one MariaDB anonymous compound statement
 * (`BEGIN NOT ATOMIC … END`; no multi-statement mode needed): `guard` runs first, and only when it
 * affected exactly `expected` rows do `statements` run and the transaction commit; otherwise it
 * rolls back and this resolves false. Any error rolls the transaction back (the block's exit
 * handler) and rejects with MariaDB's own error, so the connection is never left in a transaction.
 * A transaction of a dozen statements costs one round trip and one commit, where sending them one by
 * one costs a dozen. Values are escaped by the driver into the text, as for any query with
 * placeholders; a statement must not carry its own `;`.
 */
export async function oneTripTransaction(
  dataSource: Pick<DataSource, 'query'> | HeldConnections,
  guard: SqlStatement,
  expected: number,
  statements: readonly SqlStatement[],
): Promise<boolean> {
  const all = [guard, ...statements];
  if (all.some((s) => s.sql.includes(';'))) {
    throw new Error('a statement of a one-trip transaction carries its own ";"');
  }
  const sql = [
    'BEGIN NOT ATOMIC',
    'DECLARE EXIT HANDLER FOR SQLEXCEPTION BEGIN ROLLBACK; RESIGNAL; END;',
    'SET TRANSACTION ISOLATION LEVEL READ COMMITTED;',
    'START TRANSACTION;',
    `${guard.sql};`,
    'IF ROW_COUNT() = ? THEN',
    ...statements.map((s) => `${s.sql};`),
    'COMMIT; SELECT 1 AS done;',
    'ELSE ROLLBACK; SELECT 0 AS done;',
    'END IF;',
    'END',
  ].join('\n');
  const params = [...guard.params, expected, ...statements.flatMap((s) => s.params)];
  const raw: unknown = await dataSource.query(sql, params);
  return doneOf(raw) === 1;
}

/** The `done` the compound statement selected: mysql2 hands back its result sets as an array. */
function doneOf(raw: unknown): number | undefined {
  if (!Array.isArray(raw)) return undefined;
  for (const item of raw as unknown[]) {
    if (Array.isArray(item)) {
      const found = doneOf(item);
      if (found !== undefined) return found;
    } else if (item && typeof item === 'object' && 'done' in item) {
      return Number(item.done);
    }
  }
  return undefined;
}
