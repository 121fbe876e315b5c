import { createHash } from 'node:crypto';
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import type Redis from 'ioredis';
import { errorMessage, withTimeout } from '../health/dependency-check';
import { InjectRedis } from '../redis/redis.constants';
import { GCRA_GUARDED_SCRIPT, GCRA_SCRIPT } from './rate-limit.script';
import {
  RATE_LIMIT_WINDOW_SECONDS,
  type RateLimiterOptions,
  type RateLimitResult,
} from './rate-limit.types';

/** Optional `RateLimiterOptions` for the Nest provider. */
export const RATE_LIMITER_OPTIONS = Symbol('RATE_LIMITER_OPTIONS');

const DEFAULT_TIMEOUT_MS = 500;
const DEFAULT_WARN_INTERVAL_MS = 30_000;
const DEFAULT_KEY_PREFIX = 'scaidns:ratelimit:';
const WINDOW_MICROS = RATE_LIMIT_WINDOW_SECONDS * 1_000_000;
const script = (source: string) => ({
  source,
  sha: createHash('sha1').update(source).digest('hex'),
});
const GCRA = script(GCRA_SCRIPT);
const GCRA_GUARDED = script(GCRA_GUARDED_SCRIPT);
/** ioredis states in which a command could only wait in the offline queue: don't even try. */
const UNUSABLE_STATES = new Set(['reconnecting', 'close', 'end']);

const toSeconds = (micros: number): number => Math.ceil(micros / 1_000_000);

/**
 * Requests-per-minute limits shared by every API process, with all state in Redis (GCRA, see
 * rate-limit.script.ts): a client gets a burst of up to `limit` requests, then one more every
 * 60/limit seconds. Unlike a fixed window there is no boundary at which every client's quota
 * resets at once, and unlike a sliding log the state is one small key per client.
 *
 * Fails open: when Redis is down or slower than `timeoutMs`, the request is allowed and the result
 * says `degraded: true`. Rate limiting protects capacity, not security (authentication and
 * authorization never depend on it), so a Redis outage must not take the whole API down with it.
 */
