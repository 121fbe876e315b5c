import Redis, { type RedisOptions } from 'ioredis';

/** A Redis client that fails fast instead of queueing commands forever while Redis is down. */
export function createRedisClient(url: string, extra: RedisOptions = {}): Redis {
  return new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    // Commands issued in the same tick (a request's rate limit, access and lock reads; concurrent
    // requests') go out in one write.
    enableAutoPipelining: true,
    ...extra,
  });
}
