import { Injectable, Logger } from '@nestjs/common';
import { errorMessage, InjectRedis } from '@app/core';
import type Redis from 'ioredis';
import type { RecordIdPin } from './record-id';

/** Pins of a zone, keyed `name|TYPE` (lower-case name). */
export type ZonePins = ReadonlyMap<string, RecordIdPin[]>;

/** Domains whose pins one process keeps; the least recently used go first beyond it. */
const CACHED_DOMAINS = 256;
/** Even a current entry is read again after this long (bounds the harm of a lost bump). */
const MAX_AGE_MS = 60_000;
const generationKey = (domainId: string): string => `scaidns:pinsgen:${domainId}`;

/**
 * Record-id pins per zone, in memory, so a record create doesn't query MariaDB for them. Pins change
 * only when a PATCH changes a record's content or a record is deleted; whoever changes them bumps
 * the domain's generation in Redis after the change commits, and an entry is only used while the
 * generation it was loaded under is current (and for at most a minute). Without Redis nothing is
 * cached. A generation that goes missing (a flushed Redis) restarts from the clock, never at a
 * value an old entry might carry.
 */
@Injectable()
export class PinCache {
  private readonly logger = new Logger(PinCache.name);
  private readonly entries = new Map<
    string,
    { readonly generation: string; readonly pins: ZonePins; readonly loadedAt: number }
  >();

  constructor(@InjectRedis() private readonly redis: Redis) {}

  async get(domainId: string, load: () => Promise<ZonePins>): Promise<ZonePins> {
    const generation = await this.generation(domainId);
    const entry = this.entries.get(domainId);
    if (
      generation !== null &&
      entry?.generation === generation &&
      Date.now() - entry.loadedAt < MAX_AGE_MS
    ) {
      return entry.pins;
    }
    const pins = await load();
    this.entries.delete(domainId);
    if (generation !== null) {
      this.entries.set(domainId, { generation, pins, loadedAt: Date.now() });
      if (this.entries.size > CACHED_DOMAINS) {
        this.entries.delete(this.entries.keys().next().value as string);
      }
    }
    return pins;
  }

  /**
   * After a change to a domain's pins has committed: every process reads them again. Never throws:
   * without Redis the zone can't be written anyway, and entries elsewhere expire within a minute.
   */
  async changed(domainId: string): Promise<void> {
    this.entries.delete(domainId);
    try {
      await this.redis.incr(generationKey(domainId));
    } catch (error) {
      this.logger.warn(`could not retire cached pins of ${domainId}: ${errorMessage(error)}`);
    }
  }

  private async generation(domainId: string): Promise<string | null> {
    try {
      const key = generationKey(domainId);
      const found = await this.redis.get(key);
      if (found !== null) return found;
      await this.redis.set(key, String(Date.now()), 'NX');
      return await this.redis.get(key);
    } catch (error) {
      this.logger.warn(`pin cache unavailable, reading the database: ${errorMessage(error)}`);
      return null;
    }
  }
}
