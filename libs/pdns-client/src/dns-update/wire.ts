import { isIPv4, isIPv6 } from 'node:net';

/**
 * DNS wire format (RFC 1035, 3596, 2782, 3403, 4034, 4255, 6698, 8659) of the record contents
 * ScaiDNS writes, from PowerDNS's own presentation of them: the contents a zone holds have round-trip
 * through PowerDNS already (a PATCH refuses any other spelling), so this reads only that form. A
 * content it can't encode exactly answers null, and the change goes by PATCH instead.
 */

/** Type codes of the types an update may carry (SOA and ALIAS are left to PATCH). */
export const UPDATE_TYPE_CODES: Readonly<Record<string, number>> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  NAPTR: 35,
  DNAME: 39,
  DS: 43,
  SSHFP: 44,
  TLSA: 52,
  CAA: 257,
};

const MAX_LABEL = 63;
const MAX_NAME = 255;

/** An absolute name (trailing dot; `\.`, `\\` and `\DDD` escapes) in wire form; null if unusable. */
export function encodeName(name: string, lowercase = false): Buffer | null {
  if (!name.endsWith('.')) return null;
  if (name === '.') return Buffer.from([0]);
  const labels: number[][] = [[]];
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (name[i] === '\\') {
      const escaped = unescapeAt(name, i);
      if (!escaped) return null;
      labels[labels.length - 1].push(escaped.byte);
      i = escaped.next - 1;
    } else if (name[i] === '.') {
      if (labels[labels.length - 1].length === 0) return null;
      labels.push([]);
    } else {
      if (c > 0x7e || c < 0x21) return null;
      labels[labels.length - 1].push(lowercase && c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
    }
  }
  labels.pop(); // the empty label after the trailing dot
  const bytes: number[] = [];
  for (const label of labels) {
    if (label.length > MAX_LABEL) return null;
    bytes.push(label.length, ...label);
  }
  bytes.push(0);
  return bytes.length > MAX_NAME ? null : Buffer.from(bytes);
}

/** A `\X` or `\DDD` escape at `at`: its byte and where reading goes on. */
function unescapeAt(text: string, at: number): { byte: number; next: number } | null {
  const digits = /^\d{3}/.exec(text.slice(at + 1, at + 4));
  if (digits) {
    const byte = Number(digits[0]);
    return byte > 255 ? null : { byte, next: at + 4 };
  }
  if (at + 1 >= text.length) return null;
  const byte = text.charCodeAt(at + 1);
  return byte > 0x7e ? null : { byte, next: at + 2 };
}

/** A content split into its fields: bare words, or quoted strings already unescaped to bytes. */
type Field =
  | { readonly quoted: false; readonly text: string }
  | { readonly quoted: true; readonly bytes: Buffer };

function fields(content: string): Field[] | null {
  const out: Field[] = [];
  let i = 0;
  while (i < content.length) {
    if (content[i] === ' ') {
      i++;
      continue;
    }
    if (content[i] === '"') {
      const bytes: number[] = [];
      i++;
      while (i < content.length && content[i] !== '"') {
        if (content[i] === '\\') {
          const escaped = unescapeAt(content, i);
          if (!escaped) return null;
          bytes.push(escaped.byte);
          i = escaped.next;
        } else {
          const code = content.charCodeAt(i);
          if (code > 0x7e) return null; // PowerDNS prints every other byte as \DDD
          bytes.push(code);
          i++;
        }
      }
      if (content[i] !== '"') return null;
      i++;
      out.push({ quoted: true, bytes: Buffer.from(bytes) });
      continue;
    }
    const end = content.indexOf(' ', i);
    const text = content.slice(i, end === -1 ? content.length : end);
    if (text.includes('"')) return null;
    out.push({ quoted: false, text });
    i += text.length;
  }
  return out;
}

function word(field: Field | undefined): string | null {
  return field && !field.quoted ? field.text : null;
}

function uint(field: Field | undefined, bytes: 1 | 2): Buffer | null {
  const text = word(field);
  if (text === null || !/^\d{1,5}$/.test(text)) return null;
  const value = Number(text);
  if (value >= 2 ** (8 * bytes)) return null;
  const out = Buffer.alloc(bytes);
  out.writeUIntBE(value, 0, bytes);
  return out;
}

