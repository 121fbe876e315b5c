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
