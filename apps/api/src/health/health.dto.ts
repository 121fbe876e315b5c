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

export class ReadinessDto {
  /** `ok` when every check passed or was skipped, else `degraded` (and HTTP 503). */
  status: 'ok' | 'degraded';
  checks: ReadinessChecksDto;
}

export class VersionDto {
  /** The package version (also the OpenAPI document's `info.version`). */
  version!: string;
  /** The git commit the apps were built from, or `unknown`. */
  commit!: string;
}
