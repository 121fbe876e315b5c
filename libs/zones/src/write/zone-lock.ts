import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, errorMessage, InjectRedis, RequestContext } from '@app/core';
import type Redis from 'ioredis';
import type { WorkingRRSet } from './zone-working-set';

/** Longer than one PowerDNS commit can take; a crashed holder's lock frees itself after it. */
const LOCK_TTL_MS = 30_000;
const WAIT_LIMIT_MS = 20_000;
/** A zone's stamp and log outlive any process's cached state of it; missing means "reload". */
const STAMP_TTL_SECONDS = 7 * 24 * 3600;
/** Commits a zone's log keeps: a process further behind than that reads the zone again. */
const LOG_LENGTH = 64;

function unavailable(error: unknown): AppError {
  return new AppError(
    'NOT_READY',
    `Zone writes are unavailable: Redis is unreachable (${errorMessage(error)})`,
  );
}

/**
 * Takes the lock if it is free and no other waiter has claimed the next turn and, in the same step,
 * swaps the zone's write stamp for a new one: returns the stamp the previous writer left ('' when
 * there is none). Otherwise false, having claimed the next turn for this writer if nobody had (or
 * kept its claim alive).
 */
const ACQUIRE = `
local wanted = redis.call('GET', KEYS[3])
local turn = (not wanted) or wanted == ARGV[1]
if turn and redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2], 'NX') then
  if wanted then redis.call('DEL', KEYS[3]) end
  local previous = redis.call('GET', KEYS[2]) or ''
  redis.call('SET', KEYS[2], ARGV[1], 'EX', ARGV[3])
  return previous
end
if turn then redis.call('SET', KEYS[3], ARGV[1], 'PX', ARGV[4]) end
return false`;

/** How long a waiter's claim on the lock's next turn lasts unless it asks again (it does every few ms). */
const WANT_TTL_MS = 100;

/** Frees the lock if this holder still has it, first appending what its commit did to the log. */
const RELEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if ARGV[2] ~= '' then
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
return redis.call('DEL', KEYS[1])`;

/**
 * Appends the holder's entry and hands the lock, in the same step, to a new holder in the same
 * process (a new token, which becomes the zone's write stamp): 1. 0 when the lock was no longer
 * held; 2, doing nothing, when a waiter has claimed the next turn (the holder lets go instead).
 */
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
if redis.call('EXISTS', KEYS[4]) == 1 then return 2 end
if ARGV[2] ~= '' then
  redis.call('RPUSH', KEYS[2], ARGV[2])
  redis.call('LTRIM', KEYS[2], -tonumber(ARGV[3]), -1)
  redis.call('EXPIRE', KEYS[2], ARGV[4])
end
redis.call('SET', KEYS[1], ARGV[5], 'PX', ARGV[6])
redis.call('SET', KEYS[3], ARGV[5], 'EX', ARGV[4])
return 1`;

/**
 * What one holder of the lock did to the zone: the rrsets it changed, as they now are, and how many
 * SOA serial steps it took; `changes: null` when it can't say (too much to log, a partial failure).
 */
export interface ZoneLogEntry {
  readonly stamp: string;
  /** The stamp this holder found: the entry before it in an unbroken log. */
  readonly previousStamp: string;
  readonly serialSteps: number;
  /** The rrsets it changed as they now are (no records: deleted). */
  readonly changes: readonly WorkingRRSet[] | null;
  /** It left a commit intent open (see ZoneCommitLog): the next writer settles it first. */
  readonly unsettled?: boolean;
  /**
   * It found PowerDNS's serial moved by somebody outside ScaiDNS and read the zone again: what
   * readers hold of the zone may miss that edit, so they read it again too.
   */
  readonly outsideEdit?: boolean;
}

