import { loadEnvFile } from '@app/core';

/**
 * Every e2e test process reads the stack's `.env` (written by `scripts/stack.sh up`) and then points
 * the application at the test database and Redis database, so tests never touch development data.
 */
loadEnvFile();
process.env.DATABASE_URL =
  process.env.TEST_DATABASE_URL ?? testDatabaseUrl(process.env.DATABASE_URL);
// Redis database 1, so a development worker on database 0 never takes the tests' jobs.
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1';
process.env.ENVIRONMENT ??= 'development';
// The stack's PowerDNS takes RFC 2136 updates (scripts/stack.sh): signed zones are written that way.
process.env.PDNS_DNS_UPDATE_ADDRESS ??= '127.0.0.1:5300';
// Tests never ask the internet: ownership checks a suite does not point at its own DNS server fail
// at once (a closed local port) instead of waiting on public resolvers this machine can't reach.
process.env.VALIDATION_RESOLVERS ??= '127.0.0.1:1';
process.env.VALIDATION_AUTHORITATIVE_PORT ??= '1';
process.env.VALIDATION_DNS_TIMEOUT_MS ??= '300';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'ERROR';
// Test zones stay out of the development catalog the stack's secondary consumes, and nudge no
// secondary: the suite about secondaries sets its own catalog and secondaries.
process.env.PDNS_CATALOG_ZONE = 'catalog.test.scaidns.invalid';
process.env.SECONDARIES = '';
process.env.SECONDARY_PDNS_API_URLS = '';
// Suites send bad credentials on purpose, all from loopback into one Redis database: on a fast
// machine they could pass the per-address failure limit meant for brute force and see 429 for 401.
// The suite that tests that limit sets the production default itself.
process.env.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE ??= '100000';

function testDatabaseUrl(url: string | undefined): string {
  if (!url) throw new Error('DATABASE_URL is not set: run `scripts/stack.sh up` first');
  const parsed = new URL(url);
  parsed.pathname = '/scaidns_test';
  return parsed.toString();
}
