import { platformConfigProblem } from './platform-config.rules';

describe('platformConfigProblem', () => {
  it.each([
    ['default_ttl', 300],
    ['soa_edit_api', 'INCREASE'],
    ['max_records_per_bulk', 5000],
    ['zone_quota_per_tenant', null],
    ['zone_quota_per_tenant', 0],
    ['some_future_key', { any: ['json'] }],
  ])('accepts %s = %j', (key, value) => {
    expect(platformConfigProblem(key, value)).toBeNull();
  });

  it.each([
    ['default_ttl', 0, 'default_ttl must be a whole number from 1 to 2147483647'],
    ['default_ttl', '300', 'default_ttl must be a whole number from 1 to 2147483647'],
    ['default_ttl', 1.5, 'default_ttl must be a whole number from 1 to 2147483647'],
    [
      'soa_edit_api',
      'daily',
      'soa_edit_api must be one of DEFAULT, INCREASE, EPOCH, SOA-EDIT, SOA-EDIT-INCREASE',
    ],
    [
      'max_records_per_bulk',
      100_001,
      'max_records_per_bulk must be a whole number from 1 to 100000',
    ],
    [
      'zone_quota_per_tenant',
      -1,
      'zone_quota_per_tenant must be a whole number from 0 to 2147483647',
    ],
  ])('refuses %s = %j', (key, value, problem) => {
    expect(platformConfigProblem(key, value)).toBe(problem);
  });

  it('sends nameservers to their own endpoint', () => {
    expect(platformConfigProblem('nameservers', ['ns1.example.com.'])).toMatch(
      /PUT \/api\/v1\/admin\/nameservers/,
    );
  });

  it('sends authoritative_domains to their own endpoint', () => {
    expect(platformConfigProblem('authoritative_domains', ['example.com'])).toMatch(
      /PUT \/api\/v1\/admin\/authoritative-domains/,
    );
  });
});