/** What a lock holder learns, and how it reports what it did. */
export interface ZoneLockGrant {
  /** The stamp the previous holder left (`''`: none, e.g. a new or flushed Redis). */
  readonly previousStamp: string;
  /** This holder's stamp: the zone's stamp from now on. */
  readonly stamp: string;
  /** Records what this holder did, appended to the zone's log when the lock is released. */
  publish(entry: Omit<ZoneLogEntry, 'stamp' | 'previousStamp'>): void;
}

/**
 * The lock held across several holders in a row (a zone writer committing one batch after another):
 * each renewal ends one holder, with its log entry, and starts the next, in one round trip instead
 * of a release and an acquisition.
 */
export interface ZoneLease {
  /** The current holder's grant (a new one after each renewal). */
  readonly grant: ZoneLockGrant;
  /** When the lock was taken (performance.now()): a lease is renewed only for so long. */
  readonly since: number;
  /**
   * Ends the current holder (its entry joins the log) and starts the next under the same lock:
   * `renewed`, with `grant` the new holder's. `wanted`: another writer is waiting, so nothing was
   * done; the lease is still held, and is to be released. `lost`: the lock had been lost (it is
   * not held any more).
   */
  renew(): Promise<'renewed' | 'wanted' | 'lost'>;
  /** Ends the current holder and frees the lock. Never throws. */
  release(): Promise<void>;
}

/**
 * The entries of an unbroken chain after the one stamped `sinceStamp`, oldest first; null when that
 * stamp is not in the log. Each entry names the stamp it found: a holder that wrote and then died
 * before appending its entry leaves a gap, and the chain stops before it (replaying across it would
 * miss what that holder wrote).
 */
export function chainAfter(
  entries: readonly ZoneLogEntry[],
  sinceStamp: string,
): ZoneLogEntry[] | null {
  const from = entries.findIndex((e) => e.stamp === sinceStamp);
  if (from < 0) return null;
  const chain: ZoneLogEntry[] = [];
  let expected = sinceStamp;
  for (const entry of entries.slice(from + 1)) {
    if (entry.previousStamp !== expected) break;
    chain.push(entry);
    expected = entry.stamp;
  }
  return chain;
}

/**
 * One writer per zone across every API and worker process (a Redis lock with an owner token).
 * Without Redis there is no safe way to keep two processes from writing one zone at once, so
 * writes are refused (503) rather than risk duplicate records.
 *
 * Every acquisition also replaces the zone's write stamp before the holder writes anything, and the
 * holder appends what it committed to the zone's log (a short Redis list) as it lets go. A process
 * whose cached zone state carries the stamp it finds knows nobody else wrote the zone since; one
 * that is a few commits behind replays them from the log instead of reading the whole zone again.
 * Entries are chained (each names the stamp before it): a holder that crashed or failed mid-commit
 * leaves no entry, the chain breaks there, and nobody replays past it.
 */
@Injectable()
export class ZoneLock {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async hold<T>(zoneId: string, work: (grant: ZoneLockGrant) => Promise<T>): Promise<T> {
    const lease = await this.take(zoneId);
    try {
      return await work(lease.grant);
    } finally {
      await lease.release();
    }
  }

