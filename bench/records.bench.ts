/**
 * Record writes through ScaiDNS against raw PowerDNS PATCHes, in one run, on zones of the same size:
 *   - record creates: throughput, p50/p99 latency and errors at concurrency 1 and 32 on one zone,
 *     and at concurrency 32 spread over 32 zones (one writer each: nothing to coalesce);
 *   - one 10k-record import against one raw 10k-rrset PATCH;
 *   - time from a create's 200 to PowerDNS answering the name over DNS (p50/p99);
 *   - one raw PATCH of 1, 16 and 32 rrsets (p50): what a coalesced commit costs PowerDNS;
 *   - the floor: the same three throughput runs through a bare Node HTTP server that only forwards
 *     the PATCH (bench/pass-through.ts), the least any service in front of PowerDNS adds here.
 *
 *   npm run build && npm run bench:records [-- --seconds 5] [--warm-up 1] [--workers 2]
 *
 * Each throughput run follows an untimed warm-up of the same operation at the same concurrency.
 *
 * Uses the test database and the local PowerDNS; the zones it makes are removed at the end.
 */
import 'tsconfig-paths/register';
import { Resolver } from 'node:dns/promises';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import {
  apiCreate,
  flag,
  printTable,
  rawCreate,
  runFor,
  type Stats,
  startBenchApi,
  createApiZone,
  createRawZone,
  startPassThrough,
  summarize,
  stackMeter,
} from './harness';

const seconds = flag('--seconds', 5);
/** API processes (API_WORKERS), as the deployment guide runs several. */
const workers = flag('--workers', 1);
/** Seconds of untimed warm-up before each throughput run. */
const warmUpSeconds = flag('--warm-up', 1);
/** Operation numbers from here on are the warm-ups' (a timed run stays far below it). */
const WARM_UP_FIRST = 1_000_000;

