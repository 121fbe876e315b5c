/**
 * Record creates on a signed zone against an unsigned one, each holding 10,000 records, in one run:
 *   - ScaiDNS creates at concurrency 1 and 32 on the unsigned and on the signed zone (targets:
 *     signed throughput at concurrency 32 ≥ 0.7x unsigned; signed p50 at concurrency 1 ≤ 2x);
 *   - the raw PowerDNS anchors: an unsigned PATCH; on a signed 10k zone a PATCH with `api_rectify`
 *     on, a PATCH followed by `PUT /rectify`, and an RFC 2136 update (what ScaiDNS sends for a
 *     signed zone, PDNS_DNS_UPDATE_ADDRESS).
 *
 *   npm run build && npm run bench:dnssec [-- --seconds 5]
 *
 * Uses the test database and the local PowerDNS; the zones it makes are removed at the end.
 */
import 'tsconfig-paths/register';
import { PdnsZonePatcher, PdnsZoneUpdater } from '@app/pdns-client/zone-patch';
import {
  apiCreate,
  flag,
  printTable,
  rawCreate,
  runFor,
  type Stats,
  startBenchApi,
} from './harness';

const seconds = flag('--seconds', 5);
const size = flag('--records', 10_000);
const run = runFor.bind(null, seconds);

