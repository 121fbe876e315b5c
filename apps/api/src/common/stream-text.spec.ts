import { asJsonString } from './stream-text';

describe('asJsonString', () => {
  it('writes text pieces as the inside of one JSON string that parses back to their join', () => {
    const pieces = ['$ORIGIN example.com.\n', 'a 300 IN TXT "say \\"hi\\""\r\n', '\u0000\t é 😀\n'];
    const head = JSON.stringify({ format: 'bind', zone_file: '' }).slice(0, -2);
    const text = [...asJsonString(head, pieces, '"}')].join('');
    expect(JSON.parse(text)).toEqual({ format: 'bind', zone_file: pieces.join('') });
  });

  it('an empty file is an empty string', () => {
    const text = [...asJsonString('{"zone_file":"', [], '"}')].join('');
    expect(JSON.parse(text)).toEqual({ zone_file: '' });
  });
});
