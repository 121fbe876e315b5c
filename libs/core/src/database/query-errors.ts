import { QueryFailedError } from 'typeorm';
import { AppError } from '../errors/app-error';
import { POOL_TIMEOUT_CODE } from './pool-timeout';

/**
 * What a failed statement tells about the request, by MariaDB error number (mysql2 puts it in
 * `errno`; the `code` names differ between MySQL and MariaDB builds, the numbers do not):
 * - `duplicate`: a unique index refused the write; another row (often a racing request) holds the key.
 * - `too_long` / `out_of_range` / `bad_value`: a value does not fit its column (strict mode refuses
 *   instead of truncating). Request DTOs should have refused it first; this is the backstop.
 * - `missing_reference` / `still_referenced`: a foreign key refused the write (the row it points at
 *   went away meanwhile, or rows still point at the one being deleted).
 * - `too_large`: the statement is over max_allowed_packet.
 * - `deadlock` / `lock_timeout`: another transaction held what this one needed. Nothing was written
 *   (InnoDB rolls a deadlock victim back whole), so a transaction may be run again.
 */
export type QueryFailureKind =
  | 'duplicate'
  | 'too_long'
  | 'out_of_range'
  | 'bad_value'
  | 'missing_reference'
  | 'still_referenced'
  | 'too_large'
  | 'deadlock'
  | 'lock_timeout';

const KIND_BY_ERRNO: Readonly<Record<number, QueryFailureKind>> = {
  1062: 'duplicate', // ER_DUP_ENTRY
  1586: 'duplicate', // ER_DUP_ENTRY_WITH_KEY_NAME
  1406: 'too_long', // ER_DATA_TOO_LONG
  1264: 'out_of_range', // ER_WARN_DATA_OUT_OF_RANGE
  1690: 'out_of_range', // ER_DATA_OUT_OF_RANGE (arithmetic on a column)
  1265: 'bad_value', // WARN_DATA_TRUNCATED
  1292: 'bad_value', // ER_TRUNCATED_WRONG_VALUE (a date or number that does not parse)
  1366: 'bad_value', // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD (bytes that are not utf8mb4)
  3819: 'bad_value', // ER_CHECK_CONSTRAINT_VIOLATED (MySQL)
  4025: 'bad_value', // ER_CONSTRAINT_FAILED (MariaDB CHECK, JSON_VALID of a json column)
  1216: 'missing_reference', // ER_NO_REFERENCED_ROW
  1452: 'missing_reference', // ER_NO_REFERENCED_ROW_2
  1217: 'still_referenced', // ER_ROW_IS_REFERENCED
  1451: 'still_referenced', // ER_ROW_IS_REFERENCED_2
  1153: 'too_large', // ER_NET_PACKET_TOO_LARGE
  1213: 'deadlock', // ER_LOCK_DEADLOCK
  1205: 'lock_timeout', // ER_LOCK_WAIT_TIMEOUT
};

interface DriverError {
  readonly errno?: number;
  readonly code?: string;
  readonly sqlMessage?: string;
}

function driverErrorOf(error: unknown): DriverError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  return error.driverError as DriverError | undefined;
}

/** The kind of a failed query, or null when it is not one of the known refusals (a bug, a lost connection). */
export function queryFailureKind(error: unknown): QueryFailureKind | null {
  const errno = driverErrorOf(error)?.errno;
  return (errno !== undefined && KIND_BY_ERRNO[errno]) || null;
}

/** A unique index refused the write: another row (often a racing request) holds the same key. */
export function isDuplicateKeyError(error: unknown): boolean {
  return queryFailureKind(error) === 'duplicate';
}

/** A deadlock or lock wait timeout: the transaction was rolled back and may be run again. */
export function isLockContentionError(error: unknown): boolean {
  const kind = queryFailureKind(error);
  return kind === 'deadlock' || kind === 'lock_timeout';
}

/** The column MariaDB names in its message (`Data too long for column 'record_name' at row 1`). */
function columnOf(error: unknown): string | null {
  const message = driverErrorOf(error)?.sqlMessage ?? '';
  const match = /for column [`']?(?:[^`'.\s]+[`']?\.[`']?)*([^`'.\s]+)[`']?/.exec(message);
  return match ? match[1] : null;
}

/**
 * Network and protocol failures of the driver: the server went away, was never reached, or did not
 * answer within DATABASE_TIMEOUT_MS (a statement, a connection attempt, a wait for a pooled
 * connection). Nothing about the request: the database is unavailable.
 */
const UNAVAILABLE_CODES = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'PROTOCOL_ENQUEUE_AFTER_FATAL_ERROR',
  'PROTOCOL_ENQUEUE_AFTER_QUIT',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  POOL_TIMEOUT_CODE,
]);
/** Server errors that mean "not now": too many connections, shutting down, gone away, lost. */
const UNAVAILABLE_ERRNOS = new Set([1040, 1053, 1927, 2002, 2003, 2006, 2013]);

/** True when `error` says the database can't be used right now (see UNAVAILABLE_CODES). */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driver = (error instanceof QueryFailedError ? error.driverError : error) as
    (DriverError & { fatal?: boolean }) | undefined;
  if (!driver || typeof driver !== 'object') return false;
  if (driver.code && UNAVAILABLE_CODES.has(driver.code)) return true;
  if (driver.errno !== undefined && UNAVAILABLE_ERRNOS.has(driver.errno)) return true;
  return driver.fatal === true;
}

/** The database can't be used: what a caller sees (503) instead of a driver error. */
export function databaseUnavailable(cause?: unknown): AppError {
  return new AppError('NOT_READY', 'The database is unavailable; try again shortly', { cause });
}

/** The database is busy: what a caller sees when a transaction kept losing lock races. */
export function databaseBusy(cause?: unknown): AppError {
  return new AppError('NOT_READY', 'The database is busy; try again', { cause });
}

/**
 * The one translation of a refused statement into what a client may read (a database that can't be
 * reached or answers too late: 503), or null for anything else (a bug: the edge answers 500 and
 * logs it).
 * Services that expect a particular refusal (a racing duplicate of a name) catch it first and say so
 * in their own words ("Domain already exists"); this covers every other place the database can say no.
 * Column names appear in messages: they are the API's field names, not secrets.
 */
export function queryFailureAsAppError(error: unknown): AppError | null {
  if (isDatabaseUnavailable(error)) return databaseUnavailable(error);
  const kind = queryFailureKind(error);
  if (kind === null) return null;
  const column = columnOf(error);
  const field = column ? ` for ${column}` : '';
  switch (kind) {
    case 'duplicate':
      return new AppError('CONFLICT', 'It already exists', { cause: error });
    case 'too_long':
      return new AppError('BAD_REQUEST', `Value too long${field}`, { cause: error });
    case 'out_of_range':
      return new AppError('BAD_REQUEST', `Value out of range${field}`, { cause: error });
    case 'bad_value':
      return new AppError('BAD_REQUEST', `Invalid value${field}`, { cause: error });
    case 'missing_reference':
      return new AppError('CONFLICT', 'Something it refers to no longer exists', { cause: error });
    case 'still_referenced':
      return new AppError('CONFLICT', 'It is still in use', { cause: error });
    case 'too_large':
      return new AppError('PAYLOAD_TOO_LARGE', 'The change is too large', { cause: error });
    case 'deadlock':
    case 'lock_timeout':
      return databaseBusy(error);
  }
}
