/**
 * What the benchmarks share: the built API started as a process on the test stack (signed in
 * through the ScaiKey stand-in as a super admin), a client for it, a PowerDNS client for the raw
 * anchors, and timed runs of one operation at a concurrency.
 */
import 'tsconfig-paths/register';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import type { PdnsClient } from '@app/pdns-client';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import { Pool } from 'undici';
import { benchPdnsClient } from './pdns';
import globalSetup from '../test/support/global-setup';
import { createScaiKeyStandIn } from '../test/support/scaikey';

const ROOT = join(__dirname, '..');

/** A number after `name` on the command line (`--seconds 5`), or `fallback`. */
export const flag = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};

export interface Stats {
  name: string;
  ops: number;
  errors: number;
  /** Operations that succeeded, per second: a failed one is no throughput (raw PATCHes may fail). */
  perSecond: number;
  p50: number;
  p99: number;
  /** The Server-Timing header of the median request (ScaiDNS scenarios only). */
  breakdown?: string;
}

/** What one operation of a scenario reports: success, and ScaiDNS's Server-Timing when it has one. */
export type OpResult = boolean | { ok: boolean; timing?: string };

export function summarize(
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
    perSecond: ((order.length - errors) / elapsedMs) * 1000,
    p50: at(0.5),
    p99: at(0.99),
    breakdown: order.length > 0 ? timings[index(0.5)] : undefined,
  };
}

/** What a run of operations gave: each one's latency and Server-Timing, the failures, the time. */
export interface Sample {
  readonly latencies: number[];
  readonly timings: (string | undefined)[];
  errors: number;
  elapsedMs: number;
}

/** `op` run by `concurrency` loops for `seconds`; `i` numbers the operations. */
export async function runFor(
  seconds: number,
  name: string,
  concurrency: number,
  op: (i: number) => Promise<OpResult>,
): Promise<Stats> {
  const sample = await collect(seconds, concurrency, op);
  return summarize(name, sample.latencies, sample.errors, sample.elapsedMs, sample.timings);
}

/** `op` run by `concurrency` loops for `seconds`, numbered from `first`: what each gave. */
export async function collect(
  seconds: number,
  concurrency: number,
  op: (i: number) => Promise<OpResult>,
  first = 0,
): Promise<Sample> {
  const sample: Sample = { latencies: [], timings: [], errors: 0, elapsedMs: 0 };
  let next = first;
  const t0 = performance.now();
  const deadline = t0 + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const i = next++;
        const start = performance.now();
        const result = await op(i).catch(() => false);
        sample.latencies.push(performance.now() - start);
        const ok = typeof result === 'boolean' ? result : result.ok;
        sample.timings.push(typeof result === 'boolean' ? undefined : result.timing);
        if (!ok) sample.errors += 1;
      }
    }),
  );
  sample.elapsedMs = performance.now() - t0;
  return sample;
}

/** One side of an alternating comparison (see `alternate`). */
export interface Contender {
  readonly name: string;
  readonly op: (i: number) => Promise<OpResult>;
}

/**
 * The contenders in turns of `sliceSeconds` at `concurrency`, `rounds` turns each (the order
 * rotating every round), after an untimed warm-up of each: drift in the machine's speed during a
 * run (runs of one build here differ by up to 25%) falls on all of them alike. Each contender's
 * figures over all its turns, and its CPU per operation by process (see cpuMeter).
 */
