/**
 * Record writes through ScaiDNS against raw PowerDNS PATCHes, in one run, on zones of the same size:
 *   - record creates: throughput, p50/p99 latency and errors at concurrency 1 and 32;
 *   - one 10k-record import against one raw 10k-rrset PATCH;
 *   - time from a create's 200 to PowerDNS answering the name over DNS (p50/p99).
 *
 *   npm run build && npm run bench:records [-- --seconds 5] [--workers 2]
 *
 * Uses the test database and the local PowerDNS; the zones it makes are removed at the end.
 */
import 'tsconfig-paths/register';
import { spawn } from 'node:child_process';
import { Resolver } from 'node:dns/promises';
import { join } from 'node:path';
import { PdnsClient } from '@app/pdns-client';
import { Pool } from 'undici';
import globalSetup from '../test/support/global-setup';
import { createScaiKeyStandIn } from '../test/support/scaikey';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';

const ROOT = join(__dirname, '..');
const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const seconds = flag('--seconds', 5);
/** API processes (API_WORKERS), as the deployment guide runs several. */
const workers = flag('--workers', 1);

interface Stats {
  name: string;
  ops: number;
  errors: number;
  perSecond: number;
  p50: number;
  p99: number;
  /** The Server-Timing header of the median request (ScaiDNS scenarios only). */
  breakdown?: string;
}

/** What one operation of a scenario reports: success, and ScaiDNS's Server-Timing when it has one. */
type OpResult = boolean | { ok: boolean; timing?: string };

function summarize(
  name: string,
  latencies: number[],
  errors: number,
  elapsedMs: number,
  timings: (string | undefined)[] = [],
): Stats {
  const order = latencies.map((_, i) => i).sort((a, b) => latencies[a] - latencies[b]);
  const index = (q: number) => order[Math.min(order.length - 1, Math.floor(q * order.length))];
  const at = (q: number) => latencies[index(q)] ?? 0;
  return {
    name,
    ops: order.length,
    errors,
    perSecond: (order.length / elapsedMs) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    breakdown: order.length > 0 ? timings[index(0.5)] : undefined,
  };
}

async function run(
  name: string,
  concurrency: number,
  op: (i: number) => Promise<OpResult>,
): Promise<Stats> {
  const latencies: number[] = [];
  const timings: (string | undefined)[] = [];
  let errors = 0;
  let next = 0;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const start = performance.now();
        const result = await op(i).catch(() => false);
        latencies.push(performance.now() - start);
        const ok = typeof result === 'boolean' ? result : result.ok;
        timings.push(typeof result === 'boolean' ? undefined : result.timing);
        if (!ok) errors += 1;
      }
    }),
  );
  return summarize(name, latencies, errors, performance.now() - t0, timings);
}

