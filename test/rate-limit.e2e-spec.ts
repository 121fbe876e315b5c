import { randomUUID } from 'node:crypto';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { connectRedis, createRedisClient, RateLimiter, rateLimitHeaders } from '@app/core';

/**
 * The rate limiter against the real Redis (database 1). Two clients and two limiters stand for two
 * API processes: they share nothing but Redis.
 */
describe('RateLimiter (e2e, real Redis)', () => {
  const prefix = `e2e:ratelimit:${randomUUID()}:`;
  let redisA: Redis;
  let redisB: Redis;
  let limiterA: RateLimiter;
  let limiterB: RateLimiter;
  const key = () => randomUUID();

  beforeAll(async () => {
    redisA = await connectRedis(createRedisClient(process.env.REDIS_URL ?? ''));
    redisB = await connectRedis(createRedisClient(process.env.REDIS_URL ?? ''));
    await Promise.all([redisA.ping(), redisB.ping()]);
    limiterA = new RateLimiter(redisA, { keyPrefix: prefix });
    limiterB = new RateLimiter(redisB, { keyPrefix: prefix });
  });

  afterAll(async () => {
    const keys = await redisA.keys(`${prefix}*`);
    if (keys.length > 0) await redisA.del(...keys);
    await Promise.all([redisA.quit(), redisB.quit()]);
  });

  it('allows exactly N requests, then refuses', async () => {
    const k = key();
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await limiterA.consume(k, 5));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([4, 3, 2, 1, 0, 0]);
    expect(results.every((r) => r.limit === 5 && !r.degraded)).toBe(true);
    // A refusal does not use quota: still refused, not pushed further out.
    const again = await limiterA.consume(k, 5);
    expect(again.allowed).toBe(false);
    expect(again.retryAfterSeconds).toBeLessThanOrEqual(results[5].retryAfterSeconds);
  });

  it('peeks without counting: allowed until consumed to the limit, then refused alike', async () => {
    const k = key();
    for (let i = 0; i < 10; i++) expect((await limiterA.peek(k, 3)).allowed).toBe(true);
    for (let i = 0; i < 3; i++) expect((await limiterA.consume(k, 3)).allowed).toBe(true);
    const peeked = await limiterB.peek(k, 3);
    expect(peeked).toMatchObject({ allowed: false, degraded: false });
    expect(peeked.retryAfterSeconds).toBeGreaterThanOrEqual(19);
    expect((await limiterA.consume(k, 3)).allowed).toBe(false);
  });

  it('counts against one key only while another allows it, in one step (consumeUnlessRefused)', async () => {
    const [guard, counted] = [key(), key()];
    const both = () =>
      limiterA.consumeUnlessRefused(
        { key: guard, limitPerMinute: 2 },
        { key: counted, limitPerMinute: 10 },
      );
    const first = await both();
    expect(first.guard).toMatchObject({ allowed: true, remaining: 1, degraded: false });
    expect(first.counted).toMatchObject({ allowed: true, remaining: 9, limit: 10 });
    // The guard key is only looked at (a look says what would remain after one more): unchanged.
    expect((await limiterB.peek(guard, 2)).remaining).toBe(1);
    // Once the guard key is used up, nothing is counted against the other.
    await limiterA.consume(guard, 2);
    await limiterA.consume(guard, 2);
    const refused = await both();
    expect(refused.guard).toMatchObject({ allowed: false, degraded: false });
    expect(refused.guard.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(refused.counted).toBeNull();
    // One counted (the first), none for the refused one: one more would leave 8.
    expect((await limiterB.peek(counted, 10)).remaining).toBe(8);
  });

  it('gives a Retry-After of about one emission interval (60 s / N) and a reset within the window', async () => {
    const k = key();
    for (let i = 0; i < 5; i++) await limiterA.consume(k, 5);
    const refused = await limiterA.consume(k, 5);
    expect(refused.allowed).toBe(false);
    // 60 s / 5 = 12 s until one request is available again; the full quota is back within 60 s.
    expect(refused.retryAfterSeconds).toBeGreaterThanOrEqual(11);
    expect(refused.retryAfterSeconds).toBeLessThanOrEqual(12);
    expect(refused.resetSeconds).toBeGreaterThanOrEqual(59);
    expect(refused.resetSeconds).toBeLessThanOrEqual(60);
    expect(rateLimitHeaders(refused)).toEqual({
      RateLimit: `limit=5, remaining=0, reset=${refused.resetSeconds}`,
      'RateLimit-Policy': '5;w=60',
      'Retry-After': String(refused.retryAfterSeconds),
    });
  });

  it('gives a request back once Retry-After has passed', async () => {
    const k = key();
    for (let i = 0; i < 60; i++) await limiterA.consume(k, 60);
    const refused = await limiterA.consume(k, 60);
    expect(refused).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await limiterA.consume(k, 60)).allowed).toBe(true);
    expect((await limiterA.consume(k, 60)).allowed).toBe(false);
  });

  it('shares one limit between two processes (two clients)', async () => {
    const k = key();
    const allowed: boolean[] = [];
    for (let i = 0; i < 8; i++) {
      const limiter = i % 2 === 0 ? limiterA : limiterB;
      allowed.push((await limiter.consume(k, 6)).allowed);
    }
    expect(allowed).toEqual([true, true, true, true, true, true, false, false]);
  });

  it('stays exact under concurrent requests from both processes', async () => {
    const k = key();
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => (i % 2 === 0 ? limiterA : limiterB).consume(k, 25)),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(25);
    expect(results.filter((r) => r.allowed && r.remaining === 0)).toHaveLength(1);
  });

  it('keeps keys apart', async () => {
    const [k1, k2] = [key(), key()];
    for (let i = 0; i < 3; i++) await limiterA.consume(k1, 3);
    expect((await limiterA.consume(k1, 3)).allowed).toBe(false);
    const other = await limiterA.consume(k2, 3);
    expect(other).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('keeps one small key per client that expires when the quota is back', async () => {
    const k = key();
    await limiterA.consume(k, 100);
    const ttl = await redisA.pttl(`${prefix}${k}`);
    // One request of 100/min is 0.6 s of debt: the key lives that long, not a whole window.
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(600);
  });

  describe('with Redis unreachable', () => {
    let deadRedis: Redis;
    let warn: jest.SpyInstance;

    beforeAll(() => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      // Port 1 refuses connections, as a stopped Redis would. A short disconnectTimeout so the
      // never-connected socket does not keep Jest waiting after the suite.
      deadRedis = createRedisClient('redis://127.0.0.1:1', { disconnectTimeout: 20 });
      deadRedis.on('error', () => undefined);
      void deadRedis.connect().catch(() => undefined);
    });

    afterAll(async () => {
      deadRedis.disconnect();
      warn.mockRestore();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });

    it('fails open quickly, says it is degraded, and warns only once', async () => {
      const limiter = new RateLimiter(deadRedis);
      for (let i = 0; i < 5; i++) {
        const started = Date.now();
        const result = await limiter.consume(key(), 1);
        expect(Date.now() - started).toBeLessThan(1000);
        expect(result).toMatchObject({ allowed: true, degraded: true, limit: 1 });
        expect(rateLimitHeaders(result)).toEqual({ 'RateLimit-Policy': '1;w=60' });
      }
      expect(warn).toHaveBeenCalledTimes(1);
      expect(warn.mock.calls[0][0]).toMatch(/Rate limiting skipped/);
    });
  });

  describe('with a Redis that accepts connections but never answers', () => {
    let blackHole: Server;
    const sockets: Socket[] = [];
    let stalledRedis: Redis;
    let warn: jest.SpyInstance;

    beforeAll(async () => {
      warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      blackHole = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
      const { port } = blackHole.address() as AddressInfo;
      // With an offline queue (unlike ScaiDNS's own clients) a command waits: the limiter's own
      // timeout must end it.
      stalledRedis = createRedisClient(`redis://127.0.0.1:${port}`, {
        disconnectTimeout: 20,
        enableOfflineQueue: true,
      });
      stalledRedis.on('error', () => undefined);
      void stalledRedis.connect().catch(() => undefined);
    });

    afterAll(async () => {
      stalledRedis.disconnect();
      sockets.forEach((s) => s.destroy());
      await new Promise((resolve) => blackHole.close(resolve));
      warn.mockRestore();
    });

    it('gives up after the timeout and fails open instead of hanging', async () => {
      const limiter = new RateLimiter(stalledRedis, { timeoutMs: 300 });
      const started = Date.now();
      const result = await limiter.consume(key(), 10);
      const elapsed = Date.now() - started;
      expect(result).toMatchObject({ allowed: true, degraded: true });
      expect(elapsed).toBeGreaterThanOrEqual(250);
      expect(elapsed).toBeLessThan(1000);
    });
  });
});
