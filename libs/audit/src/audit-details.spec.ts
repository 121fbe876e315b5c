import { buildAuditDetails, MAX_STRING_CHARS, sliceWhole, toJsonSafe } from './audit-details';

describe('audit details serialization', () => {
  it('always has before and after, and extra beside them', () => {
    expect(buildAuditDetails(undefined, { name: 'k' }, { api_key_owner_id: 'u1' })).toEqual({
      before: null,
      after: { name: 'k' },
      api_key_owner_id: 'u1',
    });
  });

  it('does not let extra overwrite before/after', () => {
    expect(buildAuditDetails(1, 2, { before: 'x', after: 'y', other: 3 })).toEqual({
      before: 1,
      after: 2,
      other: 3,
    });
  });

  it('writes Dates as ISO 8601 and invalid Dates as null', () => {
    expect(toJsonSafe({ at: new Date('2024-05-01T10:00:00Z'), bad: new Date('nope') })).toEqual({
      at: '2024-05-01T10:00:00.000Z',
      bad: null,
    });
  });

  it('drops functions, symbols and undefined like JSON, but keeps array positions', () => {
    const fn = () => 1;
    expect(
      toJsonSafe({ a: 1, f: fn, s: Symbol('x'), u: undefined, list: [1, fn, undefined] }),
    ).toEqual({
      a: 1,
      list: [1, null, null],
    });
  });

  it('turns bigint, NaN, Infinity, Map, Set, Error and binary into JSON', () => {
    expect(
      toJsonSafe({
        big: 12345678901234567890n,
        nan: Number.NaN,
        inf: Number.POSITIVE_INFINITY,
        map: new Map<unknown, unknown>([
          ['a', 1],
          [2, 'b'],
        ]),
        set: new Set(['x', 'y']),
        error: new TypeError('boom'),
        buf: Buffer.from('hello'),
      }),
    ).toEqual({
      big: '12345678901234567890',
      nan: null,
      inf: null,
      map: { a: 1, '2': 'b' },
      set: ['x', 'y'],
      error: { name: 'TypeError', message: 'boom' },
      buf: '[binary: 5 bytes]',
    });
  });

  it('marks circular references but serializes shared ones in full', () => {
    const shared = { v: 1 };
    const loop: Record<string, unknown> = { shared, again: shared };
    loop.self = loop;
    expect(toJsonSafe(loop)).toEqual({ shared: { v: 1 }, again: { v: 1 }, self: '[circular]' });
  });

  it('survives throwing getters and toJSON', () => {
    const nasty = {
      ok: 1,
      get boom(): never {
        throw new Error('getter');
      },
    };
    const badToJson = {
      toJSON: () => {
        throw new Error('toJSON');
      },
    };
    expect(toJsonSafe({ nasty, badToJson })).toEqual({
      nasty: '[unserializable]',
      badToJson: '[unserializable]',
    });
  });

  it('uses toJSON when a value has one (e.g. decimals, entities)', () => {
    expect(toJsonSafe({ price: { toJSON: () => '1.50' } })).toEqual({ price: '1.50' });
  });

  it('copies class instances by their own enumerable fields', () => {
    class Key {
      readonly name = 'k';
      method(): number {
        return 1;
      }
    }
    expect(toJsonSafe(new Key())).toEqual({ name: 'k' });
  });

  it('redacts secrets by field name and API key secrets anywhere', () => {
    const secret = `sdk_live_${'a'.repeat(43)}`;
    expect(
      toJsonSafe({
        password: 'hunter2',
        Key_Hash: 'abc',
        client_secret: null,
        key: secret,
        note: `created ${secret} today`,
        key_prefix: 'sdk_live_abcd1234',
      }),
    ).toEqual({
      password: '[redacted]',
      Key_Hash: '[redacted]',
      client_secret: null,
      key: 'sdk_live_[redacted]',
      note: 'created sdk_live_[redacted] today',
      key_prefix: 'sdk_live_abcd1234',
    });
  });

  it('cuts over-long strings with a marker', () => {
    const json = toJsonSafe('x'.repeat(MAX_STRING_CHARS + 10)) as string;
    expect(json.startsWith('x'.repeat(MAX_STRING_CHARS))).toBe(true);
    expect(json).toMatch(/…\[truncated: 10 more chars\]$/);
  });

  it('caps deep nesting', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 40; i++) deep = { d: deep };
    expect(JSON.stringify(toJsonSafe(deep))).toContain('[truncated: nested too deep]');
  });

  it('bounds a huge payload and says how much was left out', () => {
    const records = Array.from({ length: 100_000 }, (_, i) => ({ name: `r${i}`, type: 'A' }));
    const details = buildAuditDetails(null, records, {}, 10_000);
    const size = JSON.stringify(details).length;
    expect(size).toBeLessThan(11_000);
    const after = details.after as unknown[];
    expect(after[0]).toEqual({ name: 'r0', type: 'A' });
    expect(after[after.length - 1]).toMatch(/^\[truncated: \d+ more items\]$/);
  });

  it('keeps room for after when before is huge', () => {
    const before = { blob: Array.from({ length: 10_000 }, (_, i) => i) };
    const details = buildAuditDetails(before, { name: 'new' }, { reason: 'x' }, 2_000);
    expect(details.after).toEqual({ name: 'new' });
    expect(details.reason).toBe('x');
    expect(JSON.stringify(details).length).toBeLessThan(2_200);
  });

  it('output always survives a JSON round trip', () => {
    const odd = {
      d: new Date(0),
      n: -0,
      big: 1n,
      nested: [{ f: () => 1 }, new Set([new Date(1)])],
    };
    const json = toJsonSafe(odd);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  it('never splits a surrogate pair when cutting', () => {
    expect(sliceWhole('ab😀cd', 3)).toBe('ab');
    expect(sliceWhole('ab😀cd', 4)).toBe('ab😀');
  });
});
