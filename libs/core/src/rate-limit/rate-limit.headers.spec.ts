import { rateLimitHeaders } from './rate-limit.headers';
import type { RateLimitResult } from './rate-limit.types';

const base: RateLimitResult = {
  allowed: true,
  limit: 100,
  remaining: 42,
  resetSeconds: 35,
  retryAfterSeconds: 0,
  degraded: false,
};

describe('rateLimitHeaders', () => {
  it('sends RateLimit and RateLimit-Policy (draft 07 syntax) on an allowed request', () => {
    expect(rateLimitHeaders(base)).toEqual({
      RateLimit: 'limit=100, remaining=42, reset=35',
      'RateLimit-Policy': '100;w=60',
    });
  });

  it('adds Retry-After on a refusal', () => {
    const headers = rateLimitHeaders({
      ...base,
      allowed: false,
      remaining: 0,
      resetSeconds: 60,
      retryAfterSeconds: 1,
    });
    expect(headers).toEqual({
      RateLimit: 'limit=100, remaining=0, reset=60',
      'RateLimit-Policy': '100;w=60',
      'Retry-After': '1',
    });
  });

  it('never sends Retry-After: 0 on a refusal', () => {
    const headers = rateLimitHeaders({ ...base, allowed: false, retryAfterSeconds: 0 });
    expect(headers['Retry-After']).toBe('1');
  });

  it('sends only the policy while degraded, since the current state is unknown', () => {
    expect(rateLimitHeaders({ ...base, remaining: 100, resetSeconds: 0, degraded: true })).toEqual({
      'RateLimit-Policy': '100;w=60',
    });
  });

  it('formats a key-specific limit', () => {
    expect(rateLimitHeaders({ ...base, limit: 7, remaining: 6, resetSeconds: 9 })).toEqual({
      RateLimit: 'limit=7, remaining=6, reset=9',
      'RateLimit-Policy': '7;w=60',
    });
  });
});
