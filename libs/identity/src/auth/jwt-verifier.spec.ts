import { AppError } from '@app/core';
import { assertTokenTimes, CLOCK_SKEW_SECONDS } from './jwt-verifier';

describe('assertTokenTimes', () => {
  const now = 1_800_000_000;
  const refusal = (claims: Record<string, unknown>): string | null => {
    try {
      assertTokenTimes(claims, now);
      return null;
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'UNAUTHENTICATED') throw error;
      return error.message;
    }
  };

  it('accepts a token with an expiry, issued now or within the skew ahead', () => {
    expect(refusal({ exp: now + 300, iat: now })).toBeNull();
    expect(refusal({ exp: now + 300, iat: now + CLOCK_SKEW_SECONDS })).toBeNull();
    expect(refusal({ exp: now + 300 })).toBeNull();
  });

  it('refuses a token without exp, or with one that is not a number', () => {
    expect(refusal({ iat: now })).toBe('Token has no expiry (exp)');
    expect(refusal({ iat: now, exp: String(now + 300) })).toBe('Token has no expiry (exp)');
  });

  it('refuses a token issued beyond the skew in the future', () => {
    expect(refusal({ exp: now + 86_400 * 2, iat: now + CLOCK_SKEW_SECONDS + 1 })).toBe(
      'Token is issued in the future (iat)',
    );
    expect(refusal({ exp: now + 86_400 * 2, iat: now + 86_400 })).toBe(
      'Token is issued in the future (iat)',
    );
    expect(refusal({ exp: now + 300, iat: 'soon' })).toMatch(/iat/);
  });
});
