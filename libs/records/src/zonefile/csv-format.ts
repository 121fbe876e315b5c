import { recordFromFields, type RawRecordFields } from './record-fields';
import type {
  ParsedRecord,
  ZoneFileError,
  ZoneFileParseOptions,
  ZoneFileParseResult,
  ZoneRrset,
} from './zone-file.types';
import { exportOrder, flattenRrset, inGroups } from './zone-order';

/** The CSV columns, in the order exports write them. */
export const CSV_COLUMNS = ['name', 'type', 'content', 'ttl', 'disabled'] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The zone as CSV (RFC 4180: CRLF line ends, a field with a comma, quote, line break or outer space is
 * quoted and its quotes doubled), header `name,type,content,ttl,disabled`, names absolute, records in
 * the same order as the BIND export.
 */
export function writeCsvZone(zone: string, rrsets: readonly ZoneRrset[]): string {
  return [...csvZoneChunks(zone, rrsets)].join('');
}

/** The same text in pieces (see bindZoneChunks). */
export function* csvZoneChunks(zone: string, rrsets: readonly ZoneRrset[]): Generator<string> {
  yield `${CSV_COLUMNS.join(',')}\r\n`;
  for (const group of inGroups(exportOrder(zone, rrsets))) {
    yield group
      .flatMap(flattenRrset)
      .map(
        (record) =>
          `${[record.name, record.type, record.content, String(record.ttl), String(record.disabled)]
            .map(csvField)
            .join(',')}\r\n`,
      )
      .join('');
  }
}

/**
 * Reads CSV with the header `name,type,content,ttl,disabled` (columns in any order, names
 * case-insensitive, unknown columns ignored; without a header row the columns are taken in that
 * order). Tolerates a BOM, CRLF/LF/CR line ends, blank lines, quoted fields over several lines.
 * `line` is the line a row starts on (the row number when no field spans lines; the header is line 1).
 */
export function parseCsvZone(text: string, options: ZoneFileParseOptions): ZoneFileParseResult {
  const { rows, errors } = readCsvRows(text.replace(/^\uFEFF/, ''));
  const records: ParsedRecord[] = [];
  if (rows.length === 0) return { records, errors };

  let columns: (CsvColumn | null)[] = [...CSV_COLUMNS];
  let data = rows;
  const header = rows[0].fields.map((field) => field.trim().toLowerCase());
  if (header.some((field) => field === 'name') && header.some((field) => field === 'type')) {
    columns = header.map((field) =>
      (CSV_COLUMNS as readonly string[]).includes(field) ? (field as CsvColumn) : null,
    );
    data = rows.slice(1);
    if (!columns.includes('content')) {
      return {
        records,
        errors: [...errors, { line: rows[0].line, message: 'The header has no content column' }],
      };
    }
  }

  for (const row of data) {
    if (row.fields.length > columns.length) {
      errors.push({
        line: row.line,
        message: `has ${row.fields.length} fields; the header has ${columns.length} (quote a field that contains a comma)`,
      });
      continue;
    }
    const values: Partial<Record<CsvColumn, string>> = {};
    row.fields.forEach((field, index) => {
      const column = columns[index];
      if (column !== null) values[column] = field;
    });
    const fields: RawRecordFields = {
      name: values.name,
      type: values.type,
      content: values.content,
      ttl: values.ttl,
      disabled: values.disabled,
    };
    const result = recordFromFields(fields, row.line, options);
    if ('record' in result) records.push(result.record);
    else errors.push({ line: row.line, message: result.error });
  }
  errors.sort((a, b) => a.line - b.line);
  return { records, errors };
}

interface CsvRow {
  readonly line: number;
  readonly fields: string[];
}

/** RFC 4180 rows with the line each starts on; blank lines are skipped, a bad row is reported. */
function readCsvRows(text: string): { rows: CsvRow[]; errors: ZoneFileError[] } {
  const rows: CsvRow[] = [];
  const errors: ZoneFileError[] = [];
  let line = 1;
  let pos = 0;
  while (pos < text.length) {
    const start = line;
    const fields: string[] = [];
    let field = '';
    let quotedRow = false;
    let error: string | null = null;
    let ended = false;
    while (pos < text.length && !ended) {
      const ch = text[pos];
      if (ch === '"' && field === '') {
        quotedRow = true;
        const read = readQuotedField(text, pos);
        line += read.lines;
        pos = read.end;
        if (read.value === null) {
          error ??= "has a quoted field that is never closed (a '\"' is missing)";
          field = '';
          break;
        }
        field = read.value;
        const next = text[pos];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          error ??=
            'has text after the closing quote of a field (write a quote inside a field as "")';
          while (pos < text.length && text[pos] !== '\r' && text[pos] !== '\n') pos++;
        }
      } else if (ch === ',') {
        fields.push(field);
        field = '';
        pos++;
      } else if (ch === '\r' || ch === '\n') {
        pos += ch === '\r' && text[pos + 1] === '\n' ? 2 : 1;
        line++;
        ended = true;
      } else {
        field += ch;
        pos++;
      }
    }
    fields.push(field);
    if (error !== null) errors.push({ line: start, message: error });
    else if (quotedRow || fields.length > 1 || fields[0].trim() !== '') {
      rows.push({ line: start, fields });
    }
  }
  return { rows, errors };
}

/** The field opened by the quote at `start`; `value` null if it never closes. */
function readQuotedField(
  text: string,
  start: number,
): { value: string | null; end: number; lines: number } {
  let value = '';
  let lines = 0;
  let pos = start + 1;
  while (pos < text.length) {
    const ch = text[pos];
    if (ch === '"') {
      if (text[pos + 1] !== '"') return { value, end: pos + 1, lines };
      value += '"';
      pos += 2;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      // A line break inside a field: counted, and kept as \n whatever the file used.
      pos += ch === '\r' && text[pos + 1] === '\n' ? 2 : 1;
      value += '\n';
      lines++;
      continue;
    }
    value += ch;
    pos++;
  }
  return { value: null, end: pos, lines };
}

function csvField(value: string): string {
  return /[",\r\n]|^\s|\s$/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
