import type Redis from 'ioredis';
import { Logger } from '@nestjs/common';
import { currentGeneration, GenerationCache, redisGeneration } from './generation-cache';

/** Just enough of ioredis for generation counters. */
function fakeRedis() {
  const data = new Map<string, string>();
  let down = false;
  const guard = () => {
    if (down) throw new Error('connection refused');
  };
  const redis = {
    get: async (k: string) => (guard(), data.get(k) ?? null),
    set: async (k: string, v: string, nx?: string) => {
      guard();
      if (nx === 'NX' && data.has(k)) return null;
      data.set(k, v);
      return 'OK';
    },
    incr: async (k: string) => {
      guard();
      const next = Number(data.get(k) ?? 0) + 1;
      data.set(k, String(next));
      return next;
    },
  };
  return { redis: redis as unknown as Redis, data, setDown: (d: boolean) => (down = d) };
}

const optionsFor = (redis: Redis) => ({
  source: redisGeneration(redis, (id: string) => `gen:${id}`, new Logger('test')),
  maxAgeMs: 60_000,
  maxEntries: 2,
});

describe('currentGeneration', () => {
  it('starts a missing counter from the clock and keeps it', async () => {
    const { redis, data } = fakeRedis();
    const first = await currentGeneration(redis, 'g');
    expect(Number(first)).toBeGreaterThan(1_700_000_000_000);
    expect(await currentGeneration(redis, 'g')).toBe(first);
    data.set('g', '7');
    expect(await currentGeneration(redis, 'g')).toBe('7');
  });
});

describe('GenerationCache', () => {
  afterEach(() => jest.useRealTimers());

  it('loads once while the generation stands; a bump from anywhere retires the entry', async () => {
    const { redis, data } = fakeRedis();
    const cache = new GenerationCache<number>(optionsFor(redis));
    let loads = 0;
    const load = jest.fn(async (): Promise<number> => ++loads);
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('a', load)).toBe(1);
    expect(load).toHaveBeenCalledTimes(1);
    // Another process bumps the counter: this one loads again.
    data.set('gen:a', String(Number(data.get('gen:a')) + 1));
    expect(await cache.get('a', load)).toBe(2);
    await cache.bump('a');
    expect(await cache.get('a', load)).toBe(3);
    // Other ids have their own counters.
    expect(await cache.get('b', load)).toBe(4);
    expect(await cache.get('a', load)).toBe(3);
  });

  it('reads again after the maximum age, and keeps at most maxEntries', async () => {
    jest.useFakeTimers({ now: 1_000_000 });
    const { redis } = fakeRedis();
    const cache = new GenerationCache<string>(optionsFor(redis));
    let loads = 0;
    const load = jest.fn(async (): Promise<string> => `v${++loads}`);
    await cache.get('a', load);
    jest.setSystemTime(1_000_000 + 60_001);
    expect(await cache.get('a', load)).toBe('v2');
    await cache.get('b', load);
    await cache.get('c', load);
    expect(await cache.get('a', load)).toBe('v5');
  });

  it('without Redis caches nothing and bumps without throwing', async () => {
    const { redis, setDown } = fakeRedis();
    const cache = new GenerationCache<number>(optionsFor(redis));
    const load = jest.fn(async () => 1);
    setDown(true);
    await cache.get('a', load);
    await cache.get('a', load);
    expect(load).toHaveBeenCalledTimes(2);
    await expect(cache.bump('a')).resolves.toBeUndefined();
  });

  it('hands out copies when told how, so callers cannot change the cached value', async () => {
    const { redis } = fakeRedis();
    const cache = new GenerationCache<{ n: number }>({
      ...optionsFor(redis),
      copy: (v) => ({ ...v }),
    });
    const first = await cache.get('a', async () => ({ n: 1 }));
    first.n = 99;
    expect(await cache.get('a', async () => ({ n: 2 }))).toEqual({ n: 1 });
  });

  it('reloads a value past its own expiry (fresh), and caches nothing a load throws', async () => {
    const { redis } = fakeRedis();
    let now = 1_000;
    const cache = new GenerationCache<{ until: number; n: number }>({
      ...optionsFor(redis),
      fresh: (v) => now < v.until,
    });
    let loads = 0;
    const load = async () => ({ until: 2_000, n: ++loads });
    expect((await cache.get('a', load)).n).toBe(1);
    expect((await cache.get('a', load)).n).toBe(1);
    now = 2_000;
    expect((await cache.get('a', load)).n).toBe(2);
    await expect(
      cache.get('b', async () => {
        throw new Error('bad token');
      }),
    ).rejects.toThrow('bad token');
    expect((await cache.get('b', load)).n).toBe(3);
  });
});
