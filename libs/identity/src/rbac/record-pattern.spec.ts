import {
  normalizeRelativeName,
  recordNameMatches,
  recordPatternProblem,
  recordTypeMatches,
  relativeRecordName,
} from './record-pattern';

describe('recordNameMatches(pattern, name)', () => {
  it.each<[string | null, string, boolean]>([
    // null: every name, the apex included
    [null, 'www', true],
    [null, '@', true],
    [null, 'a.b.c', true],
    // literal names
    ['www', 'www', true],
    ['www', 'WWW', true],
    ['WWW', 'www', true],
    ['www', 'www.', true],
    ['www', 'www2', false],
    ['www', 'x.www', false],
    ['www', 'www.x', false],
    ['a.b', 'a.b', true],
    ['a.b', 'axb', false], // a dot in a pattern is a dot, not "any character"
    // `*` spans one or more characters, dots included
    ['*.dev', 'a.dev', true],
    ['*.dev', 'x.y.dev', true],
    ['*.dev', 'API.Dev', true],
    ['*.dev', '*.dev', true], // the wildcard record itself
    ['*.dev', 'dev', false],
    ['*.dev', '.dev', false],
    ['*.dev', 'a.dev.x', false],
    ['*.dev', 'adev', false],
    ['*dev', 'adev', true],
    ['*dev', 'a.b.dev', true],
    ['*dev', 'dev', false],
    ['api-*', 'api-1', true],
    ['api-*', 'api-1.eu', true],
    ['api-*', 'api-', false],
    ['dev.*', 'dev.a', true],
    ['dev.*', 'dev.a.b', true],
    ['dev.*', 'dev', false],
    ['*.*', 'a.b', true],
    ['*.*', 'a', false],
    ['a*b', 'ab', false],
    ['a*b', 'axb', true],
    ['a*b', 'a.x.b', true],
    ['*', 'www', true],
    ['*', 'a.b.c', true],
    ['*', '*', true],
    // the apex
    ['*', '@', false],
    ['*', '', false],
    ['@', '@', true],
    ['@', '', true],
    ['@', 'www', false],
    ['www', '@', false],
    // glob syntax other than `*` is literal, regex syntax too
    ['w?w', 'www', false],
    ['w?w', 'w?w', true],
    ['[a]', 'a', false],
    ['a+', 'aa', false],
    ['_dmarc', '_dmarc', true],
    ['_*._tcp', '_sip._tcp', true],
  ])('%j matches %j: %s', (pattern, name, expected) => {
    expect(recordNameMatches(pattern, name)).toBe(expected);
  });
});

describe('recordTypeMatches(types, type)', () => {
  it.each<[string[] | null, string, boolean]>([
    [null, 'A', true],
    [['A', 'AAAA'], 'A', true],
    [['A', 'AAAA'], 'aaaa', true],
    [['a'], 'A', true],
    [['A', 'AAAA'], 'TXT', false],
    [[], 'A', false],
  ])('%j admits %j: %s', (types, type, expected) => {
    expect(recordTypeMatches(types, type)).toBe(expected);
  });
});

describe('normalizeRelativeName', () => {
  it.each([
    ['WWW', 'www'],
    ['www.', 'www'],
    [' www ', 'www'],
    ['', '@'],
    ['@', '@'],
    ['*.Dev', '*.dev'],
  ])('%j → %j', (name, expected) => {
    expect(normalizeRelativeName(name)).toBe(expected);
  });
});

describe('relativeRecordName(name, zone)', () => {
  it.each<[string, string, string | null]>([
    ['www.example.com.', 'example.com', 'www'],
    ['WWW.Example.COM.', 'example.com.', 'www'],
    ['a.b.example.com.', 'example.com', 'a.b'],
    ['example.com.', 'example.com', '@'],
    ['www', 'example.com', 'www'],
    ['@', 'example.com', '@'],
    ['www.other.com.', 'example.com', null],
    ['wwwexample.com.', 'example.com', null],
  ])('%j in %j → %j', (name, zone, expected) => {
    expect(relativeRecordName(name, zone)).toBe(expected);
  });
});

describe('recordPatternProblem', () => {
  it.each(['www', '*.dev', '*', '@', '_acme-challenge.*', 'a.*.b', 'WWW.'])('accepts %j', (p) => {
    expect(recordPatternProblem(p)).toBeNull();
  });

  it.each(['a..b', '.a', 'a b', 'w?w', '[a]', '@.dev', 'a/b', 'x'.repeat(254)])(
    'refuses %j',
    (p) => {
      expect(recordPatternProblem(p)).toEqual(expect.any(String));
    },
  );
});
