/**
 * Record reads on a large zone against PowerDNS's own filtered rrset GET, in one run:
 *   - the anchor: `GET /zones/{zone}?rrset_name=…&rrset_type=A` on the same zone, concurrency 1 and 8;
 *   - ScaiDNS: a page of 50 deep in the zone (`?page=100&page_size=50`), a `?name=` filter and a
 *     record by id, each at concurrency 1 and 8, with the Server-Timing of a median request.
 * Targets (issue 14): p50 within 2x the anchor's at concurrency 1, throughput at least 0.5x the
 * anchor's at concurrency 8.
 *
 *   npm run build && npm run bench:reads [-- --seconds 5 --records 10000]
 *
 * `--records` above 10,000 imports the first 10,000 through the API and writes the rest straight
 * into PowerDNS. Uses the test database and the local PowerDNS; the zone is removed at the end.
 */
import 'tsconfig-paths/register';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import { flag, printTable, runFor, type Stats, startBenchApi } from './harness';

const seconds = flag('--seconds', 5);
const size = flag('--records', 10_000);
const run = runFor.bind(null, seconds);
const IMPORT_LIMIT = 10_000;

async function main(): Promise<void> {
  const { call, pdns, close } = await startBenchApi(1);
  const name = `bench-rd-${Date.now().toString(36)}.example.com`;
  let id = '';
  try {
    const created = await call('POST', '/api/v1/domains', { name });
    if (created.status !== 200) throw new Error(`create ${name}: ${JSON.stringify(created.json)}`);
    id = (created.json as { id: string }).id;
    const content = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
    const imported = await call('POST', `/api/v1/domains/${id}/import`, {
      content: [
        `$ORIGIN ${name}.`,
        ...Array.from(
          { length: Math.min(size, IMPORT_LIMIT) },
          (_, i) => `h${i} 300 IN A ${content(i)}`,
        ),
      ].join('\n'),
    });
    if (imported.status !== 200) throw new Error(`import: ${JSON.stringify(imported.json)}`);
    const patcher = new PdnsZonePatcher(pdns);
    for (let from = IMPORT_LIMIT; from < size; from += IMPORT_LIMIT) {
      const count = Math.min(IMPORT_LIMIT, size - from);
      await patcher.patchRRSets(
        `${name}.`,
        Array.from({ length: count }, (_, k) => ({
          name: `h${from + k}.${name}.`,
          type: 'A',
          changetype: 'REPLACE' as const,
          ttl: 300,
          records: [{ content: content(from + k), disabled: false }],
        })),
      );
    }
    // The first read indexes the zone (a whole-zone read); the benchmark measures what follows.
    const first = await call('GET', `/api/v1/domains/${id}/records?page=1&page_size=100`);
    const total = (first.json as { total: number }).total;
    if (total !== size) throw new Error(`the zone lists ${total} records, not ${size}`);
    const ids = (first.json as { data: { id: string }[] }).data.map((r) => r.id);
    const host = (i: number) => `h${(i * 7919) % size}`;

    const raw = async (i: number) => {
      const zone = await pdns.getZone(`${name}.`, {
        rrsetName: `${host(i)}.${name}.`,
        rrsetType: 'A',
      });
      return zone.rrsets?.length === 1;
    };
    const api = (path: (i: number) => string) => async (i: number) => {
      const res = await call('GET', path(i));
      return { ok: res.status === 200, timing: res.timing };
    };
    const pageOf = api(() => `/api/v1/domains/${id}/records?page=100&page_size=50`);
    const byName = api((i) => `/api/v1/domains/${id}/records?name=${host(i)}`);
    const byId = api((i) => `/api/v1/domains/${id}/records/${ids[i % ids.length]}`);

    const results: Stats[] = [];
    for (const concurrency of [1, 8]) {
      results.push(await run(`raw PowerDNS filtered GET, c${concurrency}`, concurrency, raw));
      results.push(await run(`ScaiDNS page 100 of 50, c${concurrency}`, concurrency, pageOf));
      results.push(await run(`ScaiDNS ?name=, c${concurrency}`, concurrency, byName));
      results.push(await run(`ScaiDNS record by id, c${concurrency}`, concurrency, byId));
    }
    console.log(
      `\nreads benchmark: ${seconds}s per run, a zone of ${size} records, 1 API process, gmysql PowerDNS\n`,
    );
    printTable(results);
    const [raw1, ...c1] = results.slice(0, 4);
    const [raw8, ...c8] = results.slice(4);
    console.log('');
    for (const s of c1) {
      console.log(
        `${s.name.padEnd(32)} p50 ${s.p50.toFixed(1)} ms = ${(s.p50 / raw1.p50).toFixed(2)}x raw ${raw1.p50.toFixed(1)} ms (target ≤ 2x)`,
      );
    }
    for (const s of c8) {
      console.log(
        `${s.name.padEnd(32)} ${s.perSecond.toFixed(0)}/s = ${(s.perSecond / raw8.perSecond).toFixed(2)}x raw ${raw8.perSecond.toFixed(0)}/s (target ≥ 0.5x; errors ${s.errors})`,
      );
    }
  } finally {
    if (id) await call('DELETE', `/api/v1/domains/${id}?hard=true`).catch(() => undefined);
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
