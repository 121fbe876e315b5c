import { type AppConfig, Metrics } from '@app/core';
import type { AccessService } from '../rbac/access.service';
import type { Caller } from './caller';
import { CallerCache, type VerifiedToken } from './caller-cache';

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
  const access = {
    generationSource: () => ({
      generation: async () => generation,
      retire: async () => undefined,
    }),
  };
  const cache = new CallerCache(
    { scaikey: { tokenCacheTtlSeconds: ttlSeconds } } as unknown as AppConfig,
    access as unknown as AccessService,
    new Metrics({ metricsEnabled: false }),
  );
  const verifications: string[] = [];
  const verifier =
    (token: string, expiresAt = Math.floor(Date.now() / 1000) + 3600) =>
    async (): Promise<VerifiedToken> => {
      verifications.push(token);
      return { caller: caller({ userId: `user-of-${token}` }), expiresAt };
    };
  return { cache, verifications, verifier, setGeneration: (g: string | null) => (generation = g) };
}

describe('CallerCache', () => {
  afterEach(() => jest.useRealTimers());

  it('verifies a token once and answers it again with this request’s origin', async () => {
    const { cache, verifications, verifier } = setup();
    await cache.resolve('tok', origin('10.0.0.1'), verifier('tok'));
    const again = await cache.resolve('tok', origin('10.0.0.2'), verifier('tok'));
    expect(again).toMatchObject({
      userId: 'user-of-tok',
      ip: '10.0.0.2',
      requestId: 'req-10.0.0.2',
    });
    await cache.resolve('other', origin('x'), verifier('other'));
    expect(verifications).toEqual(['tok', 'other']);
  });

  it('verifies again once the RBAC generation moves (a user or tenant changed)', async () => {
    const { cache, verifications, verifier, setGeneration } = setup();
    await cache.resolve('tok', origin('x'), verifier('tok'));
    setGeneration('g2');
    await cache.resolve('tok', origin('x'), verifier('tok'));
    await cache.resolve('tok', origin('x'), verifier('tok'));
    expect(verifications).toEqual(['tok', 'tok']);
  });

  it('trusts nothing while Redis cannot tell the generation', async () => {
    const { cache, verifications, verifier, setGeneration } = setup();
    await cache.resolve('tok', origin('x'), verifier('tok'));
    setGeneration(null);
    await cache.resolve('tok', origin('x'), verifier('tok'));
    await cache.resolve('tok', origin('x'), verifier('tok'));
    expect(verifications).toHaveLength(3);
  });

  it('keeps a caller for the cache TTL or until the token expires, whichever is first', async () => {
    jest.useFakeTimers({ now: new Date('2026-11-23T10:00:00Z') });
    const { cache, verifications, verifier } = setup(60);
    const now = Math.floor(Date.now() / 1000);
    await cache.resolve('long', origin('x'), verifier('long', now + 3600));
    await cache.resolve('short', origin('x'), verifier('short', now + 10));
    jest.setSystemTime(new Date('2026-11-23T10:00:11Z'));
    await cache.resolve('short', origin('x'), verifier('short', now + 10));
    await cache.resolve('long', origin('x'), verifier('long', now + 3600));
    expect(verifications).toEqual(['long', 'short', 'short']);
    jest.setSystemTime(new Date('2026-11-23T10:01:01Z'));
    await cache.resolve('long', origin('x'), verifier('long', now + 3600));
    expect(verifications).toEqual(['long', 'short', 'short', 'long']);
  });

  it('a token that fails verification is not cached; a TTL of 0 caches nothing', async () => {
    const { cache, verifications } = setup();
    const failing = async (): Promise<VerifiedToken> => {
      verifications.push('bad');
      throw new Error('Token signature is invalid');
    };
    await expect(cache.resolve('bad', origin('x'), failing)).rejects.toThrow('invalid');
    await expect(cache.resolve('bad', origin('x'), failing)).rejects.toThrow('invalid');
    expect(verifications).toEqual(['bad', 'bad']);

    const off = setup(0);
    await off.cache.resolve('tok', origin('x'), off.verifier('tok'));
    await off.cache.resolve('tok', origin('x'), off.verifier('tok'));
    expect(off.verifications).toEqual(['tok', 'tok']);
  });
});
