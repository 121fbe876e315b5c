/**
 * Import and export of a large zone (issue 14 §3) against PowerDNS's own API on the same records:
 *   - the anchors: one PATCH of the zone's rrsets into a fresh PowerDNS zone (what an import
 *     commits), and PowerDNS's own zone-file export (`GET /zones/{zone}/export`);
 *   - ScaiDNS: the zone imported as BIND text (`POST /import/text`, one commit), exported as BIND,
 *     JSON and CSV (`/export/download`) and as the JSON-wrapped `/export`, and its own BIND export
 *     imported back (merge: nothing to change);
 * with the time of each and the API process's RSS before and at its peak during each (sampled every
 * 50 ms), so a step that holds the zone in memory more than once shows.
 *
 *   npm run build && npm run bench:transfer [-- --records 100000]
 *
 * Uses the test database and the local PowerDNS; both zones are removed at the end.
 */
import 'tsconfig-paths/register';
import { readFileSync } from 'node:fs';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import { flag, startBenchApi } from './harness';

const size = flag('--records', 100_000);

/** The process's resident memory in MB. */
function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = /VmRSS:\s+(\d+)/.exec(status);
  return kb ? Number(kb[1]) / 1024 : 0;
}

interface Step {
  readonly name: string;
  readonly seconds: number;
  readonly rssBefore: number;
  readonly rssPeak: number;
  readonly note: string;
}

/** Runs `work`, timing it and sampling the API's RSS meanwhile. */
async function step(
  pid: number,
  name: string,
  work: () => Promise<string>,
  steps: Step[],
): Promise<void> {
  const rssBefore = rssMb(pid);
  let rssPeak = rssBefore;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, rssMb(pid));
  }, 50);
  const started = performance.now();
  try {
    const note = await work();
    const seconds = (performance.now() - started) / 1000;
    rssPeak = Math.max(rssPeak, rssMb(pid));
    steps.push({ name, seconds, rssBefore, rssPeak, note });
    console.error(`  ${name}: ${seconds.toFixed(1)} s`);
  } finally {
    clearInterval(sampler);
  }
}

async function main(): Promise<void> {
  const { call, pdns, pid, close } = await startBenchApi(1);
  const stamp = Date.now().toString(36);
  const name = `bench-tr-${stamp}.example.com`;
  const rawZone = `bench-tr-raw-${stamp}.example.com.`;
  const content = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
  const steps: Step[] = [];
  let id = '';
  let rawMade = false;
  try {
    const created = await call('POST', '/api/v1/domains', { name });
    if (created.status !== 200) throw new Error(`create ${name}: ${JSON.stringify(created.json)}`);
    id = (created.json as { id: string }).id;
    const zoneText = [
      `$ORIGIN ${name}.`,
      ...Array.from({ length: size }, (_, i) => `h${i} 300 IN A ${content(i)}`),
    ].join('\n');

    await pdns.createZone({ name: rawZone, kind: 'Native', nameservers: ['ns1.example.net.'] });
    rawMade = true;
    const patcher = new PdnsZonePatcher(pdns);
    console.error(`transfer benchmark: ${size} records`);
    const started = performance.now();
    await patcher.patchRRSets(
      rawZone,
      Array.from({ length: size }, (_, i) => ({
        name: `h${i}.${rawZone}`,
        type: 'A',
        changetype: 'REPLACE' as const,
        ttl: 300,
        records: [{ content: content(i), disabled: false }],
      })),
    );
    const rawImport = (performance.now() - started) / 1000;
    const exportStarted = performance.now();
    const rawText = await pdns.exportZone(rawZone);
    const rawExport = (performance.now() - exportStarted) / 1000;
    console.error(`  raw PATCH: ${rawImport.toFixed(1)} s, raw export: ${rawExport.toFixed(2)} s`);

    await step(
      pid,
      'import (BIND, /import/text)',
      async () => {
        const res = await call('POST', `/api/v1/domains/${id}/import/text`, {
          format: 'bind',
          content: zoneText,
        });
        const added = (res.json as { added?: unknown[] }).added?.length;
        if (res.status !== 200 || added !== size) {
          throw new Error(`import: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
        }
        return `${added} added; ${res.timing ?? ''}`;
      },
      steps,
    );
    const download = (format: string) => async () => {
      const res = await call(
        'GET',
        `/api/v1/domains/${id}/export/download?format=${format}`,
        undefined,
        'text',
      );
      const body = res.json as string;
      if (res.status !== 200) throw new Error(`export ${format}: ${res.status} ${body}`);
      return `${(Buffer.byteLength(body) / 1e6).toFixed(1)} MB`;
    };
    await step(pid, 'export BIND, first (indexes the zone)', download('bind'), steps);
    await step(pid, 'export BIND', download('bind'), steps);
    await step(pid, 'export JSON', download('json'), steps);
    await step(pid, 'export CSV', download('csv'), steps);
    let exported = '';
    await step(
      pid,
      'export, JSON-wrapped (/export)',
      async () => {
        const res = await call('GET', `/api/v1/domains/${id}/export?format=bind`);
        const file = (res.json as { zone_file?: string }).zone_file ?? '';
        if (res.status !== 200) throw new Error(`export: ${res.status}`);
        exported = file;
        return `${(Buffer.byteLength(file) / 1e6).toFixed(1)} MB of zone file`;
      },
      steps,
    );
    await step(
      pid,
      'import of its own export (merge)',
      async () => {
        const res = await call('POST', `/api/v1/domains/${id}/import/text`, {
          format: 'bind',
          content: exported,
        });
        const body = res.json as { unchanged?: unknown[]; added?: unknown[] };
        if (res.status !== 200 || body.added?.length !== 0) {
          throw new Error(`re-import: ${res.status} ${JSON.stringify(res.json).slice(0, 300)}`);
        }
        return `${body.unchanged?.length} unchanged; ${res.timing ?? ''}`;
      },
      steps,
    );

    console.log(
      `\ntransfer benchmark: a zone of ${size} A records, 1 API process, gmysql PowerDNS\n`,
    );
    console.log(
      `raw PowerDNS PATCH of ${size} rrsets: ${rawImport.toFixed(1)} s; raw zone export (GET /export): ${rawExport.toFixed(2)} s, ${(Buffer.byteLength(rawText) / 1e6).toFixed(1)} MB\n`,
    );
    console.log(
      `${'step'.padEnd(40)} ${'time'.padStart(8)} ${'RSS before'.padStart(11)} ${'RSS peak'.padStart(9)}  result`,
    );
    for (const s of steps) {
      console.log(
        `${s.name.padEnd(40)} ${`${s.seconds.toFixed(2)} s`.padStart(8)} ${`${s.rssBefore.toFixed(0)} MB`.padStart(11)} ${`${s.rssPeak.toFixed(0)} MB`.padStart(9)}  ${s.note}`,
      );
    }
    const [imported] = steps;
    console.log(
      `\nimport: ${imported.seconds.toFixed(1)} s = ${(imported.seconds / rawImport).toFixed(2)}x the raw PATCH's time`,
    );
  } finally {
    if (id) await call('DELETE', `/api/v1/domains/${id}?hard=true`).catch(() => undefined);
    if (rawMade) await pdns.deleteZone(rawZone).catch(() => undefined);
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