async function main(): Promise<void> {
  const { call, pdns, close } = await startBenchApi(1);
  const stamp = Date.now().toString(36);
  const zones = {
    unsigned: `bench-u-${stamp}.example.com`,
    signed: `bench-s-${stamp}.example.com`,
  };
  const rawZone = `bench-rs-${stamp}.example.com.`;
  const rawUnsigned = `bench-ru-${stamp}.example.com.`;
  const ids: Record<string, string> = {};
  const records = (origin: string) =>
    [
      `$ORIGIN ${origin}.`,
      ...Array.from({ length: size }, (_, i) => `h${i} 300 IN A 192.0.2.${(i % 250) + 1}`),
    ].join('\n');
  try {
    for (const [kind, name] of Object.entries(zones)) {
      const created = await call('POST', '/api/v1/domains', { name });
      if (created.status !== 200)
        throw new Error(`create ${name}: ${JSON.stringify(created.json)}`);
      ids[kind] = (created.json as { id: string }).id;
      const imported = await call('POST', `/api/v1/domains/${ids[kind]}/import`, {
        content: records(name),
      });
      if (imported.status !== 200) throw new Error(`import: ${JSON.stringify(imported.json)}`);
    }
    const signed = await call('POST', `/api/v1/domains/${ids.signed}/dnssec/enable`, {});
    if (signed.status !== 200) throw new Error(`enable: ${JSON.stringify(signed.json)}`);

    const patcher = new PdnsZonePatcher(pdns);
    for (const [zone, dnssec] of [
      [rawZone, true],
      [rawUnsigned, false],
    ] as const) {
      await pdns.createZone(
        {
          name: zone,
          kind: 'Native',
          nameservers: ['ns1.scaidns.local.'],
          soa_edit_api: 'INCREASE',
          dnssec,
          api_rectify: dnssec,
        },
        { rrsets: false },
      );
      await patcher.patchRRSets(
        zone,
        Array.from({ length: size }, (_, i) => ({
          name: `h${i}.${zone}`,
          type: 'A',
          changetype: 'REPLACE' as const,
          ttl: 300,
          records: [{ content: `192.0.2.${(i % 250) + 1}` }],
        })),
      );
    }
    const rawPatch =
      (prefix: string, zone = rawZone) =>
      (i: number) =>
        rawCreate(pdns, zone, `${prefix}${i}`);
    const apiCreateIn = (kind: string, prefix: string) => (i: number) =>
      apiCreate(call, ids[kind], `${prefix}${i}`);

    /** Commits and changes so far, from the API's own metrics (the mean batch of a scenario). */
    const commits = async (): Promise<{ count: number; sum: number; updates: number }> => {
      const text = String((await call('GET', '/api/v1/metrics', undefined, 'text')).json);
      const read = (name: string) =>
        [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm'))].reduce(
          (total, m) => total + Number(m[1]),
          0,
        );
      return {
        count: read('scaidns_zone_commit_batch_size_count'),
        sum: read('scaidns_zone_commit_batch_size_sum'),
        updates: read('scaidns_zone_updates_total'),
      };
    };
    const batches: string[] = [];
    const results: Stats[] = [];
    for (const [name, concurrency, kind, prefix] of [
      ['unsigned create, concurrency 1', 1, 'unsigned', 'a'],
      ['signed create, concurrency 1', 1, 'signed', 'a'],
      ['unsigned create, concurrency 32', 32, 'unsigned', 'b'],
      ['signed create, concurrency 32', 32, 'signed', 'b'],
    ] as const) {
      const before = await commits();
      results.push(await run(name, concurrency, apiCreateIn(kind, prefix)));
      const after = await commits();
      const n = after.count - before.count;
      batches.push(
        `  ${name.padEnd(38)} ${n} commits, ${n > 0 ? ((after.sum - before.sum) / n).toFixed(1) : '-'} changes each, ${after.updates - before.updates} by RFC 2136 update`,
      );
    }
    results.push(await run('raw unsigned PATCH', 1, rawPatch('r', rawUnsigned)));
    results.push(await run('raw signed PATCH, api_rectify', 1, rawPatch('r')));
    const updater = new PdnsZoneUpdater(pdns, {
      host: '127.0.0.1',
      port: Number(process.env.PDNS_DNS_UPDATE_ADDRESS?.split(':')[1] ?? 5300),
      keyName: 'scaidns-control',
      allowFrom: ['127.0.0.0/8'],
      timeoutMs: 60_000,
    });
    results.push(
      await run('raw signed RFC 2136 update', 1, async (i) => {
        const rrsets = [
          { name: `u${i}.${rawZone}`, type: 'A', ttl: 300, records: ['192.0.2.1'], exists: false },
        ];
        return (await updater.update(rawZone, rawZone, rrsets))?.kind === 'committed';
      }),
    );
    await pdns.updateZone(rawZone, { api_rectify: false });
    results.push(
      await run('raw signed PATCH + PUT rectify', 1, async (i) => {
        await rawPatch('p')(i);
        await pdns.rectifyZone(rawZone);
        return true;
      }),
    );

    console.log(
      `\nDNSSEC benchmark: ${seconds}s per run, zones of ${size} records, ECDSA P-256, gmysql PowerDNS\n`,
    );
    printTable(results);
    console.log('\nZone commits (group commit: one PowerDNS PATCH or RFC 2136 update per batch):');
    for (const line of batches) console.log(line);
    const [u1, s1, u32, s32, rawU, withApiRectify, rawUpdate, withPut] = results;
    console.log(
      `\nconcurrency 32: signed at ${(s32.perSecond / u32.perSecond).toFixed(2)}x unsigned throughput (target ≥ 0.7x; errors ${s32.errors})`,
    );
    console.log(
      `concurrency 1:  signed p50 ${s1.p50.toFixed(1)} ms = ${(s1.p50 / u1.p50).toFixed(2)}x unsigned ${u1.p50.toFixed(1)} ms (target ≤ 2x)`,
    );
    console.log(
      `PowerDNS itself: a signed PATCH p50 ${withApiRectify.p50.toFixed(1)} ms = ${(withApiRectify.p50 / rawU.p50).toFixed(2)}x an unsigned one ${rawU.p50.toFixed(1)} ms (it rectifies the whole zone)`,
    );
    console.log(
      `PowerDNS itself: a signed RFC 2136 update p50 ${rawUpdate.p50.toFixed(1)} ms = ${(rawUpdate.p50 / rawU.p50).toFixed(2)}x an unsigned PATCH (it fixes only the names it changes)`,
    );
    console.log(
      `rectify: api_rectify p50 ${withApiRectify.p50.toFixed(1)} ms vs PATCH + PUT /rectify ${withPut.p50.toFixed(1)} ms`,
    );
  } finally {
    for (const id of Object.values(ids)) {
      await call('DELETE', `/api/v1/domains/${id}?hard=true`).catch(() => undefined);
    }
    await pdns.deleteZone(rawZone).catch(() => undefined);
    await pdns.deleteZone(rawUnsigned).catch(() => undefined);
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
