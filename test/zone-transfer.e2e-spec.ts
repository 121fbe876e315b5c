import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { dig } from './support/dig';
import {
  type IdentityHarness,
  startIdentityHarness,
  type TestUser,
  newActiveZone,
  type ZoneFixture,
} from './support/identity';

describe('zone import and export (e2e)', () => {
  let h: IdentityHarness;
  let admin: TestUser;
  let domainId: string;
  let zone: string;

  let fixture: ZoneFixture;

  beforeAll(async () => {
    h = await startIdentityHarness();
    fixture = await newActiveZone(h, 'zt');
    ({ admin, domainId, zone } = fixture);
  });

  afterAll(async () => {
    await fixture.remove();
    await h.close();
  });

  const api = () => request(h.http);
  const importZone = (body: Record<string, unknown>) =>
    api().post(`/api/v1/domains/${domainId}/import`).set(admin.auth()).send(body);
  /** The file itself (export/download); GET .../export answers it inside JSON (see wire-shapes). */
  const exportZone = (format = 'bind') =>
    api().get(`/api/v1/domains/${domainId}/export/download?format=${format}`).set(admin.auth());

  const bind = () => `$ORIGIN ${zone}.
$TTL 1h
; a comment
www        IN  A     192.0.2.1
           IN  A     192.0.2.2   ; blank owner repeats www
@      300     MX    10 mail
mail           A     192.0.2.25
txt            TXT   "hello \\"world\\"" "second string"
srv            SRV   ( 10 60
                       5060 sip.example.net. )
$ORIGIN sub.${zone}.
deep           CNAME www.${zone}.
`;

  it('preview answers the diff and changes nothing', async () => {
    const res = await importZone({ content: bind(), preview: true }).expect(200);
    expect(res.body).toMatchObject({ preview: true, imported_count: 7, conflict_count: 0 });
    expect(res.body.added.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining([`www.${zone}.`, `deep.sub.${zone}.`]),
    );
    expect(dig(`www.${zone}`, 'A').answers).toEqual([]);
  });

  it('merge imports every record, answered over DNS', async () => {
    const res = await importZone({ content: bind() }).expect(200);
    expect(res.body).toMatchObject({ preview: false, imported_count: 7 });
    expect(
      dig(`www.${zone}`, 'A')
        .answers.map((a) => a.data)
        .sort(),
    ).toEqual(['192.0.2.1', '192.0.2.2']);
    expect(dig(zone, 'MX').answers[0].data).toBe(`10 mail.${zone}.`);
    expect(dig(`txt.${zone}`, 'TXT').answers[0].data).toBe('"hello \\"world\\"" "second string"');
    expect(dig(`deep.sub.${zone}`, 'CNAME').answers[0].data).toBe(`www.${zone}.`);
    const again = await importZone({ content: bind() }).expect(200);
    expect(again.body).toMatchObject({ imported_count: 0, conflict_count: 0 });
    expect(again.body.unchanged).toHaveLength(7);
  });

  it('a file with bad lines writes nothing and lists every error with its line', async () => {
    const res = await importZone({
      content: `$ORIGIN ${zone}.\nok 300 A 192.0.2.9\nbad 300 A 999.1.1.1\nworse 300 BOGUS x\n$INCLUDE other.zone\n`,
    }).expect(400);
    expect(res.body.detail.errors.map((e: { line: number }) => e.line)).toEqual([3, 4, 5]);
    expect(dig(`ok.${zone}`, 'A').answers).toEqual([]);
  });

  it('a CNAME colliding with existing data is reported as a conflict, not written', async () => {
    const res = await importZone({
      content: `www.${zone}. 300 IN CNAME elsewhere.example.net.\n`,
    }).expect(200);
    expect(res.body.conflict_count).toBe(1);
    expect(dig(`www.${zone}`, 'A').answers).toHaveLength(2);
  });

  it('JSON and CSV import; skip_existing leaves existing rrsets alone', async () => {
    await importZone({
      format: 'json',
      content: JSON.stringify({
        records: [{ name: 'json', type: 'A', content: '192.0.2.40', ttl: 120 }],
      }),
    }).expect(200);
    expect(dig(`json.${zone}`, 'A').answers[0]).toMatchObject({ data: '192.0.2.40', ttl: 120 });
    await importZone({
      format: 'csv',
      content:
        'name,type,content,ttl,disabled\ncsv,TXT,"a, b",300,false\nwww,A,192.0.2.99,300,false\n',
      mode: 'skip_existing',
    }).expect(200);
    expect(dig(`csv.${zone}`, 'TXT').answers[0].data).toBe('"a, b"');
    expect(dig(`www.${zone}`, 'A').answers.map((a) => a.data)).not.toContain('192.0.2.99');
  });

  it('exports BIND that named-checkzone accepts, with an attachment file name; JSON and CSV too', async () => {
    const res = await exportZone('bind').expect(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="${zone}.zone"`);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const wrapped = await api()
      .get(`/api/v1/domains/${domainId}/export`)
      .set(admin.auth())
      .expect(200);
    expect(wrapped.body).toEqual({
      domain_id: domainId,
      domain_name: zone,
      format: 'bind',
      // Nothing was written in between: the same text, SOA serial included.
      zone_file: res.text,
    });
    const dir = mkdtempSync(join(tmpdir(), 'zt-'));
    const file = join(dir, 'zone');
    writeFileSync(file, res.text);
    const out = execFileSync('named-checkzone', ['-k', 'fail', zone, file], { encoding: 'utf8' });
    expect(out).toMatch(/OK/);
    const json = await exportZone('json').expect(200);
    expect(JSON.parse(json.text).records.length).toBeGreaterThan(8);
    const csv = await exportZone('csv').expect(200);
    expect(csv.text.split(/\r?\n/)[0]).toBe('name,type,content,ttl,disabled');
  });

  it('export → replace into an emptied zone → export gives the same zone', async () => {
    const first = (await exportZone('bind').expect(200)).text;
    const emptied = await importZone({ content: `$ORIGIN ${zone}.\n`, mode: 'replace' }).expect(
      200,
    );
    expect(emptied.body.removed.length).toBeGreaterThan(8);
    expect(dig(`www.${zone}`, 'A').answers).toEqual([]);
    await importZone({ content: first, mode: 'replace' }).expect(200);
    const second = (await exportZone('bind').expect(200)).text;
    // Only the SOA serial moves on.
    const withoutSerial = (t: string) => t.replace(/(\sSOA\s+\S+\s+\S+\s+)\d+/, '$1SERIAL');
    expect(withoutSerial(second)).toBe(withoutSerial(first));
  });

  it('every import and export is audited', async () => {
    const entries = await h.dataSource.query(
      "SELECT action FROM audit_logs WHERE resource_id = ? AND action IN ('record.import','domain.export') ORDER BY timestamp",
      [domainId],
    );
    expect(entries.map((e: { action: string }) => e.action)).toEqual(
      expect.arrayContaining(['record.import', 'domain.export']),
    );
  });
});
