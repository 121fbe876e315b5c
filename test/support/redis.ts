import Redis from 'ioredis';

/**
 * A Redis database of its own for a suite that starts a worker: queued jobs other suites leave
 * behind (webhook retries, validation sweeps) must not occupy the worker the suite is measuring.
 */
export async function isolatedRedisUrl(db: number): Promise<string> {
  const url = new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/1');
  url.pathname = `/${db}`;
  const client = new Redis(url.toString());
  try {
    await client.flushdb();
  } finally {
    client.disconnect();
  }
  return url.toString();
}

/**
 * The suites' own Redis database, with the job queue emptied: for a suite whose worker must share
 * the API's caches and their invalidation (as it does in production) but not run jobs other suites
 * left behind.
 */
export async function sharedRedisWithEmptyQueue(): Promise<string> {
  const url = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/1';
  const client = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', 'scaidns:scaidns:*', 'COUNT', 500);
      if (keys.length > 0) await client.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
  return url;
}
