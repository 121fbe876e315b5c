import type { ContentResult } from './content-result';
import { canonicalTarget, type ContentContext } from './target-name';
import {
  MAX_CHARACTER_STRING,
  parseUnsigned,
  quoteCharacterString,
  splitCharacterString,
  splitFields,
} from './zone-text';

/** Largest RDATA on the wire. */
const MAX_RDATA = 65535;

/**
 * TXT. Content that starts with `"` is read as zone-file quoted strings (`"a" "b"`, escapes `\"`, `\\`,
 * `\DDD`); anything else is taken as ONE literal string and quoted (`v=spf1 -all` → `"v=spf1 -all"`).
 * Strings longer than 255 bytes are cut into several quoted strings at UTF-8 character boundaries, so
 * what PowerDNS stores is exactly what goes on the wire. The boundaries a person chose are kept: strings
 * are never merged. Non-ASCII text is stored as `\DDD` bytes (`café` → `"caf\195\169"`), see
 * quoteCharacterString.
 */
export function canonicalTxt(content: string): ContentResult {
  const text = content.trim();
  if (text === '') return { error: 'TXT content is empty; send "" for a TXT record with no text' };
  let strings: Buffer[];
  if (text.startsWith('"')) {
    const fields = splitFields(text);
    if ('reason' in fields) return { error: `TXT content ${fields.reason}` };
    const bare = fields.find((field) => !field.quoted);
    if (bare) {
      return {
        error: `TXT content has '${bare.raw}' outside double quotes; quote every string ("a" "b"), or send the text without any quotes`,
      };
    }
    strings = fields.map((field) => field.bytes);
  } else {
    strings = [Buffer.from(text, 'utf8')];
  }
  const pieces = strings.flatMap(splitCharacterString);
  const wireLength = pieces.reduce((total, piece) => total + piece.length + 1, 0);
  if (wireLength > MAX_RDATA) {
    return {
      error: `TXT content is ${wireLength} bytes on the wire; at most ${MAX_RDATA} fit in one record`,
    };
  }
  return { content: pieces.map(quoteCharacterString).join(' ') };
}

const CAA_TAGS = 'issue, issuewild, issuemail, iodef';
const CAA_ISSUER_TAGS = new Set(['issue', 'issuewild', 'issuemail', 'issuevmc']);
const CAA_PARAMETER = /^[A-Za-z0-9]+=[\x21-\x3a\x3c-\x7e]*$/;
const LDH_DOMAIN =
  /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/;

/**
 * CAA: `<flags 0-255> <tag> "<value>"` (RFC 8659). The tag is lowercased; an unquoted value is taken
 * literally and quoted (`0 issue letsencrypt.org` → `0 issue "letsencrypt.org"`).
 */
export function canonicalCaa(content: string): ContentResult {
  const text = content.trim();
  const parts = /^(\S+)\s+(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!parts) {
    return {
      error: `CAA content must be '<flags> <tag> "<value>"', e.g. '0 issue "letsencrypt.org"' (got '${text}')`,
    };
  }
  const flags = parseUnsigned({ quoted: false, raw: parts[1], bytes: Buffer.alloc(0) }, 255);
  if (flags === null) {
    return { error: `CAA flags must be a number from 0 to 255, usually 0 (got '${parts[1]}')` };
  }
  const tag = parts[2].toLowerCase();
  if (!/^[a-z0-9]{1,15}$/.test(tag)) {
    return {
      error: `CAA tag must be 1 to 15 letters or digits, such as ${CAA_TAGS} (got '${parts[2]}')`,
    };
  }
  const valueText = parts[3] ?? '';
  if (valueText === '') {
    return {
      error: `CAA ${tag} value is missing; e.g. 0 ${tag} "letsencrypt.org" (or ";" to allow no CA)`,
    };
  }
  let value: Buffer;
  if (valueText.startsWith('"')) {
    const fields = splitFields(valueText);
    if ('reason' in fields) return { error: `CAA value ${fields.reason}` };
    if (fields.length !== 1) {
      return { error: `CAA value must be one quoted string (got '${valueText}')` };
    }
    value = fields[0].bytes;
  } else {
    value = Buffer.from(valueText, 'utf8');
  }
  const problem = caaValueProblem(tag, value.toString('utf8'));
  if (problem) return { error: problem };
  return { content: `${flags} ${tag} ${quoteCharacterString(value)}` };
}

