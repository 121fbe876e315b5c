/** Liveness: the process is up and serving HTTP. */
export class LiveDto {
  /** Always `ok`. */
  status: 'ok';
}

/** Result of each dependency check: `ok`, `skipped` (not configured) or `error: <reason>`. */
export class ReadinessChecksDto {
  /** The application database (MariaDB). */
  database: string;
  /** Redis (rate limits, caches, job queue). */
  redis: string;
  /** The PowerDNS HTTP API. */
  pdns: string;
  /** ScaiKey's JWKS (`skipped` while ScaiKey is not configured). */
  scaikey_jwks: string;
}

/**
 * One secondary (SECONDARIES) as the worker's latest lag check saw it. A lagging or unreachable
 * secondary does not make this API instance unready: it is reported, not failed.
 */
export class SecondaryStatusDto {
  /** host:port of the secondary's DNS listener. */
  address: string;
  /**
   * `ok`: every served zone at the primary's serial; `lagging`: some zones behind or missing;
   * `unreachable`: it did not answer; `unknown`: no recent report from the worker.
   */
  status: 'ok' | 'lagging' | 'unreachable' | 'unknown';
  /** Served zones (the catalog included) it was checked for. */
  zones: number | null;
  in_sync: number | null;
  /** Zones it serves at an older serial. */
  behind: number | null;
  /** Zones it does not serve. */
  missing: number | null;
  /** The most serials a zone is behind. */
  max_serial_lag: number | null;
  /** How long the zone lagging longest has been behind (seconds). */
  lag_seconds: number | null;
  /** When the worker checked (ISO 8601). */
  checked_at: string | null;
}

export class ReadinessDto {
  /** `ok` when every check passed or was skipped, else `degraded` (and HTTP 503). */
  status: 'ok' | 'degraded';
  checks: ReadinessChecksDto;
  /** One entry per configured secondary (none when SECONDARIES is empty); never affects `status`. */
  secondaries: SecondaryStatusDto[];
}

export class VersionDto {
  /** The package version (also the OpenAPI document's `info.version`). */
  version!: string;
  /** The git commit the apps were built from, or `unknown`. */
  commit!: string;
}