  /** Waits for the zone's lock and holds it until the lease is released (see ZoneLease). */
  async take(zoneId: string): Promise<ZoneLease> {
    const [key, logKey, stampKey, wantedKey] = [
      this.lockKey(zoneId),
      this.logKey(zoneId),
      this.stampKey(zoneId),
      this.wantedKey(zoneId),
    ];
    const holder = (token: string, previousStamp: string) => {
      let published = '';
      const grant: ZoneLockGrant = {
        previousStamp,
        stamp: token,
        publish: (entry) => {
          published = JSON.stringify({ ...entry, stamp: token, previousStamp });
        },
      };
      return { grant, entry: () => published };
    };
    const first = randomUUID();
    let current = holder(
      first,
      await RequestContext.timed('lock', () => this.acquire([key, stampKey, wantedKey], first)),
    );
    const redis = this.redis;
    const release = async (token: string, entry: string): Promise<void> => {
      await redis
        .eval(RELEASE, 2, key, logKey, token, entry, LOG_LENGTH, STAMP_TTL_SECONDS)
        .catch(() => undefined);
    };
    return {
      since: performance.now(),
      get grant() {
        return current.grant;
      },
      async renew() {
        const token = current.grant.stamp;
        const next = randomUUID();
        const renewed = await redis
          .eval(
            RENEW,
            4,
            key,
            logKey,
            stampKey,
            wantedKey,
            token,
            current.entry(),
            LOG_LENGTH,
            STAMP_TTL_SECONDS,
            next,
            LOCK_TTL_MS,
          )
          .catch(async () => {
            // Whether it ran is unknown: let go under either token (the log keeps the entry or not).
            await release(token, current.entry());
            await release(next, '');
            return 0;
          });
        if (renewed === 2) return 'wanted';
        if (renewed !== 1) return 'lost';
        current = holder(next, token);
        return 'renewed';
      },
      release: () => release(current.grant.stamp, current.entry()),
    };
  }

  /**
   * The commits made after `sinceStamp` up to and including `untilStamp`, oldest first; null when the
   * log can't tell (too far behind, or a holder left no entry).
   */
  async changesBetween(
    zoneId: string,
    sinceStamp: string,
    untilStamp: string,
  ): Promise<ZoneLogEntry[] | null> {
    const chain = chainAfter(await this.log(zoneId), sinceStamp);
    const until = chain?.findIndex((e) => e.stamp === untilStamp) ?? -1;
    return chain && until >= 0 ? chain.slice(0, until + 1) : null;
  }

  /**
   * The zone's write stamp and whether a holder has the lock now, in one round trip (readers: a
   * stamp they know, with the lock free, means nobody wrote the zone since).
   */
  async observe(zoneId: string): Promise<{ stamp: string; locked: boolean }> {
    const [stamp, lock] = await this.redis.mget(this.stampKey(zoneId), this.lockKey(zoneId));
    return { stamp: stamp ?? '', locked: lock !== null };
  }

  /** The zone's log, oldest first (at most LOG_LENGTH commits). */
  async log(zoneId: string): Promise<ZoneLogEntry[]> {
    let raw: string[];
    try {
      raw = await this.redis.lrange(this.logKey(zoneId), 0, -1);
    } catch (error) {
      throw unavailable(error);
    }
    return raw.map((line) => JSON.parse(line) as ZoneLogEntry);
  }

  /**
   * Waits for the lock. A writer that finds it held claims the next turn (unless another waiter
   * has): the holder then renews no more, and nobody else takes it before that waiter, so a process
   * writing one zone without pause can't keep another from it.
   */
  private async acquire(
    keys: readonly [lock: string, stamp: string, wanted: string],
    token: string,
  ): Promise<string> {
    const deadline = Date.now() + WAIT_LIMIT_MS;
    let wait = 1;
    for (;;) {
      let acquired: unknown;
      try {
        acquired = await this.redis.eval(
          ACQUIRE,
          3,
          ...keys,
          token,
          LOCK_TTL_MS,
          STAMP_TTL_SECONDS,
          WANT_TTL_MS,
        );
      } catch (error) {
        throw unavailable(error);
      }
      if (typeof acquired === 'string') return acquired;
      if (Date.now() > deadline) throw new AppError('NOT_READY', 'The zone is busy; try again');
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 4);
    }
  }

  private lockKey(zoneId: string): string {
    return `scaidns:zonelock:${zoneId}`;
  }

  private wantedKey(zoneId: string): string {
    return `scaidns:zonewanted:${zoneId}`;
  }

  private stampKey(zoneId: string): string {
    return `scaidns:zonestamp:${zoneId}`;
  }

  private logKey(zoneId: string): string {
    return `scaidns:zonelog:${zoneId}`;
  }
}
