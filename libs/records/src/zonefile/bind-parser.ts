import { RECORD_TYPES, zoneApex } from '@app/core';
import { isInZone, resolveName } from '@app/zones';
import { ALIAS_GENERIC_TYPE, decodeAliasRdata } from './alias-generic';
import { unsupportedTypeError } from './unsupported-type';
import type {
  ParsedRecord,
  ZoneFileError,
  ZoneFileParseOptions,
  ZoneFileParseResult,
} from './zone-file.types';

/**
 * Reads a BIND master file (RFC 1035 §5) into records. Pure: it never throws on bad input, it collects
 * one error per bad entry with the line the entry starts on, and keeps going.
 *
 * Supported:
 * - `$ORIGIN` (absolute, or relative to the current origin), `$TTL` (seconds or units: `1h30m`, `2d`,
 *   `1w`); `$INCLUDE` and `$GENERATE` are refused with an error (the server reads no other files).
 * - Owner names: absolute, relative to the current `$ORIGIN`, `@`, `*` wildcards, `_underscore` labels,
 *   Unicode (to punycode); a line starting with a space or tab repeats the previous owner. Zone-file
 *   rules: a name without a trailing dot is always relative. Names outside the zone are errors.
 * - TTL and class (`IN` only) are both optional, in either order; TTLs with units.
 * - Parentheses over several lines, `;` comments (not inside quotes), tabs, CRLF, a leading BOM.
 * - Quoted strings with `\"`, `\\`, `\DDD` escapes, kept exactly as written (TXT, CAA, NAPTR), any
 *   number of strings on a line; a quoted string must close on its own line.
 * - Names in the data of CNAME, NS, PTR, DNAME, ALIAS, MX, SRV, NAPTR (replacement) and SOA (mname,
 *   rname) are made absolute against the current `$ORIGIN` (`@` is the origin); SOA timers with units
 *   become seconds. All other data is kept verbatim (fields re-joined with single spaces).
 * - ALIAS both as `ALIAS target` and as the generic `TYPE65401 \# <len> <hex>` that exports write.
 * - A comment line `; disabled: <owner> <ttl> IN <type> <data>` (how exports write disabled records)
 *   is read as a disabled record; any other comment, or one that doesn't parse, stays a comment.
 *
 * Refused with an error: escapes in owner names (`\.`, `\@`, `\DDD`), classes other than IN, types
 * ScaiDNS doesn't manage (and `TYPEnnn` other than ALIAS's), generic `\#` data for other types, TTLs
 * above 2^31 - 1, unbalanced parentheses, unclosed quotes.
 *
 * TTL of a record without one: the last `$TTL`, else `options.defaultTtl` (not RFC 1035's "the
 * previous record's TTL", which makes a record's TTL depend on the lines above it).
 */
export function parseBindZone(text: string, options: ZoneFileParseOptions): ZoneFileParseResult {
  const zone = zoneApex(options.origin);
  const state: ParserState = {
    zone,
    origin: zone,
    ttl: options.defaultTtl,
    owner: null,
  };
  const records: ParsedRecord[] = [];
  const errors: ZoneFileError[] = [];
  for (const entry of lexZone(text.replace(/^\uFEFF/, ''))) {
    if (entry.error !== undefined) {
      errors.push({ line: entry.line, message: entry.error });
      // A bad line that names an owner must not let the next blank-owner lines borrow an older one.
      if (!entry.blankOwner && !entry.disabled) state.owner = { line: entry.line, name: null };
      continue;
    }
    if (entry.disabled) {
      // A commented-out record changes nothing for the lines after it.
      const result = parseRecord(entry, { ...state }, true);
      if ('record' in result) records.push(result.record);
      continue;
    }
    const first = entry.tokens[0];
    if (!entry.blankOwner && !first.quoted && first.text.startsWith('$')) {
      const error = applyDirective(entry, state);
      if (error !== null) errors.push({ line: entry.line, message: error });
      continue;
    }
    const result = parseRecord(entry, state, false);
    if ('record' in result) records.push(result.record);
    else errors.push({ line: entry.line, message: result.error });
  }
  return { records, errors };
}

