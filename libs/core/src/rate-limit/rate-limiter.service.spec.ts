import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { RateLimiter } from './rate-limiter.service';

/** Just enough of ioredis for the limiter: its status and the two script commands. */
function fakeRedis(overrides: Partial<Record<'status' | 'evalsha' | 'eval', unknown>> = {}): Redis {
  return {
    status: 'ready',
    evalsha: jest.fn().mockResolvedValue([1, 9, 6_000_000, 0]),
    eval: jest.fn().mockResolvedValue([1, 9, 6_000_000, 0]),
    ...overrides,
  } as unknown as Redis;
}

describe('RateLimiter (unit)', () => {
  let warn: jest.SpyInstance;

  beforeEach(() => {
    warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
  });

  afterEach(() => {
    warn.mockRestore();
  });

  it('maps the script reply to a result, microseconds rounded up to seconds', async () => {
    const limiter = new RateLimiter(fakeRedis());
    await expect(limiter.consume('user:1', 10)).resolves.toEqual({
      allowed: true,
      limit: 10,
      remaining: 9,
      resetSeconds: 6,
      retryAfterSeconds: 0,
      degraded: false,
    });
  });

  it('reports a refusal with Retry-After rounded up', async () => {
    const redis = fakeRedis({ evalsha: jest.fn().mockResolvedValue([0, 0, 59_900_000, 100]) });
    const result = await new RateLimiter(redis).consume('user:1', 10);
    expect(result).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 60 });
    expect(result.retryAfterSeconds).toBe(1);
  });

  it('loads the script with EVAL when Redis answers NOSCRIPT', async () => {
    const redis = fakeRedis({
      evalsha: jest.fn().mockRejectedValue(new Error('NOSCRIPT No matching script')),
    });
    const result = await new RateLimiter(redis).consume('k', 10);
    expect(result.degraded).toBe(false);
    expect(redis.eval).toHaveBeenCalledTimes(1);
  });

  it('maps the two-limit reply, and counts nothing when the guard refuses', async () => {
    const redis = fakeRedis({
      evalsha: jest
        .fn()
        .mockResolvedValueOnce([1, 4, 1_000_000, 0, 1, 8, 2_000_000, 0])
        .mockResolvedValueOnce([0, 0, 59_000_000, 1_500_000, 0, 0, 0, 0]),
    });
    const limiter = new RateLimiter(redis);
    const keys = [
      { key: 'authfail:192.0.2.1', limitPerMinute: 5 },
      { key: 'user:1', limitPerMinute: 10 },
    ] as const;
    await expect(limiter.consumeUnlessRefused(...keys)).resolves.toEqual({
      guard: expect.objectContaining({ allowed: true, remaining: 4, limit: 5 }),
      counted: expect.objectContaining({ allowed: true, remaining: 8, limit: 10, resetSeconds: 2 }),
    });
    const refused = await limiter.consumeUnlessRefused(...keys);
    expect(refused.guard).toMatchObject({ allowed: false, retryAfterSeconds: 2 });
    expect(refused.counted).toBeNull();
  });

  it('fails open on both limits when Redis gives no answer', async () => {
    const redis = fakeRedis({ evalsha: jest.fn().mockRejectedValue(new Error('ECONNRESET')) });
    const result = await new RateLimiter(redis).consumeUnlessRefused(
      { key: 'a', limitPerMinute: 5 },
      { key: 'b', limitPerMinute: 10 },
    );
    expect(result.guard).toMatchObject({ allowed: true, degraded: true, limit: 5 });
    expect(result.counted).toMatchObject({ allowed: true, degraded: true, limit: 10 });
  });

  it('fails open at once, without sending anything, while the connection is down', async () => {
    const redis = fakeRedis({ status: 'reconnecting' });
    const result = await new RateLimiter(redis).consume('k', 10);
    expect(result).toMatchObject({ allowed: true, degraded: true, limit: 10 });
    expect(redis.evalsha).not.toHaveBeenCalled();
  });

  it('fails open after the timeout when Redis does not answer', async () => {
    const redis = fakeRedis({ evalsha: jest.fn(() => new Promise(() => undefined)) });
    const started = Date.now();
    const result = await new RateLimiter(redis, { timeoutMs: 50 }).consume('k', 10);
    expect(result).toMatchObject({ allowed: true, degraded: true });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it('logs at most one warning per interval while degraded', async () => {
    const limiter = new RateLimiter(fakeRedis({ status: 'end' }), { warnIntervalMs: 60_000 });
    for (let i = 0; i < 5; i++) await limiter.consume('k', 10);
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('refuses a nonsensical limit or key as a programming error', async () => {
    const limiter = new RateLimiter(fakeRedis());
    await expect(limiter.consume('k', 0)).rejects.toThrow(RangeError);
    await expect(limiter.consume('k', 1.5)).rejects.toThrow(RangeError);
    await expect(limiter.consume('', 10)).rejects.toThrow(RangeError);
  });
});
