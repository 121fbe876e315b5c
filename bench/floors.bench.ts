/**
 * How far the write targets of records.bench.ts are from what this machine allows: raw PowerDNS,
 * ScaiDNS, and the two floors of bench/pass-through.ts (a bare forwarding hop; that hop plus only
 * the round trips ScaiDNS's guarantees need) in alternating turns, so that drift in the machine's
 * speed during a run falls on all four alike. At concurrency 1 on one zone, and at concurrency 32
 * over 32 zones (one writer each: nothing to coalesce, every create a commit of its own). Prints
 * each one's throughput, latency and ratio to raw PowerDNS, and its CPU per operation by process.
 *
 *   npm run build && npm run bench:floors [-- --rounds 4] [--slice 3] [--warm-up 1]
 *
 * Uses the test database and the local PowerDNS; the zones it makes are removed at the end.
 */
import 'tsconfig-paths/register';
import {
  alternate,
  apiCreate,
  type Contender,
  createApiZone,
  createRawZone,
  flag,
  printAlternation,
  rawCreate,
  startBenchApi,
  startPassThrough,
  stackMeter,
} from './harness';

const rounds = flag('--rounds', 4);
const sliceSeconds = flag('--slice', 3);
const warmUpSeconds = flag('--warm-up', 1);

async function main(): Promise<void> {
  const { call, pdns, close, pid } = await startBenchApi(1);
  const passThrough = await startPassThrough();
  const requiredSteps = await startPassThrough('required-steps');
  const meter = stackMeter({
    API: pid,
    'pass-through': passThrough.pid,
    'required steps': requiredSteps.pid,
  });
  const stamp = Date.now().toString(36);
  /** Zone k of 33: the concurrency-1 zone is 32, the spread's are 0-31. */
  const domainIds: string[] = [];
  const rawZones = Array.from({ length: 33 }, (_, k) => `bench-floor${k}-${stamp}.example.com.`);
  try {
    for (let k = 0; k < 33; k += 1) {
      domainIds.push(await createApiZone(call, `bench-api-floor${k}-${stamp}.example.com`));
      await createRawZone(pdns, rawZones[k]);
    }
    /** The four contenders writing zone `zoneOf(i)` (of 33) for operation `i`. */
    const contenders = (zoneOf: (i: number) => number): Contender[] => [
      { name: 'raw PowerDNS PATCH', op: (i) => rawCreate(pdns, rawZones[zoneOf(i)], `raw${i}`) },
      { name: 'ScaiDNS create', op: (i) => apiCreate(call, domainIds[zoneOf(i)], `api${i}`) },
      {
        name: 'pass-through floor',
        op: (i) => passThrough.create(rawZones[zoneOf(i)], `pass${i}`, '192.0.2.1'),
      },
      {
        name: 'required-steps floor',
        op: (i) => requiredSteps.create(rawZones[zoneOf(i)], `steps${i}`, '192.0.2.1'),
      },
    ];
    const options = { rounds, sliceSeconds, warmUpSeconds };
    const scenarios = [
      { title: 'concurrency 1, one zone', concurrency: 1, zoneOf: () => 32, target: 0.8 },
      {
        title: 'concurrency 32 over 32 zones (client i of 32 writes zone i % 32)',
        concurrency: 32,
        zoneOf: (i: number) => i % 32,
        target: 0.8,
      },
    ];
    console.log(
      `\nfloors benchmark: ${rounds} alternating turns of ${sliceSeconds}s each, gmysql PowerDNS`,
    );
    for (const scenario of scenarios) {
      const results = await alternate(
        contenders(scenario.zoneOf),
        scenario.concurrency,
        options,
        meter,
      );
      console.log(`\n${scenario.title} (ScaiDNS's target: ≥ ${scenario.target}x raw)`);
      printAlternation(results, { raw: 0 }, 26);
      const median = results[1].stats.breakdown;
      if (median) console.log(`  ScaiDNS's median request: ${median}`);
    }
  } finally {
    for (const id of domainIds)
      await call('DELETE', `/api/v1/domains/${id}?hard=true`).catch(() => undefined);
    for (const zone of rawZones) {
      await pdns.deleteZone(zone).catch(() => undefined);
      await pdns.deleteZone(zone.replace('bench-floor', 'bench-api-floor')).catch(() => undefined);
    }
    await passThrough.close();
    await requiredSteps.close();
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
