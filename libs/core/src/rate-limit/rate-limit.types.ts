/** The window every limit is expressed over: ScaiDNS limits are "requests per minute". */
export const RATE_LIMIT_WINDOW_SECONDS = 60;

/** The outcome of one `RateLimiter.consume` call. */
export interface RateLimitResult {
  /** Whether this request may proceed. A refused request does not use up quota. */
  readonly allowed: boolean;
  /** The limit applied, per RATE_LIMIT_WINDOW_SECONDS. */
  readonly limit: number;
  /** How many more requests would be allowed right now. */
  readonly remaining: number;
  /** Seconds until the whole quota is available again (0 when it already is). */
  readonly resetSeconds: number;
  /** Seconds to wait before the next request can succeed; 0 when allowed. */
  readonly retryAfterSeconds: number;
  /**
   * True when Redis could not be asked (down, slow): the request was allowed without counting it
   * ("fail open"), and `remaining` / `resetSeconds` are not meaningful.
   */
  readonly degraded: boolean;
}

export interface RateLimiterOptions {
  /** Longest a `consume` call waits for Redis before failing open. Default 500 ms. */
  readonly timeoutMs?: number;
  /** While Redis is unusable, at most one warning is logged per this many ms. Default 30 s. */
  readonly warnIntervalMs?: number;
  /** Prefix of every Redis key the limiter writes. Default `scaidns:ratelimit:`. */
  readonly keyPrefix?: string;
}
