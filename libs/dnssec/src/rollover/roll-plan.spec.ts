import { Clock } from './clock';
import { nextRollStep, type RollKey } from './roll-plan';

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
    const step = nextRollStep([ksk('k1', { expiresAt: at(5000) }), key('z1')], timings, T0);
    expect(step).toEqual({ kind: 'none', dueAt: at(5000) });
  });

  it('walks a full ZSK pre-publish roll: publish, activate, retire', () => {
    const old = key('z1', { expiresAt: at(-1) });
    const publish = nextRollStep([ksk('k1'), old], timings, T0);
    expect(publish).toEqual({ kind: 'zsk_publish', nextStepAt: at(3600 + 300) });

    const incoming = key('z2', { state: 'incoming', nextStepAt: at(3900) });
    // Not yet due: waits for the DNSKEY TTL + propagation.
    expect(nextRollStep([ksk('k1'), old, incoming], timings, at(3899))).toEqual({
      kind: 'none',
      dueAt: at(3900),
    });
    const activate = nextRollStep([ksk('k1'), old, incoming], timings, at(3900));
    expect(activate).toEqual({
      kind: 'zsk_activate',
      incoming: 'z2',
      retiring: ['z1'],
      nextStepAt: at(3900 + 86_400 + 300),
    });

    const retiring = key('z1', { state: 'retiring', nextStepAt: at(3900 + 86_700) });
    const active = key('z2');
    expect(nextRollStep([ksk('k1'), retiring, active], timings, at(3900 + 86_699)).kind).toBe(
      'none',
    );
    expect(nextRollStep([ksk('k1'), retiring, active], timings, at(3900 + 86_700))).toEqual({
      kind: 'zsk_retire',
      key: 'z1',
    });
    expect(nextRollStep([ksk('k1'), active], timings, at(100_000)).kind).toBe('none');
  });

  it('does not start a second ZSK roll while one is under way', () => {
    const keys = [
      ksk('k1'),
      key('z1', { expiresAt: at(-1) }),
      key('z2', { state: 'incoming', nextStepAt: at(10) }),
    ];
    expect(nextRollStep(keys, timings, T0)).toEqual({ kind: 'none', dueAt: at(10) });
  });

  it('walks a full KSK double-DS roll: publish, wait for the DS, wait its TTL, retire', () => {
    const old = ksk('k1', { expiresAt: at(-1) });
    expect(nextRollStep([old, key('z1')], timings, T0)).toEqual({ kind: 'ksk_publish' });

    const incoming = ksk('k2', { state: 'incoming' });
    expect(nextRollStep([old, incoming, key('z1')], timings, T0)).toEqual({
      kind: 'ksk_check_ds',
      key: 'k2',
    });

    const seen = ksk('k2', { state: 'incoming', dsSeenAt: at(50) });
    expect(nextRollStep([old, seen, key('z1')], timings, at(60))).toEqual({
      kind: 'ksk_ds_seen',
      key: 'k2',
      nextStepAt: at(50 + 7200 + 300),
    });

    const waiting = ksk('k2', { state: 'incoming', dsSeenAt: at(50), nextStepAt: at(7550) });
    expect(nextRollStep([old, waiting, key('z1')], timings, at(7549))).toEqual({
      kind: 'none',
      dueAt: at(7550),
    });
    expect(nextRollStep([old, waiting, key('z1')], timings, at(7550))).toEqual({
      kind: 'ksk_retire',
      incoming: 'k2',
      retiring: ['k1'],
    });
  });

  it('moves a newly enabled zone (pending_ds: an incoming KSK alone) the same way', () => {
    const only = ksk('k1', { state: 'incoming' });
    expect(nextRollStep([only, key('z1')], timings, T0)).toEqual({
      kind: 'ksk_check_ds',
      key: 'k1',
    });
    const waiting = ksk('k1', { state: 'incoming', dsSeenAt: T0, nextStepAt: at(7500) });
    expect(nextRollStep([waiting, key('z1')], timings, at(7500))).toEqual({
      kind: 'ksk_retire',
      incoming: 'k1',
      retiring: [],
    });
  });

  it('is the same step when asked twice (a re-run after a crash repeats, not skips)', () => {
    const keys = [ksk('k1'), key('z1', { state: 'retiring', nextStepAt: at(0) }), key('z2')];
    expect(nextRollStep(keys, timings, T0)).toEqual(nextRollStep(keys, timings, T0));
  });

  it('takes ZSK steps before KSK steps, one a run', () => {
    const keys = [
      ksk('k1', { expiresAt: at(-1) }),
      key('z1', { state: 'retiring', nextStepAt: at(0) }),
      key('z2'),
    ];
    expect(nextRollStep(keys, timings, T0).kind).toBe('zsk_retire');
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
