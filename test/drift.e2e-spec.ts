import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AuditService } from '@app/audit';
import { APP_CONFIG, type AppConfig, AuditLog } from '@app/core';
import { DriftService } from '@app/domains';
import { PdnsClient, PdnsDatabase } from '@app/pdns-client';
import { ZoneBaselines, ZoneProvisioner, ZoneWriter } from '@app/zones';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import { createConnection, type Connection } from 'mysql2/promise';
import request from 'supertest';
import { dig } from './support/dig';
import {
  grantSystemRole,
  type IdentityHarness,
  newActiveZone,
  newTenant,
  startIdentityHarness,
  type TestUser,
  type ZoneFixture,
} from './support/identity';

const ROOT = join(__dirname, '..');

/** PowerDNS's own database, written as somebody editing it behind ScaiDNS's back would. */
async function pdnsSql(): Promise<Connection> {
  const secrets = readFileSync(join(ROOT, '.state/secrets.env'), 'utf8');
  const password = /^PDNS_DB_PASSWORD=(.*)$/m.exec(secrets)?.[1]?.trim();
  return createConnection({
    host: '127.0.0.1',
    port: 3306,
    user: 'pdns',
    password,
    database: 'pdns',
  });
}

interface Finding {
  id: string;
  kind: string;
  zone: string;
  domain_id: string | null;
  rrsets: { name: string; type: string; before: unknown; after: unknown }[];
  rrset_count: number;
  resolution: string | null;
}

/**
 * Drift: edits made in PowerDNS behind ScaiDNS's back, through PowerDNS's API (the serial moves)
 * and by SQL on its database (it does not), found by scans, recorded and audited once, and put right
 * by adopt or revert; zones ScaiDNS does not know, and zones PowerDNS lost. The stack's `.env` gives
 * the API a read-only view of PowerDNS's database (PDNS_DATABASE_URL): scans read only what changed.
 */