export async function alternate(
  contenders: readonly Contender[],
  concurrency: number,
  options: { rounds: number; sliceSeconds: number; warmUpSeconds: number },
  meter: ReturnType<typeof cpuMeter>,
): Promise<{ stats: Stats; cpu: string }[]> {
  const samples = contenders.map((): Sample => ({
    latencies: [],
    timings: [],
    errors: 0,
    elapsedMs: 0,
  }));
  const cpu = contenders.map((): Record<string, number> => ({}));
  // Operation numbers: each turn its own range, so no two turns name the same record.
  let first = 0;
  for (const c of contenders) {
    await collect(options.warmUpSeconds, concurrency, c.op, (first += 1_000_000));
  }
  for (let round = 0; round < options.rounds; round += 1) {
    for (let k = 0; k < contenders.length; k += 1) {
      const at = (k + round) % contenders.length;
      const started = meter.start();
      const turn = await collect(
        options.sliceSeconds,
        concurrency,
        contenders[at].op,
        (first += 1_000_000),
      );
      for (const [name, ms] of Object.entries(meter.delta(started))) {
        cpu[at][name] = (cpu[at][name] ?? 0) + ms;
      }
      const into = samples[at];
      into.latencies.push(...turn.latencies);
      into.timings.push(...turn.timings);
      into.errors += turn.errors;
      into.elapsedMs += turn.elapsedMs;
    }
  }
  return contenders.map((c, at) => {
    const { latencies, errors, elapsedMs, timings } = samples[at];
    return {
      stats: summarize(c.name, latencies, errors, elapsedMs, timings),
      cpu: meter.describe(cpu[at], latencies.length),
    };
  });
}

/**
 * What `alternate` gave, as a table: each contender's throughput, latency, errors and ratio to each
 * of `versus` (a column title → the index of the contender it divides by), then its CPU per
 * operation by process. Names are cut to `width`.
 */
export function printAlternation(
  results: readonly { stats: Stats; cpu: string }[],
  versus: Readonly<Record<string, number>>,
  width: number,
): void {
  const ratios = Object.entries(versus);
  console.log(
    `${'  contender'.padEnd(width + 2)} ${'ops/s'.padStart(8)} ${'p50 ms'.padStart(9)} ${'p99 ms'.padStart(9)} ${'ops'.padStart(7)} ${'errors'.padStart(7)}${ratios.map(([title]) => ` ${`× ${title}`.padStart(6)}`).join('')}`,
  );
  for (const { stats } of results) {
    const by = ratios.map(
      ([, at]) => ` ${(stats.perSecond / results[at].stats.perSecond).toFixed(2).padStart(6)}`,
    );
    console.log(
      `  ${stats.name.slice(0, width).padEnd(width)} ${stats.perSecond.toFixed(0).padStart(8)} ${stats.p50.toFixed(1).padStart(9)} ${stats.p99.toFixed(1).padStart(9)} ${String(stats.ops).padStart(7)} ${String(stats.errors).padStart(7)}${by.join('')}`,
    );
  }
  console.log('  CPU per operation (ms, by process):');
  for (const { stats, cpu } of results) {
    console.log(`    ${stats.name.slice(0, width - 2).padEnd(width - 2)} ${cpu}`);
  }
}

/** The table every benchmark prints, then the Server-Timing of each scenario's median request. */
export function printTable(results: readonly Stats[]): void {
  console.log('scenario                                 ops/s    p50 ms    p99 ms     ops  errors');
  for (const r of results) {
    console.log(
      `${r.name.padEnd(38)} ${r.perSecond.toFixed(0).padStart(7)} ${r.p50.toFixed(1).padStart(9)} ${r.p99.toFixed(1).padStart(9)} ${String(r.ops).padStart(7)} ${String(r.errors).padStart(7)}`,
    );
  }
  console.log('\nServer-Timing of the median request (ms; desc = calls):');
  for (const r of results) {
    if (r.breakdown) console.log(`  ${r.name.padEnd(38)} ${r.breakdown}`);
  }
}

export interface Reply {
  status: number;
  json: unknown;
  timing?: string;
}

export interface BenchApi {
  /** `as: 'text'` leaves the body unparsed (in `json`). */
  call(
    method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
    path: string,
    body?: unknown,
    as?: 'json' | 'text',
  ): Promise<Reply>;
  /** A client of the same PowerDNS, for the raw anchors. */
  readonly pdns: PdnsClient;
  /** The API process's pid. */
  readonly pid: number;
  close(): Promise<void>;
}