function hex(field: Field | undefined): Buffer | null {
  const text = word(field);
  if (text === null || text.length % 2 !== 0 || !/^[0-9a-fA-F]+$/.test(text)) return null;
  return Buffer.from(text, 'hex');
}

/** A character-string (RFC 1035 §3.3): a length byte, then at most 255 bytes. */
function characterString(field: Field | undefined): Buffer | null {
  if (!field?.quoted || field.bytes.length > 255) return null;
  return Buffer.concat([Buffer.from([field.bytes.length]), field.bytes]);
}

function nameField(field: Field | undefined): Buffer | null {
  const text = word(field);
  return text === null ? null : encodeName(text);
}

function ipv4(text: string): Buffer | null {
  if (!isIPv4(text)) return null;
  return Buffer.from(text.split('.').map(Number));
}

function ipv6(text: string): Buffer | null {
  if (!isIPv6(text)) return null;
  let hexForm = text;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    // An IPv4-mapped or -compatible tail (::ffff:192.0.2.1): two groups.
    const v4 = ipv4(last);
    if (!v4) return null;
    hexForm = `${text.slice(0, lastColon + 1)}${v4.readUInt16BE(0).toString(16)}:${v4.readUInt16BE(2).toString(16)}`;
  }
  const halves = hexForm.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const left = groups(halves[0]);
  const right = halves.length === 2 ? groups(halves[1]) : [];
  const zeros = 8 - left.length - right.length;
  if (zeros < 0 || (halves.length === 1 && zeros !== 0)) return null;
  const out = Buffer.alloc(16);
  [...left, ...Array<string>(zeros).fill('0'), ...right].forEach((g, i) =>
    out.writeUInt16BE(parseInt(g, 16), i * 2),
  );
  return out;
}

function all(parts: (Buffer | null)[]): Buffer | null {
  return parts.some((p) => p === null) ? null : Buffer.concat(parts as Buffer[]);
}

/** The rdata of one record of `type`, or null when this module can't encode it exactly. */
export function encodeRdata(type: string, content: string): Buffer | null {
  const f = fields(content);
  if (!f || f.length === 0) return null;
  const exactly = (n: number, parts: () => (Buffer | null)[]) =>
    f.length === n ? all(parts()) : null;
  switch (type) {
    case 'A':
      return f.length === 1 ? ipv4(word(f[0]) ?? '') : null;
    case 'AAAA':
      return f.length === 1 ? ipv6(word(f[0]) ?? '') : null;
    case 'NS':
    case 'CNAME':
    case 'PTR':
    case 'DNAME':
      return exactly(1, () => [nameField(f[0])]);
    case 'MX':
      return exactly(2, () => [uint(f[0], 2), nameField(f[1])]);
    case 'SRV':
      return exactly(4, () => [uint(f[0], 2), uint(f[1], 2), uint(f[2], 2), nameField(f[3])]);
    case 'TXT':
      return all(f.map(characterString));
    case 'CAA': {
      const tag = word(f[1]);
      const value = f[2];
      if (f.length !== 3 || !tag || !/^[A-Za-z0-9]{1,255}$/.test(tag) || !value.quoted) return null;
      return all([
        uint(f[0], 1),
        Buffer.from([tag.length]),
        Buffer.from(tag, 'ascii'),
        value.bytes,
      ]);
    }
    case 'SSHFP':
      return exactly(3, () => [uint(f[0], 1), uint(f[1], 1), hex(f[2])]);
    case 'TLSA':
      return exactly(4, () => [uint(f[0], 1), uint(f[1], 1), uint(f[2], 1), hex(f[3])]);
    case 'DS':
      return exactly(4, () => [uint(f[0], 2), uint(f[1], 1), uint(f[2], 1), hex(f[3])]);
    case 'NAPTR':
      return exactly(6, () => [
        uint(f[0], 2),
        uint(f[1], 2),
        characterString(f[2]),
        characterString(f[3]),
        characterString(f[4]),
        nameField(f[5]),
      ]);
    default:
      return null;
  }
}
