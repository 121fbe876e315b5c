import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { errorMessage } from '../health/dependency-check';

/**
 * The value of a generation counter. A missing counter (new or flushed Redis, eviction) restarts
 * from the clock rather than from 0, so it never revisits a value an old cache entry may carry.
 */
export async function currentGeneration(redis: Redis, key: string): Promise<string> {
  const found = await redis.get(key);
  if (found !== null) return found;
  await redis.set(key, String(Date.now()), 'NX');
  return (await redis.get(key)) ?? '0';
}

export interface GenerationCacheOptions<V> {
  /** For log lines. */
  readonly name: string;
  /** The Redis counter an entry is checked against (one for all entries, or one per entry). */
  readonly generationKey: (id: string) => string;
  /** Even a current entry is read again after this long (bounds the harm of a lost bump). */
  readonly maxAgeMs: number;
  /** Entries kept; the least recently stored go first beyond it. */
  readonly maxEntries: number;
  /** What callers get, when they may change it (the cache keeps its own). */
  readonly copy?: (value: V) => V;
}

/**
 * Values loaded from MariaDB, kept in one process's memory and used only while the Redis generation
 * they were loaded under is current. Whoever changes the data bumps the generation once the change
 * has committed, which retires the entries in every process. The generation is read before loading,
 * so a change committed meanwhile retires the entry at once. Without Redis nothing is cached.
 */
export class GenerationCache<V> {
  private readonly logger: Logger;
  private readonly entries = new Map<
    string,
    { readonly generation: string; readonly value: V; readonly loadedAt: number }
  >();

  constructor(
    private readonly redis: Redis,
    private readonly options: GenerationCacheOptions<V>,
  ) {
    this.logger = new Logger(options.name);
  }

  async get(id: string, load: () => Promise<V>): Promise<V> {
    const copy = this.options.copy ?? ((v: V) => v);
    const generation = await this.generation(id);
    const entry = this.entries.get(id);
    if (
      generation !== null &&
      entry?.generation === generation &&
      Date.now() - entry.loadedAt < this.options.maxAgeMs
    ) {
      return copy(entry.value);
    }
    const value = await load();
    this.entries.delete(id);
    if (generation !== null) {
      this.entries.set(id, { generation, value, loadedAt: Date.now() });
      if (this.entries.size > this.options.maxEntries) {
        this.entries.delete(this.entries.keys().next().value as string);
      }
    }
    return copy(value);
  }

  /**
   * After a committed change: every process loads again. Never throws; without Redis, entries
   * elsewhere live out their maximum age.
   */
  async bump(id: string): Promise<void> {
    this.entries.delete(id);
    try {
      await this.redis.incr(this.options.generationKey(id));
    } catch (error) {
      this.logger.warn(`could not retire cached entries: ${errorMessage(error)}`);
    }
  }

  private async generation(id: string): Promise<string | null> {
    try {
      return await currentGeneration(this.redis, this.options.generationKey(id));
    } catch (error) {
      this.logger.warn(`cache unavailable, reading the database: ${errorMessage(error)}`);
      return null;
    }
  }
}
