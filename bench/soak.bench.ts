/**
 * A soak (issue 14 §3): requests at a steady rate for a long while over zones of 10,000 records,
 * watching the API process's memory and every answer. Open loop: a request is started every
 * 1/rate seconds whether or not the earlier ones have been answered, as real clients do.
 *   - the mix: 40% a page of records (a random page), 20% a `?name=` filter, 15% a record by id,
 *     15% a create, 10% a delete of a record the soak created (so the zones stay near their size),
 *     and every 30 s an export of a whole zone;
 *   - each minute: requests, 5xx, other failures, p50/p99 latency and the API's RSS;
 *   - at the end the targets: RSS under 300 MB and flat (the last ten minutes' mean within 10% of
 *     the mean of minutes 5-10, after warm-up), zero 5xx.
 *
 *   npm run build && npm run bench:soak [-- --minutes 30 --rate 50 --zones 3 --records 10000]
 *
 * Runs on its own database (scaidns_soak, emptied and migrated) and Redis database 3, so the tests
 * may run beside it; the zones are removed at the end.
 */
import './soak-env';
import { readFileSync } from 'node:fs';
import { createConnection } from 'mysql2/promise';
import { flag, startBenchApi } from './harness';

const minutes = flag('--minutes', 30);
const rate = flag('--rate', 50);
const zoneCount = flag('--zones', 3);
const size = flag('--records', 10_000);
/** Requests in flight beyond which a tick is skipped (and counted): the API is not keeping up. */
const MAX_IN_FLIGHT = 500;
const EXPORT_EVERY_MS = 30_000;

function rssMb(pid: number): number {
  const kb = /VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return kb ? Number(kb[1]) / 1024 : 0;
}

/** The soak's own database (see soak-env.ts), made if missing; the harness empties and migrates it. */
async function makeOwnDatabase(): Promise<void> {
  const url = new URL(process.env.TEST_DATABASE_URL ?? '');
  const connection = await createConnection({
    host: url.hostname,
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  });
  await connection.query(`CREATE DATABASE IF NOT EXISTS \`${url.pathname.slice(1)}\``);
  await connection.end();
}

interface Minute {
  requests: number;
  fivexx: number;
  failed: number;
  skipped: number;
  latencies: number[];
  rss: number[];
}

const newMinute = (): Minute => ({
  requests: 0,
  fivexx: 0,
  failed: 0,
  skipped: 0,
  latencies: [],
  rss: [],
});

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;

