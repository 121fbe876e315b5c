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

  it('a zone of 5,000 records is exported in pieces as it is written, the same file whole', async () => {
    const big = await newActiveZone(h, 'ztbig');
    try {
      const lines = Array.from(
        { length: 5000 },
        (_, i) => `h${i} 300 IN A 198.51.${i >> 8}.${i & 255}`,
      );
      await api()
        .post(`/api/v1/domains/${big.domainId}/import/text`)
        .set(big.admin.auth())
        .send({ content: `$ORIGIN ${big.zone}.\n${lines.join('\n')}\n` })
        .expect(200);
      const download = (format: string) =>
        api()
          .get(`/api/v1/domains/${big.domainId}/export/download?format=${format}`)
          .set(big.admin.auth())
          .expect(200);
      const bindFile = await download('bind');
      // Streamed: no length up front, the body comes in chunks.
      expect(bindFile.headers['transfer-encoding']).toBe('chunked');
      expect(bindFile.headers['content-length']).toBeUndefined();
      expect(bindFile.headers['server-timing']).toMatch(/total;dur=/);
      const records = bindFile.text.split('\n').filter((l) => /\sIN\s/.test(l));
      expect(records.filter((l) => /\sIN A\s/.test(l))).toHaveLength(5000);
      expect(records[0]).toMatch(/\sIN SOA\s/);
      const wrapped = await api()
        .get(`/api/v1/domains/${big.domainId}/export`)
        .set(big.admin.auth())
        .expect(200);
      expect(wrapped.headers['content-type']).toMatch(/^application\/json/);
      expect(wrapped.body.zone_file).toBe(bindFile.text);
      const json = JSON.parse((await download('json')).text) as { records: { name: string }[] };
      expect(json.records.filter((r) => r.name.startsWith('h'))).toHaveLength(5000);
      const csv = (await download('csv')).text.split('\r\n').filter(Boolean);
      expect(csv).toHaveLength(1 + records.length);
      // Its own export imports back as nothing to change.
      const again = await api()
        .post(`/api/v1/domains/${big.domainId}/import/text`)
        .set(big.admin.auth())
        .send({ content: bindFile.text })
        .expect(200);
      expect(again.body.added).toEqual([]);
      expect(again.body.unchanged).toHaveLength(5000);
    } finally {
      await big.remove();
    }
  });

  it('an import may carry 100,000 records (the apex SOA and NS of an export not counted), not one more', async () => {
    const apex = [
      `@ 3600 IN SOA ns1.example.net. hostmaster.${zone}. 1 10800 3600 604800 3600`,
      '@ 3600 IN NS ns1.example.net.',
    ];
    const file = (count: number) =>
      [
        `$ORIGIN ${zone}.`,
        ...apex,
        ...Array.from({ length: count }, (_, i) => `bulk${i} 300 IN A 203.0.113.${i & 255}`),
      ].join('\n');
    const preview = await api()
      .post(`/api/v1/domains/${domainId}/import/preview`)
      .set(admin.auth())
      .send({ content: file(100_000) })
      .expect(200);
    expect(preview.body.added).toHaveLength(100_000);
    expect(preview.body.skipped).toHaveLength(2);
    const over = await api()
      .post(`/api/v1/domains/${domainId}/import/preview`)
      .set(admin.auth())
      .send({ content: file(100_001) })
      .expect(413);
    expect(over.body.detail).toBe('At most 100000 records per import');
  });

  it('an import body may be up to 32 MB; any other JSON body up to 10 MB', async () => {
    // 12 MB of comments: over the general limit, a file that imports nothing.
    const comments = `; ${'x'.repeat(1000)}\n`.repeat(12_000);
    const big = await api()
      .post(`/api/v1/domains/${domainId}/import/text`)
      .set(admin.auth())
      .send({ content: `$ORIGIN ${zone}.\n${comments}` })
      .expect(200);
    expect(big.body.added).toEqual([]);
    const elsewhere = await api()
      .post('/api/v1/domains')
      .set(admin.auth())
      .send({ name: `x.${zone}`, description: comments })
      .expect(413);
    expect(elsewhere.body.detail).toBe('Request body is larger than 10mb');
    const tooBig = await api()
      .post(`/api/v1/domains/${domainId}/import/text`)
      .set(admin.auth())
      .send({ content: comments.repeat(3) })
      .expect(413);
    expect(tooBig.body.detail).toBe('Request body is larger than 32mb');
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
