import { ExpiringCache } from './expiring-cache';

describe('ExpiringCache', () => {
  let now: number;
  let cache: ExpiringCache<string, number>;
  let loads: number;
  const load = (ttlMs: number) => async () => ({ value: ++loads, ttlMs });

  beforeEach(() => {
    now = 1_000;
    loads = 0;
    cache = new ExpiringCache(() => now);
  });

  it('shares one load between concurrent callers and serves it until the TTL passes', async () => {
    const [a, b] = await Promise.all([cache.get('k', load(500)), cache.get('k', load(500))]);
    expect([a, b, loads]).toEqual([1, 1, 1]);
    now += 499;
    expect(await cache.get('k', load(500))).toBe(1);
    now += 1;
    expect(await cache.get('k', load(500))).toBe(2);
  });

  it('forgets a failed load, so the next caller tries again', async () => {
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(await cache.get('k', load(500))).toBe(1);
  });

  it('keeps keys apart and can drop one', async () => {
    await cache.get('a', load(500));
    await cache.get('b', load(500));
    cache.delete('a');
    expect(await cache.get('a', load(500))).toBe(3);
    expect(await cache.get('b', load(500))).toBe(2);
  });

  it('does not cache with a TTL of zero', async () => {
    await cache.get('k', load(0));
    expect(await cache.get('k', load(0))).toBe(2);
  });
});
