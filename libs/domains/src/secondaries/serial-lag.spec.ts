import { serialLag, standing, type ZoneAnswer } from './serial-lag';

describe('serialLag (RFC 1982)', () => {
  it('counts how many serials the secondary is behind', () => {
    expect(serialLag(2026120605, 2026120605)).toBe(0);
    expect(serialLag(2026120605, 2026120601)).toBe(4);
  });

  it('wraps at 2^32 and calls a secondary ahead negative', () => {
    expect(serialLag(3, 0xfffffffe)).toBe(5);
    expect(serialLag(10, 12)).toBe(-2);
  });
});

describe('standing of one secondary', () => {
  const primary = new Map([
    ['a.example.', 10],
    ['b.example.', 20],
    ['c.example.', 30],
  ]);
  const serial = (s: number): ZoneAnswer => ({ kind: 'serial', serial: s });

  it('is ok when every zone is at the primary serial', () => {
    const answers = new Map([...primary].map(([z, s]) => [z, serial(s)]));
    expect(standing('127.0.0.1:5301', primary, answers, new Map(), 1000)).toMatchObject({
      status: 'ok',
      zones: 3,
      in_sync: 3,
      behind: 0,
      missing: 0,
      max_serial_lag: 0,
      lag_seconds: 0,
    });
  });

  it('counts zones behind (the worst lag) and missing ones, and how long the oldest has waited', () => {
    const answers = new Map<string, ZoneAnswer>([
      ['a.example.', serial(7)],
      ['b.example.', serial(19)],
      ['c.example.', { kind: 'missing' }],
    ]);
    const since = new Map([
      ['a.example.', 4000],
      ['b.example.', 9000],
      ['c.example.', 2000],
    ]);
    expect(standing('s', primary, answers, since, 12_000)).toMatchObject({
      status: 'lagging',
      in_sync: 0,
      behind: 2,
      missing: 1,
      max_serial_lag: 3,
      lag_seconds: 10,
    });
  });

  it('is unreachable when no zone got an answer, and cannot tell a lag time without history', () => {
    const none = new Map<string, ZoneAnswer>();
    expect(standing('s', primary, none, null, 0)).toMatchObject({
      status: 'unreachable',
      lag_seconds: null,
    });
  });

  it('counts a secondary ahead of the primary as in sync (nothing for it to transfer)', () => {
    const answers = new Map([...primary].map(([z, s]) => [z, serial(s + 1)]));
    expect(standing('s', primary, answers, new Map(), 0).status).toBe('ok');
  });
});
