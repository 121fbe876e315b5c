import { canonicalContent } from './record-content';

/** The zone every content table is resolved against. */
export const ZONE = 'example.com';

/**
 * Table-driven checks for one type: each valid input gives the expected canonical content, and that
 * content is a fixed point (reading back what we stored gives the same content, hence the same id);
 * each invalid input is refused with a message containing the given words.
 */
export function contentTable(
  type: string,
  valid: ReadonlyArray<readonly [input: string, canonical: string]>,
  invalid: ReadonlyArray<readonly [input: string, message: string]>,
): void {
  describe(type, () => {
    it.each(valid)('%j → %j', (input, canonical) => {
      expect(canonicalContent(type, input, ZONE)).toEqual({ content: canonical });
      expect(canonicalContent(type, canonical, ZONE)).toEqual({ content: canonical });
    });
    it.each(invalid)('%j is refused (%s)', (input, message) => {
      const result = canonicalContent(type, input, ZONE);
      expect(result).not.toHaveProperty('content');
      expect('error' in result ? result.error : '').toContain(message);
    });
  });
}