@Injectable()
export class RateLimiter {
  private readonly logger = new Logger(RateLimiter.name);
  private readonly timeoutMs: number;
  private readonly warnIntervalMs: number;
  private readonly keyPrefix: string;
  private lastWarningAt = Number.NEGATIVE_INFINITY;
  private suppressedWarnings = 0;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @Optional() @Inject(RATE_LIMITER_OPTIONS) options: RateLimiterOptions = {},
  ) {
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.warnIntervalMs = options.warnIntervalMs ?? DEFAULT_WARN_INTERVAL_MS;
    this.keyPrefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
  }

  /**
   * Counts one request against `key` (e.g. `user:<id>`, `api_key:<id>`) under a limit of
   * `limitPerMinute`. Never rejects because of Redis; rejects only on a programming error.
   */
  async consume(key: string, limitPerMinute: number): Promise<RateLimitResult> {
    return this.run(key, limitPerMinute, true);
  }

  /**
   * Whether one more request against `key` would be allowed now, without counting one: for limits
   * on events known only afterwards (a failed authentication), checked before the request is
   * served and counted with `consume` once the event happened. Fails open like `consume`.
   */
  async peek(key: string, limitPerMinute: number): Promise<RateLimitResult> {
    return this.run(key, limitPerMinute, false);
  }

  /**
   * `peek` of `guard` and, only when it would allow a request, `consume` of `counted`, in one atomic
   * step (one round trip where the two calls make two). `counted` is null when `guard` refused:
   * nothing was counted. Fails open like `consume`, both results allowed and degraded.
   */
  async consumeUnlessRefused(
    guard: LimitedKey,
    counted: LimitedKey,
  ): Promise<{ guard: RateLimitResult; counted: RateLimitResult | null }> {
    checkLimit(guard.key, guard.limitPerMinute);
    checkLimit(counted.key, counted.limitPerMinute);
    return this.ask(
      GCRA_GUARDED,
      [guard.key, counted.key],
      [guard.limitPerMinute, counted.limitPerMinute, WINDOW_MICROS],
      (reply) => {
        if (!Array.isArray(reply) || reply.length !== 8) {
          throw new Error(`unexpected rate-limit script reply ${JSON.stringify(reply)}`);
        }
        const first = toResult(reply.slice(0, 4), guard.limitPerMinute);
        return {
          guard: first,
          counted: first.allowed ? toResult(reply.slice(4), counted.limitPerMinute) : null,
        };
      },
      () => ({
        guard: allowedUnchecked(guard.limitPerMinute),
        counted: allowedUnchecked(counted.limitPerMinute),
      }),
    );
  }

  private async run(key: string, limitPerMinute: number, count: boolean): Promise<RateLimitResult> {
    checkLimit(key, limitPerMinute);
    return this.ask(
      GCRA,
      [key],
      [limitPerMinute, WINDOW_MICROS, count ? 1 : 0],
      (reply) => toResult(reply, limitPerMinute),
      () => allowedUnchecked(limitPerMinute),
    );
  }

  /**
   * Runs `script` on `keys` (prefixed) and reads its reply; when Redis can't be asked in time, or
   * the reply makes no sense, warns (at most every warnIntervalMs) and fails open with `unchecked`.
   */
  private async ask<T>(
    script: { readonly sha: string; readonly source: string },
    keys: readonly string[],
    args: readonly (string | number)[],
    read: (reply: unknown) => T,
    unchecked: () => T,
  ): Promise<T> {
    if (UNUSABLE_STATES.has(this.redis.status)) {
      this.warnUnchecked(`Redis connection is ${this.redis.status}`);
      return unchecked();
    }
    const rest = [...keys.map((k) => this.keyPrefix + k), ...args];
    try {
      const reply = await withTimeout(
        // EVALSHA, loading the script with EVAL when this Redis has not seen it (or was flushed).
        this.redis.evalsha(script.sha, keys.length, ...rest).catch((error: unknown) => {
          if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
          return this.redis.eval(script.source, keys.length, ...rest);
        }),
        this.timeoutMs,
        'Redis',
      );
      return read(reply);
    } catch (error) {
      this.warnUnchecked(errorMessage(error));
      return unchecked();
    }
  }

  private warnUnchecked(reason: string): void {
    const now = Date.now();
    if (now - this.lastWarningAt >= this.warnIntervalMs) {
      const skipped =
        this.suppressedWarnings > 0 ? ` (${this.suppressedWarnings} more since last warning)` : '';
      this.logger.warn(
        `Rate limiting skipped, requests are allowed unchecked: ${reason}${skipped}`,
      );
      this.lastWarningAt = now;
      this.suppressedWarnings = 0;
    } else {
      this.suppressedWarnings += 1;
    }
  }
}

/** What a limit says when Redis could not be asked: allowed, and degraded. */
function allowedUnchecked(limit: number): RateLimitResult {
  return {
    allowed: true,
    limit,
    remaining: limit,
    resetSeconds: 0,
    retryAfterSeconds: 0,
    degraded: true,
  };
}

/** A key and its limit per minute (see `consume`). */
export interface LimitedKey {
  readonly key: string;
  readonly limitPerMinute: number;
}

/** Programming errors, thrown rather than failed open. */
function checkLimit(key: string, limitPerMinute: number): void {
  if (key === '') throw new RangeError('Rate-limit key must not be empty');
  if (!Number.isSafeInteger(limitPerMinute) || limitPerMinute < 1) {
    throw new RangeError(`Rate limit must be a positive integer (got ${limitPerMinute})`);
  }
}

function toResult(reply: unknown, limit: number): RateLimitResult {
  const isNumbers = (v: unknown): v is number[] =>
    Array.isArray(v) && v.length === 4 && v.every((n) => typeof n === 'number');
  if (!isNumbers(reply)) {
    throw new Error(`unexpected rate-limit script reply ${JSON.stringify(reply)}`);
  }
  const [allowed, remaining, resetMicros, retryAfterMicros] = reply;
  return {
    allowed: allowed === 1,
    limit,
    remaining: Math.min(limit, Math.max(0, remaining)),
    resetSeconds: toSeconds(resetMicros),
    retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, toSeconds(retryAfterMicros)),
    degraded: false,
  };
}
