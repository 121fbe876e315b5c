import type { AppConfig, RateLimiter, RateLimitResult } from '@app/core';
import type { Response } from 'express';
import { AuthFailureLimiter, failureScope } from './auth-failure-limiter';

describe('failureScope', () => {
  it('keeps an IPv4 address, groups IPv6 by its /64', () => {
    expect(failureScope('192.0.2.7')).toBe('192.0.2.7');
    expect(failureScope('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(failureScope('2001:DB8:1:2:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1:2::/64');
    expect(failureScope('2001:0db8:0001:0002:0:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(failureScope('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(failureScope('::1')).toBe('0:0:0:0::/64');
    expect(failureScope('fe80::1:2:3:4')).toBe('fe80:0:0:0::/64');
  });
});

describe('AuthFailureLimiter', () => {
  const config = { rateLimit: { authFailuresPerMinute: 30 } } as AppConfig;
  const result = (allowed: boolean, degraded = false): RateLimitResult => ({
    allowed,
    limit: 30,
    remaining: allowed ? 5 : 0,
    resetSeconds: 40,
    retryAfterSeconds: allowed ? 0 : 2,
    degraded,
  });
  const response = () => {
    const headers: Record<string, string> = {};
    return {
      headers,
      res: {
        setHeader: (name: string, value: string) => (headers[name] = value),
      } as unknown as Response,
    };
  };

  it('peeks before (never counting) and consumes only on failure, per address', async () => {
    const limiter = {
      peek: jest.fn().mockResolvedValue(result(true)),
      consume: jest.fn().mockResolvedValue(result(true)),
    };
    const failures = new AuthFailureLimiter(config, limiter as unknown as RateLimiter);
    const { res, headers } = response();
    await failures.assertMayAuthenticate('2001:db8:1:2::99', res);
    expect(limiter.peek).toHaveBeenCalledWith('authfail:2001:db8:1:2::/64', 30);
    expect(limiter.consume).not.toHaveBeenCalled();
    expect(headers).toEqual({});
    await failures.recordFailure('192.0.2.7');
    expect(limiter.consume).toHaveBeenCalledWith('authfail:192.0.2.7', 30);
  });

  it('refuses with 429 and Retry-After once over the limit', async () => {
    const limiter = { peek: jest.fn().mockResolvedValue(result(false)), consume: jest.fn() };
    const failures = new AuthFailureLimiter(config, limiter as unknown as RateLimiter);
    const { res, headers } = response();
    await expect(failures.assertMayAuthenticate('192.0.2.7', res)).rejects.toMatchObject({
      code: 'RATE_LIMITED',
    });
    expect(headers['Retry-After']).toBe('2');
  });

  it('lets authentication go on while Redis is away (the limiter fails open)', async () => {
    const limiter = { peek: jest.fn().mockResolvedValue(result(true, true)), consume: jest.fn() };
    const failures = new AuthFailureLimiter(config, limiter as unknown as RateLimiter);
    await expect(failures.assertMayAuthenticate('192.0.2.7', response().res)).resolves.toBe(
      undefined,
    );
  });
});
