import cluster, { type Worker } from 'node:cluster';

/** A worker that dies this soon after starting is failing to start, not crashing under load. */
const EARLY_DEATH_MS = 5_000;

/**
 * API_WORKERS > 1: this (primary) process serves nothing itself; it forks the workers, which share
 * the listening port (Node's cluster hands out connections), restarts a worker that dies, and on
 * SIGTERM/SIGINT passes the signal on and exits once every worker has shut down (non-zero if one
 * didn't do so cleanly). Workers share nothing in memory: every cache and lock they rely on is
 * valid across processes (Redis), as it must be for several hosts anyway.
 */
export function superviseWorkers(count: number, shutdownTimeoutMs: number): void {
  let stopping = false;
  let failed = false;
  const log = (message: string): void => {
    process.stdout.write(
      `${JSON.stringify({ level: 30, time: Date.now(), pid: process.pid, msg: message })}\n`,
    );
  };

  const fork = (): Worker => {
    const worker = cluster.fork();
    const startedAt = Date.now();
    worker.on('exit', (code, signal) => {
      if (stopping) {
        if (code !== 0) failed = true;
        if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
        return;
      }
      if (Date.now() - startedAt < EARLY_DEATH_MS) {
        // Bad configuration or an unreachable dependency: restarting in a loop would only hide it.
        log(`API worker ${worker.process.pid} exited at start (${signal ?? code}); stopping`);
        stop('SIGTERM', 1);
        return;
      }
      log(`API worker ${worker.process.pid} exited (${signal ?? code}); starting another`);
      fork();
    });
    return worker;
  };

  const stop = (signal: NodeJS.Signals, exitCode = 0): void => {
    if (stopping) return;
    stopping = true;
    failed = exitCode !== 0;
    log(`${signal}: stopping ${Object.keys(cluster.workers ?? {}).length} API workers`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    setTimeout(() => {
      log(`API workers took longer than ${shutdownTimeoutMs} ms to stop; exiting anyway`);
      process.exit(1);
    }, shutdownTimeoutMs + 1_000).unref();
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(failed ? 1 : 0);
  };

  process.once('SIGTERM', () => stop('SIGTERM'));
  process.once('SIGINT', () => stop('SIGINT'));
  for (let i = 0; i < count; i += 1) fork();
  log(`ScaiDNS API supervisor: ${count} workers`);
}
