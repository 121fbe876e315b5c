import { QueryFailedError } from 'typeorm';

/** A unique index refused the write: another row (often a racing request) holds the same key. */
export function isDuplicateKeyError(error: unknown): boolean {
  return (
    error instanceof QueryFailedError &&
    (error.driverError as { code?: string } | undefined)?.code === 'ER_DUP_ENTRY'
  );
}