function caaValueProblem(tag: string, value: string): string | null {
  if (CAA_ISSUER_TAGS.has(tag)) {
    const [issuer, ...parameters] = value.split(';').map((part) => part.trim());
    const issuerOk = issuer === '' || LDH_DOMAIN.test(issuer);
    const parametersOk = parameters.every((p) => p === '' || CAA_PARAMETER.test(p));
    if (issuerOk && parametersOk) return null;
    return `CAA ${tag} value must be a CA's domain name like "letsencrypt.org", optionally followed by "; key=value" parameters, or ";" to allow no CA (got "${value}")`;
  }
  if (tag === 'iodef') {
    if (/^(mailto:[^@\s]+@[^@\s]+|https?:\/\/\S+)$/i.test(value) && urlParses(value)) return null;
    return `CAA iodef value must be a mailto: or https:// URL where CAs report problems (got "${value}")`;
  }
  return null;
}

function urlParses(value: string): boolean {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

/**
 * NAPTR: `<order> <preference> "<flags>" "<services>" "<regexp>" <replacement.>` (RFC 3403). Flags are
 * uppercased; unquoted flags/services/regexp are taken literally and quoted. A record uses either the
 * regexp or the replacement, never both.
 */
export function canonicalNaptr(content: string, context: ContentContext): ContentResult {
  const fields = splitFields(content.trim());
  if ('reason' in fields) return { error: `NAPTR content ${fields.reason}` };
  if (fields.length !== 6) {
    return {
      error: `NAPTR content must be '<order> <preference> "<flags>" "<services>" "<regexp>" <replacement>', e.g. '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.' (got '${content.trim()}')`,
    };
  }
  const [orderField, preferenceField, flagsField, servicesField, regexpField, replacementField] =
    fields;
  const order = parseUnsigned(orderField, 65535);
  if (order === null) {
    return { error: `NAPTR order must be a number from 0 to 65535 (got '${orderField.raw}')` };
  }
  const preference = parseUnsigned(preferenceField, 65535);
  if (preference === null) {
    return {
      error: `NAPTR preference must be a number from 0 to 65535 (got '${preferenceField.raw}')`,
    };
  }
  const flags = flagsField.bytes.toString('utf8').toUpperCase();
  if (!/^[A-Z0-9]*$/.test(flags)) {
    return {
      error: `NAPTR flags must be letters or digits such as "S", "A", "U" or "P", or "" (got ${flagsField.raw})`,
    };
  }
  const services = servicesField.bytes.toString('utf8');
  if (!/^[A-Za-z0-9+:._-]*$/.test(services)) {
    return {
      error: `NAPTR services must be letters, digits and + : . _ - such as "SIP+D2U" or "E2U+sip", or "" (got ${servicesField.raw})`,
    };
  }
  for (const [what, field] of [
    ['flags', flagsField],
    ['services', servicesField],
    ['regexp', regexpField],
  ] as const) {
    if (field.bytes.length > MAX_CHARACTER_STRING) {
      return { error: `NAPTR ${what} is longer than ${MAX_CHARACTER_STRING} bytes` };
    }
  }
  const regexp = regexpField.bytes.toString('utf8');
  if (regexp !== '' && !isSubstitution(regexp)) {
    return {
      error: `NAPTR regexp must look like "!<pattern>!<replacement>!" (any delimiter character), or "" (got ${regexpField.raw})`,
    };
  }
  if (replacementField.quoted) {
    return { error: `NAPTR replacement is a domain name and must not be quoted; use . for none` };
  }
  const replacement = canonicalTarget(replacementField.raw, context, {
    what: 'NAPTR replacement',
    host: false,
    root: true,
  });
  if ('error' in replacement) return replacement;
  if ((regexp === '') === (replacement.name === '.')) {
    return {
      error:
        regexp === ''
          ? 'NAPTR needs a regexp or a replacement: both are empty'
          : 'NAPTR uses either a regexp or a replacement, not both: set the replacement to . or the regexp to ""',
    };
  }
  return {
    content: [
      order,
      preference,
      quoteCharacterString(Buffer.from(flags, 'utf8')),
      quoteCharacterString(servicesField.bytes),
      quoteCharacterString(regexpField.bytes),
      replacement.name,
    ].join(' '),
  };
}

/** `<d><pattern><d><replacement><d>` with an optional trailing `i`; `\` escapes the delimiter. */
function isSubstitution(regexp: string): boolean {
  const delimiter = regexp[0];
  if (/[0-9\\i]/.test(delimiter)) return false;
  const positions: number[] = [];
  for (let i = 1; i < regexp.length; i++) {
    if (regexp[i] === '\\') i++;
    else if (regexp[i] === delimiter) positions.push(i);
  }
  if (positions.length !== 2) return false;
  const rest = regexp.slice(positions[1] + 1);
  return rest === '' || rest === 'i';
}