async function main(): Promise<void> {
  await globalSetup();
  const standIn = createScaiKeyStandIn();
  await standIn.start();
  const port = 18_900 + Math.floor(Math.random() * 300);
  const api = spawn(process.execPath, [join(ROOT, 'dist/apps/api/main.js')], {
    cwd: ROOT,
    env: {
      ...process.env,
      ...standIn.env(),
      ENV_FILE: '/dev/null',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'ERROR',
      LOG_FORMAT: 'json',
      RATE_LIMIT_USER_PER_MINUTE: '100000000',
      API_WORKERS: String(workers),
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const http = new Pool(`http://127.0.0.1:${port}`, { connections: 64 });
  const pdns = new PdnsClient({
    apiUrl: process.env.PDNS_API_URL ?? '',
    apiKey: process.env.PDNS_API_KEY ?? '',
    serverId: 'localhost',
    timeoutMs: 60_000,
    connections: 64,
  });
  const stamp = Date.now().toString(36);
  const apiZone = `bench-api-${stamp}.example.com`;
  const rawZone = `bench-raw-${stamp}.example.com`;
  let domainId = '';
  const call = async (
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: unknown; timing?: string }> => {
    const res = await http.request({
      method,
      path,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.body.text();
    const timing = res.headers['server-timing'];
    return {
      status: res.statusCode,
      json: text ? (JSON.parse(text) as unknown) : null,
      timing: typeof timing === 'string' ? timing : undefined,
    };
  };
  const { users } = standIn.directory.seedTenant({ users: [{ roles: ['super_admin'] }] });
  const token = standIn.userToken(users[0].id, { expiresIn: 3600 });
  try {
    for (let i = 0; ; i += 1) {
      const up = await http
        .request({ method: 'GET', path: '/api/v1/health/live' })
        .catch(() => null);
      if (up) await up.body.dump();
      if (up?.statusCode === 200) break;
      if (i > 100) throw new Error('the API did not start');
      await new Promise((r) => setTimeout(r, 200));
    }
    const created = await call('POST', '/api/v1/domains', { name: apiZone });
    if (created.status !== 200)
      throw new Error(`could not create the zone: ${JSON.stringify(created.json)}`);
    domainId = (created.json as { id: string }).id;
    await pdns.createZone(
      {
        name: `${rawZone}.`,
        kind: 'Native',
        nameservers: ['ns1.scaidns.local.'],
        soa_edit_api: 'INCREASE',
        api_rectify: false,
      },
      { rrsets: false },
    );

    const apiCreate = (prefix: string) => async (i: number) => {
      const res = await call('POST', `/api/v1/domains/${domainId}/records`, {
        name: `${prefix}${i}`,
        type: 'A',
        content: '192.0.2.1',
        ttl: 300,
      });
      return { ok: res.status === 200, timing: res.timing };
    };
    const rawCreate = (prefix: string) => async (i: number) => {
      await new PdnsZonePatcher(pdns).patchRRSets(`${rawZone}.`, [
        {
          name: `${prefix}${i}.${rawZone}.`,
          type: 'A',
          changetype: 'REPLACE',
          ttl: 300,
          records: [{ content: '192.0.2.1' }],
        },
      ]);
      return true;
    };

    const results: Stats[] = [];
    results.push(await run('raw PowerDNS PATCH, concurrency 1', 1, rawCreate('c1-')));
    results.push(await run('ScaiDNS create, concurrency 1', 1, apiCreate('c1-')));
    results.push(await run('raw PowerDNS PATCH, concurrency 32', 32, rawCreate('c32-')));
    results.push(await run('ScaiDNS create, concurrency 32', 32, apiCreate('c32-')));

    // 200 → answered over DNS.
    const resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers(['127.0.0.1:5300']);
    const visible: number[] = [];
    for (let i = 0; i < 200; i += 1) {
      const name = `vis${i}`;
      const res = await call('POST', `/api/v1/domains/${domainId}/records`, {
        name,
        type: 'A',
        content: '192.0.2.7',
        ttl: 60,
      });
      if (res.status !== 200) continue;
      const t = performance.now();
      for (;;) {
        const ok = await resolver.resolve4(`${name}.${apiZone}`).then(
          () => true,
          () => false,
        );
        if (ok || performance.now() - t > 2000) break;
      }
      visible.push(performance.now() - t);
    }
    const vis = summarize('200 → DNS answer', visible, 200 - visible.length, 1);

    // 10k records in one go.
    const bind = [
      `$ORIGIN ${apiZone}.`,
      ...Array.from({ length: 10_000 }, (_, i) => `imp${i} 300 IN A 192.0.2.${(i % 250) + 1}`),
    ].join('\n');
    let t = performance.now();
    const imported = await call('POST', `/api/v1/domains/${domainId}/import`, { content: bind });
    const importMs = performance.now() - t;
    t = performance.now();
    await new PdnsZonePatcher(pdns).patchRRSets(
      `${rawZone}.`,
      Array.from({ length: 10_000 }, (_, i) => ({
        name: `imp${i}.${rawZone}.`,
        type: 'A',
        changetype: 'REPLACE' as const,
        ttl: 300,
        records: [{ content: `192.0.2.${(i % 250) + 1}` }],
      })),
    );
    const rawImportMs = performance.now() - t;

    console.log(
      `\nrecords benchmark: ${seconds}s per throughput run, ${workers} API process(es), gmysql PowerDNS\n`,
    );
    console.log(
      'scenario                                 ops/s    p50 ms    p99 ms     ops  errors',
    );
    for (const r of results) {
      console.log(
        `${r.name.padEnd(38)} ${r.perSecond.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${String(r.ops).padStart(7)} ${String(r.errors).padStart(7)}`,
      );
    }
    console.log('\nServer-Timing of the median request (ms; desc = calls):');
    for (const r of results) {
      if (r.breakdown) console.log(`  ${r.name.padEnd(38)} ${r.breakdown}`);
    }
    const ratio = (a: Stats, b: Stats) => (a.perSecond / b.perSecond).toFixed(2);
    console.log(
      `\nconcurrency 1:  ScaiDNS at ${ratio(results[1], results[0])}x raw PowerDNS (target ≥ 0.8x)`,
    );
    console.log(
      `concurrency 32: ScaiDNS at ${ratio(results[3], results[2])}x raw PowerDNS (target ≥ 2x, zero errors)`,
    );
    console.log(
      `10k import: ScaiDNS ${importMs.toFixed(0)} ms (status ${imported.status}) vs one raw 10k-rrset PATCH ${rawImportMs.toFixed(0)} ms = ${(importMs / rawImportMs).toFixed(2)}x (target ≤ 1.5x)`,
    );
    console.log(
      `200 → DNS answer: p50 ${vis.p50.toFixed(1)} ms, p99 ${vis.p99.toFixed(1)} ms over ${vis.ops} creates (target p99 < 50 ms)`,
    );
  } finally {
    if (domainId)
      await call('DELETE', `/api/v1/domains/${domainId}?hard=true`).catch(() => undefined);
    await pdns.deleteZone(`${rawZone}.`).catch(() => undefined);
    await pdns.close();
    await http.close();
    api.kill('SIGTERM');
    await standIn.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
