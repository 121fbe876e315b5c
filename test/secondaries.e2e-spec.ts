import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Test, type TestingModule } from '@nestjs/testing';
import { Clock, Metrics } from '@app/core';
import { CatalogSync, SecondaryMonitor } from '@app/domains';
import { PdnsClient } from '@app/pdns-client';
import { ZoneCatalog } from '@app/zones';
import request from 'supertest';
import { SecondariesHandler } from '../apps/worker/src/secondaries.handler';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { dig } from './support/dig';
import { type Anchor, delv } from './support/dnssec';
import {
  grantSystemRole,
  type IdentityHarness,
  newActiveZone,
  newTenant,
  startIdentityHarness,
  type ZoneFixture,
} from './support/identity';
import { until } from './support/processes';
import { isolatedRedisUrl } from './support/redis';
import {
  consumeCatalog,
  dropCatalog,
  SECONDARY,
  secondary,
  secondarySerial,
} from './support/secondary';

const ROOT = join(__dirname, '..');
/** Generous bound for the tests; the benchmark (bench:secondaries) measures the real figure. */
const FOLLOWS_WITHIN_MS = 10_000;

interface DnssecBody {
  status: string;
  zsk: { key_tag: number; state: string }[];
  ds_records: Anchor['ds'][];
  next_step: { step: string; due_at: string } | null;
}

/**
 * Secondaries through a catalog zone, against the stack's own PowerDNS secondary (a catalog
 * consumer on 127.0.0.1:5301): zones ScaiDNS serves reach it and follow every change, soft-deleted
 * ones leave it, signed ones validate on it through a ZSK roll, and the lag each secondary has is
 * reported. The suite makes its own catalog zone, consumed by the secondary for as long as it runs.
 */
