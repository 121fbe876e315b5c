import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AuditLog, Domain, ValidationChallenge } from '@app/core';
import { PdnsClient } from '@app/pdns-client';
import request from 'supertest';
import { dig } from './support/dig';
import { type FakeDns, startFakeDns } from './support/fake-dns';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  startIdentityHarness,
  type TestUser,
} from './support/identity';
import { sharedRedisWithEmptyQueue } from './support/redis';
import { pdns } from './support/stack';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';

const PLATFORM_NS = ['ns1.scaidns.local.', 'ns2.scaidns.local.'];
let counter = 0;
const uniqueName = () => `v${Date.now().toString(36)}${(counter += 1)}.example.com`;

describe('domains (e2e, real PowerDNS, the world played by a test DNS server)', () => {
  let world: FakeDns;
  let h: IdentityHarness;
  let admin: TestUser;
  let client: PdnsClient;

  beforeAll(async () => {
    world = await startFakeDns();
    process.env.VALIDATION_RESOLVERS = `127.0.0.1:${world.port}`;
    process.env.VALIDATION_AUTHORITATIVE_PORT = String(world.port);
    process.env.VALIDATION_DNS_TIMEOUT_MS = '1000';
    h = await startIdentityHarness();
    [admin] = await newTenant(h, 1);
    await grantSystemRole(h, admin, 'tenant_admin');
    client = new PdnsClient({
      apiUrl: process.env.PDNS_API_URL ?? '',
      apiKey: process.env.PDNS_API_KEY ?? '',
      serverId: 'localhost',
      timeoutMs: 5000,
    });
  });

  afterAll(async () => {
    await client.close();
    await h.close();
    await world.stop();
  });

  const api = () => request(h.http);
  const create = (name: string, who: TestUser = admin) =>
    api().post('/api/v1/domains/').set(who.auth()).send({ name, description: 'e2e' });
  const check = (id: string, who: TestUser = admin) =>
    api().post(`/api/v1/domains/${id}/validation/check`).set(who.auth());

  /** Delegates `name` to the world's nameserver and publishes (or not) the TXT. */
  function publish(name: string, txt?: string): void {
    world.set(name, 'NS', ['ns1.world.test']);
    world.set('ns1.world.test', 'A', ['127.0.0.1']);
    if (txt !== undefined) world.set(`_scaidns-verify.${name}`, 'TXT', [txt]);
  }

  describe('ownership validation over real DNS', () => {
    let id: string;
    let name: string;
    let expected: string;

    it('a new domain is pending, with the TXT challenge to publish', async () => {
      name = uniqueName();
      const res = await create(name.toUpperCase() + '.').expect(200);
      expect(res.body).toMatchObject({
        name,
        unicode_name: name,
        status: 'pending_validation',
        domain_type: 'primary',
        default_ttl: 3600,
        tenant_id: admin.tenantId,
        validation: {
          validation_type: 'txt_record',
          status: 'pending',
          dns_record: {
            name: `_scaidns-verify.${name}`,
            type: 'TXT',
            value: expect.stringMatching(/^scaidns-verify=/),
          },
        },
      });
      id = res.body.id;
      expected = res.body.validation.dns_record.value;
      expect(dig(name, 'SOA').status).toBe('REFUSED');
      const got = await api().get(`/api/v1/domains/${id}/validation`).set(admin.auth()).expect(200);
      expect(got.body.dns_record.value).toBe(expected);
    });

    it('while pending, records are stored but not served', async () => {
      const made = await api()
        .post(`/api/v1/domains/${id}/records`)
        .set(admin.auth())
        .send({ name: 'www', type: 'A', content: '192.0.2.80' })
        .expect(200);
      const listed = await api().get(`/api/v1/domains/${id}/records`).set(admin.auth()).expect(200);
      expect(listed.body.data.map((r: { id: string }) => r.id)).toContain(made.body.id);
      await api()
        .post(`/api/v1/domains/${id}/import`)
        .set(admin.auth())
        .send({ content: 'mail 300 IN A 192.0.2.81\n' })
        .expect(200);
      expect(dig(`www.${name}`, 'A').status).toBe('REFUSED');
    });

    it('a domain unknown to DNS → 200, is_valid false and its message', async () => {
      const res = await check(id).expect(200);
      expect(res.body).toEqual({
        is_valid: false,
        message: `Domain ${name} does not exist in DNS`,
        validation_id: expect.any(String),
      });
    });

    it('delegated but no TXT → its message', async () => {
      publish(name);
      const res = await check(id).expect(200);
      expect(res.body).toMatchObject({
        is_valid: false,
        message: `No DNS record found for _scaidns-verify.${name}`,
      });
    });

    it('a wrong TXT value → its message', async () => {
      publish(name, 'scaidns-verify=not-the-token');
      const res = await check(id).expect(200);
      expect(res.body).toMatchObject({
        is_valid: false,
        message: `TXT record found but value doesn't match. Expected: ${expected}`,
      });
      const v = await api().get(`/api/v1/domains/${id}/validation`).set(admin.auth()).expect(200);
      expect(v.body).toMatchObject({
        id: res.body.validation_id,
        status: 'failed',
        attempts: 3,
        last_error: res.body.message,
      });
    });

    it('the right TXT → active, and PowerDNS answers authoritatively with the platform nameservers', async () => {
      publish(name, expected);
      const pending = await api()
        .get(`/api/v1/domains/${id}/validation`)
        .set(admin.auth())
        .expect(200);
      const res = await check(id).expect(200);
      expect(res.body).toEqual({
        is_valid: true,
        message: 'Domain validated',
        validation_id: pending.body.id,
      });
      // Active: nothing is pending any more, and the answer is JSON null.
      const after = await api()
        .get(`/api/v1/domains/${id}/validation`)
        .set(admin.auth())
        .expect(200);
      expect(after.headers['content-type']).toMatch(/^application\/json/);
      expect(after.text).toBe('null');
      const soa = dig(name, 'SOA');
      expect(soa.status).toBe('NOERROR');
      expect(soa.flags).toContain('aa');
      expect(soa.answers[0].data.split(' ')[0]).toBe(PLATFORM_NS[0]);
      expect(
        dig(name, 'NS')
          .answers.map((a) => a.data)
          .sort(),
      ).toEqual(PLATFORM_NS);
      const zone = await client.getZone(`${name}.`, { rrsets: false });
      expect(zone).toMatchObject({
        kind: 'Master',
        catalog: 'catalog.test.scaidns.invalid.',
        soa_edit_api: 'INCREASE',
        api_rectify: false,
      });
      await api().get(`/api/v1/domains/${id}`).set(admin.auth()).expect(200);
      // What was stored while pending is served from activation on.
      expect(dig(`www.${name}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.80']);
      expect(dig(`mail.${name}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.81']);
    });

    it('every step was audited once', async () => {
      const entries = await h.dataSource
        .getRepository(AuditLog)
        .find({ where: { resourceId: id }, order: { timestamp: 'ASC' } });
      expect(entries.map((e) => e.action)).toEqual([
        'domain.create',
        'domain.validation.start',
        'record.import',
        'domain.validation.failure',
        'domain.validation.failure',
        'domain.validation.failure',
        'domain.validation.success',
      ]);
      expect(entries.every((e) => e.actorId === admin.id && e.tenantId === admin.tenantId)).toBe(
        true,
      );
    });

    it('an expired challenge cannot validate', async () => {
      const other = uniqueName();
      const created = await create(other).expect(200);
      publish(other, created.body.validation.dns_record.value);
      await h.dataSource
        .getRepository(ValidationChallenge)
        .update({ domainId: created.body.id }, { expiresAt: new Date(Date.now() - 1000) });
      const res = await check(created.body.id).expect(200);
      expect(res.body).toMatchObject({
        is_valid: false,
        message: expect.stringMatching(/expired/),
      });
      const v = await api()
        .get(`/api/v1/domains/${created.body.id}/validation`)
        .set(admin.auth())
        .expect(200);
      expect(v.body).toBeNull();
      const stored = await h.dataSource
        .getRepository(ValidationChallenge)
        .findOneByOrFail({ domainId: created.body.id });
      expect(stored.status).toBe('expired');
      // A new challenge can (the documented request: `validation_type`).
      const renewed = await api()
        .post(`/api/v1/domains/${created.body.id}/validation`)
        .set(admin.auth())
        .send({ validation_type: 'txt_record' })
        .expect(200);
      expect(renewed.body).toMatchObject({
        id: expect.any(String),
        validation_type: 'txt_record',
        status: 'pending',
        challenge_value: expect.any(String),
        dns_record: { name: `_scaidns-verify.${other}`, type: 'TXT' },
        expires_at: expect.any(String),
        created_at: expect.any(String),
      });
      expect(renewed.body.dns_record.value).toBe(`scaidns-verify=${renewed.body.challenge_value}`);
      const shown = await api()
        .get(`/api/v1/domains/${created.body.id}/validation`)
        .set(admin.auth())
        .expect(200);
      expect(shown.body).toEqual(renewed.body);
      // The older field name `type` is still taken.
      const nsMethod = await api()
        .post(`/api/v1/domains/${created.body.id}/validation`)
        .set(admin.auth())
        .send({ type: 'nameservers' })
        .expect(200);
      expect(nsMethod.body.validation_type).toBe('nameservers');
      const txtAgain = await api()
        .post(`/api/v1/domains/${created.body.id}/validation`)
        .set(admin.auth())
        .send({ validation_type: 'txt_record' })
        .expect(200);
      publish(other, txtAgain.body.dns_record.value);
      const ok = await check(created.body.id).expect(200);
      expect(ok.body).toEqual({
        is_valid: true,
        message: 'Domain validated',
        validation_id: txtAgain.body.id,
      });
    });

    it('a cancelled challenge answers 204 and cannot be checked', async () => {
      const other = uniqueName();
      const created = await create(other).expect(200);
      await api()
        .delete(`/api/v1/domains/${created.body.id}/validation`)
        .set(admin.auth())
        .expect(204);
      await check(created.body.id).expect(400);
    });
  });

  describe('activation when PowerDNS is down', () => {
    it('502, domain still pending, its zone not served; after the restart a retry activates it', async () => {
      const name = uniqueName();
      const created = await create(name).expect(200);
      publish(name, created.body.validation.dns_record.value);
      pdns('stop');
      try {
        const res = await check(created.body.id).expect(502);
        expect(res.body.detail).toMatch(/PowerDNS/);
      } finally {
        pdns('start');
      }
      const domain = await api()
        .get(`/api/v1/domains/${created.body.id}`)
        .set(admin.auth())
        .expect(200);
      expect(domain.body.status).toBe('pending_validation');
      // The pending zone is there, records and all, with its SOA off: PowerDNS refuses it.
      expect(dig(name, 'SOA').status).toBe('REFUSED');
      await check(created.body.id).expect(200);
      expect(dig(name, 'SOA').status).toBe('NOERROR');
    });
  });

  describe('delete and restore', () => {
    let id: string;
    let name: string;

    beforeAll(async () => {
      const [bypasser] = [admin];
      await grantSystemRole(h, bypasser, 'validation_bypass');
      name = uniqueName();
      const res = await create(name).expect(200);
      expect(res.body.status).toBe('active');
      id = res.body.id;
      await new PdnsZonePatcher(client).patchRRSets(`${name}.`, [
        {
          name: `www.${name}.`,
          type: 'A',
          changetype: 'REPLACE',
          ttl: 300,
          records: [{ content: '192.0.2.10' }, { content: '192.0.2.11', disabled: true }],
        },
        {
          name: `${name}.`,
          type: 'TXT',
          changetype: 'REPLACE',
          ttl: 600,
          records: [{ content: '"hello world"' }],
          comments: [{ content: 'kept', account: 'e2e' }],
        },
      ]);
    });

    it('validation_bypass makes a new domain active at once', async () => {
      expect(dig(name, 'SOA').flags).toContain('aa');
    });

    it('soft delete: the zone answers REFUSED, the name stays reserved', async () => {
      const before = await client.getZone(`${name}.`);
      await api().delete(`/api/v1/domains/${id}`).set(admin.auth()).expect(204);
      expect(dig(name, 'SOA').status).toBe('REFUSED');
      expect(dig(`www.${name}`, 'A').status).toBe('REFUSED');
      await api().get(`/api/v1/domains/${id}`).set(admin.auth()).expect(404);
      await create(name).expect(409);
      const listed = await api()
        .get('/api/v1/domains?include_deleted=true&search=' + name)
        .set(admin.auth())
        .expect(200);
      expect(listed.body.data).toEqual([expect.objectContaining({ id, status: 'deleted' })]);

      await api().post(`/api/v1/domains/${id}/restore`).set(admin.auth()).expect(200);
      const after = await client.getZone(`${name}.`);
      // Every record comes back as it was; only the SOA serial moves on, so secondaries see the change.
      const serialOf = (z: typeof before) =>
        Number(z.rrsets?.find((r) => r.type === 'SOA')?.records[0].content.split(' ')[2]);
      const withoutSerial = (content: string) =>
        content.replace(/ \d+( \d+ \d+ \d+ \d+)$/, ' SERIAL$1');
      const strip = (z: typeof before) =>
        (z.rrsets ?? [])
          .map((r) => ({
            ...r,
            records: r.records.map((x) => ({
              ...x,
              content: r.type === 'SOA' ? withoutSerial(x.content) : x.content,
            })),
            comments: r.comments.map((c) => ({ content: c.content, account: c.account })),
          }))
          .sort((a, b) => `${a.name}${a.type}`.localeCompare(`${b.name}${b.type}`));
      expect(strip(after)).toEqual(strip(before));
      expect(serialOf(after)).toBeGreaterThanOrEqual(serialOf(before));
      expect(dig(`www.${name}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.10']);
      expect(dig(name, 'TXT').answers[0].data).toBe('"hello world"');
    });

    it('hard delete: the zone and the metadata are gone', async () => {
      await api().delete(`/api/v1/domains/${id}?hard=true`).set(admin.auth()).expect(204);
      expect(dig(name, 'SOA').status).toBe('REFUSED');
      expect(await client.listZones({ zone: name })).toEqual([]);
      expect(await h.dataSource.getRepository(Domain).findOne({ where: { id } })).toBeNull();
      const actions = (
        await h.dataSource
          .getRepository(AuditLog)
          .find({ where: { resourceId: id }, order: { timestamp: 'ASC' } })
      ).map((e) => e.action);
      expect(actions).toEqual([
        'domain.create',
        // Created active (validation bypass): no challenge is opened.
        'domain.validation.success',
        'domain.delete',
        'domain.restore',
        'domain.delete',
      ]);
    });
  });

  describe('names', () => {
    it.each([
      ['not a name', /Invalid domain name/],
      ['com', /public suffix/],
      ['co.uk', /public suffix/],
      [`${'a'.repeat(64)}.example.com`, /63/],
    ])('refuses %s', async (name, detail) => {
      const res = await create(name).expect(400);
      expect(res.body.detail).toMatch(detail);
    });

    it('stores IDN names as punycode and shows the Unicode form', async () => {
      const res = await create(`bücher-${Date.now().toString(36)}.example`).expect(200);
      expect(res.body.name).toMatch(/^xn--bcher-.*\.example$/);
      expect(res.body.unicode_name).toMatch(/^bücher-/);
    });

    it('a name is unique platform-wide, and overlapping another tenant’s zone is refused without naming it', async () => {
      const name = uniqueName();
      await create(name).expect(200);
      await create(name).expect(409);
      const [other] = await newTenant(h, 1);
      await grantSystemRole(h, other, 'tenant_admin');
      expect((await create(name, other).expect(409)).body).toEqual({
        detail: 'Domain already exists',
      });
      const sub = await create(`shop.${name}`, other).expect(409);
      expect(sub.body.detail).toBe('Domain overlaps a zone that belongs to another tenant');
      expect(JSON.stringify(sub.body)).not.toContain(admin.tenantId);
      const parent = await create(name.split('.').slice(1).join('.'), other).expect(409);
      expect(parent.body.detail).toBe('Domain overlaps a zone that belongs to another tenant');
      // The same tenant may hold a sub-zone of its own zone.
      await create(`shop.${name}`).expect(200);
    });

    it('GET /domains/types lists the record types', async () => {
      const res = await api().get('/api/v1/domains/types').set(admin.auth()).expect(200);
      expect(res.body.types).toEqual(expect.arrayContaining(['A', 'AAAA', 'MX', 'ALIAS', 'TLSA']));
    });

    it('lists with filters and pages', async () => {
      const all = await api().get('/api/v1/domains/?page_size=2').set(admin.auth()).expect(200);
      expect(all.body).toMatchObject({ page: 1, page_size: 2 });
      expect(all.body.data.length).toBeLessThanOrEqual(2);
      expect(all.body.total_pages).toBe(Math.ceil(all.body.total / 2));
      const active = await api().get('/api/v1/domains?status=active').set(admin.auth()).expect(200);
      expect(active.body.data.every((d: { status: string }) => d.status === 'active')).toBe(true);
      await api().get('/api/v1/domains?status=bogus').set(admin.auth()).expect(422);
    });
  });

  describe('another tenant', () => {
    it('gets 404 on every domain route of the first', async () => {
      const created = await create(uniqueName()).expect(200);
      const id = created.body.id as string;
      const [stranger] = await newTenant(h, 1);
      await grantSystemRole(h, stranger, 'tenant_admin');
      const auth = stranger.auth();
      const probes = [
        api().get(`/api/v1/domains/${id}`).set(auth),
        api().patch(`/api/v1/domains/${id}`).set(auth).send({ description: 'x' }),
        api().delete(`/api/v1/domains/${id}`).set(auth),
        api().delete(`/api/v1/domains/${id}?hard=true`).set(auth),
        api().post(`/api/v1/domains/${id}/restore`).set(auth),
        api().get(`/api/v1/domains/${id}/validation`).set(auth),
        api().post(`/api/v1/domains/${id}/validation`).set(auth).send({}),
        api().post(`/api/v1/domains/${id}/validation/check`).set(auth),
        api().delete(`/api/v1/domains/${id}/validation`).set(auth),
        api().get(`/api/v1/domains/${id}/access-grants`).set(auth),
      ];
      for (const probe of probes) {
        const res = await probe;
        expect({ status: res.status, body: res.body }).toEqual({
          status: 404,
          body: { detail: 'Domain not found' },
        });
      }
      const list = await api().get('/api/v1/domains').set(auth).expect(200);
      expect(list.body.data.map((d: { id: string }) => d.id)).not.toContain(id);
    });
  });

  describe('platform nameservers', () => {
    let root: TestUser;

    beforeAll(async () => {
      [root] = await newTenant(h, 1);
      await grantSystemRole(h, root, 'platform_admin', { type: 'platform', id: null });
    });

    afterAll(async () => {
      await api()
        .put('/api/v1/admin/nameservers')
        .set(root.auth())
        .send({ nameservers: PLATFORM_NS })
        .expect(200);
    });

    it('a PUT rewrites every zone, idempotently, and new zones get the current set', async () => {
      expect(
        (await api().get('/api/v1/admin/nameservers').set(root.auth()).expect(200)).body,
      ).toEqual({ nameservers: PLATFORM_NS });
      const next = ['ns-a.platform.test.', 'ns-b.platform.test.'];
      const first = await api()
        .put('/api/v1/admin/nameservers')
        .set(root.auth())
        .send({ nameservers: ['NS-A.platform.test', 'ns-b.platform.test.'] })
        .expect(200);
      expect(first.body).toMatchObject({ nameservers: next, zones_failed: [] });
      expect(first.body.zones_changed).toBeGreaterThan(0);
      expect(first.body.zones_changed).toBe(first.body.zones_total);
      const again = await api()
        .put('/api/v1/admin/nameservers')
        .set(root.auth())
        .send({ nameservers: next })
        .expect(200);
      expect(again.body.zones_changed).toBe(0);

      const active = await h.dataSource
        .getRepository(Domain)
        .findOneOrFail({ where: { status: 'active', tenantId: admin.tenantId } });
      expect(
        dig(active.name, 'NS')
          .answers.map((a) => a.data)
          .sort(),
      ).toEqual(next);
      expect(dig(active.name, 'SOA').answers[0].data.split(' ')[0]).toBe(next[0]);

      const name = uniqueName();
      const created = await create(name).expect(200);
      expect(created.body.status).toBe('active');
      expect(
        dig(name, 'NS')
          .answers.map((a) => a.data)
          .sort(),
      ).toEqual(next);
    });

    it('is for platform admins only, and refuses bad names', async () => {
      await api().get('/api/v1/admin/nameservers').set(admin.auth()).expect(403);
      await api()
        .put('/api/v1/admin/nameservers')
        .set(root.auth())
        .send({ nameservers: ['not a host'] })
        .expect(400);
    });
  });

  describe('the worker', () => {
    let worker: ChildProcess | undefined;

    afterAll(() => {
      worker?.kill('SIGTERM');
    });

    it('activates a domain whose TXT is published, within two check intervals, without any call', async () => {
      const [plain] = await newTenant(h, 1);
      await grantSystemRole(h, plain, 'tenant_admin');
      const name = uniqueName();
      const created = await create(name, plain).expect(200);
      let output = '';
      worker = spawn(process.execPath, [join(__dirname, '../dist/apps/worker/main.js')], {
        env: {
          ...process.env,
          // The API's Redis: the worker's domain changes must retire the API's cached domains.
          REDIS_URL: await sharedRedisWithEmptyQueue(),
          ENV_FILE: '/dev/null',
          VALIDATION_CHECK_INTERVAL_SECONDS: '2',
          LOG_FORMAT: 'json',
          LOG_LEVEL: 'INFO',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      worker.stdout?.on('data', (d: Buffer) => (output += d.toString()));
      worker.stderr?.on('data', (d: Buffer) => (output += d.toString()));
      for (let i = 0; !output.includes('worker ready'); i += 1) {
        if (i > 200) throw new Error(`the worker did not start: ${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      publish(name, created.body.validation.dns_record.value);
      const published = Date.now();
      let status = 'pending_validation';
      while (status !== 'active' && Date.now() - published < 4500) {
        await new Promise((r) => setTimeout(r, 250));
        status = (
          await api().get(`/api/v1/domains/${created.body.id}`).set(plain.auth()).expect(200)
        ).body.status;
      }
      expect({ status, worker: status === 'active' ? '' : output }).toEqual({
        status: 'active',
        worker: '',
      });
      expect(dig(name, 'SOA').flags).toContain('aa');
      const audit = await h.dataSource
        .getRepository(AuditLog)
        .findOne({ where: { resourceId: created.body.id, action: 'domain.validation.success' } });
      expect(audit).toMatchObject({ actorType: 'system' });
    });
  });
});
