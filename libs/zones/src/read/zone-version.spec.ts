import type { ZoneLogEntry } from '../write/zone-lock';
import { confirmSerial, replayLog, versionOfRead, type ZoneVersion } from './zone-version';

const rrset = (name: string, content: string) => ({
  name,
  type: 'A',
  ttl: 300,
  records: [{ content, disabled: false }],
});

function entry(
  stamp: string,
  previousStamp: string,
  extra: Partial<ZoneLogEntry> = {},
): ZoneLogEntry {
  return {
    stamp,
    previousStamp,
    serialSteps: 1,
    changes: [rrset(`${stamp}.example.com.`, '192.0.2.1')],
    ...extra,
  };
}

const free = (stamp: string) => ({ stamp, locked: false });
const held = (stamp: string) => ({ stamp, locked: true });

describe('versionOfRead', () => {
  it('a read between two identical, unlocked observations is exact', () => {
    const v = versionOfRead(free('s1'), free('s1'), 10, 1000);
    expect(v).toMatchObject({ stamp: 's1', replayStamp: false, uncertainUntil: null });
    expect(v.serials).toEqual([10]);
  });

  it('a read while a writer held the lock replays that writer, uncertain', () => {
    expect(versionOfRead(held('h'), held('h'), 10, 0)).toMatchObject({
      stamp: 'h',
      replayStamp: true,
      uncertainUntil: 'h',
    });
  });

  it('writers that came during the read are uncertain up to the last one seen', () => {
    expect(versionOfRead(free('s1'), held('s3'), 10, 0)).toMatchObject({
      stamp: 's1',
      replayStamp: false,
      uncertainUntil: 's3',
    });
  });

  it('without Redis there is no stamp', () => {
    expect(versionOfRead(null, free('s1'), 10, 0).stamp).toBeNull();
  });
});

describe('replayLog', () => {
  const exact: ZoneVersion = versionOfRead(free('s1'), free('s1'), 10, 0);
  const log = [entry('s1', 's0'), entry('s2', 's1'), entry('s3', 's2')];

  it('applies the commits after the copy, oldest first, and moves the serial', () => {
    const out = replayLog(exact, log, free('s3'));
    expect(out.kind).toBe('replayed');
    if (out.kind !== 'replayed') return;
    expect(out.changes.map((c) => c.name)).toEqual(['s2.example.com.', 's3.example.com.']);
    expect(out.version).toMatchObject({ stamp: 's3', serials: [12] });
  });

  it('serves the copy as is while a writer after it is still at work', () => {
    const out = replayLog(exact, [entry('s1', 's0')], held('s2'));
    expect(out).toEqual({ kind: 'replayed', version: exact, changes: [] });
  });

  it('rereads past a writer that left no entry', () => {
    expect(replayLog(exact, [entry('s1', 's0')], free('s2')).kind).toBe('reread');
    // s3 found s2, which never logged: the chain stops at s1.
    expect(replayLog(exact, [entry('s1', 's0'), entry('s3', 's2')], free('s3')).kind).toBe(
      'reread',
    );
  });

  it('rereads when an entry cannot say what changed, or a writer saw an outside edit', () => {
    for (const extra of [{ changes: null }, { unsettled: true }, { outsideEdit: true }]) {
      const out = replayLog(exact, [entry('s1', 's0'), entry('s2', 's1', extra)], free('s2'));
      expect(out.kind).toBe('reread');
    }
  });

  it('rereads when the log has moved past the copy, or the copy has no stamp', () => {
    expect(replayLog(exact, [entry('s5', 's4')], free('s5')).kind).toBe('reread');
    const stampless = versionOfRead(null, null, 10, 0);
    expect(replayLog(stampless, log, free('s3')).kind).toBe('reread');
  });

  it('a read made while writers came keeps every serial they can explain', () => {
    // Read at serial 10 between s1 (free) and s3 (held): s2 and s3 may be in the read or not.
    const during = versionOfRead(free('s1'), held('s3'), 10, 0);
    const early = replayLog(during, [entry('s1', 's0'), entry('s2', 's1')], held('s3'));
    expect(early.kind).toBe('replayed');
    if (early.kind !== 'replayed') return;
    expect(early.version.uncertainUntil).toBe('s3');
    expect([...early.version.serials].sort()).toEqual([10, 11]);
    const done = replayLog(early.version, log, free('s3'));
    expect(done.kind).toBe('replayed');
    if (done.kind !== 'replayed') return;
    expect(done.version.uncertainUntil).toBeNull();
    expect([...done.version.serials].sort()).toEqual([10, 11, 12]);
    // Once settled, later commits move every candidate.
    const later = replayLog(done.version, [...log, entry('s4', 's3')], free('s4'));
    expect(later.kind === 'replayed' && [...later.version.serials].sort()).toEqual([11, 12, 13]);
  });

  it('a read made while its writer held the lock replays that writer once it is logged', () => {
    const during = versionOfRead(held('s2'), held('s2'), 10, 0);
    expect(replayLog(during, [entry('s1', 's0')], held('s2')).kind).toBe('replayed');
    const out = replayLog(during, log, free('s3'));
    expect(out.kind).toBe('replayed');
    if (out.kind !== 'replayed') return;
    expect(out.changes.map((c) => c.name)).toEqual(['s2.example.com.', 's3.example.com.']);
    expect([...out.version.serials].sort()).toEqual([11, 12]);
    expect(out.version).toMatchObject({ stamp: 's3', replayStamp: false, uncertainUntil: null });
    // Its writer gone with no entry: read again.
    expect(replayLog(during, [entry('s1', 's0')], free('s2')).kind).toBe('reread');
  });
});

describe('confirmSerial', () => {
  it('settles on the serial PowerDNS shows, if the commits explain it', () => {
    const v = { ...versionOfRead(free('a'), free('a'), 10, 0), serials: [10, 11] };
    expect(confirmSerial(v, 11, 5)).toMatchObject({ serials: [11], verifiedAt: 5 });
    expect(confirmSerial(v, 12, 5)).toBeNull();
  });

  it('keeps every candidate while a commit is still uncertain', () => {
    const v = { ...versionOfRead(free('a'), held('b'), 10, 0), serials: [10, 11] };
    expect(confirmSerial(v, 10, 5)?.serials).toEqual([10, 11]);
  });
});
