import type { AuditDetails } from '@app/core';

/** JSON that MariaDB's JSON column and every client can take. */
export type JsonValue =
  null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/**
 * Upper bound of one entry's `details`, in characters of JSON. Big enough for any single change and
 * a useful prefix of a bulk one (a 5,000-record import); small enough that the audit row never
 * slows down, or fails, the transaction it belongs to.
 */
export const MAX_DETAILS_CHARS = 64 * 1024;
/** Longest single string kept whole (a long TXT record fits). */
export const MAX_STRING_CHARS = 4096;
/** Nesting beyond this is replaced by a marker (and guards against pathological structures). */
export const MAX_DEPTH = 16;

/**
 * Values never written to the audit log, whatever a caller passes: the trail is readable by tenant
 * admins, so secrets must not reach it even by accident.
 */
const SECRET_KEYS = new Set([
  'password',
  'secret',
  'client_secret',
  'key_hash',
  'secret_hash',
  'access_token',
  'refresh_token',
  'id_token',
  'authorization',
  'api_key_pepper',
]);
/** An API key secret (`sdk_live_` + 43 base62 chars) anywhere in a string; a key_prefix is shorter. */
const SECRET_VALUE = /sdk_live_[0-9A-Za-z]{32,}/g;
const REDACTED = '[redacted]';

/** Nothing is emitted for this value (undefined, functions, symbols: what JSON.stringify drops). */
const OMIT = Symbol('omit');
/** The size budget ran out: the enclosing array or object stops here, with a marker. */
const NO_ROOM = Symbol('no room');
type Converted = JsonValue | typeof OMIT | typeof NO_ROOM;

/** Characters of JSON still allowed. Markers may overrun it slightly (a few dozen chars each). */
class Budget {
  constructor(public remaining: number) {}

  /** Takes `cost` characters; false (and nothing taken) when they no longer fit. */
  take(cost: number): boolean {
    if (cost > this.remaining) return false;
    this.remaining -= cost;
    return true;
  }
}

/**
 * `details` of an entry: `{ before, after, ...extra }`, each made JSON-safe and the whole bounded
 * by about `maxChars`. `before`/`after` are always present (null for a create's before or a
 * delete's after) and `extra` cannot overwrite them. Never throws.
 *
 * `extra` is small by nature and is converted first; `before` then gets half of what is left and
 * `after` the rest, so a huge `before` cannot crowd out `after`.
 */
export function buildAuditDetails(
  before: unknown,
  after: unknown,
  extra: Record<string, unknown> = {},
  maxChars = MAX_DETAILS_CHARS,
): AuditDetails {
  const budget = new Budget(maxChars);
  const rest: Record<string, JsonValue> = {};
  for (const [key, value] of Object.entries(extra)) {
    if (key === 'before' || key === 'after') continue;
    const json = convertEntry(key, value, budget, 0, new Set());
    if (json === NO_ROOM) {
      rest['_truncated'] = 'more details did not fit';
      break;
    }
    if (json !== OMIT) rest[key] = json;
  }
  const beforeShare = Math.floor(budget.remaining / 2);
  const beforeBudget = new Budget(beforeShare);
  const beforeJson = toJsonWithin(before, beforeBudget);
  const afterBudget = new Budget(budget.remaining - (beforeShare - beforeBudget.remaining));
  return { before: beforeJson, after: toJsonWithin(after, afterBudget), ...rest };
}

/** One value made JSON-safe within about `maxChars`; never throws. */
export function toJsonSafe(value: unknown, maxChars = MAX_DETAILS_CHARS): JsonValue {
  return toJsonWithin(value, new Budget(maxChars));
}

function toJsonWithin(value: unknown, budget: Budget): JsonValue {
  const json = convert(value, budget, 0, new Set());
  if (json === OMIT) return null;
  if (json === NO_ROOM) return '[truncated: too large]';
  return json;
}

/** A property: secrets are redacted by name before their value is even looked at. */
function convertEntry(
  key: string,
  value: unknown,
  budget: Budget,
  depth: number,
  ancestors: Set<object>,
): Converted {
  if (!budget.take(key.length + 4)) return NO_ROOM;
  if (SECRET_KEYS.has(key.toLowerCase()) && value !== null && value !== undefined) {
    return text(REDACTED, budget);
  }
  return convert(value, budget, depth, ancestors);
}

