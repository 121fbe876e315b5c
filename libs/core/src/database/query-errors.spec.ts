import { QueryFailedError } from 'typeorm';
import { POOL_TIMEOUT_CODE } from './pool-timeout';
import {
  isDatabaseUnavailable,
  isDuplicateKeyError,
  isLockContentionError,
  queryFailureAsAppError,
  queryFailureKind,
} from './query-errors';

/** A refused statement as TypeORM hands it over from mysql2. */
function refused(errno: number, sqlMessage: string, code = 'ER_X'): QueryFailedError {
  return new QueryFailedError(
    'INSERT …',
    [],
    Object.assign(new Error(sqlMessage), { errno, code, sqlMessage }),
  );
}

describe('query failures', () => {
  it('classifies by MariaDB error number', () => {
    expect(queryFailureKind(refused(1062, "Duplicate entry 'x' for key 'uq_domains_name'"))).toBe(
      'duplicate',
    );
    expect(queryFailureKind(refused(1406, "Data too long for column 'record_name' at row 1"))).toBe(
      'too_long',
    );
    expect(
      queryFailureKind(refused(1264, "Out of range value for column 'rate_limit' at row 1")),
    ).toBe('out_of_range');
    expect(queryFailureKind(refused(1213, 'Deadlock found when trying to get lock'))).toBe(
      'deadlock',
    );
    expect(queryFailureKind(refused(1205, 'Lock wait timeout exceeded'))).toBe('lock_timeout');
    expect(queryFailureKind(refused(1452, 'Cannot add or update a child row'))).toBe(
      'missing_reference',
    );
    expect(queryFailureKind(refused(2013, 'Lost connection to server during query'))).toBeNull();
    expect(queryFailureKind(new Error('not a query'))).toBeNull();
  });

  it('says which are duplicates and which are lock races', () => {
    expect(isDuplicateKeyError(refused(1062, 'Duplicate entry'))).toBe(true);
    expect(isDuplicateKeyError(refused(1213, 'Deadlock'))).toBe(false);
    expect(isLockContentionError(refused(1213, 'Deadlock'))).toBe(true);
    expect(isLockContentionError(refused(1205, 'Lock wait timeout'))).toBe(true);
    expect(isLockContentionError(refused(1062, 'Duplicate entry'))).toBe(false);
  });

  it('maps refusals to the documented statuses, naming the column', () => {
    const cases: [QueryFailedError, string, string][] = [
      [refused(1062, "Duplicate entry 'x' for key 'k'"), 'CONFLICT', 'It already exists'],
      [
        refused(1406, "Data too long for column 'record_name' at row 1"),
        'BAD_REQUEST',
        'Value too long for record_name',
      ],
      [
        refused(1264, "Out of range value for column 'rate_limit' at row 1"),
        'BAD_REQUEST',
        'Value out of range for rate_limit',
      ],
      [
        refused(
          1366,
          "Incorrect string value: '\\xF0\\x9F' for column `scaidns`.`roles`.`name` at row 1",
        ),
        'BAD_REQUEST',
        'Invalid value for name',
      ],
      [refused(1213, 'Deadlock found'), 'NOT_READY', 'The database is busy; try again'],
      [
        refused(1153, 'Got a packet bigger than max_allowed_packet'),
        'PAYLOAD_TOO_LARGE',
        'The change is too large',
      ],
    ];
    for (const [error, code, message] of cases) {
      expect(queryFailureAsAppError(error)).toMatchObject({ code, detail: message });
    }
    // A lost connection is not the request's fault: the database is unavailable (503).
    expect(queryFailureAsAppError(refused(2013, 'Lost connection'))).toMatchObject({
      code: 'NOT_READY',
    });
    expect(queryFailureAsAppError(refused(1146, "Table 'x' doesn't exist"))).toBeNull();
  });
});

describe('an unavailable database', () => {
  const lost = (code: string, extra: object = {}) =>
    new QueryFailedError('SELECT 1', [], Object.assign(new Error(code), { code, ...extra }));

  it.each(['PROTOCOL_CONNECTION_LOST', 'PROTOCOL_SEQUENCE_TIMEOUT', 'ECONNREFUSED', 'ETIMEDOUT'])(
    '%s (from a statement) is 503',
    (code) => {
      expect(isDatabaseUnavailable(lost(code))).toBe(true);
      expect(queryFailureAsAppError(lost(code))).toMatchObject({
        code: 'NOT_READY',
        message: 'The database is unavailable; try again shortly',
      });
    },
  );

  it('so is a connection the pool could not hand out in time, or a fatal driver error', () => {
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { code: POOL_TIMEOUT_CODE }))).toBe(
      true,
    );
    expect(isDatabaseUnavailable(lost('ER_SOMETHING', { fatal: true }))).toBe(true);
    expect(isDatabaseUnavailable(lost('ER_X', { errno: 2013 }))).toBe(true);
  });

  it('a refusal of the request or a bug is not', () => {
    expect(isDatabaseUnavailable(refused(1062, 'Duplicate entry'))).toBe(false);
    expect(isDatabaseUnavailable(new Error('bug'))).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
