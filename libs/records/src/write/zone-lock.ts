import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppError, errorMessage, InjectRedis } from '@app/core';
import type Redis from 'ioredis';

/** Longer than one PowerDNS commit can take; a crashed holder's lock frees itself after it. */
const LOCK_TTL_MS = 30_000;
const WAIT_LIMIT_MS = 20_000;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end`;

/**
 * One writer per zone across every API and worker process (a Redis lock with an owner token).
 * Without Redis there is no safe way to keep two processes from writing one zone at once, so
 * writes are refused (503) rather than risk duplicate records.
 */
@Injectable()
export class ZoneLock {
  constructor(@InjectRedis() private readonly redis: Redis) {}

  async hold<T>(zoneId: string, work: () => Promise<T>): Promise<T> {
    const key = `scaidns:zonelock:${zoneId}`;
    const token = randomUUID();
    const deadline = Date.now() + WAIT_LIMIT_MS;
    let wait = 1;
    for (;;) {
      let acquired: string | null;
      try {
        acquired = await this.redis.set(key, token, 'PX', LOCK_TTL_MS, 'NX');
      } catch (error) {
        throw new AppError(
          'NOT_READY',
          `Zone writes are unavailable: Redis is unreachable (${errorMessage(error)})`,
        );
      }
      if (acquired === 'OK') break;
      if (Date.now() > deadline) throw new AppError('NOT_READY', 'The zone is busy; try again');
      await new Promise((r) => setTimeout(r, wait));
      wait = Math.min(wait * 2, 16);
    }
    try {
      return await work();
    } finally {
      await this.redis.eval(RELEASE, 1, key, token).catch(() => undefined);
    }
  }
}
