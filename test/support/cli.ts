import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** A running `scaidns` command (the built CLI, npm run build). */
export interface CliRun {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  /** Exit status and all output. */
  readonly done: Promise<{ code: number | null; out: string }>;
}

/**
 * Starts `bin/scaidns` without blocking the test's event loop, so an in-process ScaiKey stand-in can
 * answer it. `ENV_FILE` defaults to /dev/null: the command sees only `env`.
 */
export function startScaidns(args: string[], env: NodeJS.ProcessEnv = process.env): CliRun {
  const child = spawn(process.execPath, [join(ROOT, 'bin/scaidns'), ...args], {
    cwd: ROOT,
    env: { ENV_FILE: '/dev/null', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const done = new Promise<{ code: number | null; out: string }>((resolve) =>
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    }),
  );
  return { child, output: () => out, done };
}

export async function runScaidns(
  args: string[],
  env?: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  return startScaidns(args, env).done;
}
