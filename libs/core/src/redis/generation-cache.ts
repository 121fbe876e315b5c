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

/** Where a GenerationCache reads an entry's generation, and how a change retires entries. */
export interface GenerationSource {
  /** The generation `id`'s entry must carry; null when it can't be told (then nothing is cached). */
  generation(id: string): Promise<string | null>;
  /** After a committed change: entries of `id` retire in every process. Never throws. */
  retire(id: string): Promise<void>;
}

/** A generation counter in Redis per `keyOf(id)` (one for all entries, or one per entry). */
export function redisGeneration(
  redis: Redis,
  keyOf: (id: string) => string,
  logger: Logger,
): GenerationSource {
  return {
    generation: async (id) => {
      try {
        return await currentGeneration(redis, keyOf(id));
      } catch (error) {
        logger.warn(`cache unavailable, reading the database: ${errorMessage(error)}`);
        return null;
      }
    },
    retire: async (id) => {
      try {
        await redis.incr(keyOf(id));
      } catch (error) {
        logger.warn(`could not retire cached entries: ${errorMessage(error)}`);
      }
    },
  };
}

export interface GenerationCacheOptions<V> {
  readonly source: GenerationSource;
  /** Even a current entry is read again after this long (bounds the harm of a lost bump). */
  readonly maxAgeMs: number;
  /** Entries kept; the least recently stored go first beyond it. */
  readonly maxEntries: number;
  /** What callers get, when they may change it (the cache keeps its own). */
  readonly copy?: (value: V) => V;
  /** A value that carries its own expiry: past it, the entry is loaded again. */
  readonly fresh?: (value: V) => boolean;
  /** Told of every lookup, whether the entry was used (metrics). */
  readonly observe?: (result: 'hit' | 'miss') => void;
}

/**
 * Values loaded from the database, kept in one process's memory and used only while the generation
 * they were loaded under is current. Whoever changes the data bumps the generation once the change
 * has committed, which retires the entries in every process. The generation is read before loading,
 * so a change committed meanwhile retires the entry at once. A load that throws caches nothing.
 */
export class GenerationCache<V> {
  private readonly entries = new Map<
    string,
    { readonly generation: string; readonly value: V; readonly loadedAt: number }
  >();

  constructor(private readonly options: GenerationCacheOptions<V>) {}

  async get(id: string, load: () => Promise<V>): Promise<V> {
    const { copy = (v: V) => v, fresh = () => true } = this.options;
    const generation = await this.options.source.generation(id);
    const entry = this.usable(id);
    if (generation !== null && entry?.generation === generation) {
      this.options.observe?.('hit');
      return copy(entry.value);
    }
    this.options.observe?.('miss');
    const value = await load();
    this.entries.delete(id);
    if (generation !== null && fresh(value)) {
      this.entries.set(id, { generation, value, loadedAt: Date.now() });
      if (this.entries.size > this.options.maxEntries) {
        this.entries.delete(this.entries.keys().next().value as string);
      }
    }
    return copy(value);
  }

  /**
   * The entry this process holds for `id`, without asking whether its generation is still current
   * (no I/O): for work that can start at once and is thrown away unless `current()` says yes.
   */
  remembered(id: string): { readonly value: V; current(): Promise<boolean> } | null {
    const { copy = (v: V) => v } = this.options;
    const entry = this.usable(id);
    if (!entry) return null;
    return {
      value: copy(entry.value),
      current: async () => {
        const current = (await this.options.source.generation(id)) === entry.generation;
        if (current) this.options.observe?.('hit');
        return current;
      },
    };
  }

  /** `id`'s entry, unless it is past maxAgeMs or its value is no longer fresh. */
  private usable(id: string) {
    const entry = this.entries.get(id);
    const { fresh = () => true } = this.options;
    return entry && Date.now() - entry.loadedAt < this.options.maxAgeMs && fresh(entry.value)
      ? entry
      : undefined;
  }

  /** After a committed change: every process loads again. Never throws. */
  async bump(id: string): Promise<void> {
    this.entries.delete(id);
    await this.options.source.retire(id);
  }
}
