import { AuditLog, Domain } from '@app/core';
import request from 'supertest';
import { dig } from './support/dig';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

describe('reverse zones (e2e, PTRs answered by PowerDNS)', () => {
  let h: IdentityHarness;
  let admin: TestUser;
  const zones = new Map<string, string>();

  beforeAll(async () => {
    h = await startIdentityHarness();
    [admin] = await newTenant(h, 1);
    await grantSystemRole(h, admin, 'tenant_admin');
    // Active at once; the pending path is tested below with an admin who must validate.
    await grantSystemRole(h, admin, 'validation_bypass');
    // The networks of the issue are shared by every run: clear what an earlier run left behind.
    const stale = await h.dataSource.getRepository(Domain).find({
      where: [
        { cidr: '192.0.2.0/24' },
        { cidr: '198.51.100.64/26' },
        { cidr: '2001:db8:1234::/48' },
      ],
    });
    for (const d of stale) await h.dataSource.getRepository(Domain).delete({ id: d.id });
  });

  afterAll(async () => {
    for (const id of zones.values()) {
      await request(h.http).delete(`/api/v1/domains/${id}?hard=true`).set(admin.auth());
    }
    await h.close();
  });

  const api = () => request(h.http);

  it.each([
    ['192.0.2.0/24', '2.0.192.in-addr.arpa', '192.0.2.0', '192.0.2.255', '256', 'reverse_ipv4'],
    [
      '198.51.100.64/26',
      '64/26.100.51.198.in-addr.arpa',
      '198.51.100.64',
      '198.51.100.127',
      '64',
      'reverse_ipv4',
    ],
    ['10.0.0.0/8', '10.in-addr.arpa', '10.0.0.0', '10.255.255.255', '16777216', 'reverse_ipv4'],
    [
      '2001:db8:1234::/48',
      '4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
      '2001:db8:1234::',
      '2001:db8:1234:ffff:ffff:ffff:ffff:ffff',
      '1208925819614629174706176',
      'reverse_ipv6',
    ],
  ])('preview %s', async (cidr, zone, start, end, count, type) => {
    const res = await api()
      .post('/api/v1/reverse-zones/preview')
      .set(admin.auth())
      .send({ cidr })
      .expect(200);
    expect(res.body).toMatchObject({
      zone_name: zone,
      start_ip: start,
      end_ip: end,
      ip_count: count,
      domain_type: type,
    });
  });

  it.each(['192.0.2.0/20', '2001:db8::/47', '192.0.2.1/24', 'garbage', '10.0.0.0/33'])(
    'refuses %s with a reason',
    async (cidr) => {
      const res = await api()
        .post('/api/v1/reverse-zones/preview')
        .set(admin.auth())
        .send({ cidr })
        .expect(400);
      expect(res.body.detail).toMatch(/CIDR|prefix|host bits/i);
    },
  );

  it.each([
    ['192.0.2.0/24', '192.0.2.10', 'host10.example.com', '10.2.0.192.in-addr.arpa'],
    [
      '198.51.100.64/26',
      '198.51.100.70',
      'classless.example.com.',
      '70.64/26.100.51.198.in-addr.arpa',
    ],
    [
      '2001:db8:1234::/48',
      '2001:db8:1234::1',
      'v6host.example.com',
      '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.4.3.2.1.8.b.d.0.1.0.0.2.ip6.arpa',
    ],
  ])('%s: create the zone and a PTR that answers over DNS', async (cidr, ip, hostname, owner) => {
    const created = await api()
      .post('/api/v1/reverse-zones/')
      .set(admin.auth())
      .send({ cidr, default_ttl: 600 })
      .expect(200);
    expect(created.body).toMatchObject({
      status: 'active',
      cidr,
      domain_type: cidr.includes(':') ? 'reverse_ipv6' : 'reverse_ipv4',
    });
    const id = created.body.id as string;
    zones.set(cidr, id);
    const ptr = await api()
      .post(`/api/v1/reverse-zones/${id}/ptr`)
      .set(admin.auth())
      .send({ ip, hostname })
      .expect(200);
    expect(ptr.body).toMatchObject({
      ip,
      hostname: hostname.replace(/\.?$/, '.'),
      ttl: 600,
      name: `${owner}.`,
    });
    const answer = dig(owner, 'PTR');
    expect(answer.status).toBe('NOERROR');
    expect(answer.flags).toContain('aa');
    expect(answer.answers.map((a) => a.data)).toEqual([hostname.replace(/\.?$/, '.')]);
    const listed = await api().get(`/api/v1/reverse-zones/${id}/ptr`).set(admin.auth()).expect(200);
    expect(listed.body).toMatchObject({
      data: [{ id: expect.any(String), ip, hostname: hostname.replace(/\.?$/, '.'), ttl: 600 }],
      total: 1,
      page: 1,
      page_size: 50,
    });
    // The PTR's id is its record's id.
    const records = await api()
      .get(`/api/v1/domains/${id}/records?type=PTR`)
      .set(admin.auth())
      .expect(200);
    expect(records.body.data.map((r: { id: string }) => r.id)).toEqual([listed.body.data[0].id]);
    const lookup = await api()
      .get(`/api/v1/reverse-zones/lookup/${ip}`)
      .set(admin.auth())
      .expect(200);
    expect(lookup.body).toMatchObject({
      ip,
      domain_id: id,
      hostname: hostname.replace(/\.?$/, '.'),
    });
  });

  it('an IP outside the CIDR → 400; a hostname that is not an FQDN → 400', async () => {
    const id = zones.get('198.51.100.64/26') as string;
    const outside = await api()
      .post(`/api/v1/reverse-zones/${id}/ptr`)
      .set(admin.auth())
      .send({ ip: '198.51.100.10', hostname: 'x.example.com' })
      .expect(400);
    expect(outside.body.detail).toMatch(/outside 198.51.100.64\/26/);
    await api()
      .post(`/api/v1/reverse-zones/${id}/ptr`)
      .set(admin.auth())
      .send({ ip: '198.51.100.71', hostname: 'localhost' })
      .expect(400);
    await api()
      .post(`/api/v1/reverse-zones/${id}/ptr`)
      .set(admin.auth())
      .send({ ip: '198.51.100.71', hostname: '192.0.2.1' })
      .expect(400);
  });

  it('bulk is atomic: one bad record writes nothing; a good batch writes all', async () => {
    const id = zones.get('192.0.2.0/24') as string;
    const bad = await api()
      .post(`/api/v1/reverse-zones/${id}/ptr/bulk`)
      .set(admin.auth())
      .send({
        records: [
          { ip: '192.0.2.20', hostname: 'a.example.com' },
          { ip: '203.0.113.1', hostname: 'b.example.com' },
        ],
      })
      .expect(400);
    expect(bad.body.detail).toMatch(/records\[1\]/);
    expect(dig('20.2.0.192.in-addr.arpa', 'PTR').answers).toEqual([]);
    await api()
      .post(`/api/v1/reverse-zones/${id}/ptr/bulk`)
      .set(admin.auth())
      .send({
        records: [
          { ip: '192.0.2.20', hostname: 'a.example.com' },
          { ip: '192.0.2.21', hostname: 'b.example.com', ttl: 120 },
        ],
      })
      .expect(200);
    expect(dig('20.2.0.192.in-addr.arpa', 'PTR').answers[0].data).toBe('a.example.com.');
    expect(dig('21.2.0.192.in-addr.arpa', 'PTR').answers[0]).toMatchObject({
      data: 'b.example.com.',
      ttl: 120,
    });
  });

  it('GET .../ptr pages {data: [{id, ip, hostname, ttl}], total, page, page_size} and searches IP or host', async () => {
    const id = zones.get('192.0.2.0/24') as string;
    const all = await api().get(`/api/v1/reverse-zones/${id}/ptr`).set(admin.auth()).expect(200);
    expect(all.body.total).toBe(3);
    for (const item of all.body.data) {
      expect(item).toEqual({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        ip: expect.any(String),
        hostname: expect.any(String),
        ttl: expect.any(Number),
        name: expect.stringMatching(/\.in-addr\.arpa\.$/),
      });
    }
    const byHost = await api()
      .get(`/api/v1/reverse-zones/${id}/ptr?search=B.EXAMPLE`)
      .set(admin.auth())
      .expect(200);
    expect(byHost.body).toMatchObject({
      data: [{ ip: '192.0.2.21', hostname: 'b.example.com.', ttl: 120 }],
      total: 1,
    });
    const byIp = await api()
      .get(`/api/v1/reverse-zones/${id}/ptr?search=192.0.2.2`)
      .set(admin.auth())
      .expect(200);
    expect(byIp.body.data.map((p: { ip: string }) => p.ip).sort()).toEqual([
      '192.0.2.20',
      '192.0.2.21',
    ]);
    const second = await api()
      .get(`/api/v1/reverse-zones/${id}/ptr?page=2&page_size=2`)
      .set(admin.auth())
      .expect(200);
    expect(second.body).toMatchObject({ total: 3, page: 2, page_size: 2 });
    expect(second.body.data).toHaveLength(1);
  });

  it('GET /reverse-zones/?search= matches part of the zone name or the network', async () => {
    const byNetwork = await api()
      .get('/api/v1/reverse-zones/?search=198.51.100')
      .set(admin.auth())
      .expect(200);
    expect(byNetwork.body.data.map((d: { cidr: string }) => d.cidr)).toEqual(['198.51.100.64/26']);
    expect(byNetwork.body.total).toBe(1);
    const byName = await api()
      .get('/api/v1/reverse-zones?search=2.0.192.in-addr')
      .set(admin.auth())
      .expect(200);
    expect(byName.body.data.map((d: { name: string }) => d.name)).toEqual(['2.0.192.in-addr.arpa']);
    const none = await api().get('/api/v1/reverse-zones/?search=%25').set(admin.auth()).expect(200);
    expect(none.body).toMatchObject({ data: [], total: 0 });
  });

  it('delete a PTR; deleting it again is 404', async () => {
    const id = zones.get('192.0.2.0/24') as string;
    await api().delete(`/api/v1/reverse-zones/${id}/ptr/192.0.2.21`).set(admin.auth()).expect(204);
    expect(dig('21.2.0.192.in-addr.arpa', 'PTR').answers).toEqual([]);
    await api().delete(`/api/v1/reverse-zones/${id}/ptr/192.0.2.21`).set(admin.auth()).expect(404);
    await api().get('/api/v1/reverse-zones/lookup/192.0.2.21').set(admin.auth()).expect(404);
  });

  it('the zone list holds the reverse zones; an overlapping network of another tenant is refused', async () => {
    const list = await api().get('/api/v1/reverse-zones/').set(admin.auth()).expect(200);
    expect(list.body.data.map((d: { cidr: string }) => d.cidr)).toEqual(
      expect.arrayContaining([...zones.keys()]),
    );
    const [other] = await newTenant(h, 1);
    await grantSystemRole(h, other, 'tenant_admin');
    const res = await api()
      .post('/api/v1/reverse-zones/')
      .set(other.auth())
      .send({ cidr: '198.51.100.96/27' })
      .expect(409);
    expect(res.body.detail).toBe('Domain overlaps a zone that belongs to another tenant');
    const id = zones.get('192.0.2.0/24') as string;
    for (const probe of [
      api().get(`/api/v1/reverse-zones/${id}/ptr`),
      api()
        .post(`/api/v1/reverse-zones/${id}/ptr`)
        .send({ ip: '192.0.2.5', hostname: 'x.example.com' }),
      api().delete(`/api/v1/reverse-zones/${id}/ptr/192.0.2.20`),
    ]) {
      expect((await probe.set(other.auth())).status).toBe(404);
    }
    await api().get('/api/v1/reverse-zones/lookup/192.0.2.20').set(other.auth()).expect(404);
  });

  it('every PTR change is audited', async () => {
    const id = zones.get('192.0.2.0/24') as string;
    const actions = (
      await h.dataSource
        .getRepository(AuditLog)
        .find({ where: { resourceId: id }, order: { timestamp: 'ASC' } })
    ).map((e) => e.action);
    expect(actions).toEqual([
      'domain.create',
      'domain.validation.success',
      'record.create',
      'record.bulk_create',
      'record.delete',
    ]);
  });

  it('without validation bypass a reverse zone waits for validation: PTRs stored, served once active', async () => {
    const [owner] = await newTenant(h, 1);
    await grantSystemRole(h, owner, 'tenant_admin');
    const now = Date.now();
    const net = `10.${Math.floor(now / 1000) % 250}.${(now % 200) + 30}`;
    const created = await api()
      .post('/api/v1/reverse-zones/')
      .set(owner.auth())
      .send({ cidr: `${net}.0/24` })
      .expect(200);
    const zoneName = `${net.split('.').reverse().join('.')}.in-addr.arpa`;
    expect(created.body).toMatchObject({ status: 'pending_validation', name: zoneName });
    expect(created.body.validation.dns_record.name).toBe(`_scaidns-verify.${zoneName}`);
    const id = created.body.id as string;
    try {
      await api()
        .post(`/api/v1/reverse-zones/${id}/ptr`)
        .set(owner.auth())
        .send({ ip: `${net}.9`, hostname: 'nine.example.com' })
        .expect(200);
      const listed = await api()
        .get(`/api/v1/reverse-zones/${id}/ptr`)
        .set(owner.auth())
        .expect(200);
      expect(JSON.stringify(listed.body)).toContain('nine.example.com.');
      expect(dig(`9.${zoneName}`, 'PTR').status).toBe('REFUSED');
      // Validated (here by someone who may bypass): the PTR answers.
      await grantSystemRole(h, owner, 'validation_bypass');
      await api().post(`/api/v1/domains/${id}/validation/check`).set(owner.auth()).expect(200);
      expect(dig(`9.${zoneName}`, 'PTR').answers.map((a) => a.data)).toEqual(['nine.example.com.']);
    } finally {
      await api().delete(`/api/v1/domains/${id}?hard=true`).set(owner.auth());
    }
  });
});