/** Largest TTL (RFC 2181 §8). */
export const MAX_TTL = 2147483647;

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * A TTL in seconds: digits, or numbers with units (`1h30m`, `2d`, `1W`; a last number without a unit
 * is seconds, as BIND reads it). Null if it isn't one or is above 2^31 - 1.
 */
export function parseTtl(text: string): number | null {
  if (!/^\d+([wdhms]\d*)*$/i.test(text)) return null;
  let total = 0;
  for (const [, digits, unit] of text.matchAll(/(\d+)([wdhms]?)/gi)) {
    total += Number(digits) * (unit ? UNIT_SECONDS[unit.toLowerCase()] : 1);
  }
  return total <= MAX_TTL ? total : null;
}

interface Token {
  /** As written; quotes included for a quoted string. */
  readonly text: string;
  readonly quoted: boolean;
}

interface Entry {
  /** The line the entry starts on. */
  readonly line: number;
  /** The line started with a space or tab: the owner is the previous one. */
  readonly blankOwner: boolean;
  readonly tokens: Token[];
  /** From a `; disabled:` comment. */
  readonly disabled: boolean;
  error?: string;
}

interface ParserState {
  /** The zone being imported, lowercase, no trailing dot. */
  readonly zone: string;
  /** The current `$ORIGIN`, lowercase, no trailing dot; '' for the root. */
  origin: string;
  /** The current `$TTL` (or the default). */
  ttl: number;
  /** The last owner written out; `name: null` when that line was bad. */
  owner: { line: number; name: string | null } | null;
}

const DISABLED_MARKER = /^;\s*disabled:[ \t]?(.*)$/;

/**
 * Splits the file into entries: one per record or directive, a parenthesised group counting as one
 * line. Blank and comment-only lines give no entry.
 */
