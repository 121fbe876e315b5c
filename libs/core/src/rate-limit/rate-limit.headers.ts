import { RATE_LIMIT_WINDOW_SECONDS, type RateLimitResult } from './rate-limit.types';

/**
 * Response headers for a rate-limit result, in the syntax of draft-ietf-httpapi-ratelimit-headers-07
 * (June 2023): `RateLimit: limit=100, remaining=42, reset=30` and `RateLimit-Policy: 100;w=60`, plus
 * `Retry-After` (RFC 9110) on a refusal. Revision 07 is the last with this unnamed-policy syntax, which
 * is what clients of the public docs parse; revisions 08+ rename the parameters (`"p";q=100;w=60`).
 *
 * When the limiter is degraded (Redis unusable) the current state is unknown, so only the policy is
 * sent: the draft lets a server omit `RateLimit` rather than report numbers it does not have.
 */
export function rateLimitHeaders(result: RateLimitResult): Record<string, string> {
  const headers: Record<string, string> = {
    'RateLimit-Policy': `${result.limit};w=${RATE_LIMIT_WINDOW_SECONDS}`,
  };
  if (!result.degraded) {
    headers['RateLimit'] =
      `limit=${result.limit}, remaining=${result.remaining}, reset=${result.resetSeconds}`;
  }
  if (!result.allowed) headers['Retry-After'] = String(Math.max(1, result.retryAfterSeconds));
  return headers;
}