describe('drift: edits behind ScaiDNS (e2e, real PowerDNS and its database)', () => {
  let h: IdentityHarness;
  let drift: DriftService;
  let pdns: PdnsClient;
  let sql: Connection;
  let zone: ZoneFixture;
  let admin: TestUser;
  const strays: string[] = [];

  beforeAll(async () => {
    h = await startIdentityHarness();
    drift = h.app.get(DriftService);
    pdns = h.app.get(PdnsClient);
    sql = await pdnsSql();
    zone = await newActiveZone(h, 'drift');
    [admin] = await newTenant(h, 1);
    await grantSystemRole(h, admin, 'platform_admin', { type: 'platform', id: null });
    await record(zone, { name: 'www', type: 'A', content: '192.0.2.10' });
    // The first scan takes the baselines of zones it has not seen (other suites' zones among them).
    await drift.scan();
  });

  afterAll(async () => {
    for (const name of strays) await pdns.deleteZone(name).catch(() => undefined);
    await zone?.remove();
    await sql?.end();
    await h?.close();
  });

  const api = () => request(h.http);
  async function record(z: ZoneFixture, body: object): Promise<string> {
    const res = await api()
      .post(`/api/v1/domains/${z.domainId}/records`)
      .set(z.admin.auth())
      .send({ ttl: 300, ...body })
      .expect(200);
    return res.body.id as string;
  }
  const findingsOf = async (name: string): Promise<Finding[]> =>
    (
      (await api().get('/api/v1/admin/drift').set(admin.auth()).expect(200)).body.data as Finding[]
    ).filter((f) => f.zone === `${name}.`);
  const driftEntries = (domainId: string, action = 'zone.drift') =>
    h.dataSource.getRepository(AuditLog).find({ where: { resourceId: domainId, action } });
  const serial = (name: string) => Number(dig(name, 'SOA').answers[0].data.split(' ')[2]);
  const fix = (id: string, action: 'adopt' | 'revert') =>
    api().post(`/api/v1/admin/drift/${id}/fix`).set(admin.auth()).send({ action });

  it('finds nothing in a zone PowerDNS holds as ScaiDNS committed it, and reads only what changed', async () => {
    // Zones with an open finding (other suites edit PowerDNS directly) are read on every scan.
    const drifting = (await drift.list()).filter((f) => f.kind === 'rrsets').length;
    const quiet = await api().post('/api/v1/admin/drift/scan').set(admin.auth()).expect(200);
    expect(quiet.body).toMatchObject({ fingerprints: true, compared: drifting, recorded: 0 });
    expect(quiet.body.skipped).toBeGreaterThan(0);
    expect(await findingsOf(zone.zone)).toEqual([]);

    // A write through ScaiDNS moves the zone's revision: the next scan reads that zone too.
    await record(zone, { name: 'api', type: 'A', content: '192.0.2.11' });
    const after = await drift.scan();
    expect(after).toMatchObject({ compared: drifting + 1, recorded: 0 });
    expect(await findingsOf(zone.zone)).toEqual([]);
  });

  it("an edit through PowerDNS's API is found, recorded and audited once; revert puts it back", async () => {
    await new PdnsZonePatcher(pdns).patchRRSets(`${zone.zone}.`, [
      {
        name: `rogue.${zone.zone}.`,
        type: 'TXT',
        changetype: 'REPLACE',
        ttl: 60,
        records: [{ content: '"not from ScaiDNS"', disabled: false }],
      },
    ]);
    const scanned = await drift.scan();
    expect(scanned.recorded).toBe(1);
    const [finding] = await findingsOf(zone.zone);
    expect(finding).toMatchObject({
      kind: 'rrsets',
      domain_id: zone.domainId,
      rrset_count: 1,
      resolution: null,
      rrsets: [
        {
          name: `rogue.${zone.zone}.`,
          type: 'TXT',
          before: null,
          after: { ttl: 60, records: [{ content: '"not from ScaiDNS"', disabled: false }] },
        },
      ],
    });
    // Found again by the next scan, recorded once.
    await drift.scan();
    expect(await findingsOf(zone.zone)).toHaveLength(1);
    const entries = await driftEntries(zone.domainId);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ actorType: 'system', tenantId: zone.admin.tenantId });
    expect(entries[0].details).toMatchObject({
      before: { rrsets: [{ name: `rogue.${zone.zone}.`, type: 'TXT' }] },
      after: { rrsets: [{ name: `rogue.${zone.zone}.`, type: 'TXT', ttl: 60 }] },
    });
    // The tenant sees it in its own audit log.
    const own = await api()
      .get('/api/v1/audit-logs/?action=zone.drift')
      .set(zone.admin.auth())
      .expect(200);
    expect(own.body.data.map((e: { resource_id: string }) => e.resource_id)).toContain(
      zone.domainId,
    );

    const fixed = await fix(finding.id, 'revert').expect(200);
    expect(fixed.body).toMatchObject({ id: finding.id, resolution: 'reverted' });
    expect(dig(`rogue.${zone.zone}`, 'TXT').status).toBe('NXDOMAIN');
    expect(await driftEntries(zone.domainId, 'zone.drift.revert')).toHaveLength(1);
    expect((await drift.scan()).recorded).toBe(0);
    expect(await findingsOf(zone.zone)).toEqual([]);
    await fix(finding.id, 'revert').expect(404);
  });

  it('an edit by SQL that leaves the serial alone is found by fingerprint; adopt makes it the truth', async () => {
    const before = serial(zone.zone);
    const [changed] = await sql.query(
      "UPDATE records SET content = '192.0.2.99' WHERE name = ? AND type = 'A'",
      [`www.${zone.zone}`],
    );
    expect((changed as { affectedRows: number }).affectedRows).toBe(1);
    await pdns.flushCache(`www.${zone.zone}.`);
    expect(serial(zone.zone)).toBe(before);

    const scanned = await drift.scan();
    expect(scanned.recorded).toBe(1);
    const [finding] = await findingsOf(zone.zone);
    expect(finding.rrsets).toEqual([
      {
        name: `www.${zone.zone}.`,
        type: 'A',
        before: { ttl: 300, records: [{ content: '192.0.2.10', disabled: false }] },
        after: { ttl: 300, records: [{ content: '192.0.2.99', disabled: false }] },
      },
    ]);

    await fix(finding.id, 'adopt').expect(200);
    // ScaiDNS now reads what PowerDNS holds, and the serial moved so secondaries get it too.
    const listed = await api()
      .get(`/api/v1/domains/${zone.domainId}/records?name=www`)
      .set(zone.admin.auth())
      .expect(200);
    expect(listed.body.data.map((r: { content: string }) => r.content)).toEqual(['192.0.2.99']);
    expect(serial(zone.zone)).toBeGreaterThan(before);
    expect(await driftEntries(zone.domainId, 'zone.drift.adopt')).toHaveLength(1);
    expect((await drift.scan()).recorded).toBe(0);
    expect(await findingsOf(zone.zone)).toEqual([]);
    // And it is ScaiDNS's own again: the record listed (its id follows its content) is editable.
    await api()
      .patch(`/api/v1/domains/${zone.domainId}/records/${listed.body.data[0].id}`)
      .set(zone.admin.auth())
      .send({ content: '192.0.2.98' })
      .expect(200);
    expect(dig(`www.${zone.zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.98']);
  });

  it('without PowerDNS database access every zone is read, and SQL edits are still found', async () => {
    // The same service, built as it is when PDNS_DATABASE_URL is not set.
    const config = h.app.get<AppConfig>(APP_CONFIG);
    const unconfigured = new PdnsDatabase({
      ...config,
      drift: { ...config.drift, pdnsDatabase: null },
    });
    const plain = new DriftService(
      config,
      h.dataSource,
      h.app.get(AuditService),
      pdns,
      unconfigured,
      h.app.get(ZoneBaselines),
      h.app.get(ZoneWriter),
      h.app.get(ZoneProvisioner),
    );
    await sql.query("UPDATE records SET ttl = 77 WHERE name = ? AND type = 'A'", [
      `api.${zone.zone}`,
    ]);
    const report = await plain.scan();
    expect(report.fingerprints).toBe(false);
    expect(report.skipped).toBe(0);
    expect(report.compared).toBeGreaterThanOrEqual(report.known - report.baselined);
    expect(report.recorded).toBe(1);
    const [finding] = await findingsOf(zone.zone);
    expect(finding.rrsets[0]).toMatchObject({ name: `api.${zone.zone}.`, after: { ttl: 77 } });
    await fix(finding.id, 'revert').expect(200);
    expect(dig(`api.${zone.zone}`, 'A').answers[0].ttl).toBe(300);
  });

  it('a zone ScaiDNS does not know is found; neither fix applies; gone, the finding ends', async () => {
    const stray = `stray${Date.now().toString(36)}.example.net.`;
    strays.push(stray);
    await pdns.createZone({ name: stray, kind: 'Native', nameservers: ['ns1.example.net.'] });
    await drift.scan();
    const [finding] = await findingsOf(stray.replace(/\.$/, ''));
    expect(finding).toMatchObject({ kind: 'unknown_zone', domain_id: null });
    const refused = await fix(finding.id, 'adopt').expect(409);
    expect(refused.body.detail).toMatch(/does not manage/);
    await pdns.deleteZone(stray);
    expect((await drift.scan()).vanished).toBeGreaterThanOrEqual(1);
    expect(await findingsOf(stray.replace(/\.$/, ''))).toEqual([]);
  });

  it('an active zone PowerDNS lost is found; revert makes it again with its records', async () => {
    const lost = await newActiveZone(h, 'driftlost');
    try {
      await record(lost, { name: 'kept', type: 'A', content: '192.0.2.50' });
      await pdns.deleteZone(`${lost.zone}.`);
      await drift.scan();
      const [finding] = await findingsOf(lost.zone);
      expect(finding).toMatchObject({ kind: 'missing_zone', domain_id: lost.domainId });
      await fix(finding.id, 'adopt').expect(409);
      await fix(finding.id, 'revert').expect(200);
      expect(dig(`kept.${lost.zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.50']);
      expect((await drift.scan()).recorded).toBe(0);
      expect(await findingsOf(lost.zone)).toEqual([]);
    } finally {
      await lost.remove();
    }
  });

  it('scaidns drift lists and fixes findings from the command line', async () => {
    await sql.query("UPDATE records SET content = '192.0.2.77' WHERE name = ? AND type = 'A'", [
      `www.${zone.zone}`,
    ]);
    const cli = (args: string[]) => {
      const result = spawnSync(process.execPath, [join(ROOT, 'bin/scaidns'), ...args], {
        cwd: ROOT,
        env: { ...process.env, ENV_FILE: '/dev/null' },
        encoding: 'utf8',
        timeout: 60_000,
      });
      return { code: result.status, out: `${result.stdout}${result.stderr}` };
    };
    const listed = cli(['drift', '--zone', zone.zone]);
    expect(listed.out).toMatch(/by fingerprint/);
    expect(listed.out).toContain(`${zone.zone}.  rrsets: www.${zone.zone}. A`);
    const fixed = cli(['drift', '--zone', zone.zone, '--fix', 'revert']);
    expect(fixed.out).toContain('reverted');
    expect(fixed.code).toBe(0);
    expect(dig(`www.${zone.zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.98']);
    const [entry] = await driftEntries(zone.domainId, 'zone.drift.revert').then((e) =>
      e.filter((x) => x.actorType === 'system'),
    );
    expect(entry).toBeDefined();
  });

  it('is for platform admins only', async () => {
    await api().get('/api/v1/admin/drift').set(zone.admin.auth()).expect(403);
    await api().post('/api/v1/admin/drift/scan').set(zone.admin.auth()).expect(403);
  });
});