function convert(value: unknown, budget: Budget, depth: number, ancestors: Set<object>): Converted {
  try {
    return convertUnsafe(value, budget, depth, ancestors);
  } catch {
    // A throwing getter or toJSON, a revoked proxy…: the entry is still written.
    return text('[unserializable]', budget);
  }
}

function convertUnsafe(
  value: unknown,
  budget: Budget,
  depth: number,
  ancestors: Set<object>,
): Converted {
  switch (typeof value) {
    case 'undefined':
    case 'function':
    case 'symbol':
      return OMIT;
    case 'boolean':
      return budget.take(5) ? value : NO_ROOM;
    case 'number':
      if (!budget.take(String(value).length)) return NO_ROOM;
      if (!Number.isFinite(value)) return null;
      return value === 0 ? 0 : value; // no -0 in JSON
    case 'bigint':
      return convertString(value.toString(), budget);
    case 'string':
      return convertString(value, budget);
    case 'object':
      break;
  }
  if (value === null) return budget.take(4) ? null : NO_ROOM;
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : convertString(value.toISOString(), budget);
  }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) {
    return text(`[binary: ${value.byteLength} bytes]`, budget);
  }
  if (ancestors.has(value)) return text('[circular]', budget);
  if (depth >= MAX_DEPTH) return text('[truncated: nested too deep]', budget);

  ancestors.add(value);
  try {
    if (value instanceof Error) {
      return convertObject(
        [
          ['name', value.name],
          ['message', value.message],
        ],
        budget,
        depth,
        ancestors,
      );
    }
    if (Array.isArray(value) || value instanceof Set) {
      return convertArray([...(value as Iterable<unknown>)], budget, depth, ancestors);
    }
    if (value instanceof Map) {
      const entries = [...(value as Map<unknown, unknown>).entries()];
      return convertObject(
        entries.map(([k, v]): [string, unknown] => [String(k), v]),
        budget,
        depth,
        ancestors,
      );
    }
    const toJSON = (value as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      const replaced: unknown = toJSON.call(value);
      if (replaced !== value) return convert(replaced, budget, depth + 1, ancestors);
    }
    return convertObject(Object.entries(value), budget, depth, ancestors);
  } finally {
    ancestors.delete(value);
  }
}

function convertArray(
  items: unknown[],
  budget: Budget,
  depth: number,
  ancestors: Set<object>,
): Converted {
  if (!budget.take(2)) return NO_ROOM;
  const out: JsonValue[] = [];
  for (const [i, item] of items.entries()) {
    const json = budget.take(1) ? convert(item, budget, depth + 1, ancestors) : NO_ROOM;
    if (json === NO_ROOM) {
      out.push(`[truncated: ${items.length - i} more items]`);
      break;
    }
    out.push(json === OMIT ? null : json);
  }
  return out;
}

function convertObject(
  entries: [string, unknown][],
  budget: Budget,
  depth: number,
  ancestors: Set<object>,
): Converted {
  if (!budget.take(2)) return NO_ROOM;
  const out: { [key: string]: JsonValue } = {};
  for (const [i, [key, child]] of entries.entries()) {
    const json = convertEntry(key, child, budget, depth + 1, ancestors);
    if (json === NO_ROOM) {
      out['_truncated'] = `${entries.length - i} more keys`;
      break;
    }
    if (json !== OMIT) out[key] = json;
  }
  return out;
}

/** Room kept for the truncation marker of a string. */
const MARKER_ROOM = 48;

function convertString(raw: string, budget: Budget): string | typeof NO_ROOM {
  const value = raw.replace(SECRET_VALUE, `sdk_live_${REDACTED}`);
  if (value.length <= MAX_STRING_CHARS && budget.take(value.length + 2)) return value;
  const room = Math.min(MAX_STRING_CHARS, budget.remaining - MARKER_ROOM);
  if (room <= 0) return NO_ROOM;
  const kept = sliceWhole(value, room);
  budget.take(kept.length + MARKER_ROOM);
  return `${kept}…[truncated: ${value.length - kept.length} more chars]`;
}

function text(value: string, budget: Budget): string | typeof NO_ROOM {
  return budget.take(value.length + 2) ? value : NO_ROOM;
}

/** The first `length` UTF-16 units of `value`, without splitting a surrogate pair. */
export function sliceWhole(value: string, length: number): string {
  if (value.length <= length) return value;
  const code = value.charCodeAt(length - 1);
  return value.slice(0, code >= 0xd800 && code <= 0xdbff ? length - 1 : length);
}
