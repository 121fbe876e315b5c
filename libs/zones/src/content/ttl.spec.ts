import { validateTtl } from './ttl';

const bounds = { min: 60, max: 86400 };

describe('validateTtl', () => {
  it.each([
    [60, 60],
    [3600, 3600],
    [86400, 86400],
    ['300', 300],
    [' 300 ', 300],
  ])('accepts %j', (input, ttl) => {
    expect(validateTtl(input, bounds)).toEqual({ ttl });
  });

  it.each([
    [59, 'TTL must be from 60 to 86400 seconds (got 59)'],
    [86401, 'TTL must be from 60 to 86400 seconds (got 86401)'],
    [0, 'TTL must be from 60 to 86400 seconds (got 0)'],
    [300.5, 'TTL must be a whole number of seconds from 60 to 86400 (got 300.5)'],
    [-300, 'TTL must be from 60 to 86400 seconds (got -300)'],
    ['1h', "TTL must be a whole number of seconds from 60 to 86400 (got '1h')"],
    ['-300', "TTL must be a whole number of seconds from 60 to 86400 (got '-300')"],
    ['', "TTL must be a whole number of seconds from 60 to 86400 (got '')"],
    [null, 'TTL must be a whole number of seconds from 60 to 86400 (got null)'],
    [Number.NaN, 'TTL must be a whole number of seconds from 60 to 86400 (got NaN)'],
    [{}, 'TTL must be a whole number of seconds from 60 to 86400 (got object)'],
  ])('refuses %j', (input, error) => {
    expect(validateTtl(input, bounds)).toEqual({ error });
  });

  it('uses the bounds it is given', () => {
    expect(validateTtl(30, { min: 1, max: 60 })).toEqual({ ttl: 30 });
    expect(validateTtl(120, { min: 1, max: 60 })).toEqual({
      error: 'TTL must be from 1 to 60 seconds (got 120)',
    });
  });
});