async function main(): Promise<void> {
  const { call, pdns, close, pid } = await startBenchApi(workers);
  const passThrough = await startPassThrough();
  const meter = stackMeter({
    API: pid,
    'pass-through': passThrough.pid,
  });
  /** CPU per operation of each scenario, by process (see cpuMeter). */
  const cpu = new Map<string, string>();
  const run = async (name: string, concurrency: number, op: Parameters<typeof runFor>[3]) => {
    // An untimed warm-up at the same concurrency first, for the anchors and ScaiDNS alike: a service
    // runs warm (its code compiled, its pools filled), and the scenario before must not bleed in.
    // Its operations are numbered apart, so they name other records than the timed run's.
    await runFor(warmUpSeconds, name, concurrency, (i) => op(WARM_UP_FIRST + i));
    const started = meter.start();
    const stats = await runFor(seconds, name, concurrency, op);
    cpu.set(name, meter.perOp(started, stats.ops));
    return stats;
  };
  const stamp = Date.now().toString(36);
  const apiZone = `bench-api-${stamp}.example.com`;
  const rawZone = `bench-raw-${stamp}.example.com`;
  let domainId = '';
  /** The 32 zones of the spread scenario: ScaiDNS domain ids, and raw zone names. */
  const spreadIds: string[] = [];
  const spreadRaw = Array.from({ length: 32 }, (_, i) => `bench-raw${i}-${stamp}.example.com.`);
  try {
    domainId = await createApiZone(call, apiZone);
    await createRawZone(pdns, `${rawZone}.`);

    const apiCreateIn = (prefix: string) => (i: number) =>
      apiCreate(call, domainId, `${prefix}${i}`);
    const rawCreateIn = (prefix: string) => (i: number) =>
      rawCreate(pdns, `${rawZone}.`, `${prefix}${i}`);

    for (let i = 0; i < 32; i += 1) {
      spreadIds.push(await createApiZone(call, `bench-api${i}-${stamp}.example.com`));
      await createRawZone(pdns, spreadRaw[i]);
    }
    // The spread runs: client i of 32 writes zone i % 32 (runFor numbers operations in turn).
    const spreadApi = (i: number) => apiCreate(call, spreadIds[i % 32], `s${i}`);
    const spreadRawCreate = (i: number) => rawCreate(pdns, spreadRaw[i % 32], `s${i}`);

    const floorCreate = (prefix: string) => (i: number) =>
      passThrough.create(`${rawZone}.`, `${prefix}${i}`, '192.0.2.1');
    const floorSpread = (i: number) => passThrough.create(spreadRaw[i % 32], `f${i}`, '192.0.2.1');

    const results: Stats[] = [];
    results.push(await run('raw PowerDNS PATCH, concurrency 1', 1, rawCreateIn('c1-')));
    results.push(await run('ScaiDNS create, concurrency 1', 1, apiCreateIn('c1-')));
    results.push(await run('raw PowerDNS PATCH, concurrency 32', 32, rawCreateIn('c32-')));
    results.push(await run('ScaiDNS create, concurrency 32', 32, apiCreateIn('c32-')));
    results.push(await run('raw PATCH, c32 over 32 zones', 32, spreadRawCreate));
    results.push(await run('ScaiDNS create, c32 over 32 zones', 32, spreadApi));
    const floor: Stats[] = [];
    floor.push(await run('pass-through, concurrency 1', 1, floorCreate('f1-')));
    floor.push(await run('pass-through, concurrency 32', 32, floorCreate('f32-')));
    floor.push(await run('pass-through, c32 over 32 zones', 32, floorSpread));

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

    // What one raw PATCH costs by its size: what coalescing creates into one commit saves.
    const patchSizes: string[] = [];
    for (const size of [1, 16, 32]) {
      const times: number[] = [];
      for (let round = 0; round < 15; round += 1) {
        const started = performance.now();
        await new PdnsZonePatcher(pdns).patchRRSets(
          `${rawZone}.`,
          Array.from({ length: size }, (_, i) => ({
            name: `size${size}-${round}-${i}.${rawZone}.`,
            type: 'A',
            changetype: 'REPLACE' as const,
            ttl: 300,
            records: [{ content: '192.0.2.9' }],
          })),
        );
        times.push(performance.now() - started);
      }
      const p50 = summarize('', times, 0, 1).p50;
      patchSizes.push(`${size} rrset${size > 1 ? 's' : ''} ${p50.toFixed(1)} ms`);
    }

    console.log(
      `\nrecords benchmark: ${seconds}s per throughput run, ${workers} API process(es), gmysql PowerDNS\n`,
    );
    printTable([...results, ...floor]);
    console.log(
      '\nCPU per operation (ms of CPU time, by process; two cores give 2,000 ms a second):',
    );
    for (const [name, line] of cpu) console.log(`  ${name.padEnd(38)} ${line}`);
    const ratio = (a: Stats, b: Stats) => (a.perSecond / b.perSecond).toFixed(2);
    console.log(
      `\nconcurrency 1:  ScaiDNS at ${ratio(results[1], results[0])}x raw PowerDNS (target ≥ 0.8x)`,
    );
    console.log(
      `concurrency 32: ScaiDNS at ${ratio(results[3], results[2])}x raw PowerDNS (target ≥ 2.5x, zero errors)`,
    );
    console.log(
      `32 zones, c32: ScaiDNS at ${ratio(results[5], results[4])}x raw PowerDNS (target ≥ 0.8x)`,
    );
    console.log(
      `floor (a bare Node HTTP hop that only forwards the PATCH): ${ratio(floor[0], results[0])}x raw at concurrency 1, ${ratio(floor[1], results[2])}x at 32, ${ratio(floor[2], results[4])}x over 32 zones`,
    );
    console.log(
      `10k import: ScaiDNS ${importMs.toFixed(0)} ms (status ${imported.status}) vs one raw 10k-rrset PATCH ${rawImportMs.toFixed(0)} ms = ${(importMs / rawImportMs).toFixed(2)}x (target ≤ 1.5x)`,
    );
    console.log(`one raw PATCH at concurrency 1 by its size (p50 of 15): ${patchSizes.join(', ')}`);
    console.log(
      `200 → DNS answer: p50 ${vis.p50.toFixed(1)} ms, p99 ${vis.p99.toFixed(1)} ms over ${vis.ops} creates (target p99 < 50 ms)`,
    );
  } finally {
    if (domainId)
      await call('DELETE', `/api/v1/domains/${domainId}?hard=true`).catch(() => undefined);
    await pdns.deleteZone(`${rawZone}.`).catch(() => undefined);
    for (const id of spreadIds)
      await call('DELETE', `/api/v1/domains/${id}?hard=true`).catch(() => undefined);
    for (const name of spreadRaw) await pdns.deleteZone(name).catch(() => undefined);
    await passThrough.close();
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
