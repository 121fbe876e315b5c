import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/** A throw-away source tree shaped like ours, to run the project's layering rules on. */
export interface LayeringTree {
  readonly dir: string;
  /** Writes a file of the tree (its folders made as needed). */
  write(path: string, text: string): void;
  /** dependency-cruiser with the project's rules over `folders`: its exit status and what it said. */
  cruise(): { status: number; output: string };
  remove(): void;
}

/**
 * A new tree in a temporary folder, with a tsconfig mapping the `@app/...` aliases of `paths`;
 * `cruise` checks `folders` (say `apps`, `libs`).
 */
export function layeringTree(
  prefix: string,
  paths: Record<string, string[]>,
  folders: readonly string[],
): LayeringTree {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  write('tsconfig.json', JSON.stringify({ compilerOptions: { baseUrl: './', paths } }));
  return {
    dir,
    write,
    cruise() {
      try {
        const output = execFileSync(
          process.execPath,
          [DEPCRUISE, '--config', CONFIG, '--output-type', 'err', ...folders],
          { cwd: dir, encoding: 'utf8', stdio: 'pipe' },
        );
        return { status: 0, output };
      } catch (error) {
        const e = error as { status: number; stdout: string; stderr: string };
        return { status: e.status, output: `${e.stdout}${e.stderr}` };
      }
    },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
