import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { ZoneLock, type ZoneLogEntry } from '@app/zones';

/**
 * The zone lock held across several commits (ZoneLease), against the real Redis: each renewal ends
 * one holder with its log entry and starts the next in the same step, so the zone's log stays one
 * unbroken chain and nobody else gets the lock in between.
 */
describe('zone lock lease (e2e)', () => {
  let redis: Redis;
  let other: Redis;
  let lock: ZoneLock;
  let rival: ZoneLock;
  const zoneId = `lease-${randomUUID()}.example.com.`;
  const keys = ['zonelock', 'zonestamp', 'zonelog', 'zonewanted'].map(
    (k) => `scaidns:${k}:${zoneId}`,
  );
  const entry = (n: number) => ({ serialSteps: 1, changes: [], n }) as never;

  beforeAll(() => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/1');
    other = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/1');
    lock = new ZoneLock(redis);
    rival = new ZoneLock(other);
  });

  afterEach(async () => {
    await redis.del(...keys);
  });

  afterAll(() => {
    redis.disconnect();
    other.disconnect();
  });

  it('renewals append each holder to one chain, and the stamp moves with them', async () => {
    const lease = await lock.take(zoneId);
    const stamps = [lease.grant.stamp];
    for (let n = 1; n <= 3; n += 1) {
      lease.grant.publish(entry(n));
      expect(await lease.renew()).toBe('renewed');
      expect(lease.grant.previousStamp).toBe(stamps[stamps.length - 1]);
      stamps.push(lease.grant.stamp);
      expect(await redis.get(keys[1])).toBe(lease.grant.stamp);
    }
    lease.grant.publish(entry(4));
    await lease.release();
    const log: (ZoneLogEntry & { n: number })[] = (await redis.lrange(keys[2], 0, -1)).map((line) =>
      JSON.parse(line),
    );
    expect(log.map((e) => e.n)).toEqual([1, 2, 3, 4]);
    expect(log.map((e) => e.stamp)).toEqual(stamps);
    // Each entry names the one before it: a process behind replays the whole run.
    expect(log.slice(1).map((e) => e.previousStamp)).toEqual(stamps.slice(0, -1));
    expect(await lock.changesBetween(zoneId, stamps[0], stamps[3])).toHaveLength(3);
    expect(await redis.exists(keys[0])).toBe(0);
  });

  it('a writer waiting in another process ends the lease at its next renewal, and goes first', async () => {
    const lease = await lock.take(zoneId);
    lease.grant.publish(entry(1));
    expect(await lease.renew()).toBe('renewed');
    const order: string[] = [];
    const waiting = rival.hold(zoneId, async (grant) => {
      order.push('rival');
      return grant.previousStamp;
    });
    // The rival has asked by now, found the lock held, and claimed the next turn.
    await new Promise((r) => setTimeout(r, 30));
    lease.grant.publish(entry(2));
    expect(await lease.renew()).toBe('wanted');
    const last = lease.grant.stamp;
    await lease.release();
    // The holder wants the lock again at once: the rival's turn comes first all the same.
    const again = lock.hold(zoneId, async () => {
      order.push('holder');
    });
    expect(await waiting).toBe(last);
    await again;
    expect(order).toEqual(['rival', 'holder']);
    const log = (await redis.lrange(keys[2], 0, -1)).map(
      (line) => JSON.parse(line) as { n?: number },
    );
    expect(log.map((e) => e.n)).toEqual([1, 2]);
  });

  it("a waiter's claim that nobody comes back for lapses, and the lock is taken after it", async () => {
    await redis.set(keys[3], 'a-writer-that-went-away', 'PX', 100);
    const started = Date.now();
    const lease = await lock.take(zoneId);
    expect(Date.now() - started).toBeGreaterThanOrEqual(80);
    expect(await redis.exists(keys[3])).toBe(0);
    await lease.release();
  });

  it('a lease whose lock was lost is not renewed, and renewing takes nothing from the new holder', async () => {
    const lease = await lock.take(zoneId);
    // The lock expired (its holder stalled past LOCK_TTL) and another process took it.
    await redis.del(keys[0]);
    const theirs = await rival.take(zoneId);
    lease.grant.publish(entry(1));
    expect(await lease.renew()).toBe('lost');
    expect(await redis.get(keys[0])).toBe(theirs.grant.stamp);
    expect(await redis.llen(keys[2])).toBe(0);
    await theirs.release();
    expect(await redis.exists(keys[0])).toBe(0);
  });
});
