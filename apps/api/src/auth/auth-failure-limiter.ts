import { isIP } from 'node:net';
import { Injectable, Optional } from '@nestjs/common';
import {
  type AppConfig,
  AppError,
  InjectConfig,
  type LimitedKey,
  Metrics,
  RateLimiter,
  type RateLimitResult,
  rateLimitHeaders,
} from '@app/core';
import type { Response } from 'express';

/**
 * Failed authentication is rate limited per client address (RATE_LIMIT_AUTH_FAILURES_PER_MINUTE, in
 * Redis, shared by every API process): each bad API key or token counts; past the limit, a request
 * from that address that presents credentials is refused with 429 before they are checked, so a
 * brute force learns nothing from the answers (a valid key there is refused the same way until
 * Retry-After). Successful authentication never counts, and a key holder elsewhere is never
 * affected. When Redis can't be asked the limiter fails open: authentication never depends on it.
 */
@Injectable()
export class AuthFailureLimiter {
  private readonly limit: number;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly limiter: RateLimiter,
    @Optional() private readonly metrics?: Metrics,
  ) {
    this.limit = config.rateLimit.authFailuresPerMinute;
  }

  /** 429 (with Retry-After and the policy's headers) while `ip` is over its failure limit. */
  async assertMayAuthenticate(ip: string, res: Response): Promise<void> {
    this.assertAllowed(await this.limiter.peek(keyOf(ip), this.limit), res);
  }

  /**
   * `ip`'s failure limit looked at and, only when it lets the request through, one request counted
   * against `counted` (the caller's own rate limit), in one step: `counted` is null when refused.
   * The verdict is judged with `assertAllowed`.
   */
  lookAlong(
    ip: string,
    counted: LimitedKey,
  ): Promise<{ guard: RateLimitResult; counted: RateLimitResult | null }> {
    return this.limiter.consumeUnlessRefused(
      { key: keyOf(ip), limitPerMinute: this.limit },
      counted,
    );
  }

  /** 429 (as `assertMayAuthenticate`) when a look at the address's failure limit refused. */
  assertAllowed(result: RateLimitResult, res: Response): void {
    if (result.allowed) return;
    this.metrics?.rateLimitRefusals.labels('auth_failures').inc();
    for (const [name, value] of Object.entries(rateLimitHeaders(result))) {
      res.setHeader(name, value);
    }
    throw new AppError(
      'RATE_LIMITED',
      `Too many failed authentication attempts from your address; retry in ${result.retryAfterSeconds} s`,
    );
  }

  /** Counts one failed authentication against `ip`. */
  async recordFailure(ip: string): Promise<void> {
    await this.limiter.consume(keyOf(ip), this.limit);
  }
}

function keyOf(ip: string): string {
  return `authfail:${failureScope(ip)}`;
}

/**
 * What one client's failures count against: an IPv4 address, or an IPv6 address's /64 (a single
 * subscriber's network, where the low 64 bits are the client's to pick at will).
 */
export function failureScope(ip: string): string {
  if (isIP(ip) !== 6 || ip.includes('.')) return ip;
  const [head, tail] = ip.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const prefix = groups.slice(0, 4).map((group) => parseInt(group, 16).toString(16));
  return `${prefix.join(':')}::/64`;
}
