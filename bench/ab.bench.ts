/**
 * Two builds (or two settings) of the API side by side, for telling whether a change to the write
 * path helps: raw PowerDNS, API "A" and API "B" creating records in alternating turns (so drift in
 * the machine's speed during a run, up to 25% here, falls on all three alike), at concurrency 1 on
 * one zone, 32 on one zone and 32 over 32 zones. Prints each one's throughput, latency, ratio to raw
 * PowerDNS and to A, and its CPU per operation by process.
 *
 *   npm run build && mkdir -p .state/bench-builds && cp -r dist .state/bench-builds/before
 *   (change something) && npm run build
 *   AB_B=.state/bench-builds/before npm run bench:ab [-- --rounds 4] [--slice 3] [--warm-up 1]
 *
 * A is the current build (`dist`), B the build in AB_B (a copy of `dist` inside the checkout, so its
 * node_modules resolve; `dist` when unset). AB_A_ENV and AB_B_ENV add settings to each, as
 * space-separated KEY=value pairs. Uses the test database and the local PowerDNS; the zones it
 * makes are removed at the end.
 */
import 'tsconfig-paths/register';
import {
  alternate,
  apiCreate,
  type BenchApi,
  type Contender,
  createApiZone,
  createRawZone,
  flag,
  printAlternation,
  rawCreate,
  startBenchApi,
  stackMeter,
} from './harness';

const rounds = flag('--rounds', 4);
const sliceSeconds = flag('--slice', 3);
const warmUpSeconds = flag('--warm-up', 1);
/** Zones per contender: the concurrency-1 and concurrency-32 one zone is the last. */
const ZONES = 33;
const ONE_ZONE = ZONES - 1;

/** `KEY=value KEY2=value` as an environment. */
function settings(text: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const pair of text.split(/\s+/).filter(Boolean)) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`not KEY=value: ${pair}`);
    env[pair.slice(0, at)] = pair.slice(at + 1);
  }
  return env;
}

async function main(): Promise<void> {
  const builds = [
    { label: 'A', build: 'dist', settings: process.env.AB_A_ENV ?? '' },
    { label: 'B', build: process.env.AB_B ?? 'dist', settings: process.env.AB_B_ENV ?? '' },
  ];
  const apis: BenchApi[] = [];
  const stamp = Date.now().toString(36);
  const rawZones = Array.from({ length: ZONES }, (_, k) => `bench-ab${k}-${stamp}.example.com.`);
  const domainIds: string[][] = [[], []];
  try {
    for (const [n, b] of builds.entries()) {
      // Both on the test database: the first empties and migrates it, the second shares it.
      apis.push(
        await startBenchApi(1, {
          build: b.build,
          env: settings(b.settings),
          freshDatabase: n === 0,
        }),
      );
    }
    const { pdns } = apis[0];
    const meter = stackMeter({ 'API A': apis[0].pid, 'API B': apis[1].pid });
    for (let k = 0; k < ZONES; k += 1) {
      await createRawZone(pdns, rawZones[k]);
      for (const [n, api] of apis.entries()) {
        domainIds[n].push(await createApiZone(api.call, `bench-ab-${n}-${k}-${stamp}.example.com`));
      }
    }
    /** `tag` keeps each scenario's names apart (two scenarios write the same zone). */
    const contenders = (tag: string, zoneOf: (i: number) => number): Contender[] => [
      {
        name: 'raw PowerDNS PATCH',
        op: (i) => rawCreate(pdns, rawZones[zoneOf(i)], `raw${tag}-${i}`),
      },
      ...apis.map((api, n): Contender => ({
        name: `${builds[n].label}: ${builds[n].build}${builds[n].settings ? ' +env' : ''}`,
        op: (i) => apiCreate(api.call, domainIds[n][zoneOf(i)], `api${tag}-${i}`),
      })),
    ];
    console.log(`\nA/B benchmark: ${rounds} alternating turns of ${sliceSeconds}s each`);
    for (const b of builds) {
      console.log(`  ${b.label}: ${b.build} ${b.settings}`);
    }
    const scenarios = [
      { title: 'concurrency 1, one zone', concurrency: 1, zoneOf: () => ONE_ZONE },
      { title: 'concurrency 32, one zone', concurrency: 32, zoneOf: () => ONE_ZONE },
      {
        title: 'concurrency 32 over 32 zones',
        concurrency: 32,
        zoneOf: (i: number) => i % 32,
      },
    ];
    for (const [s, scenario] of scenarios.entries()) {
      const results = await alternate(
        contenders(`s${s}`, scenario.zoneOf),
        scenario.concurrency,
        { rounds, sliceSeconds, warmUpSeconds },
        meter,
      );
      console.log(`\n${scenario.title}`);
      printAlternation(results, { raw: 0, A: 1 }, 31);
    }
  } finally {
    for (const [n, api] of apis.entries()) {
      for (const id of domainIds[n]) {
        await api.call('DELETE', `/api/v1/domains/${id}?hard=true`).catch(() => undefined);
      }
    }
    if (apis[0])
      for (const zone of rawZones) await apis[0].pdns.deleteZone(zone).catch(() => undefined);
    for (const api of apis) await api.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
