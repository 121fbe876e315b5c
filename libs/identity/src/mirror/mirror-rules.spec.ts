import { isStale, parseStamp, tenantStatusFor, userStatusFor } from './mirror-rules';

describe('identity mirror rules', () => {
  it.each([
    ['active', true, 'active'],
    ['suspended', true, 'suspended'],
    ['deleted', true, 'inactive'],
    ['active', false, 'inactive'],
    ['suspended', false, 'inactive'],
  ] as const)('a user %s in ScaiKey, assigned=%s, is %s here', (scaikey, assigned, expected) => {
    expect(userStatusFor(scaikey, assigned)).toBe(expected);
  });

  it('suspends tenants ScaiKey suspended or deleted', () => {
    expect(tenantStatusFor('active')).toBe('active');
    expect(tenantStatusFor('suspended')).toBe('suspended');
    expect(tenantStatusFor('deleted')).toBe('suspended');
  });

  it('calls state stale only when it is from an earlier second', () => {
    const at = (iso: string) => new Date(iso);
    expect(isStale(at('2030-01-01T00:00:01Z'), at('2030-01-01T00:00:02Z'))).toBe(true);
    expect(isStale(at('2030-01-01T00:00:02.000Z'), at('2030-01-01T00:00:02.900Z'))).toBe(false);
    expect(isStale(at('2030-01-01T00:00:03Z'), at('2030-01-01T00:00:02Z'))).toBe(false);
    expect(isStale(null, at('2030-01-01T00:00:02Z'))).toBe(false);
    expect(isStale(at('2030-01-01T00:00:02Z'), null)).toBe(false);
  });

  it('reads ISO strings and unix seconds, nothing else', () => {
    expect(parseStamp('2030-01-01T00:00:00Z')?.toISOString()).toBe('2030-01-01T00:00:00.000Z');
    expect(parseStamp(1_900_000_000)?.getTime()).toBe(1_900_000_000_000);
    expect(parseStamp('yesterday')).toBeNull();
    expect(parseStamp(undefined)).toBeNull();
  });
});
