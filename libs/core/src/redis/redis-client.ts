import Redis, { type RedisOptions } from 'ioredis';

export interface RedisClientOptions extends RedisOptions {
  /** Longest a command or a connection attempt may take (REDIS_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/**
 * A Redis client that fails fast instead of queueing: while Redis is unreachable a command is
 * refused at once (no offline queue, so nothing waits behind a request and no write goes out
 * minutes later when Redis returns), and a command Redis does not answer within `timeoutMs` (a
 * frozen server) is rejected. It reconnects in the background.
 */
export function createRedisClient(url: string, options: RedisClientOptions = {}): Redis {
  const { timeoutMs = 1000, ...extra } = options;
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    retryStrategy: (attempt) => Math.min(attempt * 100, 1000),
    // Commands issued in the same tick (a request's rate limit, access and lock reads; concurrent
    // requests') go out in one write.
    enableAutoPipelining: true,
    ...extra,
  });
  dropConnectionOnTimeout(client);
  return client;
}

/**
 * A command that timed out means a server that no longer answers (frozen, or a network that drops
 * packets) while the connection still looks ready: drop it and reconnect, so the commands after it
 * fail at once (no offline queue) instead of each waiting its own timeout — a request that needs
 * Redis several times then fails within one timeout, not several.
 */
function dropConnectionOnTimeout(client: Redis): void {
  const send = client.sendCommand.bind(client);
  client.sendCommand = (...args: Parameters<Redis['sendCommand']>) => {
    const result = send(...args);
    void Promise.resolve(result).catch((error: unknown) => {
      if (
        error instanceof Error &&
        error.message === 'Command timed out' &&
        client.status === 'ready'
      ) {
        client.disconnect(true);
      }
    });
    return result;
  };
}

/**
 * Connects a client made by createRedisClient (waiting at most its timeout): a process starting
 * while Redis is down starts anyway, and its commands fail fast until Redis is back.
 */
export async function connectRedis(client: Redis): Promise<Redis> {
  await client.connect().catch(() => undefined);
  return client;
}
