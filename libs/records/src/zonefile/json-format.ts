import { zoneApex, zoneFqdn } from '@app/core';
import { recordFromFields } from './record-fields';
import type {
  ParsedRecord,
  ZoneFileError,
  ZoneFileParseOptions,
  ZoneFileParseResult,
  ZoneRrset,
} from './zone-file.types';
import { type ExportedRecord, exportOrder, flattenRrset, inGroups } from './zone-order';

/** The JSON export: `{zone, records: [{name, type, content, ttl, disabled}]}`, names absolute. */
export interface JsonZoneFile {
  readonly zone: string;
  readonly records: ExportedRecord[];
}

/** The zone as JSON (pretty-printed), records in the same order as the BIND export. */
export function writeJsonZone(zone: string, rrsets: readonly ZoneRrset[]): string {
  return [...jsonZoneChunks(zone, rrsets)].join('');
}

/**
 * The same text in pieces (see bindZoneChunks): exactly what `JSON.stringify(file, null, 2)` writes,
 * one group of records at a time.
 */
export function* jsonZoneChunks(zone: string, rrsets: readonly ZoneRrset[]): Generator<string> {
  const head = `{\n  "zone": ${JSON.stringify(zoneFqdn(zone))},\n  "records": [`;
  let first = true;
  for (const group of inGroups(exportOrder(zone, rrsets))) {
    const items = group
      .flatMap(flattenRrset)
      .map((record) => `    ${JSON.stringify(record, null, 2).replace(/\n/g, '\n    ')}`);
    yield `${first ? `${head}\n` : ',\n'}${items.join(',\n')}`;
    first = false;
  }
  yield first ? `${head}]\n}\n` : '\n  ]\n}\n';
}

/**
 * Reads `{zone?, records: [...]}` (or a bare array of records). Each record needs name, type and
 * content; ttl (number or digits) and disabled (boolean, or "true"/"false") are optional. Names may be
 * `@`, relative or absolute. Errors carry the record's 1-based position as `line` (0: the file as a
 * whole, with the line of a JSON syntax error in the message). A `zone` that isn't the zone being
 * imported into is refused: its absolute names would all land outside the zone.
 */
export function parseJsonZone(text: string, options: ZoneFileParseOptions): ZoneFileParseResult {
  const source = text.replace(/^\uFEFF/, '');
  let document: unknown;
  try {
    document = JSON.parse(source);
  } catch (error) {
    return { records: [], errors: [{ line: 0, message: jsonSyntaxMessage(source, error) }] };
  }
  const items = recordList(document, options.origin);
  if ('error' in items) return { records: [], errors: [{ line: 0, message: items.error }] };

  const records: ParsedRecord[] = [];
  const errors: ZoneFileError[] = [];
  items.list.forEach((item, index) => {
    const position = index + 1;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      errors.push({ line: position, message: `records[${index}] is not an object` });
      return;
    }
    const fields = item as Record<string, unknown>;
    const result = recordFromFields(
      {
        name: fields.name,
        type: fields.type,
        content: fields.content,
        ttl: fields.ttl,
        disabled: fields.disabled,
      },
      position,
      options,
    );
    if ('record' in result) records.push(result.record);
    else errors.push({ line: position, message: `records[${index}]: ${result.error}` });
  });
  return { records, errors };
}

function recordList(document: unknown, origin: string): { list: unknown[] } | { error: string } {
  if (Array.isArray(document)) return { list: document };
  if (typeof document !== 'object' || document === null) {
    return { error: 'The file must be a JSON object {"zone": …, "records": […]}' };
  }
  const { zone, records } = document as Record<string, unknown>;
  if (zone !== undefined && (typeof zone !== 'string' || zoneApex(zone) !== zoneApex(origin))) {
    return {
      error: `The file is an export of ${JSON.stringify(zone)}, not of ${zoneFqdn(origin)}; change its zone and names first`,
    };
  }
  if (!Array.isArray(records)) return { error: 'The file has no "records" list' };
  return { list: records };
}

function jsonSyntaxMessage(source: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (position === null) return `The file is not valid JSON: ${message}`;
  const line = source.slice(0, Number(position[1])).split('\n').length;
  return `The file is not valid JSON (line ${line}): ${message}`;
}