describe('secondaries through a catalog zone (e2e, the stack PowerDNS secondary)', () => {
  const catalog = `cat${Date.now().toString(36)}.test.invalid.`;
  const tsigKey = `xfr-${Date.now().toString(36)}`;
  const saved = { ...process.env };
  const brought: string[] = [];
  let h: IdentityHarness;
  let sec: PdnsClient;
  let primary: PdnsClient;
  let zone: ZoneFixture;

  beforeAll(async () => {
    process.env.REDIS_URL = await isolatedRedisUrl(6);
    process.env.PDNS_CATALOG_ZONE = catalog;
    process.env.SECONDARIES = `${SECONDARY.host}:${SECONDARY.port}`;
    process.env.SECONDARY_PDNS_API_URLS = SECONDARY.apiUrls();
    process.env.SECONDARY_TSIG_KEY_NAME = tsigKey;
    process.env.DNSSEC_ROLL_CHECK_INTERVAL_SECONDS = '1';
    process.env.DNSSEC_PROPAGATION_DELAY_SECONDS = '600';
    process.env.WORKER_METRICS_PORT = '0';
    sec = SECONDARY.client();
    h = await startIdentityHarness();
    primary = h.app.get(PdnsClient);
    await h.app.get(ZoneCatalog).ensureReady();
    await consumeCatalog(sec, catalog);
    zone = await newActiveZone(h, 'sec');
    brought.push(`${zone.zone}.`);
  });

  afterAll(async () => {
    await zone?.remove();
    await dropCatalog(sec, catalog, brought).catch(() => undefined);
    await primary?.deleteZone(catalog).catch(() => undefined);
    await primary?.deleteTsigKey(tsigKey).catch(() => undefined);
    await sec?.close();
    await h?.close();
    process.env = saved;
  });

  const api = () => request(h.http);
  const served = (name: string) => secondarySerial(name) !== null;
  const primarySerial = (name: string) =>
    Number(
      dig(name, 'SOA')
        .answers.find((a) => a.type === 'SOA')
        ?.data.split(' ')[2],
    );
  const secondaryAnswer = (name: string, type: string) =>
    dig(name, type, SECONDARY.host, SECONDARY.port)
      .answers.filter((a) => a.type === type)
      .map((a) => a.data)
      .sort();
  const followed = (what: string, check: () => boolean) => until(what, check, FOLLOWS_WITHIN_MS);

  it('a served zone is a Master zone in the catalog, and the secondary serves it at the same serial', async () => {
    const held = await primary.getZone(`${zone.zone}.`, { rrsets: false });
    expect(held).toMatchObject({ kind: 'Master', catalog });
    await followed('the secondary to serve the new zone', () => served(zone.zone));
    await followed(
      'the same serial',
      () => secondarySerial(zone.zone) === primarySerial(zone.zone),
    );
    expect(secondaryAnswer(zone.zone, 'NS')).toEqual(secondaryAnswer(zone.zone, 'NS'));
  });

  it('with SECONDARY_TSIG_KEY_NAME, the zone and the catalog take transfers signed with that key', async () => {
    const key = await primary.getTsigKey(`${tsigKey}.`);
    for (const name of [`${zone.zone}.`, catalog]) {
      expect((await primary.getZone(name, { rrsets: false })).master_tsig_key_ids).toEqual([
        `${tsigKey}.`,
      ]);
    }
    const axfr = (secret: string) =>
      spawnSync(
        'dig',
        ['-y', `hmac-sha256:${tsigKey}:${secret}`, '@127.0.0.1', '-p', '5300', zone.zone, 'AXFR'],
        { encoding: 'utf8' },
      ).stdout;
    expect(axfr(key.key)).toMatch(
      new RegExp(`^${zone.zone.replace(/\./g, '\\.')}\\.\\s+\\d+\\s+IN\\s+SOA`, 'm'),
    );
    expect(axfr(Buffer.from('not the key, not the key, not it').toString('base64'))).not.toMatch(
      /\sIN\s+SOA\s/,
    );
    // `scaidns secondaries` prints the key for the secondaries' configuration.
    const printed = spawnSync(process.execPath, [join(ROOT, 'bin/scaidns'), 'secondaries'], {
      cwd: ROOT,
      env: { ...process.env, ENV_FILE: '/dev/null' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(printed.stdout).toContain(`transfer key: ${tsigKey}. hmac-sha256 ${key.key}`);
    expect(printed.stdout).toMatch(/127\.0\.0\.1:5301 {2}(ok|lagging)/);
  });

  it('record changes follow: added, edited, deleted', async () => {
    const created = await api()
      .post(`/api/v1/domains/${zone.domainId}/records`)
      .set(zone.admin.auth())
      .send({ name: 'www', type: 'A', content: '192.0.2.44', ttl: 300 })
      .expect(200);
    const www = `www.${zone.zone}`;
    await followed('the new record', () => secondaryAnswer(www, 'A')[0] === '192.0.2.44');
    await api()
      .patch(`/api/v1/domains/${zone.domainId}/records/${created.body.id}`)
      .set(zone.admin.auth())
      .send({ content: '192.0.2.45' })
      .expect(200);
    await followed('the edit', () => secondaryAnswer(www, 'A')[0] === '192.0.2.45');
    await api()
      .delete(`/api/v1/domains/${zone.domainId}/records/${created.body.id}`)
      .set(zone.admin.auth())
      .expect(204);
    await followed(
      'the delete',
      () => dig(www, 'A', SECONDARY.host, SECONDARY.port).status === 'NXDOMAIN',
    );
    expect(secondarySerial(zone.zone)).toBe(primarySerial(zone.zone));
  });

  it('a soft-deleted zone leaves the catalog and the secondary; restored, it comes back with its records', async () => {
    const fixture = await newActiveZone(h, 'secdel');
    brought.push(`${fixture.zone}.`);
    try {
      await api()
        .post(`/api/v1/domains/${fixture.domainId}/records`)
        .set(fixture.admin.auth())
        .send({ name: 'kept', type: 'TXT', content: '"still here"', ttl: 300 })
        .expect(200);
      const kept = `kept.${fixture.zone}`;
      await followed(
        'the record on the secondary',
        () => secondaryAnswer(kept, 'TXT').length === 1,
      );

      await api()
        .delete(`/api/v1/domains/${fixture.domainId}`)
        .set(fixture.admin.auth())
        .expect(204);
      expect(await primary.getZone(`${fixture.zone}.`, { rrsets: false })).toMatchObject({
        kind: 'Master',
        catalog: '',
      });
      await followed('the secondary to drop the zone', () => !served(fixture.zone));
      expect(dig(kept, 'TXT', SECONDARY.host, SECONDARY.port).status).toBe('REFUSED');

      await api()
        .post(`/api/v1/domains/${fixture.domainId}/restore`)
        .set(fixture.admin.auth())
        .expect(200);
      await followed('the secondary to serve it again', () => served(fixture.zone));
      await followed('its record', () => secondaryAnswer(kept, 'TXT')[0] === '"still here"');
    } finally {
      await fixture.remove();
    }
    await followed('a hard-deleted zone to leave the secondary', () => !served(fixture.zone));
  });

  it('a zone awaiting validation is not in the catalog', async () => {
    const [owner] = await newTenant(h, 1);
    await grantSystemRole(h, owner, 'tenant_admin');
    const name = `secpend${Date.now().toString(36)}.example.com`;
    const created = await api()
      .post('/api/v1/domains')
      .set(owner.auth())
      .send({ name })
      .expect(200);
    try {
      expect(created.body.status).toBe('pending_validation');
      expect(await primary.getZone(`${name}.`, { rrsets: false })).toMatchObject({
        kind: 'Master',
        catalog: '',
      });
    } finally {
      await api().delete(`/api/v1/domains/${created.body.id}?hard=true`).set(owner.auth());
    }
  });

  it('the catalog sync makes a zone of an earlier version (Native, no catalog) a member again', async () => {
    await primary.updateZone(`${zone.zone}.`, { kind: 'Native', catalog: '' });
    const result = await h.app.get(CatalogSync).run();
    expect(result.fixed).toBeGreaterThanOrEqual(1);
    expect(await primary.getZone(`${zone.zone}.`, { rrsets: false })).toMatchObject({
      kind: 'Master',
      catalog,
    });
    await followed('the secondary to keep serving it', () => served(zone.zone));
  });

  it('the lag check and readiness report each secondary: in sync, behind, unreachable', async () => {
    const monitor = h.app.get(SecondaryMonitor);
    // Every zone the primary serves is asked about, the catalog too: the previous test's membership
    // change moves the catalog's serial only at the primary's next check (xfr-cycle-interval).
    const allInSync = async (what: string) => {
      let [found] = await monitor.check();
      await until(
        what,
        async () => {
          [found] = await monitor.check();
          return found.status === 'ok';
        },
        2 * FOLLOWS_WITHIN_MS,
      );
      return found;
    };
    let standing = await allInSync('every served zone in sync');
    expect(standing).toMatchObject({
      address: '127.0.0.1:5301',
      status: 'ok',
      behind: 0,
      missing: 0,
    });
    expect(standing.zones).toBeGreaterThanOrEqual(2); // the zone and the catalog
    let ready = await api().get('/api/v1/health/ready').expect(200);
    expect(ready.body.secondaries).toEqual([
      expect.objectContaining({ address: '127.0.0.1:5301', status: 'ok', max_serial_lag: 0 }),
    ]);

    // The secondary can no longer transfer the zone: it keeps serving the old serial.
    await sec.updateZone(`${zone.zone}.`, { masters: ['127.0.0.1:1'] });
    try {
      for (const content of ['192.0.2.61', '192.0.2.62']) {
        await api()
          .post(`/api/v1/domains/${zone.domainId}/records`)
          .set(zone.admin.auth())
          .send({ name: 'lag', type: 'A', content, ttl: 300 })
          .expect(200);
      }
      [standing] = await monitor.check();
      // The zone is two serials behind. The catalog may be one behind besides: its serial moves at
      // the primary's own xfr-cycle (5 s), which can fall here (one CI run saw behind: 2).
      expect(standing).toMatchObject({ status: 'lagging', max_serial_lag: 2 });
      expect(standing.behind).toBeGreaterThanOrEqual(1);
      expect(standing.behind).toBeLessThanOrEqual(2);
      ready = await api().get('/api/v1/health/ready').expect(200);
      expect(ready.body.status).toBe('ok');
      expect(ready.body.secondaries[0]).toMatchObject({ status: 'lagging', max_serial_lag: 2 });
    } finally {
      await sec.updateZone(`${zone.zone}.`, { masters: ['127.0.0.1:5300'] });
      await sec.retrieveZone(`${zone.zone}.`);
    }
    await followed(
      'the secondary to catch up',
      () => secondarySerial(zone.zone) === primarySerial(zone.zone),
    );
    standing = await allInSync('every served zone in sync again');
    expect(standing.status).toBe('ok');

    secondary('stop');
    try {
      [standing] = await monitor.check();
      expect(standing.status).toBe('unreachable');
      ready = await api().get('/api/v1/health/ready').expect(200);
      expect(ready.body.secondaries[0].status).toBe('unreachable');
    } finally {
      secondary('start');
    }
  });

  it('scaidns doctor checks the primary settings and reports each secondary', () => {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin/scaidns'), 'doctor'], {
      cwd: ROOT,
      env: { ...process.env, ENV_FILE: '/dev/null' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    const out = `${result.stdout}${result.stderr}`;
    expect(out).toMatch(new RegExp(`\\[ ok \\] catalog\\s+${catalog.replace(/\./g, '\\.')}`));
    expect(out).toMatch(/\[ ok \] pdns_primary\s+primary=yes/);
    expect(out).toMatch(/\[ ok \] pdns_primary\s+127\.0\.0\.1:5301 is in also-notify/);
    expect(out).toMatch(
      /\[(?: ok |warn)\] secondary 127\.0\.0\.1:5301\s+\d+ of \d+ zone\(s\) in sync/,
    );
  });

  describe('a signed zone', () => {
    let worker: TestingModule;
    let clock: Clock;
    let anchor: Anchor;

    beforeAll(async () => {
      worker = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
      await worker.init();
      clock = worker.get(Clock, { strict: false });
    });

    afterAll(async () => {
      await worker?.close();
    });

    const dnssec = async (): Promise<DnssecBody> =>
      (
        await api()
          .get(`/api/v1/domains/${zone.domainId}/dnssec`)
          .set(zone.admin.auth())
          .expect(200)
      ).body as DnssecBody;
    const action = (what: string) =>
      api().post(`/api/v1/domains/${zone.domainId}/dnssec/${what}`).set(zone.admin.auth()).send({});
    const dnskeys = (port: number) =>
      dig(zone.zone, 'DNSKEY', '127.0.0.1', port)
        .answers.filter((a) => a.type === 'DNSKEY')
        .map((a) => a.data)
        .sort();
    /** The secondary serves the primary's DNSKEY set and validates against the zone's DS. */
    async function secondaryValidates(): Promise<void> {
      await followed('the DNSKEYs on the secondary', () => {
        const there = dnskeys(SECONDARY.port);
        return there.length > 0 && JSON.stringify(there) === JSON.stringify(dnskeys(5300));
      });
      expect(delv(anchor, `signed.${zone.zone}`, 'A', SECONDARY.port)).toMatch(
        /; fully validated[\s\S]*192\.0\.2\.77/,
      );
      expect(delv(anchor, `nope.${zone.zone}`, 'A', SECONDARY.port)).toContain(
        '; negative response, fully validated',
      );
    }

    it("the worker's check carries each secondary's lag in its metrics", async () => {
      await worker.get(SecondariesHandler).check();
      const text = await worker.get(Metrics).registry.metrics();
      expect(text).toMatch(/^scaidns_secondary_up\{secondary="127\.0\.0\.1:5301"\} 1$/m);
      expect(text).toMatch(/^scaidns_secondary_serial_lag\{secondary="127\.0\.0\.1:5301"\} \d+$/m);
      expect(text).toMatch(
        /^scaidns_secondary_zones_behind\{secondary="127\.0\.0\.1:5301"\} \d+$/m,
      );
    });

    it('transfers signed and validates on the secondary at every step of a ZSK roll', async () => {
      await api()
        .post(`/api/v1/domains/${zone.domainId}/records`)
        .set(zone.admin.auth())
        .send({ name: 'signed', type: 'A', content: '192.0.2.77', ttl: 300 })
        .expect(200);
      const enabled = await action('enable').expect(200);
      anchor = { zone: zone.zone, ds: enabled.body.ds_records[0] };
      await action('confirm-ds-published').expect(200);
      await secondaryValidates();

      await action('rotate-zsk').expect(200);
      let state = await dnssec();
      expect(state.status).toBe('rotating_zsk');
      await secondaryValidates();
      for (const step of ['activate', 'remove']) {
        expect(state.next_step?.step).toBe(step);
        const ms = new Date(state.next_step?.due_at ?? 0).getTime() - clock.now().getTime();
        if (ms > 0) clock.advance(ms + 1000);
        const before = state.next_step?.due_at;
        await until(
          `the worker's ${step} step`,
          async () => (await dnssec()).next_step?.due_at !== before,
          20_000,
        );
        state = await dnssec();
        await secondaryValidates();
      }
      expect(state.status).toBe('active');
      expect(state.zsk).toHaveLength(1);
    });
  });
});
