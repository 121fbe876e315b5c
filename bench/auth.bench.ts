/**
 * Authenticated request throughput: the same cheap route (GET /api/v1/me) with a JWT and with an API
 * key, beside an unauthenticated route (GET /api/v1/health/live), in one run against the built API
 * (`npm run build`) as its own process, with the real MariaDB and Redis and the ScaiKey stand-in.
 *
 *   npm run bench:auth [-- --seconds 5 --concurrency 16]
 *
 * Prints requests per second, p50/p99 latency and errors per scenario. Uses the test database.
 */
import 'tsconfig-paths/register';
import type { Pool } from 'undici';
import { startApiProcess } from './harness';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

interface Result {
  name: string;
  requests: number;
  errors: number;
  rps: number;
  p50: number;
  p99: number;
}

async function load(
  pool: Pool,
  name: string,
  headers: Record<string, string>,
  path: string,
  seconds: number,
  concurrency: number,
): Promise<Result> {
  const latencies: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const worker = async () => {
    while (performance.now() < deadline) {
      const started = performance.now();
      try {
        const res = await pool.request({ method: 'GET', path, headers });
        await res.body.dump();
        if (res.statusCode !== 200) errors += 1;
      } catch {
        errors += 1;
      }
      latencies.push(performance.now() - started);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const elapsed = (performance.now() - t0) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
  return {
    name,
    requests: latencies.length,
    errors,
    rps: latencies.length / elapsed,
    p50: at(0.5),
    p99: at(0.99),
  };
}

async function main(): Promise<void> {
  const seconds = arg('seconds', 5);
  const concurrency = arg('concurrency', 16);
  const { standIn, http: pool, stop } = await startApiProcess({}, concurrency);
  try {
    const { users } = standIn.directory.seedTenant({ users: [{ roles: ['tenant_admin'] }] });
    const token = standIn.userToken(users[0].id);
    const jwt = { authorization: `Bearer ${token}` };
    const me = await pool.request({ method: 'GET', path: '/api/v1/me', headers: jwt });
    const { id } = (await me.body.json()) as { id: string };
    const created = await pool.request({
      method: 'POST',
      path: '/api/v1/api-keys',
      headers: { ...jwt, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'bench',
        permission_source: 'user',
        permission_source_id: id,
        rate_limit: 100000,
      }),
    });
    const { key } = (await created.body.json()) as { key: string };

    const results: Result[] = [];
    // Warm-up, then the measured runs.
    await load(pool, 'warm-up', jwt, '/api/v1/me', 1, concurrency);
    results.push(
      await load(
        pool,
        'unauthenticated GET /health/live',
        {},
        '/api/v1/health/live',
        seconds,
        concurrency,
      ),
    );
    results.push(await load(pool, 'JWT GET /me', jwt, '/api/v1/me', seconds, concurrency));
    results.push(
      await load(pool, 'API key GET /me', { 'x-api-key': key }, '/api/v1/me', seconds, concurrency),
    );

    console.log(
      `\nauth benchmark: ${seconds}s per scenario, concurrency ${concurrency}, one API process\n`,
    );
    console.log(
      'scenario                              req/s     p50 ms   p99 ms   requests  errors',
    );
    for (const r of results) {
      console.log(
        `${r.name.padEnd(36)} ${r.rps.toFixed(0).padStart(7)} ${r.p50.toFixed(2).padStart(9)} ${r.p99.toFixed(2).padStart(8)} ${String(r.requests).padStart(10)} ${String(r.errors).padStart(7)}`,
      );
    }
    const base = results[0].rps;
    console.log(
      `\nJWT at ${((results[1].rps / base) * 100).toFixed(0)}% and API key at ${((results[2].rps / base) * 100).toFixed(0)}% of the unauthenticated route.`,
    );
  } finally {
    await stop();
  }
}

// Importing global-setup loaded the test environment (test database, Redis database 1).
main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