function lexZone(text: string): Entry[] {
  const entries: Entry[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let current: Entry | null = null;
  let depth = 0;
  let openedOn = 0;
  const finish = () => {
    if (current && (current.tokens.length > 0 || current.error !== undefined))
      entries.push(current);
    current = null;
  };
  for (const [index, line] of lines.entries()) {
    const lineNo = index + 1;
    if (depth === 0) {
      finish();
      const marker = DISABLED_MARKER.exec(line);
      if (marker) {
        const inner = lexZone(marker[1]);
        if (inner.length === 1 && isWrittenRecord(inner[0])) {
          entries.push({ ...inner[0], line: lineNo, disabled: true });
        }
        continue;
      }
      current = { line: lineNo, blankOwner: /^[ \t]/.test(line), tokens: [], disabled: false };
    }
    const entry: Entry = current ?? {
      line: lineNo,
      blankOwner: false,
      tokens: [],
      disabled: false,
    };
    current = entry;
    const result = lexLine(line, entry, depth);
    depth = result.depth;
    if (result.opened) openedOn = lineNo;
    if (entry.error !== undefined) depth = 0;
  }
  if (depth > 0 && current !== null) {
    const open: Entry = current;
    open.error ??= `'(' on line ${openedOn} is never closed with ')'`;
  }
  finish();
  return entries;
}

/**
 * A `; disabled:` comment is read as a record only in the exact shape exports write,
 * `<owner> <ttl> IN <type> <data>`, so a note like `; disabled: a mail server` stays a comment.
 */
function isWrittenRecord(entry: Entry): boolean {
  const [owner, ttl, klass, type, data] = entry.tokens;
  return (
    entry.error === undefined &&
    !entry.blankOwner &&
    data !== undefined &&
    [owner, ttl, klass, type].every((token) => !token.quoted) &&
    /^\d+$/.test(ttl.text) &&
    klass.text.toUpperCase() === 'IN'
  );
}

/** Reads one physical line's tokens into `entry`; returns the parenthesis depth after it. */
function lexLine(
  line: string,
  entry: Entry,
  startDepth: number,
): { depth: number; opened: boolean } {
  let depth = startDepth;
  let opened = false;
  let pos = 0;
  const fail = (message: string) => {
    entry.error ??= message;
  };
  while (pos < line.length) {
    const ch = line[pos];
    if (/\s/.test(ch)) {
      pos++;
    } else if (ch === ';') {
      break;
    } else if (ch === '(') {
      if (depth === 0) opened = true;
      depth++;
      pos++;
    } else if (ch === ')') {
      if (depth === 0) fail("has a ')' without a '(' before it");
      else depth--;
      pos++;
    } else if (ch === '"') {
      const end = closingQuote(line, pos);
      if (end < 0) {
        fail("has a quoted string that is not closed on its line (a '\"' is missing)");
        break;
      }
      entry.tokens.push({ text: line.slice(pos, end + 1), quoted: true });
      pos = end + 1;
    } else {
      let end = pos;
      while (end < line.length && !/[\s;()"]/.test(line[end])) end += line[end] === '\\' ? 2 : 1;
      end = Math.min(end, line.length);
      entry.tokens.push({ text: line.slice(pos, end), quoted: false });
      pos = end;
    }
  }
  return { depth, opened };
}

/** Index of the `"` closing the string opened at `start`, skipping `\X` escapes; -1 if none. */
function closingQuote(line: string, start: number): number {
  let pos = start + 1;
  while (pos < line.length) {
    if (line[pos] === '\\') pos += 2;
    else if (line[pos] === '"') return pos;
    else pos++;
  }
  return -1;
}

/** Applies `$ORIGIN`/`$TTL`; the error for anything else. */
function applyDirective(entry: Entry, state: ParserState): string | null {
  const [directive, ...args] = entry.tokens;
  const name = directive.text.toUpperCase();
  switch (name) {
    case '$ORIGIN': {
      if (args.length !== 1 || args[0].quoted) return '$ORIGIN needs exactly one domain name';
      const origin = ownerName(args[0].text, state.origin, false);
      if ('reason' in origin) return `$ORIGIN ${args[0].text} ${origin.reason}`;
      state.origin = origin.name;
      return null;
    }
    case '$TTL': {
      const ttl = args.length === 1 && !args[0].quoted ? parseTtl(args[0].text) : null;
      if (ttl === null) {
        return `$TTL needs one TTL: seconds (3600) or with units (1h, 2d, 1w) up to ${MAX_TTL} seconds`;
      }
      state.ttl = ttl;
      return null;
    }
    case '$INCLUDE':
      return '$INCLUDE is not supported: paste the records of the included file into this one';
    case '$GENERATE':
      return '$GENERATE is not supported: write out the records it would generate';
    default:
      return `Unknown directive ${directive.text}; only $ORIGIN and $TTL are supported`;
  }
}

const SUPPORTED_TYPES: ReadonlySet<string> = new Set(RECORD_TYPES);
const CLASS = /^(IN|CH|CS|HS|CLASS\d+)$/i;

/** Field positions holding a domain name, per type (made absolute against `$ORIGIN`). */
const NAME_FIELDS: Readonly<Record<string, readonly number[]>> = {
  CNAME: [0],
  NS: [0],
  PTR: [0],
  DNAME: [0],
  ALIAS: [0],
  MX: [1],
  SRV: [3],
  NAPTR: [5],
  SOA: [0, 1],
};
/** SOA refresh, retry, expire and minimum accept TTL units in BIND. */
const SOA_TIMER_FIELDS = [3, 4, 5, 6];

function parseRecord(
  entry: Entry,
  state: ParserState,
  disabled: boolean,
): { record: ParsedRecord } | { error: string } {
  const { tokens } = entry;
  let index = 0;
  let name: string;
  if (entry.blankOwner) {
    if (state.owner === null) {
      return {
        error:
          'starts with a space or tab (which repeats the previous owner name) but no record came before it',
      };
    }
    if (state.owner.name === null) {
      return { error: `repeats the owner name of line ${state.owner.line}, which is not valid` };
    }
    name = state.owner.name;
  } else {
    const owner = tokens[0];
    index = 1;
    const resolved = owner.quoted
      ? { reason: 'is in quotes' }
      : ownerName(owner.text, state.origin, true);
    if (!disabled) state.owner = { line: entry.line, name: null };
    if ('reason' in resolved) return { error: `Owner name '${owner.text}' ${resolved.reason}` };
    if (!isInZone(resolved.name, state.zone)) {
      return {
        error: `Owner name '${owner.text}'${owner.text === withDot(resolved.name) ? '' : ` (${withDot(resolved.name)})`} is outside the zone ${withDot(state.zone)}`,
      };
    }
    name = withDot(resolved.name);
    if (!disabled) state.owner = { line: entry.line, name };
  }

  let ttl: number | null = null;
  let classSeen = false;
  for (; index < tokens.length; index++) {
    const token = tokens[index];
    if (token.quoted) break;
    if (ttl === null && /^\d/.test(token.text)) {
      ttl = parseTtl(token.text);
      if (ttl === null) {
        return { error: `TTL '${token.text}' is not seconds or a TTL with units up to ${MAX_TTL}` };
      }
    } else if (!classSeen && CLASS.test(token.text)) {
      if (token.text.toUpperCase() !== 'IN') {
        return { error: `Class ${token.text} is not supported; only IN` };
      }
      classSeen = true;
    } else {
      break;
    }
  }

  const typeToken = tokens[index];
  if (typeToken === undefined || typeToken.quoted) return { error: 'has no record type' };
  const written = typeToken.text.toUpperCase();
  const type = written === ALIAS_GENERIC_TYPE ? 'ALIAS' : written;
  if (!SUPPORTED_TYPES.has(type)) {
    return { error: unsupportedTypeError(typeToken.text) };
  }
  const data = tokens.slice(index + 1);
  if (data.length === 0) return { error: `${type} record has no data` };

  const content = recordContent(type, data, state.origin);
  if ('error' in content) return content;
  return {
    record: {
      name,
      type,
      ttl: ttl ?? state.ttl,
      content: content.content,
      disabled,
      line: entry.line,
    },
  };
}

function recordContent(
  type: string,
  data: readonly Token[],
  origin: string,
): { content: string } | { error: string } {
  if (!data[0].quoted && data[0].text === '\\#') {
    if (type !== 'ALIAS') {
      return {
        error: `Generic data (\\#) is only read for ALIAS (${ALIAS_GENERIC_TYPE}); write ${type} data in its usual form`,
      };
    }
    const decoded = decodeAliasRdata(data.slice(1).map((token) => token.text));
    return 'reason' in decoded
      ? { error: `ALIAS record: ${decoded.reason}` }
      : { content: decoded.target };
  }
  const names = NAME_FIELDS[type] ?? [];
  const fields = data.map((token, position) => {
    if (token.quoted) return token.text;
    if (names.includes(position)) return absoluteName(token.text, origin);
    if (type === 'SOA' && SOA_TIMER_FIELDS.includes(position)) {
      const seconds = parseTtl(token.text);
      return seconds === null ? token.text : String(seconds);
    }
    return token.text;
  });
  return { content: fields.join(' ') };
}

/** A name in record data made absolute the way BIND does: `@` is the origin, no dot = relative. */
function absoluteName(text: string, origin: string): string {
  const fqdnOrigin = withDot(origin);
  if (text === '@') return fqdnOrigin;
  if (/(^|[^\\])(\\\\)*\.$/.test(text)) return text;
  return fqdnOrigin === '.' ? `${text}.` : `${text}.${fqdnOrigin}`;
}

/** An owner or `$ORIGIN` name resolved against the current origin, zone-file rules. */
function ownerName(
  text: string,
  origin: string,
  owner: boolean,
): { name: string } | { reason: string } {
  if (text.includes('\\')) {
    return {
      reason: 'contains an escape (\\. \\@ \\DDD); escaped characters in names are not supported',
    };
  }
  const resolved = resolveName(text, origin, { wildcard: owner, underscore: true, strict: true });
  return 'reason' in resolved ? { reason: resolved.reason } : { name: resolved.name };
}

function withDot(name: string): string {
  return name === '' ? '.' : `${name}.`;
}