/** The built API as a process on the test stack, answering; what a benchmark needs to reach it. */
export interface ApiProcess {
  readonly standIn: ReturnType<typeof createScaiKeyStandIn>;
  readonly http: Pool;
  /** The API process's pid (its memory: /proc/<pid>/status). */
  readonly pid: number;
  stop(): Promise<void>;
}

/**
 * The built API (`npm run build`) on a random port, signed in through its own ScaiKey stand-in,
 * with `env` on top of the benchmark settings; resolves once `/health/live` answers. `connections`
 * sizes the HTTP pool; `options.build` runs another build of the API (a copy of `dist`, see
 * ab.bench.ts). For looking inside: `BENCH_NODE_ARGS` adds node options to the API process
 * (say `--cpu-prof --cpu-prof-dir=/tmp/prof`), `BENCH_API_STDOUT=1` shows its log.
 */
export async function startApiProcess(
  env: NodeJS.ProcessEnv = {},
  connections = 64,
  options: { freshDatabase?: boolean; build?: string } = {},
): Promise<ApiProcess> {
  // The test database, emptied and migrated, unless a second process of one run shares it.
  if (options.freshDatabase !== false) await globalSetup();
  const standIn = createScaiKeyStandIn();
  await standIn.start();
  const port = 18_500 + Math.floor(Math.random() * 700);
  const api: ChildProcess = spawn(
    process.execPath,
    [
      ...(process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean),
      join(ROOT, options.build ?? 'dist', 'apps/api/main.js'),
    ],
    {
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
        ...env,
      },
      stdio: ['ignore', process.env.BENCH_API_STDOUT ? 'inherit' : 'ignore', 'inherit'],
    },
  );
  const http = new Pool(`http://127.0.0.1:${port}`, { connections });
  const stop = async () => {
    await http.close();
    api.kill('SIGTERM');
    await standIn.stop();
  };
  for (let i = 0; ; i += 1) {
    const up = await http.request({ method: 'GET', path: '/api/v1/health/live' }).catch(() => null);
    if (up) await up.body.dump();
    if (up?.statusCode === 200) break;
    if (i > 100) {
      await stop();
      throw new Error('the API did not start');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { standIn, http, pid: api.pid ?? 0, stop };
}

/** Calls to the API process as a super admin of a tenant of its stand-in (a new one per call of this). */
export function superAdminCaller(api: Pick<ApiProcess, 'standIn' | 'http'>): BenchApi['call'] {
  const { users } = api.standIn.directory.seedTenant({ users: [{ roles: ['super_admin'] }] });
  const token = api.standIn.userToken(users[0].id, { expiresIn: 3600 });
  return async (method, path, body, as = 'json') => {
    const res = await api.http.request({
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
      json: as === 'text' ? text : text ? (JSON.parse(text) as unknown) : null,
      timing: typeof timing === 'string' ? timing : undefined,
    };
  };
}

/**
 * The built API with `workers` processes and metrics on, a super admin's client for it and a
 * PowerDNS client for the raw anchors.
 */
export async function startBenchApi(
  workers = 1,
  options: { build?: string; env?: NodeJS.ProcessEnv; freshDatabase?: boolean } = {},
): Promise<BenchApi> {
  const { standIn, http, pid, stop } = await startApiProcess(
    {
      API_WORKERS: String(workers),
      METRICS_ENABLED: 'true',
      // The setup imports 10,000 records in one PATCH, which on a slow day outlasts the default 10 s.
      PDNS_TIMEOUT_MS: '120000',
      ...options.env,
    },
    64,
    { build: options.build, freshDatabase: options.freshDatabase },
  );
  const pdns = benchPdnsClient();
  const call = superAdminCaller({ standIn, http });
  const close = async () => {
    await pdns.close();
    await stop();
  };
  return { call, pdns, pid, close };
}

/** A zone made through ScaiDNS (`name` without the trailing dot); its domain id. */
export async function createApiZone(call: BenchApi['call'], name: string): Promise<string> {
  const made = await call('POST', '/api/v1/domains', { name });
  if (made.status !== 200) throw new Error(`could not create a zone: ${JSON.stringify(made.json)}`);
  return (made.json as { id: string }).id;
}

/** The benchmarks' write through ScaiDNS: `name` A 192.0.2.1 (TTL 300) created in the domain `domainId`. */
export async function apiCreate(
  call: BenchApi['call'],
  domainId: string,
  name: string,
): Promise<{ ok: boolean; timing?: string }> {
  const res = await call('POST', `/api/v1/domains/${domainId}/records`, {
    name,
    type: 'A',
    content: '192.0.2.1',
    ttl: 300,
  });
  return { ok: res.status === 200, timing: res.timing };
}

/** The same write as `apiCreate`, raw: one PowerDNS PATCH of `name`.`zone` (absolute) A 192.0.2.1. */
export async function rawCreate(pdns: PdnsClient, zone: string, name: string): Promise<boolean> {
  await new PdnsZonePatcher(pdns).patchRRSets(zone, [
    {
      name: `${name}.${zone}`,
      type: 'A',
      changetype: 'REPLACE',
      ttl: 300,
      records: [{ content: '192.0.2.1' }],
    },
  ]);
  return true;
}

/** A zone made in PowerDNS directly (`name` absolute), set up as ScaiDNS sets up its own. */
export async function createRawZone(pdns: PdnsClient, name: string): Promise<void> {
  await pdns.createZone(
    {
      name,
      kind: 'Native',
      nameservers: ['ns1.scaidns.local.'],
      soa_edit_api: 'INCREASE',
      api_rectify: false,
    },
    { rrsets: false },
  );
}

/** A floor (bench/pass-through.ts: `pass-through` or `required-steps`) as a process of its own, and a client for it. */
export interface PassThrough {
  readonly pid: number;
  /** Writes `name` A `content` in `zone` (absolute) through it; true when it answered 200. */
  create(zone: string, name: string, content: string): Promise<boolean>;
  close(): Promise<void>;
}

export async function startPassThrough(
  floor: 'pass-through' | 'required-steps' = 'pass-through',
  connections = 64,
): Promise<PassThrough> {
  const port = 19_300 + Math.floor(Math.random() * 500);
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', join(ROOT, 'bench/pass-through.ts')],
    {
      cwd: ROOT,
      env: { ...process.env, PORT: String(port), FLOOR: floor },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the pass-through exited (${code})`)));
    child.stdout?.on('data', (data: Buffer) => {
      if (data.toString().includes('ready')) resolve();
    });
  });
  const http = new Pool(`http://127.0.0.1:${port}`, { connections });
  const token = `Bearer floor-${port}`;
  return {
    pid: child.pid ?? 0,
    async create(zone, name, content) {
      const res = await http.request({
        method: 'POST',
        path: '/records',
        headers: { 'content-type': 'application/json', authorization: token },
        body: JSON.stringify({ zone, name, content }),
      });
      await res.body.text();
      return res.statusCode === 200;
    },
    async close() {
      await http.close();
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * CPU time (ms) a process and, unless `withChildren` is false, its live children have used so far;
 * 0 if gone. From /proc/<pid>/stat's utime and stime (ticks of 10 ms, sampled by the scheduler:
 * exact enough over a run of seconds), which count threads that have ended too (PowerDNS's web
 * server runs each connection in a thread of its own).
 */
function processCpuMs(pid: number, withChildren = true): number {
  const own = (p: number): number => {
    try {
      const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
      // After "pid (comm) ": state is field 3; utime and stime are fields 14 and 15.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      return 0;
    }
  };
  let children: number[] = [];
  try {
    if (withChildren)
      children = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
        .trim()
        .split(/\s+/)
        .filter(Boolean)
        .map(Number);
  } catch {
    children = [];
  }
  return children.reduce((sum, child) => sum + own(child), own(pid));
}

const MACHINE_BUSY = '\0machine-busy';
const MACHINE_ALL = '\0machine-all';

/** The machine's CPU ticks since boot (/proc/stat): busy (neither idle nor waiting on I/O) and all. */
function machineTicks(): { busy: number; all: number } {
  const fields = readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  const all = fields.slice(0, 8).reduce((sum, n) => sum + n, 0);
  return { busy: all - fields[3] - fields[4], all };
}

/** The pid of the process listening on TCP `port` on this machine, or 0. */
export function listenerPid(port: number): number {
  const out = spawnSync('ss', ['-Hlntp', `sport = :${port}`], { encoding: 'utf8' }).stdout ?? '';
  return Number(/pid=(\d+)/.exec(out)?.[1] ?? 0);
}

/**
 * A cpuMeter of `services` (name → pid) and of the stack's PowerDNS, MariaDB and Redis, found by the
 * ports in PDNS_API_URL, DATABASE_URL and REDIS_URL.
 */
export function stackMeter(services: Readonly<Record<string, number>>) {
  const portOf = (url: string | undefined, fallback: number) =>
    Number(url ? new URL(url).port || fallback : fallback);
  return cpuMeter({
    ...services,
    PowerDNS: listenerPid(portOf(process.env.PDNS_API_URL, 8081)),
    MariaDB: listenerPid(portOf(process.env.DATABASE_URL, 3306)),
    Redis: listenerPid(portOf(process.env.REDIS_URL, 6379)),
  });
}

/**
 * Where a scenario's CPU went, by process: `start()` before it, `perOp(ops)` after it gives each
 * process's CPU time per operation (ms), the benchmark's own process as "client". On a machine of
 * two cores, 2,000 ms of CPU a second is all there is: `perOp` also says how busy the whole machine
 * was (from /proc/stat) and how many operations a second its cores would carry at that cost per
 * operation, fully busy (the scenario's ceiling, whatever else is tuned).
 */
export function cpuMeter(processes: Readonly<Record<string, number>>) {
  const named = Object.entries(processes).filter(([, pid]) => pid > 0);
  const read = (): Record<string, number> => {
    return Object.fromEntries([
      ...named.map(([name, pid]) => [name, processCpuMs(pid)] as const),
      ['client', processCpuMs(process.pid, false)] as const,
    ]);
  };
  const start = (): Record<string, number> => {
    const machine = machineTicks();
    return { ...read(), [MACHINE_BUSY]: machine.busy, [MACHINE_ALL]: machine.all };
  };
  /** What each process (and the machine, in ticks) has used since `started`. */
  const delta = (started: Record<string, number>): Record<string, number> => {
    const now = start();
    return Object.fromEntries(Object.keys(now).map((name) => [name, now[name] - started[name]]));
  };
  /** A `delta` (or a sum of them) over `ops` operations, as `perOp` says it. */
  const describe = (used: Record<string, number>, ops: number): string => {
    const parts = Object.keys(used)
      .filter((name) => name !== MACHINE_BUSY && name !== MACHINE_ALL)
      .map((name) => [name, used[name] / Math.max(ops, 1)] as const);
    const all = parts.reduce((sum, [, ms]) => sum + ms, 0);
    const busy = used[MACHINE_BUSY] / (used[MACHINE_ALL] || 1);
    const ceiling = all > 0 ? (cpus().length * 1000) / all : 0;
    return [
      ...parts.map(([name, ms]) => `${name} ${ms.toFixed(2)}`),
      `all ${all.toFixed(2)}; machine ${Math.round(busy * 100)}% busy, all cores at this cost: ${Math.round(ceiling)}/s`,
    ].join(', ');
  };
  return {
    start,
    delta,
    describe,
    perOp: (started: Record<string, number>, ops: number): string => describe(delta(started), ops),
  };
}
