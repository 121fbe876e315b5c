import { Clock } from '@app/core';
import { nextRollStep, type RollKey, rollStatus } from './roll-plan';

const T0 = new Date('2030-01-01T00:00:00Z');
const timings = { dnskeyTtl: 3600, maxZoneTtl: 86_400, dsTtl: 7200, propagationSeconds: 300 };
const at = (seconds: number): Date => new Date(T0.getTime() + seconds * 1000);

function key(id: string, over: Partial<RollKey> = {}): RollKey {
  return {
    id,
    role: 'zsk',
    state: 'active',
    nextStepAt: null,
    expiresAt: at(1_000_000),
    dsSeenAt: null,
    ...over,
  };
}

const ksk = (id: string, over: Partial<RollKey> = {}): RollKey => key(id, { role: 'ksk', ...over });

describe('DNSSEC roll plan', () => {
  it('does nothing for a steady zone and says when the next key expires', () => {
    const step = nextRollStep(
      [ksk('k1', { dsSeenAt: T0, expiresAt: at(5000) }), key('z1')],
      timings,
      T0,
    );
    expect(step).toEqual({ kind: 'none', dueAt: at(5000) });
  });

  it('walks a full ZSK pre-publish roll: publish, activate, remove', () => {
    const old = key('z1', { expiresAt: at(-1) });
    const publish = nextRollStep([ksk('k1', { dsSeenAt: T0 }), old], timings, T0);
    expect(publish).toEqual({ kind: 'publish', role: 'zsk', nextStepAt: at(3600 + 300) });

    const k1 = ksk('k1', { dsSeenAt: T0 });
    const incoming = key('z2', { state: 'incoming', nextStepAt: at(3900) });
    // Not yet due: waits for the DNSKEY TTL + propagation.
    expect(nextRollStep([k1, old, incoming], timings, at(3899))).toEqual({
      kind: 'none',
      dueAt: at(3900),
    });
    const activate = nextRollStep([k1, old, incoming], timings, at(3900));
    expect(activate).toEqual({
      kind: 'activate',
      role: 'zsk',
      incoming: 'z2',
      retiring: ['z1'],
      nextStepAt: at(3900 + 86_400 + 300),
    });

    const retiring = key('z1', { state: 'retiring', nextStepAt: at(3900 + 86_700) });
    const active = key('z2');
    expect(nextRollStep([k1, retiring, active], timings, at(3900 + 86_699)).kind).toBe('none');
    expect(nextRollStep([k1, retiring, active], timings, at(3900 + 86_700))).toEqual({
      kind: 'remove',
      key: 'z1',
    });
    expect(nextRollStep([k1, active], timings, at(100_000)).kind).toBe('none');
  });

  it('does not start a second roll while one is under way', () => {
    const keys = [
      ksk('k1', { dsSeenAt: T0, expiresAt: at(-1) }),
      key('z1', { expiresAt: at(-1) }),
      key('z2', { state: 'incoming', nextStepAt: at(10) }),
    ];
    expect(nextRollStep(keys, timings, T0)).toEqual({ kind: 'none', dueAt: at(10) });
  });

  it('walks a full KSK double-DS roll: publish, DS checks, the DS TTL, swap, remove', () => {
    const old = ksk('k1', { dsSeenAt: T0, expiresAt: at(-1) });
    expect(nextRollStep([old, key('z1')], timings, T0)).toEqual({
      kind: 'publish',
      role: 'ksk',
      nextStepAt: null,
    });

    const incoming = ksk('k2', { state: 'incoming' });
    expect(nextRollStep([old, incoming, key('z1')], timings, T0)).toEqual({
      kind: 'check_ds',
      key: 'k2',
    });
    // A check that did not find the DS planned the next one.
    const polled = ksk('k2', { state: 'incoming', nextStepAt: at(600) });
    expect(nextRollStep([old, polled, key('z1')], timings, at(599))).toEqual({
      kind: 'none',
      dueAt: at(600),
    });
    expect(nextRollStep([old, polled, key('z1')], timings, at(600)).kind).toBe('check_ds');

    // Confirmed by hand without a planned swap: the DS TTL from when it was seen.
    const seen = ksk('k2', { state: 'incoming', dsSeenAt: at(50) });
    expect(nextRollStep([old, seen, key('z1')], timings, at(60))).toEqual({
      kind: 'ds_seen',
      key: 'k2',
      nextStepAt: at(50 + 7200 + 300),
    });

    const waiting = ksk('k2', { state: 'incoming', dsSeenAt: at(50), nextStepAt: at(7550) });
    expect(nextRollStep([old, waiting, key('z1')], timings, at(7549))).toEqual({
      kind: 'none',
      dueAt: at(7550),
    });
    expect(nextRollStep([old, waiting, key('z1')], timings, at(7550))).toEqual({
      kind: 'activate',
      role: 'ksk',
      incoming: 'k2',
      retiring: ['k1'],
      nextStepAt: at(7550 + 3600 + 300),
    });
    const retired = ksk('k1', { state: 'retiring', dsSeenAt: T0, nextStepAt: at(11_450) });
    const swapped = ksk('k2', { dsSeenAt: at(50) });
    expect(nextRollStep([retired, swapped, key('z1')], timings, at(11_450))).toEqual({
      kind: 'remove',
      key: 'k1',
    });
  });

  it("asks the parent for a new zone's first DS (pending_ds) and starts no roll meanwhile", () => {
    const first = ksk('k1', { expiresAt: at(-1) });
    const zsk = key('z1', { expiresAt: at(-1) });
    expect(nextRollStep([first, zsk], timings, T0)).toEqual({ kind: 'check_ds', key: 'k1' });
    const polled = ksk('k1', { expiresAt: at(-1), nextStepAt: at(300) });
    expect(nextRollStep([polled, zsk], timings, T0)).toEqual({ kind: 'none', dueAt: at(300) });
  });

  it('derives the status from the keys', () => {
    const k1 = ksk('k1', { dsSeenAt: T0 });
    expect(rollStatus([k1, key('z1')])).toBe('active');
    expect(rollStatus([ksk('k1'), key('z1')])).toBe('pending_ds');
    expect(rollStatus([k1, key('z1'), key('z2', { state: 'incoming' })])).toBe('rotating_zsk');
    expect(rollStatus([k1, key('z1', { state: 'retiring' }), key('z2')])).toBe('rotating_zsk');
    expect(rollStatus([k1, ksk('k2', { state: 'incoming' }), key('z1')])).toBe('rotating_ksk');
  });

  it('is the same step when asked twice (a re-run after a crash repeats, not skips)', () => {
    const keys = [ksk('k1'), key('z1', { state: 'retiring', nextStepAt: at(0) }), key('z2')];
    expect(nextRollStep(keys, timings, T0)).toEqual(nextRollStep(keys, timings, T0));
  });

  it('removes retired keys before anything else', () => {
    const keys = [
      ksk('k1', { dsSeenAt: T0, expiresAt: at(-1) }),
      key('z1', { state: 'retiring', nextStepAt: at(0) }),
      key('z2'),
    ];
    expect(nextRollStep(keys, timings, T0).kind).toBe('remove');
  });
});

describe('Clock', () => {
  it('moves forward when a test advances it', () => {
    const clock = new Clock();
    const before = clock.now().getTime();
    clock.advance(86_400_000);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(86_400_000);
  });
});
