import type { INestApplication } from '@nestjs/common';
import { AuditLog, Domain, ValidationChallenge } from '@app/core';
import { PdnsClient, PdnsNotFoundError } from '@app/pdns-client';
import request from 'supertest';
import { createTestApp } from './support/app';
import { type FakeDns, startFakeDns } from './support/fake-dns';
import {
  grantSystemRole,
  type IdentityHarness,
  newActiveZone,
  newTenant,
  signIn,
  startIdentityHarness,
  type TestUser,
  type ZoneFixture,
} from './support/identity';

/** Concurrent identical requests per burst, spread over two API processes. */
const N = 8;
/** A 4-byte UTF-8 character (one code point, two UTF-16 units). */
const WIDE = '\u{1F600}';
/** Counted as a character by MariaDB, not by class-validator's own MaxLength. */
const VARIATION = '\uFE0F';

let counter = 0;
const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter += 1)}`;

/** `count` labels of 63 characters and a last one that brings the name to exactly `total`. */
function longName(suffix: string, total = 253): string {
  const labels: string[] = [];
  let length = suffix.length;
  while (total - length > 64) {
    labels.push('a'.repeat(63));
    length += 64;
  }
  const rest = total - length - 1;
  if (rest > 0) labels.push('b'.repeat(rest));
  const name = `${labels.join('.')}.${suffix}`;
  if (name.length !== total) throw new Error(`longName: ${name.length} != ${total}`);
  return name;
}

type Res = request.Response;

/**
 * Every endpoint that creates something, hit with N identical requests at once (half on each of two
 * API processes) and with the longest values its DTO admits: the only answers are 2xx and 4xx, a
 * duplicate is 409 (or, where the API documents it, the same 2xx), and over-long values are 400/422.
 */
describe('create endpoints under concurrent duplicates and maximal lengths (e2e)', () => {
  let world: FakeDns;
  let h: IdentityHarness;
  let second: INestApplication;
  /** Two processes whose tenants may hold 3 zones each. */
  let limited: INestApplication[];
  let pdns: PdnsClient;
  let root: TestUser;
  let fixture: ZoneFixture;
  let admin: TestUser;
  const cleanup: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    world = await startFakeDns();
    process.env.VALIDATION_RESOLVERS = `127.0.0.1:${world.port}`;
    process.env.VALIDATION_AUTHORITATIVE_PORT = String(world.port);
    process.env.VALIDATION_DNS_TIMEOUT_MS = '1000';
    h = await startIdentityHarness();
    process.env.DOMAIN_QUOTA_PER_TENANT = '3';
    limited = [await createTestApp(), await createTestApp()];
    delete process.env.DOMAIN_QUOTA_PER_TENANT;
    // Created last: Passport keeps one 'jwt' strategy per process, that of the newest app, and every
    // app uses it; the apps are closed together at the end.
    second = await createTestApp();
    pdns = new PdnsClient({
      apiUrl: process.env.PDNS_API_URL ?? '',
      apiKey: process.env.PDNS_API_KEY ?? '',
      serverId: 'localhost',
      timeoutMs: 5000,
    });
    [root] = await newTenant(h, 1);
    await grantSystemRole(h, root, 'platform_admin', { type: 'platform', id: null });
    fixture = await newActiveZone(h, 'sweep');
    admin = fixture.admin;
    cleanup.push(() => fixture.remove());
  });

  afterAll(async () => {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
    await pdns.close();
    for (const app of limited) await app.close();
    await second.close();
    await h.close();
    await world.stop();
  });

  const servers = () => [h.http, second.getHttpServer()] as const;
  const api = (i = 0) => request(servers()[i % 2] as never);

  /** Fires `n` requests at once (alternating processes) and checks that none answered 5xx. */
  async function burst(label: string, make: (i: number) => request.Test, n = N): Promise<Res[]> {
    const answers = await Promise.all(Array.from({ length: n }, (_, i) => make(i)));
    const failed = answers.filter((r) => r.status >= 500);
    expect({ label, failed: failed.map((r) => `${r.status} ${JSON.stringify(r.body)}`) }).toEqual({
      label,
      failed: [],
    });
    return answers;
  }

  const statuses = (answers: Res[]) => answers.map((r) => r.status).sort();
  /** One winner (`created`) and every other answer 409. */
  function oneWinner(answers: Res[], created = 200): void {
    expect(statuses(answers)).toEqual([created, ...Array(answers.length - 1).fill(409)].sort());
  }

  async function tenantAdmin(): Promise<TestUser> {
    const [user] = await newTenant(h, 1);
    await grantSystemRole(h, user, 'tenant_admin');
    return user;
  }

  async function pdnsHasZone(name: string): Promise<boolean> {
    try {
      await pdns.getZone(`${name}.`, { rrsets: false });
      return true;
    } catch (error) {
      if (error instanceof PdnsNotFoundError) return false;
      throw error;
    }
  }

  describe('POST /domains', () => {
    it('one name from two tenants, 16 at once on two processes: one 200, fifteen 409', async () => {
      const [a, b] = [await tenantAdmin(), await tenantAdmin()];
      const name = `${unique('dup')}.example.com`;
      const answers = await burst(
        'domains same name',
        (i) =>
          api(i)
            .post('/api/v1/domains/')
            .set((i % 4 < 2 ? a : b).auth())
            .send({ name }),
        16,
      );
      oneWinner(answers);
      for (const r of answers.filter((x) => x.status === 409)) {
        expect(r.body.detail).toBe('Domain already exists');
      }
      expect(await h.dataSource.getRepository(Domain).countBy({ name })).toBe(1);
    });

    it('a parent and a child zone by two tenants at once: never both (one 200, one 409)', async () => {
      for (let round = 0; round < 6; round += 1) {
        const [a, b] = [await tenantAdmin(), await tenantAdmin()];
        const parent = `${unique('tree')}.example.com`;
        const answers = await burst(
          'parent and child',
          (i) =>
            api(i)
              .post('/api/v1/domains/')
              .set((i === 0 ? a : b).auth())
              .send({ name: i === 0 ? parent : `child.${parent}` }),
          2,
        );
        expect(statuses(answers)).toEqual([200, 409]);
        expect(answers.find((r) => r.status === 409)?.body.detail).toBe(
          'Domain overlaps a zone that belongs to another tenant',
        );
      }
    });

    it('one tenant, 16 names at once on two processes: all 200 (no deadlock on the quota count)', async () => {
      const owner = await tenantAdmin();
      const base = unique('many');
      const answers = await burst(
        'domains one tenant',
        (i) =>
          api(i)
            .post('/api/v1/domains/')
            .set(owner.auth())
            .send({ name: `n${i}.${base}.example.com` }),
        16,
      );
      expect(statuses(answers)).toEqual(Array(16).fill(200));
    });

    it('one tenant, one name 16 times at once: one 200, fifteen 409', async () => {
      const owner = await tenantAdmin();
      const name = `${unique('same')}.example.com`;
      oneWinner(
        await burst(
          'domains one tenant same name',
          (i) => api(i).post('/api/v1/domains/').set(owner.auth()).send({ name }),
          16,
        ),
      );
    });

    it('a quota of 3 holds exactly under 12 creates at once on two processes: three 200, nine 403', async () => {
      const owner = await tenantAdmin();
      const base = unique('quota');
      const answers = await burst(
        'domains over quota',
        (i) =>
          request(limited[i % 2].getHttpServer())
            .post('/api/v1/domains/')
            .set(owner.auth())
            .send({ name: `q${i}.${base}.example.com` }),
        12,
      );
      expect(statuses(answers)).toEqual([200, 200, 200, ...Array(9).fill(403)]);
      expect(await h.dataSource.getRepository(Domain).countBy({ tenantId: owner.tenantId })).toBe(
        3,
      );
    });

    it('with validation_bypass, one name at once: one zone created, the rest 409', async () => {
      const owner = await tenantAdmin();
      await grantSystemRole(h, owner, 'validation_bypass');
      const name = `${unique('byp')}.example.com`;
      const answers = await burst('domains bypass same name', (i) =>
        api(i).post('/api/v1/domains/').set(owner.auth()).send({ name }),
      );
      oneWinner(answers);
      const id = answers.find((r) => r.status === 200)?.body.id as string;
      cleanup.push(() => api().delete(`/api/v1/domains/${id}?hard=true`).set(owner.auth()));
      expect(answers.find((r) => r.status === 200)?.body.status).toBe('active');
      expect(await pdnsHasZone(name)).toBe(true);
    });

    it('a 253-character name of 63-character labels, with the longest description (4-byte characters)', async () => {
      const owner = await tenantAdmin();
      const name = longName(`${unique('l')}.example.com`);
      const description = WIDE.repeat(2000);
      const answers = await burst('domains longest', (i) =>
        api(i).post('/api/v1/domains/').set(owner.auth()).send({ name, description }),
      );
      oneWinner(answers);
      const created = answers.find((r) => r.status === 200) as Res;
      expect(created.body).toMatchObject({ name, description });
      expect(created.body.validation.dns_record.name).toBe(`_scaidns-verify.${name}`);
      const stored = await h.dataSource
        .getRepository(ValidationChallenge)
        .findOneByOrFail({ domainId: created.body.id });
      expect(stored.recordName).toBe(`_scaidns-verify.${name}`);
      // Its challenge name is longer than DNS allows, so the TXT method can't succeed: a 4xx, not a 5xx.
      const checks = await burst('check of the longest name', (i) =>
        api(i).post(`/api/v1/domains/${created.body.id}/validation/check`).set(owner.auth()),
      );
      for (const r of checks) expect(r.status).toBeLessThan(500);
    });

    it('over-long values are 400/422, never 500', async () => {
      const owner = await tenantAdmin();
      const tooLong = longName(`${unique('x')}.example.com`, 254);
      const cases = [
        { name: tooLong },
        { name: `${'a'.repeat(64)}.example.com` },
        { name: `${unique('d')}.example.com`, description: WIDE.repeat(2001) },
        { name: `${unique('d')}.example.com`, description: `a${VARIATION.repeat(2000)}` },
        { name: 'x'.repeat(256) },
      ];
      for (const body of cases) {
        const res = await api().post('/api/v1/domains/').set(owner.auth()).send(body);
        expect({ body: Object.keys(body), status: [400, 422].includes(res.status) }).toEqual({
          body: Object.keys(body),
          status: true,
        });
      }
    });
  });

  describe('POST /domains/{id}/validation/check', () => {
    it('8 checks at once with the right TXT, on two processes: one zone, active, one success entry', async () => {
      const owner = await tenantAdmin();
      const name = `${unique('chk')}.example.com`;
      const created = await api()
        .post('/api/v1/domains/')
        .set(owner.auth())
        .send({ name })
        .expect(200);
      const id = created.body.id as string;
      cleanup.push(() => api().delete(`/api/v1/domains/${id}?hard=true`).set(owner.auth()));
      world.set(name, 'NS', ['ns1.world.test']);
      world.set('ns1.world.test', 'A', ['127.0.0.1']);
      world.set(`_scaidns-verify.${name}`, 'TXT', [created.body.validation.dns_record.value]);
      await burst('validation checks', (i) =>
        api(i).post(`/api/v1/domains/${id}/validation/check`).set(owner.auth()),
      );
      const domain = await h.dataSource.getRepository(Domain).findOneByOrFail({ id });
      expect(domain.status).toBe('active');
      expect(await pdnsHasZone(name)).toBe(true);
      const zones = (await pdns.listZones()).filter((z) => z.name === `${name}.`);
      expect(zones).toHaveLength(1);
      const successes = await h.dataSource
        .getRepository(AuditLog)
        .countBy({ resourceId: id, action: 'domain.validation.success' });
      expect(successes).toBe(1);
    });

    it('8 checks at once when PowerDNS already holds a zone of that name: one zone, active, no 5xx', async () => {
      const owner = await tenantAdmin();
      const name = `${unique('left')}.example.com`;
      const created = await api()
        .post('/api/v1/domains/')
        .set(owner.auth())
        .send({ name })
        .expect(200);
      const id = created.body.id as string;
      cleanup.push(() => api().delete(`/api/v1/domains/${id}?hard=true`).set(owner.auth()));
      // The pending domain's zone replaced behind ScaiDNS's back by one with other nameservers.
      await pdns.deleteZone(`${name}.`);
      await pdns.createZone({ name: `${name}.`, kind: 'Native', nameservers: ['ns1.left.test.'] });
      world.set(name, 'NS', ['ns1.world.test']);
      world.set('ns1.world.test', 'A', ['127.0.0.1']);
      world.set(`_scaidns-verify.${name}`, 'TXT', [created.body.validation.dns_record.value]);
      await burst('validation checks over a left-over zone', (i) =>
        api(i).post(`/api/v1/domains/${id}/validation/check`).set(owner.auth()),
      );
      const domain = await h.dataSource.getRepository(Domain).findOneByOrFail({ id });
      expect(domain.status).toBe('active');
      const zone = await pdns.getZone(`${name}.`, { rrsets: true });
      const ns = zone.rrsets?.find((r) => r.type === 'NS')?.records.map((r) => r.content);
      expect(ns).not.toContain('ns1.left.test.');
      const successes = await h.dataSource
        .getRepository(AuditLog)
        .countBy({ resourceId: id, action: 'domain.validation.success' });
      expect(successes).toBe(1);
    });

    it('the checks of an active domain after the race answer without 5xx', async () => {
      const owner = await tenantAdmin();
      await grantSystemRole(h, owner, 'validation_bypass');
      const created = await api()
        .post('/api/v1/domains/')
        .set(owner.auth())
        .send({ name: `${unique('act')}.example.com` })
        .expect(200);
      cleanup.push(() =>
        api().delete(`/api/v1/domains/${created.body.id}?hard=true`).set(owner.auth()),
      );
      await burst('checks of an active domain', (i) =>
        api(i).post(`/api/v1/domains/${created.body.id}/validation/check`).set(owner.auth()),
      );
    });
  });

  describe('POST /domains/{id}/validation', () => {
    it('8 renewals at once: all answered, exactly one challenge left open', async () => {
      const owner = await tenantAdmin();
      const created = await api()
        .post('/api/v1/domains/')
        .set(owner.auth())
        .send({ name: `${unique('ren')}.example.com` })
        .expect(200);
      const answers = await burst('renewals', (i) =>
        api(i)
          .post(`/api/v1/domains/${created.body.id}/validation`)
          .set(owner.auth())
          .send({ type: i % 2 ? 'txt_record' : 'nameservers' }),
      );
      expect(statuses(answers)).toEqual(Array(N).fill(200));
      const open = await h.dataSource
        .getRepository(ValidationChallenge)
        .countBy({ domainId: created.body.id, status: 'pending' });
      expect(open).toBe(1);
    });
  });

  describe('records', () => {
    const records = () => `/api/v1/domains/${fixture.domainId}/records`;

    it('one record 8 times at once: one 200, seven 409', async () => {
      oneWinner(
        await burst('record same', (i) =>
          api(i)
            .post(records())
            .set(admin.auth())
            .send({ name: 'same', type: 'A', content: '192.0.2.1' }),
        ),
      );
    });

    it('a record whose full name is 253 characters, with 63-character labels, and the longest TXT', async () => {
      const leaf = longName('', 253 - fixture.zone.length).slice(0, -1);
      expect(`${leaf}.${fixture.zone}`).toHaveLength(253);
      const txt = `"${WIDE.repeat(60)}" "${'t'.repeat(255)}"`;
      oneWinner(
        await burst('record longest', (i) =>
          api(i).post(records()).set(admin.auth()).send({ name: leaf, type: 'TXT', content: txt }),
        ),
      );
      const aaaa = await api()
        .post(records())
        .set(admin.auth())
        .send({ name: leaf, type: 'AAAA', content: '2001:db8::1' });
      expect(aaaa.status).toBe(200);
      const entry = await h.dataSource.getRepository(AuditLog).findOne({
        where: { resourceId: aaaa.body.id, action: 'record.create' },
      });
      expect(entry).not.toBeNull();
    });

    it('names and contents past the limits are 4xx', async () => {
      const leaf = longName('', 254 - fixture.zone.length).slice(0, -1);
      const cases = [
        { name: leaf, type: 'A', content: '192.0.2.1' },
        { name: `${'c'.repeat(64)}`, type: 'A', content: '192.0.2.1' },
        { name: 'mx', type: 'MX', content: `10 ${longName('example.com', 254)}.` },
        { name: 'big', type: 'TXT', content: 'x'.repeat(65536) },
        { name: `${WIDE}.${VARIATION}`, type: 'A', content: '192.0.2.1' },
      ];
      for (const body of cases) {
        const res = await api().post(records()).set(admin.auth()).send(body);
        expect({ name: body.name, status: res.status >= 400 && res.status < 500 }).toEqual({
          name: body.name,
          status: true,
        });
      }
    });

    it('one bulk 8 times at once: one 200, seven 409', async () => {
      const body = {
        records: [
          { name: 'bulk1', type: 'A', content: '192.0.2.10' },
          { name: 'bulk2', type: 'MX', content: '10 mail.example.com.' },
        ],
      };
      oneWinner(
        await burst('bulk same', (i) =>
          api(i).post(`${records()}/bulk`).set(admin.auth()).send(body),
        ),
      );
    });

    it('one import 8 times at once (merge): every answer 200, the records once', async () => {
      const leaf = longName('', 253 - fixture.zone.length).slice(0, -1);
      const content = [
        `imp 300 IN A 192.0.2.20`,
        `${leaf} 300 IN A 192.0.2.21`,
        `imp 300 IN TXT "${WIDE.repeat(10)}"`,
      ].join('\n');
      const answers = await burst('import same', (i) =>
        api(i)
          .post(`/api/v1/domains/${fixture.domainId}/import`)
          .set(admin.auth())
          .send({ format: 'bind', content, mode: 'merge' }),
      );
      expect(statuses(answers)).toEqual(Array(N).fill(200));
      const listed = await api()
        .get(`${records()}?name=imp&page_size=100`)
        .set(admin.auth())
        .expect(200);
      expect(listed.body.data).toHaveLength(2);
    });
  });

  describe('reverse zones and PTRs', () => {
    let zoneId: string;
    const octet = () => 1 + Math.floor(Math.random() * 250);
    const network = `10.${octet()}.${octet()}`;

    it('one CIDR 8 times at once: one 200, seven 409', async () => {
      const answers = await burst('reverse same', (i) =>
        api(i)
          .post('/api/v1/reverse-zones/')
          .set(admin.auth())
          .send({ cidr: `${network}.0/24` }),
      );
      oneWinner(answers);
      zoneId = answers.find((r) => r.status === 200)?.body.id as string;
      cleanup.push(() => api().delete(`/api/v1/domains/${zoneId}?hard=true`).set(admin.auth()));
    });

    it('one PTR 8 times at once: set is idempotent, every answer 200', async () => {
      const hostname = `${longName('example.com', 253)}`;
      const answers = await burst('ptr same', (i) =>
        api(i)
          .post(`/api/v1/reverse-zones/${zoneId}/ptr`)
          .set(admin.auth())
          .send({ ip: `${network}.7`, hostname }),
      );
      expect(statuses(answers)).toEqual(Array(N).fill(200));
    });

    it('one PTR bulk 8 times at once: every answer 200', async () => {
      const answers = await burst('ptr bulk same', (i) =>
        api(i)
          .post(`/api/v1/reverse-zones/${zoneId}/ptr/bulk`)
          .set(admin.auth())
          .send({
            records: [
              { ip: `${network}.8`, hostname: 'a.example.com' },
              { ip: `${network}.9`, hostname: 'b.example.com' },
            ],
          }),
      );
      expect(statuses(answers)).toEqual(Array(N).fill(200));
    });

    it('a host name past 253 characters is 4xx', async () => {
      const res = await api()
        .post(`/api/v1/reverse-zones/${zoneId}/ptr`)
        .set(admin.auth())
        .send({ ip: `${network}.10`, hostname: longName('example.com', 254) });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });
  });

  describe('roles, assignments, grants', () => {
    it('one role name 8 times at once, at the longest lengths: one 200, seven 409', async () => {
      const owner = await tenantAdmin();
      const name = `r${unique('').replace(/[^a-z0-9]/g, '')}`.padEnd(64, 'x');
      const body = {
        name,
        display_name: WIDE.repeat(128),
        description: WIDE.repeat(2000),
        permissions: ['records:read'],
      };
      oneWinner(
        await burst('role same', (i) => api(i).post('/api/v1/roles/').set(owner.auth()).send(body)),
      );
    });

    it('role fields past their columns are 422', async () => {
      const owner = await tenantAdmin();
      const cases = [
        { name: 'x'.repeat(65), permissions: ['records:read'] },
        { name: 'toolong_display', display_name: 'd'.repeat(129), permissions: ['records:read'] },
        {
          name: 'variation_display',
          display_name: `d${VARIATION.repeat(128)}`,
          permissions: ['records:read'],
        },
        { name: 'toolong_desc', description: WIDE.repeat(2001), permissions: ['records:read'] },
        { name: 'toolong_perm', permissions: ['p'.repeat(65)] },
      ];
      for (const body of cases) {
        const res = await api().post('/api/v1/roles/').set(owner.auth()).send(body);
        expect({ name: body.name, status: res.status }).toEqual({ name: body.name, status: 422 });
      }
    });

    it('one assignment 8 times at once: one 200, seven 409', async () => {
      const [owner, member] = await newTenant(h, 2);
      await grantSystemRole(h, owner, 'tenant_admin');
      oneWinner(
        await burst('assignment same', (i) =>
          api(i)
            .post('/api/v1/roles/assignments')
            .set(owner.auth())
            .send({ role: 'read_only', principal_type: 'user', principal_id: member.id }),
        ),
      );
    });

    it('one access grant 8 times at once, at the longest lengths: one 200, seven 409', async () => {
      const member = (
        await signIn(h, h.standIn.directory.addUser({ tenant_id: admin.record.tenant_id }))
      ).id;
      const body = {
        grantee_type: 'user',
        grantee_id: member,
        role: 'record_editor',
        record_pattern: `*.${'p'.repeat(253)}`,
        record_types: ['TXT', 'A'],
        notes: WIDE.repeat(2000),
      };
      const answers = await burst('grant same', (i) =>
        api(i)
          .post(`/api/v1/domains/${fixture.domainId}/access-grants`)
          .set(admin.auth())
          .send(body),
      );
      // The pattern is longer than any name in the zone can be: refused or kept, but the same way each time.
      if (answers.every((r) => r.status === 200 || r.status === 409)) oneWinner(answers);
      else expect(new Set(statuses(answers)).size).toBe(1);
      const fits = { ...body, record_pattern: '_acme-challenge', notes: `${WIDE.repeat(1999)}n` };
      oneWinner(
        await burst('grant same, fitting', (i) =>
          api(i)
            .post(`/api/v1/domains/${fixture.domainId}/access-grants`)
            .set(admin.auth())
            .send(fits),
        ),
      );
      const tooLong = await api()
        .post(`/api/v1/domains/${fixture.domainId}/access-grants`)
        .set(admin.auth())
        .send({ ...fits, notes: `n${VARIATION.repeat(2000)}` });
      expect(tooLong.status).toBe(422);
    });
  });

  describe('API keys', () => {
    it('8 identical keys at once: each a new key (200), at the longest name and description', async () => {
      const owner = await tenantAdmin();
      const body = {
        name: WIDE.repeat(255),
        description: WIDE.repeat(2000),
        permission_source: 'user',
        permission_source_id: owner.id,
        scopes: ['records:read'],
      };
      const answers = await burst('api keys same', (i) =>
        api(i).post('/api/v1/api-keys/').set(owner.auth()).send(body),
      );
      expect(statuses(answers)).toEqual(Array(N).fill(200));
      expect(new Set(answers.map((r) => r.body.key)).size).toBe(N);
      for (const bad of [
        { ...body, name: `k${VARIATION.repeat(255)}` },
        { ...body, name: 'k'.repeat(256) },
        { ...body, description: WIDE.repeat(2001) },
        { ...body, ip_whitelist: ['1'.repeat(65)] },
      ]) {
        const res = await api().post('/api/v1/api-keys/').set(owner.auth()).send(bad);
        expect(res.status).toBe(422);
      }
    });
  });

  describe('admin creates (in the ScaiKey stand-in)', () => {
    it('one ScaiKey tenant added 8 times at once: one 200, seven 409', async () => {
      const { tenant } = h.standIn.directory.seedTenant({ users: 0 });
      const body = { name: tenant.name, slug: tenant.slug, scaikey_tenant_id: tenant.id };
      oneWinner(
        await burst('admin tenant same', (i) =>
          api(i).post('/api/v1/admin/tenants').set(root.auth()).send(body),
        ),
      );
    });

    it('one user created 8 times at once, at the longest lengths: one 200, seven 409', async () => {
      const { tenant } = h.standIn.directory.seedTenant({ users: 0 });
      await api()
        .post('/api/v1/admin/tenants')
        .set(root.auth())
        .send({ name: tenant.name, slug: tenant.slug, scaikey_tenant_id: tenant.id });
      const local = `${unique('u')}`.padEnd(64, 'u');
      const body = {
        tenant_id: tenant.id,
        email: `${local}@${longName('example.com', 255 - local.length - 1)}`.slice(0, 255),
        display_name: WIDE.repeat(255),
        first_name: WIDE.repeat(255),
        last_name: WIDE.repeat(255),
      };
      const answers = await burst('admin user same', (i) =>
        api(i).post('/api/v1/admin/users').set(root.auth()).send(body),
      );
      if (answers.some((r) => r.status === 422)) {
        // The longest e-mail address the DTO admits may still be refused as an address: use a plain one.
        const plain = { ...body, email: `${local}@example.com` };
        oneWinner(
          await burst('admin user same, plain address', (i) =>
            api(i).post('/api/v1/admin/users').set(root.auth()).send(plain),
          ),
        );
      } else {
        oneWinner(answers);
      }
    });
  });
});
