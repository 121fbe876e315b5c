import type Redis from 'ioredis';
import { ZoneLock, type ZoneLogEntry } from './zone-lock';

function lockWithLog(entries: Omit<ZoneLogEntry, 'serialSteps' | 'changes'>[]): ZoneLock {
  const lines = entries.map((e) => JSON.stringify({ ...e, serialSteps: 1, changes: [] }));
  return new ZoneLock({ lrange: async () => lines } as unknown as Redis);
}

describe('ZoneLock.changesBetween', () => {
  const log = [
    { previousStamp: 'x', stamp: 'a' },
    { previousStamp: 'a', stamp: 'b' },
    { previousStamp: 'b', stamp: 'c' },
  ];

  it('returns the commits after one stamp up to another, oldest first', async () => {
    const lock = lockWithLog(log);
    expect((await lock.changesBetween('z.', 'a', 'c'))?.map((e) => e.stamp)).toEqual(['b', 'c']);
    expect((await lock.changesBetween('z.', 'b', 'c'))?.map((e) => e.stamp)).toEqual(['c']);
  });

  it('cannot tell when the start has left the log or the end is not in it', async () => {
    const lock = lockWithLog(log);
    expect(await lock.changesBetween('z.', 'x', 'c')).toBeNull();
    expect(await lock.changesBetween('z.', 'a', 'd')).toBeNull();
  });

  it('refuses to replay across a holder that wrote but left no entry (a broken chain)', async () => {
    // The holder of stamp b2 committed and died before appending: c found b2, not b.
    const lock = lockWithLog([
      { previousStamp: 'x', stamp: 'a' },
      { previousStamp: 'a', stamp: 'b' },
      { previousStamp: 'b2', stamp: 'c' },
    ]);
    expect(await lock.changesBetween('z.', 'a', 'c')).toBeNull();
    expect((await lock.changesBetween('z.', 'a', 'b'))?.map((e) => e.stamp)).toEqual(['b']);
  });
});
