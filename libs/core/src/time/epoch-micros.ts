/**
 * A point in time as whole microseconds since the Unix epoch: the precision of MariaDB's DATETIME(6)
 * and of ScaiKey's timestamps, which a JS `Date` (milliseconds) cannot hold. A double holds these
 * integers exactly until the year 2255. Columns store them as BIGINT (see `bigintAsNumber`), because
 * mysql2 and TypeORM turn every DATETIME into a `Date` and drop the microseconds on the way.
 */
export type EpochMicros = number;

/** EpochMicros as ISO 8601 UTC with all six fractional digits: `2030-01-01T00:00:00.123456Z`. */
export function epochMicrosToIso(micros: EpochMicros): string {
  const ms = Math.floor(micros / 1000);
  const sub = micros - ms * 1000;
  const iso = new Date(ms).toISOString(); // …T00:00:00.123Z
  return `${iso.slice(0, -1)}${String(sub).padStart(3, '0')}Z`;
}
