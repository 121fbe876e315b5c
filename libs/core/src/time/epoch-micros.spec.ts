import { epochMicrosToIso } from './epoch-micros';

describe('EpochMicros', () => {
  it('prints all six fractional digits', () => {
    expect(epochMicrosToIso(1_893_456_000_123_456)).toBe('2030-01-01T00:00:00.123456Z');
    expect(epochMicrosToIso(1_893_456_000_000_001)).toBe('2030-01-01T00:00:00.000001Z');
    expect(epochMicrosToIso(1_893_456_000_000_000)).toBe('2030-01-01T00:00:00.000000Z');
  });
});
