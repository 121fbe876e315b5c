import type { AppConfig } from '@app/core';
import type { AccessService } from '../rbac/access.service';
import type { Caller } from './caller';
import { CallerCache } from './caller-cache';

const origin = (ip: string) => ({ ip, userAgent: 'ua', requestId: `req-${ip}` });

function caller(extra: Partial<Caller> = {}): Caller {
  return {
    kind: 'user',
    userId: 'u1',
    scaikeyUserId: 'sk-u1',
    email: 'a@example.com',
    tenantId: 't1',
    scaikeyTenantId: 'sk-t1',
    partnerId: null,
    groupIds: [],
    scaikeyRoles: [],
    tokenScopes: [],
    apiKey: null,
    ip: '10.0.0.1',
    userAgent: 'first',
    requestId: 'first',
    ...extra,
  };
}

function setup(ttlSeconds = 60) {
  let generation: string | null = 'g1';
  const access = { currentGeneration: jest.fn(async () => generation) };
  const cache = new CallerCache(
    { scaikey: { tokenCacheTtlSeconds: ttlSeconds } } as unknown as AppConfig,
    access as unknown as AccessService,
  );
  return { cache, access, setGeneration: (g: string | null) => (generation = g) };
}

const inAnHour = () => Math.floor(Date.now() / 1000) + 3600;

describe('CallerCache', () => {
  afterEach(() => jest.useRealTimers());

  it('answers a stored token with the caller and this request’s origin', async () => {
    const { cache } = setup();
    const miss = await cache.lookup('tok', origin('10.0.0.1'));
    expect(miss).toEqual({ caller: null, generation: 'g1' });
    cache.store('tok', caller(), 'g1', inAnHour());
    const hit = await cache.lookup('tok', origin('10.0.0.2'));
    expect(hit.caller).toMatchObject({ userId: 'u1', ip: '10.0.0.2', requestId: 'req-10.0.0.2' });
    expect((await cache.lookup('other-token', origin('x'))).caller).toBeNull();
  });

  it('retires every entry when the RBAC generation moves (a user or tenant changed)', async () => {
    const { cache, setGeneration } = setup();
    cache.store('tok', caller(), 'g1', inAnHour());
    setGeneration('g2');
    expect(await cache.lookup('tok', origin('x'))).toEqual({ caller: null, generation: 'g2' });
    // Stored again under the new generation, it is trusted again.
    cache.store('tok', caller(), 'g2', inAnHour());
    expect((await cache.lookup('tok', origin('x'))).caller).not.toBeNull();
  });

  it('trusts nothing and stores nothing while Redis cannot tell the generation', async () => {
    const { cache, setGeneration } = setup();
    cache.store('tok', caller(), 'g1', inAnHour());
    setGeneration(null);
    expect((await cache.lookup('tok', origin('x'))).caller).toBeNull();
    cache.store('tok', caller(), null, inAnHour());
    setGeneration('g1');
    expect((await cache.lookup('tok', origin('x'))).caller).toBeNull();
  });

  it('keeps an entry for the cache TTL or until the token expires, whichever is first', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z') });
    const { cache } = setup(60);
    const now = Math.floor(Date.now() / 1000);
    cache.store('long', caller(), 'g1', now + 3600);
    cache.store('short', caller(), 'g1', now + 10);
    jest.setSystemTime(new Date('2026-11-23T10:00:11Z'));
    expect((await cache.lookup('short', origin('x'))).caller).toBeNull();
    expect((await cache.lookup('long', origin('x'))).caller).not.toBeNull();
    jest.setSystemTime(new Date('2026-11-23T10:01:01Z'));
    expect((await cache.lookup('long', origin('x'))).caller).toBeNull();
  });

  it('never caches API-key callers, and caches nothing when the TTL is 0', async () => {
    const keyed = setup();
    keyed.cache.store(
      'tok',
      caller({
        kind: 'api_key',
        apiKey: {
          id: 'k',
          prefix: 'p',
          permissionSource: 'user',
          permissionSourceId: 'u1',
          scopes: null,
          rateLimit: null,
        },
      }),
      'g1',
      inAnHour(),
    );
    expect((await keyed.cache.lookup('tok', origin('x'))).caller).toBeNull();

    const off = setup(0);
    off.cache.store('tok', caller(), 'g1', inAnHour());
    expect((await off.cache.lookup('tok', origin('x'))).caller).toBeNull();
    expect(off.access.currentGeneration).not.toHaveBeenCalled();
  });
});
