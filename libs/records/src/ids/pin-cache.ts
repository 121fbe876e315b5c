import { Injectable, Logger } from '@nestjs/common';
import { GenerationCache, InjectRedis, Metrics, redisGeneration } from '@app/core';
import type Redis from 'ioredis';
import type { RecordIdPin } from './record-id';

/** Pins of a zone, keyed `name|TYPE` (lower-case name). */
export type ZonePins = ReadonlyMap<string, RecordIdPin[]>;

/**
 * Record-id pins per zone, in memory, so a record create doesn't query MariaDB for them. Pins change
 * only when a PATCH changes a record's content or a record is deleted; whoever changes them calls
 * `changed` once the change has committed, which bumps the domain's generation in Redis and so
 * retires the entry in every process. Entries are at most a minute old.
 */
@Injectable()
export class PinCache {
  private readonly cache: GenerationCache<ZonePins>;

  constructor(@InjectRedis() redis: Redis, metrics: Metrics) {
    this.cache = new GenerationCache<ZonePins>({
      source: redisGeneration(
        redis,
        (domainId) => `scaidns:pinsgen:${domainId}`,
        new Logger(PinCache.name),
      ),
      maxAgeMs: 60_000,
      maxEntries: 256,
      observe: metrics.cacheObserver('record_pins'),
    });
  }

  get(domainId: string, load: () => Promise<ZonePins>): Promise<ZonePins> {
    return this.cache.get(domainId, load);
  }

  /** After a change to a domain's pins has committed. Never throws. */
  changed(domainId: string): Promise<void> {
    return this.cache.bump(domainId);
  }
}
