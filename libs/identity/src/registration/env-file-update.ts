import { chmod, readFile, rename, writeFile } from 'node:fs/promises';

const SAFE_VALUE = /^[A-Za-z0-9_./:@+=,-]*$/;

/**
 * A value as dotenv reads it back: bare when plain, else in the first quotes it can be written in
 * (dotenv takes single-quoted and backtick-quoted text literally and has no escape for a quote).
 */
export function envValue(value: string): string {
  if (SAFE_VALUE.test(value)) return value;
  if (!/[\n']/.test(value)) return `'${value}'`;
  if (!/[\n"]/.test(value)) return `"${value}"`;
  if (!/[\n`]/.test(value)) return `\`${value}\``;
  throw new Error('a value with a line break or every kind of quote cannot be written to .env');
}

/**
 * Sets `values` in the text of a `.env` file: a variable's existing line (`NAME=…`, `export NAME=…`)
 * is rewritten in place, the first one when it appears twice (later ones are removed, so the file
 * means what it says); variables not there yet are appended. Comments, blank lines and every other
 * line are kept as they were.
 */
export function updateEnvText(text: string, values: Readonly<Record<string, string>>): string {
  const lines = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
  const written = new Set<string>();
  const out: string[] = [];
  for (const line of lines) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=/.exec(line);
    const name = match?.[1];
    if (name === undefined || !(name in values)) {
      out.push(line);
      continue;
    }
    if (written.has(name)) continue;
    written.add(name);
    out.push(`${name}=${envValue(values[name])}`);
  }
  for (const [name, value] of Object.entries(values)) {
    if (!written.has(name)) out.push(`${name}=${envValue(value)}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * Applies `updateEnvText` to a file (created when missing), atomically: a crash never leaves half a
 * `.env`. The file holds secrets, so it is left readable by its owner only.
 */
export async function writeEnvValues(
  path: string,
  values: Readonly<Record<string, string>>,
): Promise<void> {
  let current = '';
  try {
    current = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, updateEnvText(current, values), { mode: 0o600 });
  await chmod(temporary, 0o600);
  await rename(temporary, path);
}
