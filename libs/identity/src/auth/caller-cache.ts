import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AppConfig, GenerationCache, InjectConfig, Metrics } from '@app/core';
import { AccessService } from '../rbac/access.service';
import type { Caller } from './caller';
import type { RequestOrigin } from './caller.factory';

/** Most tokens one process remembers; the oldest go first beyond it. */
const MAX_ENTRIES = 10_000;

/** What verifying a token yields: its caller, and the token's `exp` (seconds) when it has one. */
export interface VerifiedToken {
  readonly caller: Caller;
  readonly expiresAt?: number;
}

interface Cached {
  readonly caller: Omit<Caller, 'ip' | 'userAgent' | 'requestId'>;
  /** ms since the epoch; the token's own expiry. */
  readonly until: number;
}

/**
 * The JWT validation cache (SCAIKEY_TOKEN_CACHE_TTL): a token this process has verified and turned
 * into a Caller (signature, issuer, audience, the user and tenant rows, the user's groups) is
 * answered from memory until the cache TTL or the token's own expiry, whichever comes first, so a
 * request doesn't pay for them again. Keyed by the token's SHA-256, never the token itself.
 *
 * An entry is only trusted while the RBAC generation it was stored under is current: every change to
 * a user, tenant, partner, group, membership, role or grant bumps it (AccessService.invalidateAll),
 * so a suspended user or tenant is refused on the next request, in every process. When Redis can't
 * tell the generation, nothing is cached or trusted.
 */
@Injectable()
export class CallerCache {
  private readonly cache: GenerationCache<Cached> | null;

  constructor(@InjectConfig() config: AppConfig, access: AccessService, metrics: Metrics) {
    const ttlMs = config.scaikey.tokenCacheTtlSeconds * 1000;
    this.cache =
      ttlMs === 0
        ? null
        : new GenerationCache<Cached>({
            source: access.generationSource(),
            maxAgeMs: ttlMs,
            maxEntries: MAX_ENTRIES,
            fresh: (entry) => Date.now() < entry.until,
            observe: metrics.cacheObserver('callers'),
          });
  }

  /** The caller of `token` with this request's origin: from memory, else from `verify`. */
  async resolve(
    token: string,
    origin: RequestOrigin,
    verify: () => Promise<VerifiedToken>,
  ): Promise<Caller> {
    if (!this.cache) return (await verify()).caller;
    const { caller } = await this.cache.get(keyOf(token), async () => {
      const verified = await verify();
      const { ip: _ip, userAgent: _ua, requestId: _rid, ...rest } = verified.caller;
      return {
        caller: rest,
        // API-key callers never come through here; a token without `exp` lives out the cache TTL.
        until: verified.expiresAt === undefined ? Infinity : verified.expiresAt * 1000,
      };
    });
    return withOrigin(caller, origin);
  }

  /**
   * The caller this process remembers for `token`, before Redis is asked whether the RBAC generation
   * it was stored under is still current (no I/O): work for it may start at once, to be used only
   * once `current()` says yes. Null when there is no such caller (then `resolve`).
   */
  remembered(
    token: string,
    origin: RequestOrigin,
  ): { readonly caller: Caller; current(): Promise<boolean> } | null {
    const found = this.cache?.remembered(keyOf(token));
    if (!found) return null;
    return { caller: withOrigin(found.value.caller, origin), current: () => found.current() };
  }
}

/** A cached caller as this request's: its address, user agent and request id. */
function withOrigin(caller: Cached['caller'], origin: RequestOrigin): Caller {
  return { ...caller, ip: origin.ip, userAgent: origin.userAgent, requestId: origin.requestId };
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
