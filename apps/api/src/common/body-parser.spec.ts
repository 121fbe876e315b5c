import { jsonDepthExceeds } from './body-parser';

const exceeds = (json: string, max = 3) => jsonDepthExceeds(Buffer.from(json, 'utf8'), max);

describe('jsonDepthExceeds', () => {
  it('counts arrays and objects alike, up to and past the bound', () => {
    expect(exceeds('[{"a": [1]}]')).toBe(false);
    expect(exceeds('[{"a": [[1]]}]')).toBe(true);
    expect(exceeds('{"a": 1} {"b": [[2]]}')).toBe(false);
  });

  it('skips string contents, escaped quotes and backslashes included', () => {
    expect(exceeds('{"a": "[[[[{{{{"}')).toBe(false);
    expect(exceeds(String.raw`{"a": "\"[[[[\\", "b": "]]]]"}`)).toBe(false);
    expect(exceeds(String.raw`{"a\"[[[[": 1}`)).toBe(false);
    expect(exceeds(String.raw`["\\", [[[1]]]]`)).toBe(true);
  });

  it('is not fooled by multi-byte characters', () => {
    expect(exceeds('{"€[": "😀[[[["}')).toBe(false);
  });

  it('stops at the first level too deep, whatever follows', () => {
    expect(jsonDepthExceeds(Buffer.from('['.repeat(1_000_000)), 32)).toBe(true);
  });
});