async function main(): Promise<void> {
  await makeOwnDatabase();
  const { call, pid, close } = await startBenchApi(1);
  const stamp = Date.now().toString(36);
  const zones: { id: string; name: string; ids: string[]; created: string[] }[] = [];
  const minuteLog: Minute[] = [];
  const statuses = new Map<number, number>();
  const failures = new Map<string, number>();
  try {
    const content = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    for (let z = 0; z < zoneCount; z++) {
      const name = `bench-soak-${stamp}-${z}.example.com`;
      const created = await call('POST', '/api/v1/domains', { name });
      if (created.status !== 200)
        throw new Error(`create ${name}: ${JSON.stringify(created.json)}`);
      const id = (created.json as { id: string }).id;
      zones.push({ id, name, ids: [], created: [] });
      const imported = await call('POST', `/api/v1/domains/${id}/import/text`, {
        content: [
          `$ORIGIN ${name}.`,
          ...Array.from({ length: size }, (_, i) => `h${i} 300 IN A ${content(i)}`),
        ].join('\n'),
      });
      if (imported.status !== 200) throw new Error(`import: ${JSON.stringify(imported.json)}`);
      const page = await call('GET', `/api/v1/domains/${id}/records?page=1&page_size=100`);
      zones[z].ids = (page.json as { data: { id: string }[] }).data.map((r) => r.id);
    }
    console.error(
      `soak: ${minutes} min at ${rate} req/s over ${zoneCount} zones of ${size} records (API pid ${pid})`,
    );

    let minute = newMinute();
    let inFlight = 0;
    let n = 0;
    const random = (k: number) => Math.floor(Math.random() * k);
    const request = async (): Promise<void> => {
      const zone = zones[n % zones.length];
      const pick = random(100);
      n += 1;
      let method: 'GET' | 'POST' | 'DELETE' = 'GET';
      let path: string;
      let body: unknown;
      let kind: string;
      if (pick < 40) {
        kind = 'page';
        path = `/api/v1/domains/${zone.id}/records?page=${1 + random(size / 50)}&page_size=50`;
      } else if (pick < 60) {
        kind = 'name';
        path = `/api/v1/domains/${zone.id}/records?name=h${random(size)}`;
      } else if (pick < 75) {
        kind = 'by id';
        path = `/api/v1/domains/${zone.id}/records/${zone.ids[random(zone.ids.length)]}`;
      } else if (pick < 90 || zone.created.length === 0) {
        kind = 'create';
        method = 'POST';
        path = `/api/v1/domains/${zone.id}/records`;
        body = { name: `soak${n}`, type: 'A', content: content(n), ttl: 300 };
      } else {
        kind = 'delete';
        method = 'DELETE';
        const [victim] = zone.created.splice(random(zone.created.length), 1);
        path = `/api/v1/domains/${zone.id}/records/${victim}`;
      }
      await send(kind, method, path, body, (json) => {
        if (kind === 'create') zone.created.push((json as { id: string }).id);
      });
    };
    const send = async (
      kind: string,
      method: 'GET' | 'POST' | 'DELETE',
      path: string,
      body: unknown,
      ok: (json: unknown) => void = () => undefined,
      as: 'json' | 'text' = 'json',
    ): Promise<void> => {
      const counted = minute;
      counted.requests += 1;
      inFlight += 1;
      const started = performance.now();
      try {
        const res = await call(method, path, body, as);
        counted.latencies.push(performance.now() - started);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        if (res.status >= 500) counted.fivexx += 1;
        if (res.status >= 200 && res.status < 300) ok(res.json);
        else {
          counted.failed += res.status >= 500 ? 0 : 1;
          const key = `${kind} ${res.status}`;
          failures.set(key, (failures.get(key) ?? 0) + 1);
        }
      } catch (error) {
        counted.failed += 1;
        const key = `${kind} ${(error as Error).message}`;
        failures.set(key, (failures.get(key) ?? 0) + 1);
      } finally {
        inFlight -= 1;
      }
    };

    const end = Date.now() + minutes * 60_000;
    const interval = 1000 / rate;
    let next = performance.now();
    let minuteEnds = Date.now() + 60_000;
    let nextExport = Date.now() + EXPORT_EVERY_MS;
    const rssTimer = setInterval(() => minute.rss.push(rssMb(pid)), 5000);
    minute.rss.push(rssMb(pid));
    while (Date.now() < end) {
      next += interval;
      if (inFlight >= MAX_IN_FLIGHT) minute.skipped += 1;
      else void request();
      if (Date.now() >= nextExport) {
        nextExport += EXPORT_EVERY_MS;
        const zone = zones[random(zones.length)];
        void send(
          'export',
          'GET',
          `/api/v1/domains/${zone.id}/export/download?format=bind`,
          undefined,
          undefined,
          'text',
        );
      }
      if (Date.now() >= minuteEnds) {
        minuteEnds += 60_000;
        minute.rss.push(rssMb(pid));
        minuteLog.push(minute);
        const m = minute;
        const sorted = [...m.latencies].sort((a, b) => a - b);
        console.error(
          `  minute ${String(minuteLog.length).padStart(2)}: ${m.requests} requests, ${m.fivexx} 5xx, ${m.failed} failed, ${m.skipped} skipped, p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, RSS ${Math.max(...m.rss).toFixed(0)} MB`,
        );
        minute = newMinute();
      }
      const wait = next - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
    clearInterval(rssTimer);
    while (inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 50));
    if (minute.requests > 0) minuteLog.push(minute);

    console.log(
      `\nsoak benchmark: ${minutes} min at ${rate} req/s (open loop) over ${zoneCount} zones of ${size} records, 1 API process\n`,
    );
    console.log('minute  requests  5xx  failed  skipped  p50 ms  p99 ms  RSS MB (max)');
    minuteLog.forEach((m, i) => {
      const sorted = [...m.latencies].sort((a, b) => a - b);
      console.log(
        `${String(i + 1).padStart(6)}  ${String(m.requests).padStart(8)}  ${String(m.fivexx).padStart(3)}  ${String(m.failed).padStart(6)}  ${String(m.skipped).padStart(7)}  ${percentile(sorted, 0.5).toFixed(1).padStart(6)}  ${percentile(sorted, 0.99).toFixed(1).padStart(6)}  ${Math.max(
          ...m.rss,
        )
          .toFixed(0)
          .padStart(6)}`,
      );
    });
    const all = minuteLog.flatMap((m) => m.rss);
    const rssOf = (from: number, to: number) =>
      mean(minuteLog.slice(from, to).flatMap((m) => m.rss));
    // After warm-up (minutes 5-10, or the first half of a short run) against the last ten minutes.
    const half = Math.floor(minuteLog.length / 2);
    const settled = minuteLog.length >= 20 ? rssOf(4, 10) : rssOf(0, half);
    const last = rssOf(Math.max(half, minuteLog.length - 10), minuteLog.length);
    const total = minuteLog.reduce((a, m) => a + m.requests, 0);
    const fivexx = minuteLog.reduce((a, m) => a + m.fivexx, 0);
    console.log(`\nanswers by status: ${[...statuses].map(([s, c]) => `${s}: ${c}`).join(', ')}`);
    if (failures.size > 0) {
      console.log(`failures: ${[...failures].map(([k, c]) => `${k} (${c})`).join(', ')}`);
    }
    console.log(
      `RSS: max ${Math.max(...all).toFixed(0)} MB (target < 300 MB); mean of the last 10 minutes ${last.toFixed(0)} MB = ${((last / settled - 1) * 100).toFixed(1)}% from ${minuteLog.length >= 20 ? "minutes 5-10's" : "the first half's"} ${settled.toFixed(0)} MB (target: flat, within 10%)`,
    );
    console.log(`5xx: ${fivexx} of ${total} requests (target 0)`);
  } finally {
    for (const zone of zones) {
      await call('DELETE', `/api/v1/domains/${zone.id}?hard=true`).catch(() => undefined);
    }
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
