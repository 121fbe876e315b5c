import { RECORD_TYPES } from '@app/core';
import { normalizeRecordName } from '@app/zones';
import { MAX_TTL } from './bind-parser';
import type { ParsedRecord, ZoneFileParseOptions } from './zone-file.types';
import { unsupportedTypeError } from './unsupported-type';

/** The fields of one JSON record or CSV row, as read (strings, numbers, booleans, or absent). */
export interface RawRecordFields {
  readonly name: unknown;
  readonly type: unknown;
  readonly content: unknown;
  readonly ttl: unknown;
  readonly disabled: unknown;
}

const SUPPORTED_TYPES: ReadonlySet<string> = new Set(RECORD_TYPES);

/**
 * Turns the loosely typed fields of a JSON record or CSV row into a ParsedRecord, or the first
 * problem with them. Names follow the API's rules (normalizeRecordName): `@`, relative, or absolute
 * (an FQDN without its trailing dot is taken as absolute). Content is kept as written for the
 * validator. Empty TTL: the default; empty disabled: false.
 */
export function recordFromFields(
  fields: RawRecordFields,
  line: number,
  options: ZoneFileParseOptions,
): { record: ParsedRecord } | { error: string } {
  if (typeof fields.name !== 'string') return { error: 'name is missing or not text' };
  const name = normalizeRecordName(fields.name, options.origin);
  if ('error' in name) return name;
  if (typeof fields.type !== 'string' || fields.type.trim() === '') {
    return { error: 'type is missing or not text' };
  }
  const type = fields.type.trim().toUpperCase();
  if (!SUPPORTED_TYPES.has(type)) {
    return { error: unsupportedTypeError(fields.type) };
  }
  if (typeof fields.content !== 'string') return { error: 'content is missing or not text' };
  const ttl = readTtl(fields.ttl, options.defaultTtl);
  if (ttl === null) {
    return { error: `ttl must be a whole number of seconds from 0 to ${MAX_TTL}` };
  }
  const disabled = readDisabled(fields.disabled);
  if (disabled === null) return { error: 'disabled must be true or false' };
  return {
    record: { name: name.fqdn, type, ttl, content: fields.content.trim(), disabled, line },
  };
}

function readTtl(value: unknown, fallback: number): number | null {
  if (value === undefined || value === null || value === '') return fallback;
  let ttl: number | null = null;
  if (typeof value === 'number' && Number.isInteger(value)) ttl = value;
  else if (typeof value === 'string' && /^\s*\d{1,10}\s*$/.test(value)) ttl = Number(value);
  return ttl !== null && ttl >= 0 && ttl <= MAX_TTL ? ttl : null;
}

function readDisabled(value: unknown): boolean | null {
  if (value === undefined || value === null || value === '') return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const text = value.trim().toLowerCase();
    if (['true', '1', 'yes'].includes(text)) return true;
    if (['false', '0', 'no'].includes(text)) return false;
  }
  return null;
}
