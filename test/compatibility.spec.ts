import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..');
const TABLE_FILE = 'docs/compatibility.md';
const HEADER = ['Method', 'Path', 'Docs page', 'Status', 'Notes'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
const STATUSES = ['present', 'missing'] as const;
const EXTENSION_NOTE = 'ScaiDNS extension';

type Status = (typeof STATUSES)[number];

interface Row {
  line: number;
  method: string;
  path: string;
  docsPage: string;
  status: Status;
  notes: string;
}

/** One operation as both sides compare it: no trailing slash, parameters without their names. */
function operationKey(method: string, path: string): string {
  const bare = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return `${method.toUpperCase()} ${bare.replace(/\{[^}]*\}/g, '{}')}`;
}

function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

/**
 * The rows of every table whose header is the compatibility header. A body row that does not have the
 * machine-readable shape (five cells, a method in capitals, a path in backticks, a known status) is an
 * error, not a row to skip: a table nobody can parse is a table nobody checks.
 */
function parseTable(markdown: string): { rows: Row[]; errors: string[] } {
  const rows: Row[] = [];
  const errors: string[] = [];
  let inTable = false;
  markdown.split('\n').forEach((text, index) => {
    const line = index + 1;
    if (!text.trim().startsWith('|')) {
      inTable = false;
      return;
    }
    const row = cells(text);
    if (!inTable) {
      if (row.join('|') === HEADER.join('|')) inTable = true;
      else errors.push(`line ${line}: a table whose header is not | ${HEADER.join(' | ')} |`);
      return;
    }
    if (row.every((cell) => /^:?-+:?$/.test(cell))) return;
    if (row.length !== HEADER.length) {
      errors.push(`line ${line}: ${row.length} cells, expected ${HEADER.length}`);
      return;
    }
    const [method, pathCell, docsPage, status, notes] = row;
    const path = /^`([^`]+)`$/.exec(pathCell)?.[1];
    if (!(METHODS as readonly string[]).includes(method)) {
      errors.push(`line ${line}: method "${method}" is not one of ${METHODS.join(', ')}`);
    } else if (path === undefined || !path.startsWith('/api/v1/')) {
      errors.push(`line ${line}: path ${pathCell} is not a backticked path under /api/v1/`);
    } else if (!(STATUSES as readonly string[]).includes(status)) {
      errors.push(`line ${line}: status "${status}" is not one of ${STATUSES.join(', ')}`);
    } else {
      rows.push({ line, method, path, docsPage, status: status as Status, notes });
    }
  });
  return { rows, errors };
}

function openApiOperations(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((key) => (METHODS as readonly string[]).includes(key.toUpperCase()))
      .map((method) => operationKey(method, path)),
  );
}

function isExtension(row: Row): boolean {
  return row.docsPage === '—';
}

describe('compatibility table parsing', () => {
  it('compares paths without trailing slashes or parameter names', () => {
    expect(operationKey('get', '/api/v1/domains/')).toBe(operationKey('GET', '/api/v1/domains'));
    expect(operationKey('GET', '/api/v1/domains/{domain_id}/records/{record_id}')).toBe(
      operationKey('GET', '/api/v1/domains/{id}/records/{recordId}'),
    );
    expect(operationKey('GET', '/api/v1/domains/{id}')).not.toBe(
      operationKey('GET', '/api/v1/domains/types'),
    );
    expect(operationKey('GET', '/api/v1/domains')).not.toBe(
      operationKey('POST', '/api/v1/domains'),
    );
  });

  it('reads rows and refuses the ones that are not machine-readable', () => {
    const { rows, errors } = parseTable(
      [
        '| Method | Path | Docs page | Status | Notes |',
        '|---|---|---|---|---|',
        '| GET | `/api/v1/domains` | [reference/domains](https://example.test) | present |  |',
        '| get | `/api/v1/domains` | x | present |  |',
        '| GET | /api/v1/domains | x | present |  |',
        '| GET | `/api/v1/domains` | x | done |  |',
        '| GET | `/api/v1/domains` | x | present |',
        '',
        '| Verb | Path |',
      ].join('\n'),
    );
    expect(rows).toEqual([
      {
        line: 3,
        method: 'GET',
        path: '/api/v1/domains',
        docsPage: '[reference/domains](https://example.test)',
        status: 'present',
        notes: '',
      },
    ]);
    expect(errors.map((error) => error.split(':')[0])).toEqual([
      'line 4',
      'line 5',
      'line 6',
      'line 7',
      'line 9',
    ]);
  });
});

describe(`${TABLE_FILE} against openapi.json`, () => {
  const markdown = readFileSync(join(ROOT, TABLE_FILE), 'utf8');
  const { rows, errors } = parseTable(markdown);
  const served = new Set(
    openApiOperations(
      JSON.parse(readFileSync(join(ROOT, 'openapi.json'), 'utf8')) as {
        paths: Record<string, Record<string, unknown>>;
      },
    ),
  );
  const describeRow = (row: Row) => `line ${row.line}: ${row.method} ${row.path}`;

  it('has only well-formed rows, and some', () => {
    expect(errors).toEqual([]);
    expect(rows.length).toBeGreaterThan(0);
  });

  it('names each operation once', () => {
    const seen = new Map<string, Row>();
    const duplicates = rows.flatMap((row) => {
      const key = operationKey(row.method, row.path);
      const first = seen.get(key);
      seen.set(key, first ?? row);
      return first ? [`${describeRow(row)} repeats line ${first.line}`] : [];
    });
    expect(duplicates).toEqual([]);
  });

  it('marks present only what openapi.json serves', () => {
    const notServed = rows
      .filter((row) => row.status === 'present' && !served.has(operationKey(row.method, row.path)))
      .map(describeRow);
    expect(notServed).toEqual([]);
  });

  it('marks missing only what openapi.json does not serve (a built endpoint flips its row)', () => {
    const servedAnyway = rows
      .filter((row) => row.status === 'missing' && served.has(operationKey(row.method, row.path)))
      .map(describeRow);
    expect(servedAnyway).toEqual([]);
  });

  it('has a row for every operation in openapi.json', () => {
    const listed = new Set(rows.map((row) => operationKey(row.method, row.path)));
    expect([...served].filter((key) => !listed.has(key)).sort()).toEqual([]);
  });

  it('says which issue adds each missing operation', () => {
    const unplanned = rows
      .filter((row) => row.status === 'missing' && !/\bissue \d+\b/.test(row.notes))
      .map(describeRow);
    expect(unplanned).toEqual([]);
  });

  it('links each documented operation to its page, and calls the rest ScaiDNS extensions', () => {
    const unlinked = rows
      .filter((row) => !isExtension(row))
      .filter(
        (row) =>
          !/^\[[^\]]+\]\(https:\/\/www\.scailabs\.ai\/en\/docs\/scaidns\/[^)]+\)$/.test(
            row.docsPage,
          ),
      )
      .map(describeRow);
    expect(unlinked).toEqual([]);
    const extensions = rows.filter(isExtension);
    expect(extensions.filter((row) => row.status !== 'present').map(describeRow)).toEqual([]);
    expect(
      extensions.filter((row) => !row.notes.startsWith(EXTENSION_NOTE)).map(describeRow),
    ).toEqual([]);
  });

  it('states the number of documented operations the rows hold', () => {
    const stated = /\b(\d+) documented operations\b/.exec(markdown)?.[1];
    expect(Number(stated)).toBe(rows.filter((row) => !isExtension(row)).length);
  });
});
