import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type AppConfig, InjectConfig } from '@app/core';
import { AccessService } from '../rbac/access.service';
import type { Caller } from './caller';
import type { RequestOrigin } from './caller.factory';

/** Most tokens one process remembers; the oldest go first beyond it. */
const MAX_ENTRIES = 10_000;

type CachedCaller = Omit<Caller, 'ip' | 'userAgent' | 'requestId'>;

interface Entry {
  readonly caller: CachedCaller;
  readonly expiresAt: number;
  readonly generation: string;
}

/** What a lookup found: the caller, or the generation to store a fresh one under. */
export type CallerLookup =
  { readonly caller: Caller } | { readonly caller: null; readonly generation: string | null };

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
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly access: AccessService,
  ) {
    this.ttlMs = config.scaikey.tokenCacheTtlSeconds * 1000;
  }

  /** The cached caller of `token` (with this request's origin), else the generation to store under. */
  async lookup(token: string, origin: RequestOrigin): Promise<CallerLookup> {
    if (this.ttlMs === 0) return { caller: null, generation: null };
    const generation = await this.access.currentGeneration();
    const key = keyOf(token);
    const entry = this.entries.get(key);
    if (!entry) return { caller: null, generation };
    if (generation === null || entry.generation !== generation || Date.now() >= entry.expiresAt) {
      this.entries.delete(key);
      return { caller: null, generation };
    }
    return {
      caller: {
        ...entry.caller,
        ip: origin.ip,
        userAgent: origin.userAgent,
        requestId: origin.requestId,
      },
    };
  }

  /**
   * Remembers the caller a token resolved to. `generation` must have been read (by `lookup`) before
   * the caller was built, so a change committed meanwhile retires the entry at once.
   */
  store(
    token: string,
    caller: Caller,
    generation: string | null,
    tokenExpiresAtSeconds: number | undefined,
  ): void {
    if (this.ttlMs === 0 || generation === null || caller.apiKey) return;
    const expiresAt = Math.min(
      Date.now() + this.ttlMs,
      tokenExpiresAtSeconds === undefined ? Infinity : tokenExpiresAtSeconds * 1000,
    );
    if (expiresAt <= Date.now()) return;
    const { ip: _ip, userAgent: _ua, requestId: _rid, ...rest } = caller;
    const key = keyOf(token);
    this.entries.delete(key);
    this.entries.set(key, { caller: rest, expiresAt, generation });
    if (this.entries.size > MAX_ENTRIES) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  /** Forgets every entry (tests, and a process that wants to start over). */
  clear(): void {
    this.entries.clear();
  }
}

function keyOf(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
