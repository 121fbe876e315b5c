import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/** Helpers for e2e tests that run the built apps, `npm start` or a unit's command as real processes. */

/**
 * Ports handed out by freePort: below Linux's ephemeral range (32768-60999), so nothing the OS picks
 * a port for (a server listening on port 0, such as the ScaiKey stand-in `npm start` runs, or the
 * local end of an outgoing connection) can take one between the check and its use.
 */
const PORT_FLOOR = 20_000;
const PORT_CEILING = 32_000;

/** A TCP port nothing listens on right now, on any address. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = PORT_FLOOR + Math.floor(Math.random() * (PORT_CEILING - PORT_FLOOR));
    if (await canListen(port)) return port;
  }
  throw new Error(`no free port between ${PORT_FLOOR} and ${PORT_CEILING}`);
}

function canListen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(true)));
  });
}

export interface Running {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  readonly exited: Promise<number | null>;
}

export function run(argv: string[], cwd: string, env: NodeJS.ProcessEnv): Running {
  const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

/** Polls `check` every `everyMs` (a throw counts as not yet) until it holds, or fails naming `what`. */
export async function until(
  what: string,
  check: () => Promise<boolean> | boolean,
  ms = 30_000,
  everyMs = 200,
): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (
      await Promise.resolve()
        .then(check)
        .catch(() => false)
    )
      return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** SIGTERM, then SIGKILL after 20 s; the exit code. */
export async function stop(running: Running): Promise<number | null> {
  running.child.kill('SIGTERM');
  const timer = setTimeout(() => running.child.kill('SIGKILL'), 20_000);
  const code = await running.exited;
  clearTimeout(timer);
  return code;
}

/** Every process below `pid` (children, grandchildren...). */
export function descendants(pid: number): number[] {
  let children: number[] = [];
  try {
    children = execFileSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' })
      .split('\n')
      .filter(Boolean)
      .map(Number);
  } catch {
    // pgrep exits 1 when there are none
  }
  return children.flatMap((child) => [child, ...descendants(child)]);
}

export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
