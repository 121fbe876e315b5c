import { AuditLog, SYSTEM_ROLE_IDS, AccessGrant } from '@app/core';
import { AccessService } from '@app/identity';
import request from 'supertest';
import { dig } from './support/dig';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  signIn,
  startIdentityHarness,
  type TestUser,
  newActiveZone,
  type ZoneFixture,
} from './support/identity';

describe('records (e2e, written through the zone queue, answered by PowerDNS)', () => {
  let h: IdentityHarness;
  let admin: TestUser;
  let domainId: string;
  let zone: string;

  let fixture: ZoneFixture;

  beforeAll(async () => {
    h = await startIdentityHarness();
    fixture = await newActiveZone(h, 'rec');
    ({ admin, domainId, zone } = fixture);
  });

  afterAll(async () => {
    await fixture.remove();
    await h.close();
  });

  const api = () => request(h.http);
  const create = (body: Record<string, unknown>, who: TestUser = admin) =>
    api().post(`/api/v1/domains/${domainId}/records`).set(who.auth()).send(body);
  const list = async (query = '', who: TestUser = admin) =>
    (
      await api()
        .get(`/api/v1/domains/${domainId}/records?page_size=100${query}`)
        .set(who.auth())
        .expect(200)
    ).body;
  const serial = () => Number(dig(zone, 'SOA').answers[0].data.split(' ')[2]);

  it('creates a record that PowerDNS answers, with a stable id', async () => {
    const res = await create({ name: 'www', type: 'A', content: '192.0.2.10', ttl: 300 }).expect(
      200,
    );
    expect(res.body).toMatchObject({
      name: `www.${zone}.`,
      display_name: 'www',
      type: 'A',
      content: '192.0.2.10',
      ttl: 300,
      disabled: false,
      domain_id: domainId,
    });
    expect(dig(`www.${zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.10']);
    const again = await api()
      .get(`/api/v1/domains/${domainId}/records/${res.body.id}`)
      .set(admin.auth())
      .expect(200);
    expect(again.body).toEqual(res.body);
    expect((await list()).data.map((r: { id: string }) => r.id)).toContain(res.body.id);
  });

  it.each([
    ['A', 'a-type', '192.0.2.1', '192.0.2.1'],
    ['AAAA', 'aaaa-type', '2001:DB8::1', '2001:db8::1'],
    ['MX', 'mx-type', '10 mail.example.com.', '10 mail.example.com.'],
    ['CNAME', 'cname-type', 'target.example.net.', 'target.example.net.'],
    ['TXT', 'txt-type', 'v=spf1 -all', '"v=spf1 -all"'],
    ['NS', 'delegated', 'ns1.example.net.', 'ns1.example.net.'],
    ['SRV', '_sip._tcp', '10 60 5060 sip.example.com.', '10 60 5060 sip.example.com.'],
    ['PTR', 'ptr-type', 'host.example.com.', 'host.example.com.'],
    ['CAA', 'caa-type', '0 issue "letsencrypt.org"', '0 issue "letsencrypt.org"'],
    ['SSHFP', 'sshfp-type', '4 2 ' + 'AB'.repeat(32), '4 2 ' + 'ab'.repeat(32)],
    ['TLSA', '_443._tcp', '3 1 1 ' + 'cd'.repeat(32), '3 1 1 ' + 'cd'.repeat(32)],
    ['DNAME', 'dname-type', 'other.example.net.', 'other.example.net.'],
    [
      'NAPTR',
      'naptr-type',
      '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.',
      '100 10 "S" "SIP+D2U" "" _sip._udp.example.com.',
    ],
    ['DS', 'delegated', '12345 13 2 ' + 'ef'.repeat(32), '12345 13 2 ' + 'ef'.repeat(32)],
  ])('%s: created through the API and answered over DNS', async (type, name, content, answer) => {
    const res = await create({ name, type, content }).expect(200);
    expect(res.body.content).toBe(answer);
    const dug = dig(`${name}.${zone}`, type);
    expect(dug.status).toBe('NOERROR');
    // dig prints long hex in groups and TXT as given: compare without spaces.
    const squash = (v: string) => v.replace(/\s+/g, '').toLowerCase();
    // A delegation (NS below the apex) is answered as a referral, in the authority section.
    const rows = type === 'NS' ? dug.authority : dug.answers;
    expect(rows.map((a) => squash(a.data))).toContain(squash(answer));
  });

  it('ALIAS is stored (PowerDNS resolves it only with a resolver configured)', async () => {
    const res = await create({
      name: 'alias-type',
      type: 'ALIAS',
      content: 'target.example.net.',
    }).expect(200);
    expect(res.body).toMatchObject({ type: 'ALIAS', content: 'target.example.net.' });
  });

  it('SOA and apex NS are managed by the platform', async () => {
    await create({ name: '@', type: 'SOA', content: 'ns1.x. h.x. 1 2 3 4 5' }).expect((r) =>
      expect([400, 403, 409]).toContain(r.status),
    );
    await create({ name: '@', type: 'NS', content: 'ns9.example.net.' }).expect((r) =>
      expect([400, 403, 409]).toContain(r.status),
    );
    await create({ name: '@', type: 'DS', content: '12345 13 2 ' + 'ef'.repeat(32) }).expect((r) =>
      expect([400, 409]).toContain(r.status),
    );
  });

  it('50 concurrent creates on one zone → exactly 50 records, no errors, fewer commits than writes', async () => {
    const before = serial();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        create({ name: 'burst', type: 'A', content: `198.51.100.${i + 1}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const burst = (await list('&name=burst')).data;
    expect(burst).toHaveLength(50);
    expect(new Set(burst.map((r: { content: string }) => r.content)).size).toBe(50);
    expect(dig(`burst.${zone}`, 'A').answers).toHaveLength(50);
    const steps = serial() - before;
    expect(steps).toBeGreaterThanOrEqual(1);
    expect(steps).toBeLessThan(50);
  });

  it('concurrent creates and deletes end consistent', async () => {
    const made = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        create({ name: 'race', type: 'TXT', content: `"keep ${i}"` }).expect(200),
      ),
    );
    await Promise.all([
      ...made
        .slice(0, 5)
        .map((r) =>
          api()
            .delete(`/api/v1/domains/${domainId}/records/${r.body.id}`)
            .set(admin.auth())
            .expect(204),
        ),
      ...Array.from({ length: 5 }, (_, i) =>
        create({ name: 'race', type: 'TXT', content: `"new ${i}"` }).expect(200),
      ),
    ]);
    const race = (await list('&name=race')).data.map((r: { content: string }) => r.content).sort();
    expect(race).toEqual(
      [
        ...['"keep 5"', '"keep 6"', '"keep 7"', '"keep 8"', '"keep 9"'],
        ...[0, 1, 2, 3, 4].map((i) => `"new ${i}"`),
      ].sort(),
    );
    expect(dig(`race.${zone}`, 'TXT').answers).toHaveLength(10);
  });

  it('PATCH changes content, TTL or disabled and keeps the id', async () => {
    const made = await create({
      name: 'patchme',
      type: 'MX',
      content: '10 mail1.example.com.',
    }).expect(200);
    const id = made.body.id as string;
    const changed = await api()
      .patch(`/api/v1/domains/${domainId}/records/${id}`)
      .set(admin.auth())
      .send({ content: '20 mail2.example.com.', ttl: 900 })
      .expect(200);
    expect(changed.body).toMatchObject({ id, content: '20 mail2.example.com.', ttl: 900 });
    expect(dig(`patchme.${zone}`, 'MX').answers).toEqual([
      expect.objectContaining({ data: '20 mail2.example.com.', ttl: 900 }),
    ]);
    const read = await api()
      .get(`/api/v1/domains/${domainId}/records/${id}`)
      .set(admin.auth())
      .expect(200);
    expect(read.body.content).toBe('20 mail2.example.com.');
    await api()
      .patch(`/api/v1/domains/${domainId}/records/${id}`)
      .set(admin.auth())
      .send({ disabled: true })
      .expect(200);
    expect(dig(`patchme.${zone}`, 'MX').answers).toEqual([]);
    const again = await api()
      .patch(`/api/v1/domains/${domainId}/records/${id}`)
      .set(admin.auth())
      .send({ disabled: false, content: '30 mail3.example.com.' })
      .expect(200);
    expect(again.body.id).toBe(id);
    await api()
      .patch(`/api/v1/domains/${domainId}/records/${id}`)
      .set(admin.auth())
      .send({ content: 'not an mx' })
      .expect(400);
  });

  it('a disabled record survives writes to its rrset (PowerDNS hides it from filtered reads)', async () => {
    const first = await create({ name: 'keepdis', type: 'A', content: '192.0.2.71' }).expect(200);
    await api()
      .patch(`/api/v1/domains/${domainId}/records/${first.body.id}`)
      .set(admin.auth())
      .send({ disabled: true })
      .expect(200);
    await create({ name: 'keepdis', type: 'A', content: '192.0.2.72' }).expect(200);
    const rows = (await list('&name=keepdis')).data.map(
      (r: { content: string; disabled: boolean }) => [r.content, r.disabled],
    );
    expect(rows).toEqual([
      ['192.0.2.71', true],
      ['192.0.2.72', false],
    ]);
    expect(dig(`keepdis.${zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.72']);
  });

  it('a CNAME beside an A → 409 with the conflicting records; a duplicate → 409', async () => {
    const res = await create({
      name: 'www',
      type: 'CNAME',
      content: 'elsewhere.example.net.',
    }).expect(409);
    expect(res.body.detail).toMatchObject({
      message: expect.stringMatching(/CNAME/),
      conflicts: [expect.objectContaining({ name: `www.${zone}.`, type: 'A' })],
    });
    await create({ name: 'www', type: 'A', content: '192.0.2.10' }).expect(409);
    await create({ name: '@', type: 'CNAME', content: 'elsewhere.example.net.' }).expect(409);
  });

  it('bad input is 400 with the field, never 500 and never half written', async () => {
    for (const body of [
      { name: 'mx', type: 'MX', content: 'mail.example.com.' },
      { name: 'a', type: 'A', content: '999.1.1.1' },
      { name: 'a', type: 'A', content: '192.0.2.1', ttl: 5 },
      { name: 'x.other.org.', type: 'A', content: '192.0.2.1' },
      { name: 'mx', type: 'MX', content: '10 192.0.2.1' },
    ]) {
      const res = await create(body).expect(400);
      expect(res.body.detail).toMatchObject({
        field: expect.any(String),
        message: expect.any(String),
      });
    }
    await create({ name: 'a', type: 'BOGUS', content: 'x' }).expect(422);
    expect(dig(`mx.${zone}`, 'MX').answers).toEqual([]);
  });

  it('SOA and apex NS are listed only with include_system and cannot be deleted', async () => {
    expect((await list()).data.some((r: { type: string }) => r.type === 'SOA')).toBe(false);
    const system = (await list('&include_system=true')).data.filter(
      (r: { type: string }) => r.type === 'SOA' || r.type === 'NS',
    );
    expect(system.length).toBeGreaterThanOrEqual(2);
    const ns = system.find(
      (r: { type: string; display_name: string }) => r.type === 'NS' && r.display_name === '@',
    );
    await api()
      .delete(`/api/v1/domains/${domainId}/records/${ns.id}`)
      .set(admin.auth())
      .expect(403);
  });

  it('record_editor may create but not delete; a grant for *.dev / A touches nothing else', async () => {
    // Two more users of the zone's tenant.
    const [editor, granted] = await Promise.all(
      [0, 1].map(() =>
        signIn(h, h.standIn.directory.addUser({ tenant_id: admin.record.tenant_id })),
      ),
    );
    await grantSystemRole(h, { id: editor.id, tenantId: admin.tenantId }, 'record_editor');
    const created = await create({ name: 'ed', type: 'A', content: '192.0.2.50' }, editor).expect(
      200,
    );
    await api()
      .delete(`/api/v1/domains/${domainId}/records/${created.body.id}`)
      .set(editor.auth())
      .expect(403);

    const repo = h.dataSource.getRepository(AccessGrant);
    await repo.save(
      repo.create({
        tenantId: admin.tenantId,
        domainId,
        granteeType: 'user',
        granteeId: granted.id,
        roleId: SYSTEM_ROLE_IDS.domain_admin,
        recordPattern: '*.dev',
        recordTypes: ['A'],
      }),
    );
    await h.app.get(AccessService).invalidateAll();
    await create({ name: 'api.dev', type: 'A', content: '192.0.2.60' }, granted).expect(200);
    await create({ name: 'www', type: 'A', content: '192.0.2.61' }, granted).expect(403);
    await create({ name: 'api.dev', type: 'TXT', content: '"no"' }, granted).expect(403);
    const seen = (await list('', granted)).data;
    expect(seen.length).toBeGreaterThan(0);
    expect(
      seen.every(
        (r: { display_name: string; type: string }) =>
          r.display_name.endsWith('.dev') && r.type === 'A',
      ),
    ).toBe(true);
    const www = (await list('&name=www')).data[0];
    await api()
      .delete(`/api/v1/domains/${domainId}/records/${www.id}`)
      .set(granted.auth())
      .expect(404);
  });

  it('a bulk with one bad record writes nothing; continue_on_error writes the rest', async () => {
    const bad = await api()
      .post(`/api/v1/domains/${domainId}/records/bulk`)
      .set(admin.auth())
      .send({
        records: [
          { name: 'b1', type: 'A', content: '192.0.2.81' },
          { name: 'b2', type: 'A', content: 'nope' },
          { name: 'b3', type: 'TXT', content: 'hello' },
        ],
      })
      .expect(400);
    expect(bad.body.detail.errors).toEqual([
      expect.objectContaining({ index: 1, field: 'content' }),
    ]);
    expect(dig(`b1.${zone}`, 'A').answers).toEqual([]);
    const partial = await api()
      .post(`/api/v1/domains/${domainId}/records/bulk`)
      .set(admin.auth())
      .send({
        continue_on_error: true,
        records: [
          { name: 'b1', type: 'A', content: '192.0.2.81' },
          { name: 'b2', type: 'A', content: 'nope' },
          { name: 'www', type: 'CNAME', content: 'x.example.net.' },
          { name: 'b3', type: 'TXT', content: 'hello' },
        ],
      })
      .expect(200);
    expect(partial.body).toMatchObject({ total_created: 2, total_errors: 2 });
    expect(partial.body.errors.map((e: { index: number }) => e.index)).toEqual([1, 2]);
    expect(dig(`b1.${zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.81']);
    expect(dig(`b3.${zone}`, 'TXT').answers.map((a) => a.data)).toEqual(['"hello"']);

    const ids = partial.body.records.map((r: { id: string }) => r.id);
    await api()
      .post(`/api/v1/domains/${domainId}/records/bulk-delete`)
      .set(admin.auth())
      .send({ record_ids: [...ids, '00000000-0000-4000-8000-000000000000'] })
      .expect(404);
    expect(dig(`b1.${zone}`, 'A').answers).toHaveLength(1);
    const deleted = await api()
      .post(`/api/v1/domains/${domainId}/records/bulk-delete`)
      .set(admin.auth())
      .send({ record_ids: ids })
      .expect(200);
    expect(deleted.body).toEqual({ total_deleted: 2 });
    expect(dig(`b1.${zone}`, 'A').answers).toEqual([]);
    const tooMany = Array.from({ length: 1001 }, (_, i) => ({
      name: `n${i}`,
      type: 'A',
      content: '192.0.2.1',
    }));
    await api()
      .post(`/api/v1/domains/${domainId}/records/bulk`)
      .set(admin.auth())
      .send({ records: tooMany })
      .expect(413);
  });

  it('search finds records by name or content, in this zone and across the zones the caller may read', async () => {
    await create({ name: 'findme', type: 'TXT', content: '"needle-in-zone"' }).expect(200);
    const inZone = await api()
      .post(`/api/v1/domains/${domainId}/records/search`)
      .set(admin.auth())
      .send({ query: 'findme' })
      .expect(200);
    expect(inZone.body.data).toEqual([
      expect.objectContaining({ display_name: 'findme', type: 'TXT', zone }),
    ]);
    const byContent = await api()
      .post('/api/v1/records/search')
      .set(admin.auth())
      .send({ query: 'needle-in', type: 'TXT' })
      .expect(200);
    expect(byContent.body.data.map((r: { domain_id: string }) => r.domain_id)).toEqual([domainId]);
    const listed = (await list('&name=findme')).data[0];
    expect(byContent.body.data[0].id).toBe(listed.id);
    const [stranger] = await newTenant(h, 1);
    await grantSystemRole(h, stranger, 'tenant_admin');
    const theirs = await api()
      .post('/api/v1/records/search')
      .set(stranger.auth())
      .send({ query: 'needle-in' })
      .expect(200);
    expect(theirs.body).toEqual({ data: [], total: 0 });
    await api().post('/api/v1/records/search').set(admin.auth()).send({ query: 'x' }).expect(422);
  });

  it('every change is audited with its actor', async () => {
    const made = await create({ name: 'audited', type: 'AAAA', content: '2001:DB8::1' }).expect(
      200,
    );
    expect(made.body.content).toBe('2001:db8::1');
    await api()
      .delete(`/api/v1/domains/${domainId}/records/${made.body.id}`)
      .set(admin.auth())
      .expect(204);
    const entries = await h.dataSource
      .getRepository(AuditLog)
      .find({ where: { resourceId: made.body.id }, order: { timestamp: 'ASC' } });
    expect(entries.map((e) => [e.action, e.actorId])).toEqual([
      ['record.create', admin.id],
      ['record.delete', admin.id],
    ]);
  });

  it("another tenant gets 404 on the zone's records", async () => {
    const [stranger] = await newTenant(h, 1);
    await grantSystemRole(h, stranger, 'tenant_admin');
    await api().get(`/api/v1/domains/${domainId}/records`).set(stranger.auth()).expect(404);
    await create({ name: 'x', type: 'A', content: '192.0.2.1' }, stranger).expect(404);
  });
});
