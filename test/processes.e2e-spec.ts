import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { JobName, SCAIDNS_QUEUE, waitForJobResult } from '@app/core';
import { Queue } from 'bullmq';
import { isolatedRedisUrl } from './support/redis';

const ROOT = join(__dirname, '..');

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts a built app (npm run build) as its own process, as operators run it. */
function start(app: 'api' | 'worker', env: NodeJS.ProcessEnv): Run {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps', app, 'main.js')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function waitFor(predicate: () => boolean, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('processes (e2e)', () => {
  it('the API refuses to start without DATABASE_URL, naming it', async () => {
    const { DATABASE_URL: _omit, ...env } = process.env;
    const run = start('api', { ...env, ENV_FILE: '/dev/null', LOG_FORMAT: 'json' });
    const code = await run.exited;
    expect(code).toBe(1);
    expect(run.output()).toMatch(/DATABASE_URL is required/);
    expect(
      run
        .output()
        .split('\n')
        .filter((l) => l.includes('is required')),
    ).toHaveLength(1);
  });

  it('names every malformed variable in one go', async () => {
    const run = start('api', {
      ...process.env,
      ENV_FILE: '/dev/null',
      PORT: 'x',
      LOG_FORMAT: 'yaml',
    });
    expect(await run.exited).toBe(1);
    expect(run.output()).toMatch(/PORT must be a whole number/);
    expect(run.output()).toMatch(/LOG_FORMAT must be one of text, json/);
  });

  it('the API serves, logs JSON lines carrying the request id, and stops cleanly on SIGTERM', async () => {
    const port = String(18_000 + Math.floor(Math.random() * 1000));
    const run = start('api', {
      ...process.env,
      PORT: port,
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'INFO',
    });
    try {
      await waitFor(() => run.output().includes('listening'), 20_000, 'the API to listen');
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/no-such-route`, {
        headers: { 'X-Request-ID': 'trace-me-42' },
      });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-request-id')).toBe('trace-me-42');
      await waitFor(() => run.output().includes('trace-me-42'), 5_000, 'the request log line');
      const line = run
        .output()
        .split('\n')
        .find((l) => l.includes('trace-me-42'));
      expect(JSON.parse(line ?? '')).toMatchObject({ request_id: 'trace-me-42', level: 30 });
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(run.output()).toContain('shut down cleanly');
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('the worker connects to Redis, runs jobs at its concurrency and stops cleanly on SIGTERM', async () => {
    const redisUrl = await isolatedRedisUrl(2);
    const connection = { url: redisUrl };
    // A ScaiKey that accepts connections and never answers: a sync job against it takes the whole
    // SCAIKEY_TIMEOUT_MS. Queued before the worker starts, it is the first job the worker takes.
    const sockets: Socket[] = [];
    const blackHole: Server = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
    const address = blackHole.address();
    const scaikeyUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    const queue = new Queue(SCAIDNS_QUEUE, { connection, prefix: 'scaidns' });
    await queue.add(JobName.ScaiKeySync, {}, { removeOnComplete: true, removeOnFail: true });
    const run = start('worker', {
      ...process.env,
      REDIS_URL: redisUrl,
      SCAIKEY_URL: scaikeyUrl,
      SCAIKEY_CLIENT_ID: 'scaidns',
      SCAIKEY_CLIENT_SECRET: 'secret',
      SCAIKEY_APPLICATION_ID: 'app',
      SCAIKEY_TIMEOUT_MS: '25000',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'INFO',
    });
    try {
      await waitFor(() => run.output().includes('worker ready'), 20_000, 'the worker to start');
      await waitFor(() => sockets.length > 0, 10_000, 'the sync job to call ScaiKey');
      // No priority, as webhooks carry none: it goes ahead of the validation checks the start-up
      // sweep queues for every pending domain the suites before this one left in the database.
      const job = await queue.add(JobName.Ping, { requestedAt: new Date().toISOString() });
      // While the sync job waits on ScaiKey, the other slots serve.
      const result = await waitForJobResult(queue, job.id ?? '', 10_000).catch((e: Error) => {
        throw new Error(`${e.message}\nworker output:\n${run.output().slice(-4000)}`);
      });
      expect(result).toEqual({ pong: true, pid: run.child.pid });
      // ScaiKey hangs up: the sync job fails, and nothing holds the shutdown.
      for (const socket of sockets) socket.destroy();
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
      await queue.close();
      for (const socket of sockets) socket.destroy();
      blackHole.close();
    }
  });

  it('API_WORKERS=2: a supervisor runs two API processes on one port and stops both on SIGTERM', async () => {
    const port = String(19_000 + Math.floor(Math.random() * 1000));
    const run = start('api', {
      ...process.env,
      PORT: port,
      HOST: '127.0.0.1',
      API_WORKERS: '2',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'INFO',
    });
    try {
      await waitFor(
        () =>
          run
            .output()
            .split('\n')
            .filter((l) => l.includes('listening')).length === 2,
        30_000,
        'two API workers to listen',
      );
      expect(run.output()).toContain('ScaiDNS API supervisor: 2 workers');
      const pids = new Set<number>();
      for (let i = 0; i < 20; i += 1) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`);
        expect(res.status).toBe(200);
      }
      for (const line of run.output().split('\n')) {
        if (line.includes('listening')) pids.add((JSON.parse(line) as { pid: number }).pid);
      }
      expect(pids.size).toBe(2);
      expect(pids.has(run.child.pid ?? -1)).toBe(false);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
      expect(
        run
          .output()
          .split('\n')
          .filter((l) => l.includes('shut down cleanly')),
      ).toHaveLength(2);
    } finally {
      run.child.kill('SIGKILL');
    }
  });
});
