import { AuditLog, DnssecKey } from '@app/core';
import request from 'supertest';
import { dig } from './support/dig';
import { type DsDto, delv, digDnssec } from './support/dnssec';
import {
  grantSystemRole,
  type IdentityHarness,
  newActiveZone,
  newTenant,
  startIdentityHarness,
  type TestUser,
  type ZoneFixture,
} from './support/identity';

interface KeyDto {
  key_tag: number;
  active: boolean;
  published: boolean;
  state: string;
  dnskey: string;
}

describe('DNSSEC (e2e, real PowerDNS, validated with delv)', () => {
  let h: IdentityHarness;
  let parent: ZoneFixture;
  let admin: TestUser;
  let child: { id: string; zone: string };
  /** The parent's own DS: the trust anchor every delv here starts from. */
  let anchor: { zone: string; ds: DsDto };
  let childDs: DsDto;
  let parentDsRecordId: string;
  const saved = { ...process.env };

  beforeAll(async () => {
    // The parent's DS is asked of PowerDNS itself, which serves the parent zone.
    process.env.VALIDATION_RESOLVERS = '127.0.0.1:5300';
    process.env.VALIDATION_DNS_TIMEOUT_MS = '1000';
    h = await startIdentityHarness();
    parent = await newActiveZone(h, 'dsp');
    admin = parent.admin;
    const created = await api()
      .post('/api/v1/domains')
      .set(admin.auth())
      .send({ name: `c.${parent.zone}` })
      .expect(200);
    child = { id: created.body.id, zone: `c.${parent.zone}` };
    const signed = await api()
      .post(`/api/v1/domains/${parent.domainId}/dnssec/enable`)
      .set(admin.auth())
      .send({})
      .expect(200);
    anchor = { zone: parent.zone, ds: signed.body.ds_records[0] };
    // The delegation of the child in its parent, without a DS yet.
    await api()
      .post(`/api/v1/domains/${parent.domainId}/records`)
      .set(admin.auth())
      .send({ name: 'c', type: 'NS', content: `ns1.${parent.zone}.`, ttl: 300 })
      .expect(200);
    await api()
      .post(`/api/v1/domains/${child.id}/records`)
      .set(admin.auth())
      .send({ name: 'www', type: 'A', content: '192.0.2.80', ttl: 300 })
      .expect(200);
  });

  afterAll(async () => {
    await api().delete(`/api/v1/domains/${child.id}?hard=true`).set(admin.auth());
    await parent.remove();
    await h.close();
    process.env = saved;
  });

  const api = () => request(h.http);
  const dnssec = (id: string) => api().get(`/api/v1/domains/${id}/dnssec`).set(admin.auth());
  const action = (id: string, what: string, body: object = {}) =>
    api().post(`/api/v1/domains/${id}/dnssec/${what}`).set(admin.auth()).send(body);

  it('an unsigned zone: disabled, no keys', async () => {
    const res = await dnssec(child.id).expect(200);
    expect(res.body).toEqual({
      enabled: false,
      status: 'disabled',
      algorithm: null,
      ksk: [],
      zsk: [],
      ds_records: [],
      next_step: null,
    });
    expect(delv(anchor, `www.${child.zone}`, 'A')).toContain('; unsigned answer');
  });

  it('refuses algorithms outside 8, 10, 13, 14, 15 (400) and malformed ones (422)', async () => {
    const bad = await action(child.id, 'enable', { algorithm: 7 }).expect(400);
    expect(bad.body.detail).toMatch(/Unsupported algorithm 7: use one of 8, 10, 13, 14, 15/);
    await action(child.id, 'enable', { algorithm: 'thirteen' }).expect(422);
    expect((await dnssec(child.id).expect(200)).body.enabled).toBe(false);
  });

  it('a pending zone cannot be signed (409)', async () => {
    const [other] = await newTenant(h, 1);
    await grantSystemRole(h, other, 'tenant_admin');
    const pending = await api()
      .post('/api/v1/domains')
      .set(other.auth())
      .send({ name: `pend${Date.now().toString(36)}.example.com` });
    expect(pending.body.status).toBe('pending_validation');
    const res = await api()
      .post(`/api/v1/domains/${pending.body.id}/dnssec/enable`)
      .set(other.auth())
      .send({})
      .expect(409);
    expect(res.body.detail).toMatch(/pending_validation/);
    await api().delete(`/api/v1/domains/${pending.body.id}?hard=true`).set(other.auth());
  });

  it('enable: KSK and ZSK, one SHA-256 DS, pending_ds; unsigned at the parent until the DS is there', async () => {
    const res = await action(child.id, 'enable', { algorithm: 13 }).expect(200);
    expect(res.body).toMatchObject({
      domain_id: child.id,
      action: 'enable',
      enabled: true,
      status: 'pending_ds',
      algorithm: 13,
    });
    expect(res.body.ksk).toEqual([
      expect.objectContaining({ key_type: 'KSK', algorithm: 13, active: true, published: true }),
    ]);
    expect(res.body.zsk).toEqual([
      expect.objectContaining({ key_type: 'ZSK', algorithm: 13, active: true, published: true }),
    ]);
    expect(res.body.ds_records).toEqual([
      {
        key_tag: res.body.ksk[0].key_tag,
        algorithm: 13,
        digest_type: 2,
        digest: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
    ]);
    childDs = res.body.ds_records[0];
    expect((await dnssec(child.id).expect(200)).body).toMatchObject({
      enabled: true,
      status: 'pending_ds',
      ds_records: [childDs],
    });
    await action(child.id, 'enable', {}).expect(409);

    // PowerDNS serves the two DNSKEYs and signs with them; the parent has no DS yet: insecure.
    const keys = dig(child.zone, 'DNSKEY').answers.map((a) => a.data.split(' ')[0]);
    expect(keys.sort()).toEqual(['256', '257']);
    expect(dig(child.zone, 'CDS').answers.map((a) => a.data)).toEqual([
      expect.stringMatching(new RegExp(`^${childDs.key_tag} 13 2 `)),
    ]);
    expect(delv(anchor, `www.${child.zone}`, 'A')).toContain('; unsigned answer');

    const domain = await api().get(`/api/v1/domains/${child.id}`).set(admin.auth()).expect(200);
    expect(domain.body).toMatchObject({ dnssec_enabled: true, dnssec_status: 'pending_ds' });
    const signedList = await api()
      .get(`/api/v1/domains?dnssec_enabled=true&search=${child.zone}`)
      .set(admin.auth())
      .expect(200);
    expect(signedList.body.data.map((d: { id: string }) => d.id)).toEqual([child.id]);
    const unsignedList = await api()
      .get(`/api/v1/domains?dnssec_enabled=false&search=${child.zone}`)
      .set(admin.auth())
      .expect(200);
    expect(unsignedList.body.data).toEqual([]);
  });

  it('validates through the parent once the DS is there; confirm-ds-published makes it active', async () => {
    const ds = await api()
      .post(`/api/v1/domains/${parent.domainId}/records`)
      .set(admin.auth())
      .send({
        name: 'c',
        type: 'DS',
        content: `${childDs.key_tag} 13 2 ${childDs.digest}`,
        ttl: 300,
      })
      .expect(200);
    parentDsRecordId = ds.body.id;
    expect(delv(anchor, `www.${child.zone}`, 'A')).toContain('; fully validated');

    const res = await action(child.id, 'confirm-ds-published').expect(200);
    expect(res.body).toMatchObject({ action: 'confirm-ds-published', status: 'active' });
    expect(res.body.ksk[0].ds_seen_at).toEqual(expect.any(String));
    await action(child.id, 'confirm-ds-published').expect(409);
  });

  it('every write after signing validates: new names, changes, empty non-terminals, deletions', async () => {
    const created = await api()
      .post(`/api/v1/domains/${child.id}/records`)
      .set(admin.auth())
      .send({ name: 'new', type: 'A', content: '192.0.2.81', ttl: 300 })
      .expect(200);
    expect(delv(anchor, `new.${child.zone}`, 'A')).toMatch(/fully validated[\s\S]*192\.0\.2\.81/);

    await api()
      .post(`/api/v1/domains/${child.id}/records`)
      .set(admin.auth())
      .send({ name: 'a.b', type: 'TXT', content: '"deep"', ttl: 300 })
      .expect(200);
    // b is an empty non-terminal: NOERROR without data (a rectified zone proves it), validated.
    expect(dig(`b.${child.zone}`, 'A').status).toBe('NOERROR');
    expect(delv(anchor, `b.${child.zone}`, 'A')).toMatch(/fully validated/);
    expect(delv(anchor, `b.${child.zone}`, 'A')).not.toMatch(/NXDOMAIN/);
    expect(delv(anchor, `a.b.${child.zone}`, 'TXT')).toMatch(/fully validated[\s\S]*"deep"/);

    await api()
      .patch(`/api/v1/domains/${child.id}/records/${created.body.id}`)
      .set(admin.auth())
      .send({ content: '192.0.2.82' })
      .expect(200);
    expect(delv(anchor, `new.${child.zone}`, 'A')).toMatch(/fully validated[\s\S]*192\.0\.2\.82/);

    await api()
      .delete(`/api/v1/domains/${child.id}/records/${created.body.id}`)
      .set(admin.auth())
      .expect(204);
    expect(dig(`new.${child.zone}`, 'A').status).toBe('NXDOMAIN');
    const gone = delv(anchor, `new.${child.zone}`, 'A');
    expect(gone).toContain('; negative response, fully validated');
    expect(gone).toContain('NXDOMAIN');
  });

  it('export leaves out what PowerDNS generates; import refuses DNSSEC records', async () => {
    const exported = await api()
      .get(`/api/v1/domains/${child.id}/export?format=csv`)
      .set(admin.auth())
      .expect(200);
    expect(exported.text).toContain('192.0.2.80');
    expect(exported.text).not.toMatch(/\b(DNSKEY|RRSIG|NSEC3?|NSEC3PARAM|CDS|CDNSKEY)\b/);

    const dnskey = dig(child.zone, 'DNSKEY').answers[0].data;
    for (const [type, content] of [
      ['DNSKEY', dnskey],
      ['RRSIG', 'A 13 3 300 20261210000000 20261119000000 12345 x. AAAA'],
      ['NSEC', `www.${child.zone}. A RRSIG NSEC`],
      ['NSEC3', '1 0 0 - ABCD A'],
      ['CDS', '0 0 0 00'],
    ]) {
      const res = await api()
        .post(`/api/v1/domains/${child.id}/import`)
        .set(admin.auth())
        .send({ format: 'bind', content: `$ORIGIN ${child.zone}.\nx 300 IN ${type} ${content}\n` })
        .expect(400);
      expect(JSON.stringify(res.body)).toMatch(/generated by PowerDNS for signed zones/);
    }
  });

  it('soft delete keeps the keys: restore validates against the original DS', async () => {
    const before = (await dnssec(child.id).expect(200)).body;
    await api().delete(`/api/v1/domains/${child.id}`).set(admin.auth()).expect(204);
    // Withheld: PowerDNS no longer answers for the child (only the parent's referral is left).
    const withheld = dig(`www.${child.zone}`, 'A');
    expect(withheld.flags).not.toContain('aa');
    expect(withheld.answers).toEqual([]);
    await api().post(`/api/v1/domains/${child.id}/restore`).set(admin.auth()).expect(200);

    const after = (await dnssec(child.id).expect(200)).body;
    expect(after.ds_records).toEqual([childDs]);
    expect(after.ksk.map((k: KeyDto) => k.dnskey)).toEqual(before.ksk.map((k: KeyDto) => k.dnskey));
    expect(after.zsk.map((k: KeyDto) => k.dnskey)).toEqual(before.zsk.map((k: KeyDto) => k.dnskey));
    expect(delv(anchor, `www.${child.zone}`, 'A')).toMatch(/fully validated[\s\S]*192\.0\.2\.80/);
  });

  it('rotate-zsk pre-publishes a new ZSK (not signing), the zone still validates', async () => {
    const res = await action(child.id, 'rotate-zsk').expect(200);
    expect(res.body.status).toBe('rotating_zsk');
    const incoming = res.body.zsk.find((k: KeyDto) => k.state === 'incoming');
    expect(incoming).toMatchObject({
      active: false,
      published: true,
      next_step_at: expect.any(String),
    });
    expect(res.body.zsk.filter((k: KeyDto) => k.active)).toHaveLength(1);
    expect(
      dig(child.zone, 'DNSKEY')
        .answers.map((a) => a.data.split(' ')[0])
        .sort(),
    ).toEqual(['256', '256', '257']);
    expect(digDnssec(`www.${child.zone}`, 'A')).not.toContain(
      ` ${incoming.key_tag} ${child.zone}.`,
    );
    expect(delv(anchor, `www.${child.zone}`, 'A')).toContain('; fully validated');
    await action(child.id, 'rotate-zsk').expect(409);
    await action(child.id, 'rotate-ksk').expect(409);
  });

  it('rotate-ksk publishes a second KSK: both DS shown and as CDS, the old DS still validates', async () => {
    // The parent zone (its own DS never published anywhere) is confirmed by its owner's word.
    const confirmed = await action(parent.domainId, 'confirm-ds-published').expect(200);
    expect(confirmed.body.status).toBe('active');
    const res = await action(parent.domainId, 'rotate-ksk').expect(200);
    expect(res.body.status).toBe('rotating_ksk');
    expect(res.body.ds_records).toHaveLength(2);
    expect(res.body.ds_records).toContainEqual(anchor.ds);
    expect(res.body.ds_records.every((d: DsDto) => d.digest_type === 2)).toBe(true);
    expect(dig(parent.zone, 'CDS').answers).toHaveLength(2);
    expect(delv(anchor, `c.${parent.zone}`, 'DS')).toContain('; fully validated');
    expect(delv(anchor, `www.${child.zone}`, 'A')).toContain('; fully validated');
    // The new DS is "published" (the parent has no parent here): the roll now waits for the worker.
    const after = await action(parent.domainId, 'confirm-ds-published').expect(200);
    const incoming = after.body.ksk.find((k: KeyDto) => k.state === 'incoming');
    expect(incoming).toMatchObject({
      ds_seen_at: expect.any(String),
      next_step_at: expect.any(String),
    });
  });

  it('disable: 409 while the parent publishes the DS (and CDS delete records appear); then unsigned', async () => {
    const refused = await action(child.id, 'disable').expect(409);
    expect(refused.body.detail).toMatch(/parent zone still publishes a DS/);
    expect(dig(child.zone, 'CDS').answers.map((a) => a.data)).toEqual(['0 0 0 00']);
    expect(dig(child.zone, 'CDNSKEY').answers.map((a) => a.data)).toEqual(['0 3 0 AA==']);
    expect((await dnssec(child.id).expect(200)).body.enabled).toBe(true);
    expect(delv(anchor, `www.${child.zone}`, 'A')).toContain('; fully validated');

    await api()
      .delete(`/api/v1/domains/${parent.domainId}/records/${parentDsRecordId}`)
      .set(admin.auth())
      .expect(204);
    const res = await action(child.id, 'disable').expect(200);
    expect(res.body).toMatchObject({ action: 'disable', enabled: false, status: 'disabled' });
    expect(dig(child.zone, 'DNSKEY').answers).toEqual([]);
    expect(digDnssec(`www.${child.zone}`, 'A')).not.toContain('RRSIG');
    expect(delv(anchor, `www.${child.zone}`, 'A')).toContain('; unsigned answer');
    expect(await h.dataSource.getRepository(DnssecKey).countBy({ domainId: child.id })).toBe(0);
    await action(child.id, 'disable').expect(409);
  });

  it('force disables although the parent still publishes a DS', async () => {
    await action(child.id, 'enable', { algorithm: 15 }).expect(200);
    const ds = (await dnssec(child.id).expect(200)).body.ds_records[0] as DsDto;
    const rec = await api()
      .post(`/api/v1/domains/${parent.domainId}/records`)
      .set(admin.auth())
      .send({ name: 'c', type: 'DS', content: `${ds.key_tag} 15 2 ${ds.digest}`, ttl: 300 })
      .expect(200);
    expect(delv(anchor, `www.${child.zone}`, 'A')).toContain('; fully validated');
    await action(child.id, 'disable').expect(409);
    await action(child.id, 'disable', { force: true }).expect(200);
    expect(dig(child.zone, 'DNSKEY').answers).toEqual([]);
    await api()
      .delete(`/api/v1/domains/${parent.domainId}/records/${rec.body.id}`)
      .set(admin.auth())
      .expect(204);
  });

  it('every DNSSEC action is audited', async () => {
    const actions = (
      await h.dataSource
        .getRepository(AuditLog)
        .find({ where: { resourceId: child.id }, order: { timestamp: 'ASC' } })
    )
      .map((e) => e.action)
      .filter((a) => a.startsWith('dnssec.'));
    expect(actions).toEqual([
      'dnssec.enable',
      'dnssec.confirm_ds_published',
      'dnssec.rotate_zsk',
      'dnssec.disable', // refused: the CDS delete records were published
      'dnssec.disable',
      'dnssec.enable',
      'dnssec.disable', // refused
      'dnssec.disable', // forced
    ]);
  });

  describe("another tenant's caller gets 404 on every DNSSEC route", () => {
    let stranger: TestUser;

    beforeAll(async () => {
      [stranger] = await newTenant(h, 1);
      await grantSystemRole(h, stranger, 'tenant_admin');
    });

    it.each([
      ['GET', ''],
      ['POST', '/enable'],
      ['POST', '/disable'],
      ['POST', '/rotate-zsk'],
      ['POST', '/rotate-ksk'],
      ['POST', '/confirm-ds-published'],
    ])('%s /dnssec%s', async (method, path) => {
      const url = `/api/v1/domains/${parent.domainId}/dnssec${path}`;
      const res =
        method === 'GET'
          ? await api().get(url).set(stranger.auth())
          : await api().post(url).set(stranger.auth()).send({ force: true });
      expect({ status: res.status, body: res.body }).toEqual({
        status: 404,
        body: { detail: expect.stringMatching(/not found/) },
      });
    });
  });
});
