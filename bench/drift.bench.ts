/**
 * What a drift scan costs (issue 16 §2): N zones made through ScaiDNS, then scans through the API
 * (`POST /admin/drift/scan`) that print what each read:
 *   1. the first scan after the zones were made (their baselines were taken at creation);
 *   2. nothing changed since;
 *   3. 10 zones edited by SQL on PowerDNS's database (the serial does not move);
 *   4. the same state, scanned by an API without PDNS_DATABASE_URL (every zone read).
 *
 *   npm run build && npm run bench:drift [-- --zones 1000 --changed 10]
 *
 * Uses the test database and the local PowerDNS; every zone it made is removed at the end.
 */
import 'tsconfig-paths/register';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createConnection } from 'mysql2/promise';
import { type BenchApi, flag, startApiProcess, superAdminCaller } from './harness';

const zones = flag('--zones', 1000);
const changed = flag('--changed', 10);
const CONCURRENCY = 8;

interface ScanReport {
  zones: number;
  known: number;
  skipped: number;
  compared: number;
  baselined: number;
  recorded: number;
  open: number;
  fingerprints: boolean;
  duration_ms: number;
}

/** The caller's answer, or a thrown error naming the request when it is not a success. */
function succeeding(call: BenchApi['call']) {
  return async (method: 'GET' | 'POST' | 'DELETE', path: string, body?: unknown) => {
    const reply = await call(method, path, body);
    if (reply.status >= 300)
      throw new Error(`${method} ${path}: ${reply.status} ${JSON.stringify(reply.json)}`);
    return reply.json;
  };
}

async function main(): Promise<void> {
  const secrets = readFileSync(join(__dirname, '../.state/secrets.env'), 'utf8');
  const sql = await createConnection({
    host: '127.0.0.1',
    user: 'pdns',
    password: /^PDNS_DB_PASSWORD=(.*)$/m.exec(secrets)?.[1]?.trim(),
    database: 'pdns',
  });
  const withFingerprints = await startApiProcess({ DRIFT_SCAN_INTERVAL_SECONDS: '0' });
  const call = succeeding(superAdminCaller(withFingerprints));
  const made: { id: string; name: string }[] = [];
  const rows: [string, ScanReport][] = [];
  const tag = Date.now().toString(36);
  try {
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < zones) {
          const i = next++;
          const name = `bench-drift-${tag}-${i}.example.com`;
          const domain = (await call('POST', '/api/v1/domains', { name })) as { id: string };
          await call('POST', `/api/v1/domains/${domain.id}/records`, {
            name: 'www',
            type: 'A',
            content: `192.0.2.${i % 250}`,
            ttl: 300,
          });
          made.push({ id: domain.id, name });
        }
      }),
    );
    console.log(
      `made ${zones} zones (a record each) in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const scan = async (label: string, post = call) => {
      const report = (await post('POST', '/api/v1/admin/drift/scan')) as ScanReport;
      rows.push([label, report]);
    };
    await scan('first scan (fingerprints)');
    await scan('nothing changed (fingerprints)');
    for (const { name } of made.slice(0, changed)) {
      await sql.query("UPDATE records SET content = '198.51.100.1' WHERE name = ? AND type = 'A'", [
        `www.${name}`,
      ]);
    }
    await scan(`${changed} zones edited by SQL (fingerprints)`);
    await scan('the same, scanned again (fingerprints)');

    await withFingerprints.stop();
    const plain = await startApiProcess(
      { DRIFT_SCAN_INTERVAL_SECONDS: '0', PDNS_DATABASE_URL: '' },
      64,
      { freshDatabase: false },
    );
    const plainCall = succeeding(superAdminCaller(plain));
    try {
      await scan(`${changed} zones drifted, no fingerprints`, plainCall);
      await scan('nothing changed, no fingerprints', plainCall);
    } finally {
      for (const { id } of made) {
        await plainCall('DELETE', `/api/v1/domains/${id}?hard=true`).catch(() => undefined);
      }
      await plain.stop();
    }
  } finally {
    await sql.end();
  }

  console.log(
    `\ndrift benchmark: ${zones} zones made through ScaiDNS, ${changed} edited by SQL (serial unchanged)\n`,
  );
  console.log(
    'scan                                          zones  read  skipped  baselined  new findings  open      ms',
  );
  for (const [label, r] of rows) {
    console.log(
      `${label.padEnd(44)} ${String(r.zones).padStart(6)} ${String(r.compared).padStart(5)} ${String(r.skipped).padStart(8)} ${String(r.baselined).padStart(10)} ${String(r.recorded).padStart(13)} ${String(r.open).padStart(5)} ${String(r.duration_ms).padStart(7)}`,
    );
  }
  console.log(
    '\nread: zones fetched whole through the PowerDNS API and compared; with fingerprints the rest cost one SQL query.',
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
