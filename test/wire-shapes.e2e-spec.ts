import request from 'supertest';
import { IMPORT_FILE_MAX_BYTES } from '../apps/api/src/records/zone-transfer.dto';
import { dig } from './support/dig';
import {
  type IdentityHarness,
  newActiveZone,
  newTenant,
  startIdentityHarness,
  type ZoneFixture,
} from './support/identity';

/**
 * Shapes of the public documentation (reference and tutorials) that clients read field by field:
 * each case sends the documented request and checks the documented answer.
 */
describe('documented wire shapes (e2e)', () => {
  let h: IdentityHarness;
  let fixture: ZoneFixture;

  beforeAll(async () => {
    h = await startIdentityHarness();
    fixture = await newActiveZone(h, 'ws');
  });

  afterAll(async () => {
    await fixture.remove();
    await h.close();
  });

  const api = () => request(h.http);

  describe('GET /auth/config', () => {
    it("names ScaiDNS's own /api/v1/auth/me as the user-info endpoint, and it answers there", async () => {
      const res = await api().get('/api/v1/auth/config').expect(200);
      const base = (process.env.EXTERNAL_URL ?? '').replace(/\/+$/, '');
      expect(res.body).toMatchObject({
        authorization_endpoint: expect.any(String),
        token_endpoint: expect.any(String),
        userinfo_endpoint: `${base}/api/v1/auth/me`,
        jwks_uri: expect.any(String),
        issuer: expect.any(String),
        client_id: expect.any(String),
        scopes: ['openid', 'profile', 'email'],
      });
      const [user] = await newTenant(h, 1);
      const path = new URL(res.body.userinfo_endpoint as string).pathname;
      await api().get(path).set(user.auth()).expect(200);
    });
  });

  describe('import and export, as the import-export tutorial runs them', () => {
    const path = (suffix: string) => `/api/v1/domains/${fixture.domainId}/${suffix}`;
    const auth = () => fixture.admin.auth();

    it('GET .../export answers JSON {domain_id, domain_name, format, zone_file}', async () => {
      const res = await api().get(path('export')).set(auth()).expect(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.body).toEqual({
        domain_id: fixture.domainId,
        domain_name: fixture.zone,
        format: 'bind',
        zone_file: expect.stringContaining(`$ORIGIN ${fixture.zone}.`),
      });
      expect(res.body.zone_file).toMatch(/\sSOA\s/);
      const csv = await api()
        .get(`${path('export')}?format=csv`)
        .set(auth())
        .expect(200);
      expect(csv.body).toMatchObject({ format: 'csv' });
      expect(csv.body.zone_file.split(/\r?\n/)[0]).toBe('name,type,content,ttl,disabled');
      await api()
        .get(`${path('export')}?format=yaml`)
        .set(auth())
        .expect(422);
    });

    it('GET .../export/download is the file, an attachment named <zone>.zone', async () => {
      const res = await api().get(path('export/download')).set(auth()).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain/);
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${fixture.zone}.zone"`,
      );
      const json = await api().get(path('export')).set(auth()).expect(200);
      expect(res.text).toBe(json.body.zone_file);
    });

    it('POST .../import/preview answers the diff and writes nothing', async () => {
      const res = await api()
        .post(path('import/preview'))
        .set(auth())
        .send({ format: 'bind', mode: 'merge', content: 'pv IN A 192.0.2.30' })
        .expect(200);
      expect(res.body).toMatchObject({
        preview: true,
        imported_count: 1,
        conflict_count: 0,
        added: [{ name: `pv.${fixture.zone}.`, type: 'A', content: '192.0.2.30', ttl: 3600 }],
      });
      expect(dig(`pv.${fixture.zone}`, 'A').answers).toEqual([]);
    });

    it('POST .../import/text imports pasted text (the tutorial body)', async () => {
      const res = await api()
        .post(path('import/text'))
        .set(auth())
        .set('Content-Type', 'application/json')
        .send({
          format: 'bind',
          mode: 'merge',
          content: 'www IN A 192.0.2.10\nmail IN A 192.0.2.20',
        })
        .expect(200);
      expect(res.body).toMatchObject({ preview: false, imported_count: 2, conflict_count: 0 });
      expect(dig(`www.${fixture.zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.10']);
      expect(dig(`mail.${fixture.zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.20']);
    });

    it('a missing content is reported as missing, not as too long', async () => {
      for (const suffix of ['import/text', 'import/preview', 'import']) {
        const res = await api().post(path(suffix)).set(auth()).send({ format: 'bind' }).expect(422);
        const issues = (res.body.detail as { loc: string[]; msg: string }[]).filter(
          (d) => d.loc.join('.') === 'body.content',
        );
        expect(issues.length).toBeGreaterThan(0);
        for (const issue of issues) expect(issue.msg).not.toMatch(/shorter|longer|characters/);
        expect(issues.map((i) => i.msg).join(' ')).toMatch(/required|undefined|missing/);
      }
    });

    it('POST .../import/file takes a multipart upload, through the same import', async () => {
      const zoneFile = `$ORIGIN ${fixture.zone}.\n$TTL 300\nfile1 IN A 192.0.2.41\nfile2 IN TXT "uploaded"\n`;
      const res = await api()
        .post(path('import/file'))
        .set(auth())
        .field('format', 'bind')
        .field('mode', 'merge')
        .attach('file', Buffer.from(zoneFile), `${fixture.zone}.zone`)
        .expect(200);
      expect(res.body).toMatchObject({ preview: false, imported_count: 2, conflict_count: 0 });
      expect(dig(`file1.${fixture.zone}`, 'A').answers[0]).toMatchObject({
        data: '192.0.2.41',
        ttl: 300,
      });
      // The format follows the extension when the form does not name it.
      const csv = await api()
        .post(path('import/file'))
        .set(auth())
        .attach(
          'file',
          Buffer.from('name,type,content,ttl,disabled\ncsvup,A,192.0.2.42,300,false\n'),
          'records.csv',
        )
        .expect(200);
      expect(csv.body.imported_count).toBe(1);
      expect(dig(`csvup.${fixture.zone}`, 'A').answers.map((a) => a.data)).toEqual(['192.0.2.42']);
      // The same rules as pasted text: a bad line writes nothing and says which.
      const bad = await api()
        .post(path('import/file'))
        .set(auth())
        .attach('file', Buffer.from('ok 300 IN A 192.0.2.43\nbad 300 IN A 999.1.1.1\n'), 'bad.zone')
        .expect(400);
      expect(bad.body.detail.errors.map((e: { line: number }) => e.line)).toEqual([2]);
      expect(dig(`ok.${fixture.zone}`, 'A').answers).toEqual([]);
      // Audited like any import.
      const entries = await h.dataSource.query(
        "SELECT COUNT(*) AS n FROM audit_logs WHERE resource_id = ? AND action = 'record.import'",
        [fixture.domainId],
      );
      expect(Number(entries[0].n)).toBe(3);
    });

    it('import/file without a file is a 422 naming the field; an over-size file is a 413', async () => {
      const none = await api()
        .post(path('import/file'))
        .set(auth())
        .field('format', 'bind')
        .expect(422);
      expect(none.body.detail).toEqual([
        { loc: ['body', 'file'], msg: 'field required', type: 'value_error.missing' },
      ]);
      const big = Buffer.alloc(IMPORT_FILE_MAX_BYTES + 1, 'a');
      const res = await api().post(path('import/file')).set(auth()).attach('file', big, 'big.zone');
      expect(res.status).toBe(413);
      expect(typeof res.body.detail).toBe('string');
      const notText = await api()
        .post(path('import/file'))
        .set(auth())
        .attach('file', Buffer.from([0xff, 0xfe, 0x00, 0x41]), 'binary.zone')
        .expect(400);
      expect(JSON.stringify(notText.body.detail)).toMatch(/UTF-8/);
    });

    it("another tenant's zone is 404 on every import and export path", async () => {
      const [stranger] = await newTenant(h, 1);
      const probes = [
        api().get(path('export')).set(stranger.auth()),
        api().get(path('export/download')).set(stranger.auth()),
        api().post(path('import/text')).set(stranger.auth()).send({ content: 'x IN A 192.0.2.1' }),
        api()
          .post(path('import/preview'))
          .set(stranger.auth())
          .send({ content: 'x IN A 192.0.2.1' }),
        api()
          .post(path('import/file'))
          .set(stranger.auth())
          .attach('file', Buffer.from('x IN A 192.0.2.1\n'), 'x.zone'),
      ];
      for (const probe of probes) expect((await probe).status).toBe(404);
    });
  });

  describe('records carry their created_at', () => {
    const records = (suffix = '') => `/api/v1/domains/${fixture.domainId}/records${suffix}`;
    const auth = () => fixture.admin.auth();
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;

    it('from the create on, in every answer; a PATCH keeps it, as it keeps the id', async () => {
      const before = Date.now();
      const made = await api()
        .post(records())
        .set(auth())
        .send({ name: 'stamped', type: 'A', content: '192.0.2.60', ttl: 300 })
        .expect(200);
      expect(made.body.created_at).toMatch(iso);
      const at = Date.parse(made.body.created_at as string);
      expect(at).toBeGreaterThanOrEqual(before - 1000);
      expect(at).toBeLessThanOrEqual(Date.now() + 1000);
      const id = made.body.id as string;
      const got = await api()
        .get(records(`/${id}`))
        .set(auth())
        .expect(200);
      expect(got.body.created_at).toBe(made.body.created_at);
      const listed = await api().get(records('?name=stamped')).set(auth()).expect(200);
      expect(listed.body.data).toEqual([
        expect.objectContaining({ id, created_at: made.body.created_at }),
      ]);
      const patched = await api()
        .patch(records(`/${id}`))
        .set(auth())
        .send({ content: '192.0.2.61', ttl: 600 })
        .expect(200);
      expect(patched.body).toMatchObject({
        id,
        content: '192.0.2.61',
        created_at: made.body.created_at,
      });
      const again = await api()
        .get(records(`/${id}`))
        .set(auth())
        .expect(200);
      expect(again.body.created_at).toBe(made.body.created_at);
      const found = await api()
        .post(records('/search'))
        .set(auth())
        .send({ query: 'stamped' })
        .expect(200);
      expect(found.body.data).toEqual([
        expect.objectContaining({ id, created_at: made.body.created_at }),
      ]);
    });

    it('a record deleted and made again is new: a later created_at', async () => {
      const first = await api()
        .post(records())
        .set(auth())
        .send({ name: 'again', type: 'TXT', content: '"one"' })
        .expect(200);
      await api()
        .delete(records(`/${first.body.id}`))
        .set(auth())
        .expect(204);
      await new Promise((r) => setTimeout(r, 20));
      const second = await api()
        .post(records())
        .set(auth())
        .send({ name: 'again', type: 'TXT', content: '"one"' })
        .expect(200);
      expect(second.body.id).toBe(first.body.id);
      expect(Date.parse(second.body.created_at)).toBeGreaterThan(Date.parse(first.body.created_at));
      const got = await api()
        .get(records(`/${second.body.id}`))
        .set(auth())
        .expect(200);
      expect(got.body.created_at).toBe(second.body.created_at);
    });

    it('records of bulk creates and imports are stamped too; a record ScaiDNS never wrote has null', async () => {
      const bulk = await api()
        .post(records('/bulk'))
        .set(auth())
        .send({
          records: [
            { name: 'bulk1', type: 'A', content: '192.0.2.71' },
            { name: 'bulk2', type: 'A', content: '192.0.2.72' },
          ],
        })
        .expect(200);
      for (const r of bulk.body.records) expect(r.created_at).toMatch(iso);
      await api()
        .post(`/api/v1/domains/${fixture.domainId}/import/text`)
        .set(auth())
        .send({ content: 'imported 300 IN A 192.0.2.73' })
        .expect(200);
      const listed = await api().get(records()).set(auth()).expect(200);
      const byName = new Map(
        (listed.body.data as { display_name: string; created_at: string | null }[]).map((r) => [
          r.display_name,
          r.created_at,
        ]),
      );
      for (const name of ['bulk1', 'bulk2', 'imported']) expect(byName.get(name)).toMatch(iso);
      // The apex SOA and NS came with the zone, before any commit: ScaiDNS has no time for them.
      const system = await api()
        .get(records('?include_system=true&type=SOA'))
        .set(auth())
        .expect(200);
      expect(system.body.data[0].created_at).toBeNull();
    });
  });
});
