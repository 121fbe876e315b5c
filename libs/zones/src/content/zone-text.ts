/**
 * Zone-file text as PowerDNS reads and prints it: whitespace-separated fields, `"quoted strings"` with
 * `\X` and `\DDD` escapes, and unsigned numbers.
 */

/** One field of a record's content. */
export interface ContentField {
  /** Written in double quotes. */
  readonly quoted: boolean;
  /** The field as written, quotes included. */
  readonly raw: string;
  /** The value: escapes decoded for a quoted field, the UTF-8 of the text for an unquoted one. */
  readonly bytes: Buffer;
}

/** The longest character-string (one length byte on the wire). */
export const MAX_CHARACTER_STRING = 255;

/**
 * Splits content into fields. Unquoted fields are taken literally (a backslash is a backslash);
 * quoted fields have their escapes decoded.
 */
export function splitFields(text: string): ContentField[] | { reason: string } {
  const fields: ContentField[] = [];
  let pos = 0;
  while (pos < text.length) {
    if (/\s/.test(text[pos])) {
      pos++;
      continue;
    }
    if (text[pos] === '"') {
      const quoted = readQuoted(text, pos);
      if ('reason' in quoted) return quoted;
      if (quoted.end < text.length && !/\s/.test(text[quoted.end])) {
        return { reason: `has text right after a closing quote at position ${quoted.end + 1}` };
      }
      fields.push({ quoted: true, raw: text.slice(pos, quoted.end), bytes: quoted.bytes });
      pos = quoted.end;
      continue;
    }
    let end = pos;
    while (end < text.length && !/\s/.test(text[end])) end++;
    const raw = text.slice(pos, end);
    if (raw.includes('"')) {
      return { reason: `has a stray '"' in '${raw}'; put the whole value in double quotes` };
    }
    fields.push({ quoted: false, raw, bytes: Buffer.from(raw, 'utf8') });
    pos = end;
  }
  return fields;
}

/** Whitespace-separated fields, none of them quoted (numbers, names and hex never are). */
export function unquotedFields(content: string): ContentField[] | null {
  const fields = splitFields(content);
  if ('reason' in fields || fields.some((field) => field.quoted)) return null;
  return fields;
}

/** Reads the quoted string that starts at `start` (a `"`), decoding `\X` and `\DDD`. */
function readQuoted(
  text: string,
  start: number,
): { bytes: Buffer; end: number } | { reason: string } {
  const parts: Buffer[] = [];
  let literal = '';
  let pos = start + 1;
  const flush = () => {
    if (literal) parts.push(Buffer.from(literal, 'utf8'));
    literal = '';
  };
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === '"') {
      flush();
      return { bytes: Buffer.concat(parts), end: pos + 1 };
    }
    if (ch !== '\\') {
      literal += ch;
      pos++;
      continue;
    }
    const next = text[pos + 1];
    if (next === undefined) break;
    if (/\d/.test(next)) {
      const digits = /^\d{3}/.exec(text.slice(pos + 1));
      const value = digits ? Number(digits[0]) : NaN;
      if (!digits || value > 255) {
        return {
          reason: `has an escape '${text.slice(pos, pos + 4)}' that is not \\DDD with a number from 000 to 255`,
        };
      }
      flush();
      parts.push(Buffer.from([value]));
      pos += 4;
      continue;
    }
    // A surrogate pair is one character: keep it whole.
    const cp = text.codePointAt(pos + 1) ?? 0;
    literal += String.fromCodePoint(cp);
    pos += cp > 0xffff ? 3 : 2;
  }
  return { reason: "has a quoted string that is never closed (a '\"' is missing)" };
}

/**
 * Prints one character-string in quotes the way ScaiDNS stores it: `"` and `\` escaped, printable
 * ASCII as is, every other byte (controls, and each byte of non-ASCII UTF-8) as `\DDD` — the form
 * dig and BIND print. Stored content is then pure ASCII: with PowerDNS 4.7 on gmysql here, literal
 * 3- and 4-byte UTF-8 in content (`€`, `😀`) makes the PATCH fail with a 500, while `\DDD` is
 * stored and served as the intended bytes (test/record-content.e2e-spec.ts).
 */
export function quoteCharacterString(bytes: Uint8Array): string {
  let out = '"';
  for (const b of bytes) {
    if (b === 0x22 || b === 0x5c) out += `\\${String.fromCharCode(b)}`;
    else if (b >= 0x20 && b < 0x7f) out += String.fromCharCode(b);
    else out += `\\${b.toString().padStart(3, '0')}`;
  }
  return `${out}"`;
}

/**
 * Cuts a string longer than 255 bytes into character-strings of at most 255 bytes, never inside a
 * UTF-8 character (so each piece still reads as text).
 */
export function splitCharacterString(bytes: Buffer): Buffer[] {
  const pieces: Buffer[] = [];
  let start = 0;
  while (bytes.length - start > MAX_CHARACTER_STRING) {
    let end = start + MAX_CHARACTER_STRING;
    // Step back over continuation bytes (10xxxxxx), at most 3, to the start of the character.
    let back = end;
    while (back > end - 3 && (bytes[back] & 0xc0) === 0x80) back--;
    if ((bytes[back] & 0xc0) !== 0x80 && back > start) end = back;
    pieces.push(bytes.subarray(start, end));
    start = end;
  }
  pieces.push(bytes.subarray(start));
  return pieces;
}

/** A decimal number from 0 to `max`; leading zeros are accepted and dropped (`010` → `10`). */
export function parseUnsigned(field: ContentField | undefined, max: number): number | null {
  if (!field || field.quoted || !/^\d{1,10}$/.test(field.raw)) return null;
  const value = Number(field.raw);
  return value <= max ? value : null;
}
