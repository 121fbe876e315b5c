import 'reflect-metadata';
import { validateSync } from 'class-validator';
import { characterCount, Length, MaxLength } from './text-length';

class Sample {
  @MaxLength(5)
  short: string;

  @Length(2, 3)
  between: string;

  @MaxLength(2, { each: true })
  many: string[];
}

function problems(values: Partial<Sample>): string[] {
  const sample = Object.assign(new Sample(), { short: '', between: 'ab', many: [], ...values });
  return validateSync(sample).flatMap((e) => Object.values(e.constraints ?? {}));
}

describe('text length as MariaDB counts it', () => {
  it('counts code points: a 4-byte character is one, a variation selector is one', () => {
    expect(characterCount('abc')).toBe(3);
    expect(characterCount('\u{1F600}\u{1F600}')).toBe(2);
    expect(characterCount('a\uFE0F')).toBe(2);
  });

  it('MaxLength refuses what would overflow varchar(n), which class-validator lets through', () => {
    expect(problems({ short: '\u{1F600}'.repeat(5) })).toEqual([]);
    expect(problems({ short: `a${'\uFE0F'.repeat(5)}` })).toEqual([
      'short must be shorter than or equal to 5 characters',
    ]);
  });

  it('Length bounds both ends, in characters', () => {
    expect(problems({ between: '\u{1F600}\u{1F600}' })).toEqual([]);
    expect(problems({ between: 'a' })).toEqual([
      'between must be longer than or equal to 2 characters',
    ]);
    expect(problems({ between: 'ab\uFE0F\uFE0F' })).toEqual([
      'between must be shorter than or equal to 3 characters',
    ]);
  });

  it('applies to each item of an array', () => {
    expect(problems({ many: ['ab', 'a\uFE0F'] })).toEqual([]);
    expect(problems({ many: ['abc'] })).toEqual([
      'each value in many must be shorter than or equal to 2 characters',
    ]);
  });
});
