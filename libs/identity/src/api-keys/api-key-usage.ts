import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { ApiKey, errorMessage, InjectRedis } from '@app/core';
import type Redis from 'ioredis';
import type { Repository } from 'typeorm';

const DIRTY = 'apikey:usage:dirty';
const usageKey = (id: string): string => `apikey:usage:${id}`;
/** Usage sits in Redis at most this long before it reaches the database. */
const FLUSH_INTERVAL_MS = 10_000;

/** Reads and removes one key's pending usage atomically, so two flushers never count it twice. */
const TAKE = `
local v = redis.call('HGETALL', KEYS[1])
redis.call('DEL', KEYS[1])
return v`;

/**
 * Records API-key usage (last_used_at, last_used_ip, use_count) without a database write per
 * request: each use is two Redis commands; usage reaches MariaDB in batches every few seconds, on
 * shutdown, and before any read of the keys.
 */
@Injectable()
export class ApiKeyUsageTracker implements OnModuleDestroy {
  private readonly logger = new Logger(ApiKeyUsageTracker.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectRedis() private readonly redis: Redis,
    @InjectRepository(ApiKey) private readonly keys: Repository<ApiKey>,
  ) {}

  async record(keyId: string, ip: string, at: Date = new Date()): Promise<void> {
    this.timer ??= setInterval(() => void this.flushQuietly(), FLUSH_INTERVAL_MS).unref();
    try {
      await this.redis
        .multi()
        .hincrby(usageKey(keyId), 'count', 1)
        .hset(usageKey(keyId), 'at', at.toISOString(), 'ip', ip)
        .sadd(DIRTY, keyId)
        .exec();
    } catch (error) {
      // Usage statistics are not worth failing a request for.
      this.logger.warn(`could not record API key usage: ${errorMessage(error)}`);
    }
  }

  /** Moves every pending usage to the database. */
  async flush(): Promise<void> {
    for (;;) {
      const ids = await this.redis.spop(DIRTY, 100);
      if (ids.length === 0) return;
      for (const id of ids) {
        const flat = (await this.redis.eval(TAKE, 1, usageKey(id))) as string[];
        const fields = new Map<string, string>();
        for (let i = 0; i + 1 < flat.length; i += 2) fields.set(flat[i], flat[i + 1]);
        const count = Number(fields.get('count') ?? 0);
        if (count <= 0) continue;
        await this.keys
          .createQueryBuilder()
          .update(ApiKey)
          .set({
            useCount: () => `use_count + ${Math.floor(count)}`,
            lastUsedAt: new Date(fields.get('at') ?? Date.now()),
            lastUsedIp: fields.get('ip') ?? null,
          })
          .where('id = :id', { id })
          .execute();
      }
    }
  }

  private async flushQuietly(): Promise<void> {
    try {
      await this.flush();
    } catch (error) {
      this.logger.warn(`could not flush API key usage: ${errorMessage(error)}`);
    }
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.flushQuietly();
  }
}
