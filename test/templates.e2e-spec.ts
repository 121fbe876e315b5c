import { AuditLog, SYSTEM_TEMPLATE_IDS } from '@app/core';
import request from 'supertest';
import { dig } from './support/dig';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  startIdentityHarness,
  type TestUser,
} from './support/identity';

/**
 * Templates against the real stack: every system template applied and answered by PowerDNS, a
 * custom template's life cycle, previews that change nothing, refused applies that write nothing,
 * re-applies that are no-ops, conflicts refused then replaced, domains created with a template, and
 * tenant isolation.
 */
describe('templates (e2e)', () => {
  let h: IdentityHarness;
  /** tenant_admin + validation_bypass: its zones are active at once. */
  let admin: TestUser;
  /** tenant_admin of the same tenant without bypass: its zones wait for validation. */
  let owner: TestUser;
  /** tenant_admin of another tenant. */
  let stranger: TestUser;
  const zones: { id: string; auth: () => Record<string, string> }[] = [];
  let seq = 0;

  const api = () => request(h.http);
  const unique = (p: string) => `${p}${Date.now().toString(36)}${(seq += 1)}`;

  async function newZone(by: TestUser = admin): Promise<{ id: string; name: string }> {
    const name = `${unique('tpl')}.example.com`;
    const res = await api().post('/api/v1/domains').set(by.auth()).send({ name }).expect(200);
    zones.push({ id: res.body.id as string, auth: () => by.auth() });
    return { id: res.body.id as string, name };
  }

  const apply = (templateId: string, body: Record<string, unknown>, by: TestUser = admin) =>
    api().post(`/api/v1/templates/${templateId}/apply`).set(by.auth()).send(body);
  const preview = (templateId: string, domainId: string, body: Record<string, unknown> = {}) =>
    api().post(`/api/v1/templates/${templateId}/preview/${domainId}`).set(admin.auth()).send(body);
  const answers = (name: string, type: string) =>
    dig(name, type)
      .answers.filter((a) => a.type === type)
      .map((a) => a.data)
      .sort();
  const serialOf = (zone: string) => Number(dig(zone, 'SOA').answers[0].data.split(' ')[2]);

  beforeAll(async () => {
    h = await startIdentityHarness();
    const users = await newTenant(h, 2);
    [admin, owner] = users;
    await grantSystemRole(h, admin, 'tenant_admin');
    await grantSystemRole(h, admin, 'validation_bypass');
    await grantSystemRole(h, owner, 'tenant_admin');
    [stranger] = await newTenant(h, 1);
    await grantSystemRole(h, stranger, 'tenant_admin');
    await grantSystemRole(h, stranger, 'validation_bypass');
  });

  afterAll(async () => {
    for (const z of zones) {
      await api().delete(`/api/v1/domains/${z.id}?hard=true`).set(z.auth());
    }
    await h.close();
  });

  describe('system templates', () => {
    it('are listed to everyone, read-only', async () => {
      const res = await api()
        .get('/api/v1/templates/?template_type=system')
        .set(stranger.auth())
        .expect(200);
      expect(res.body).toMatchObject({ total: 5, page: 1, page_size: 50, total_pages: 1 });
      expect(res.body.data.map((t: { id: string }) => t.id).sort()).toEqual(
        Object.values(SYSTEM_TEMPLATE_IDS).sort(),
      );
      expect(res.body.data[0]).toMatchObject({
        template_type: 'system',
        tenant_id: null,
        record_count: expect.any(Number),
        variable_count: expect.any(Number),
      });
      const id = SYSTEM_TEMPLATE_IDS.basic_website;
      await api()
        .patch(`/api/v1/templates/${id}`)
        .set(admin.auth())
        .send({ name: 'mine' })
        .expect(403);
      await api().delete(`/api/v1/templates/${id}`).set(admin.auth()).expect(403);
      const required = await api()
        .get(`/api/v1/templates/${SYSTEM_TEMPLATE_IDS.microsoft_365}/required-variables`)
        .set(admin.auth())
        .expect(200);
      expect(required.body).toMatchObject({
        template_id: SYSTEM_TEMPLATE_IDS.microsoft_365,
        variables: [expect.objectContaining({ name: 'tenant_prefix', required: true })],
      });
      const builtIns = await api().get('/api/v1/templates/variables').set(admin.auth()).expect(200);
      expect(builtIns.body.variables.map((v: { name: string }) => v.name)).toEqual([
        'domain',
        'domain_hyphenated',
      ]);
    });

    it('Google Workspace: MX and SPF answered over DNS', async () => {
      const z = await newZone();
      const res = await apply(SYSTEM_TEMPLATE_IDS.google_workspace, { domain_id: z.id }).expect(
        200,
      );
      expect(res.body).toMatchObject({ total_created: 2, total_skipped: 0 });
      expect(res.body.created_records[0].id).toMatch(/[0-9a-f-]{36}/);
      expect(answers(z.name, 'MX')).toEqual(['1 smtp.google.com.']);
      expect(answers(z.name, 'TXT')).toEqual(['"v=spf1 include:_spf.google.com ~all"']);
    });

    it("the docs' overloaded POST /templates/ {template_id, domain_id, variables} applies it", async () => {
      const z = await newZone();
      const res = await api()
        .post('/api/v1/templates/')
        .set(admin.auth())
        .send({ template_id: SYSTEM_TEMPLATE_IDS.google_workspace, domain_id: z.id, variables: {} })
        .expect(200);
      expect(res.body).toMatchObject({ total_created: 2, total_skipped: 0, skipped_records: [] });
      expect(answers(z.name, 'MX')).toEqual(['1 smtp.google.com.']);
    });

    it('Microsoft 365: MX with the prefix, autodiscover and SPF', async () => {
      const z = await newZone();
      const prefix = z.name.replace(/\./g, '-');
      await apply(SYSTEM_TEMPLATE_IDS.microsoft_365, {
        domain_id: z.id,
        variables: { tenant_prefix: prefix },
      }).expect(200);
      expect(answers(z.name, 'MX')).toEqual([`0 ${prefix}.mail.protection.outlook.com.`]);
      expect(answers(`autodiscover.${z.name}`, 'CNAME')).toEqual(['autodiscover.outlook.com.']);
      expect(answers(z.name, 'TXT')).toEqual(['"v=spf1 include:spf.protection.outlook.com -all"']);
    });

    it('Basic website: the apex A and www aliasing it', async () => {
      const z = await newZone();
      await apply(SYSTEM_TEMPLATE_IDS.basic_website, {
        domain_id: z.id,
        variables: { ipv4: '192.0.2.10' },
      }).expect(200);
      expect(answers(z.name, 'A')).toEqual(['192.0.2.10']);
      expect(answers(`www.${z.name}`, 'CNAME')).toEqual([`${z.name}.`]);
    });

    it('Mail authentication: SPF, DMARC and a long DKIM key split into strings', async () => {
      const z = await newZone();
      const key = 'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA'.padEnd(392, 'x');
      await apply(SYSTEM_TEMPLATE_IDS.mail_authentication, {
        domain_id: z.id,
        variables: {
          spf_senders: 'mx include:_spf.example.net',
          dmarc_reports: 'dmarc@example.net',
          dkim_selector: 's1',
          dkim_public_key: key,
        },
      }).expect(200);
      expect(answers(z.name, 'TXT')).toEqual(['"v=spf1 mx include:_spf.example.net -all"']);
      expect(answers(`_dmarc.${z.name}`, 'TXT')).toEqual([
        '"v=DMARC1; p=quarantine; rua=mailto:dmarc@example.net; adkim=r; aspf=r"',
      ]);
      const [dkim] = answers(`s1._domainkey.${z.name}`, 'TXT');
      expect(dkim.replace(/" "/g, '')).toBe(`"v=DKIM1; k=rsa; p=${key}"`);
      expect(dkim).toContain('" "');
    });

    it("Let's Encrypt CAA: issue, issuewild, and iodef only when given", async () => {
      const z = await newZone();
      const first = await apply(SYSTEM_TEMPLATE_IDS.acme_caa, { domain_id: z.id }).expect(200);
      expect(first.body.total_created).toBe(2);
      expect(first.body.skipped_records).toEqual([
        expect.objectContaining({ type: 'CAA', reason: expect.stringMatching(/iodef_contact/) }),
      ]);
      expect(answers(z.name, 'CAA')).toEqual([
        '0 issue "letsencrypt.org"',
        '0 issuewild "letsencrypt.org"',
      ]);
      const second = await apply(SYSTEM_TEMPLATE_IDS.acme_caa, {
        domain_id: z.id,
        variables: { iodef_contact: 'security@example.net' },
      }).expect(200);
      expect(second.body).toMatchObject({ total_created: 1, total_skipped: 2 });
      expect(answers(z.name, 'CAA')).toContain('0 iodef "mailto:security@example.net"');
    });
  });

  describe('a custom template', () => {
    let templateId: string;
    let zone: { id: string; name: string };
    const body = {
      name: 'web and mail',
      description: 'A web server and its mail',
      records: [
        { name: '@', type: 'A', content: '${web_ip}', ttl: 300 },
        { name: 'www', type: 'CNAME', content: '${domain}.', ttl: 300 },
        { name: '@', type: 'MX', content: '10 mail.${domain}.', ttl: 300 },
        { name: 'mail', type: 'A', content: '${mail_ip}', ttl: 300 },
      ],
      variables: [
        { name: 'web_ip', description: 'Web server', required: true },
        { name: 'mail_ip', description: 'Mail server', required: true },
      ],
    };
    const vars = { web_ip: '192.0.2.20', mail_ip: '192.0.2.25', unknown: 'ignored' };

    beforeAll(async () => {
      zone = await newZone();
    });

    it('is created, read and listed as custom', async () => {
      const res = await api().post('/api/v1/templates/').set(admin.auth()).send(body).expect(200);
      templateId = res.body.id as string;
      expect(res.body).toMatchObject({
        name: 'web and mail',
        template_type: 'custom',
        tenant_id: admin.tenantId,
        record_count: 4,
        variable_count: 2,
      });
      const got = await api().get(`/api/v1/templates/${templateId}`).set(owner.auth()).expect(200);
      expect(got.body.records).toEqual(body.records);
      const custom = await api()
        .get('/api/v1/templates?template_type=custom')
        .set(admin.auth())
        .expect(200);
      expect(custom.body.data.map((t: { id: string }) => t.id)).toEqual([templateId]);
    });

    it('refuses at create a literal record that can never be valid, naming it', async () => {
      const res = await api()
        .post('/api/v1/templates/')
        .set(admin.auth())
        .send({
          name: 'broken',
          records: [
            { name: 'ok', type: 'A', content: '192.0.2.1', ttl: 300 },
            { name: 'bad', type: 'A', content: '192.0.2.300', ttl: 300 },
            { name: 'x', type: 'TXT', content: '${undeclared}', ttl: 300 },
          ],
          variables: [{ name: 'bad name' }],
        })
        .expect(400);
      expect(res.body.detail.message).toMatch(/records\[1\] \(bad A\)/);
      expect(res.body.detail.message).toMatch(/records\[2\].*\$\{undeclared\}/);
      expect(res.body.detail.message).toMatch(/variables\[0\] \(bad name\)/);
    });

    it('preview shows exactly what apply then does, and changes nothing', async () => {
      const serial = serialOf(zone.name);
      const seen = await preview(templateId, zone.id, { variables: vars }).expect(200);
      expect(seen.body).toMatchObject({ preview: true, total_created: 4, total_conflicts: 0 });
      expect(dig(zone.name, 'A').answers).toEqual([]);
      expect(serialOf(zone.name)).toBe(serial);
      const done = await apply(templateId, { domain_id: zone.id, variables: vars }).expect(200);
      const strip = (rs: { name: string; type: string; content: string; ttl: number }[]) =>
        rs.map(({ name, type, content, ttl }) => ({ name, type, content, ttl }));
      expect(strip(done.body.created_records)).toEqual(strip(seen.body.created_records));
      expect(answers(zone.name, 'A')).toEqual(['192.0.2.20']);
      expect(answers(`www.${zone.name}`, 'CNAME')).toEqual([`${zone.name}.`]);
      expect(answers(zone.name, 'MX')).toEqual([`10 mail.${zone.name}.`]);
      const listed = await api()
        .get(`/api/v1/domains/${zone.id}/records`)
        .set(admin.auth())
        .expect(200);
      const ids = listed.body.data.map((r: { id: string }) => r.id);
      for (const r of done.body.created_records) expect(ids).toContain(r.id);
    });

    it('re-applying is a no-op: nothing created, the serial stays', async () => {
      const serial = serialOf(zone.name);
      const again = await apply(templateId, { domain_id: zone.id, variables: vars }).expect(200);
      expect(again.body).toMatchObject({ total_created: 0, total_skipped: 4, created_records: [] });
      expect(serialOf(zone.name)).toBe(serial);
    });

    it('a changed template changes no zone it was applied to (a copy, not a link)', async () => {
      const res = await api()
        .patch(`/api/v1/templates/${templateId}`)
        .set(admin.auth())
        .send({
          description: 'changed',
          records: [{ name: '@', type: 'A', content: '${web_ip}', ttl: 300 }],
        })
        .expect(200);
      expect(res.body).toMatchObject({ description: 'changed', record_count: 1 });
      expect(answers(`mail.${zone.name}`, 'A')).toEqual(['192.0.2.25']);
    });

    it('missing required variables are named; a bad value names the record and variable', async () => {
      const z = await newZone();
      const missing = await apply(templateId, { domain_id: z.id, variables: {} }).expect(400);
      expect(missing.body.detail).toMatchObject({
        field: 'variables',
        missing: ['web_ip', 'mail_ip'],
      });
      const bad = await apply(templateId, {
        domain_id: z.id,
        variables: { web_ip: 'not-an-address', mail_ip: '192.0.2.25' },
      }).expect(400);
      expect(bad.body.detail.errors).toEqual([
        expect.objectContaining({
          index: 0,
          variables: ['web_ip'],
          message: expect.stringMatching(/records\[0\] \(@ A\) with \$\{web_ip\}/),
        }),
      ]);
    });

    it('is deleted; the records it wrote stay', async () => {
      await api().delete(`/api/v1/templates/${templateId}`).set(admin.auth()).expect(204);
      await api().get(`/api/v1/templates/${templateId}`).set(admin.auth()).expect(404);
      expect(answers(zone.name, 'A')).toEqual(['192.0.2.20']);
    });

    it('every change was audited, and the apply names the template in the record entries', async () => {
      const entries = await h.dataSource
        .getRepository(AuditLog)
        .find({ where: { resourceId: templateId }, order: { timestamp: 'ASC' } });
      expect(entries.map((e) => e.action)).toEqual([
        'template.create',
        'template.apply',
        'template.apply',
        'template.update',
        'template.delete',
      ]);
      const records = await h.dataSource
        .getRepository(AuditLog)
        .find({ where: { resourceId: zone.id, action: 'record.bulk_create' } });
      expect(records).toHaveLength(1);
      expect(JSON.stringify(records[0].details)).toContain(templateId);
      expect(JSON.stringify(records[0].details)).toContain('web and mail');
    });
  });

  describe('atomic applies', () => {
    it('a refused apply writes nothing: one bad rrset and no record lands', async () => {
      const z = await newZone();
      const made = await api()
        .post('/api/v1/templates/')
        .set(admin.auth())
        .send({
          name: unique('alias'),
          records: [
            { name: 'www', type: 'A', content: '192.0.2.30', ttl: 300 },
            { name: '${host}', type: 'CNAME', content: 'target.example.net.', ttl: 300 },
          ],
          variables: [{ name: 'host', required: true }],
        })
        .expect(200);
      const serial = serialOf(z.name);
      const res = await apply(made.body.id as string, {
        domain_id: z.id,
        variables: { host: '@' },
      }).expect(409);
      expect(res.body.detail.message).toMatch(/apex/);
      expect(dig(`www.${z.name}`, 'A').answers).toEqual([]);
      expect(serialOf(z.name)).toBe(serial);
    });

    it('a conflict is refused with the records listed, then replaced on request', async () => {
      const z = await newZone();
      await api()
        .post(`/api/v1/domains/${z.id}/records`)
        .set(admin.auth())
        .send({ name: '@', type: 'MX', content: '10 mx.other.example.net.' })
        .expect(200);
      await api()
        .post(`/api/v1/domains/${z.id}/records`)
        .set(admin.auth())
        .send({ name: '@', type: 'TXT', content: '"v=spf1 include:other.example.net -all"' })
        .expect(200);
      const id = SYSTEM_TEMPLATE_IDS.google_workspace;
      const refused = await apply(id, { domain_id: z.id }).expect(409);
      expect(refused.body.detail.conflicts).toEqual([
        expect.objectContaining({
          type: 'MX',
          existing: [{ type: 'MX', content: ['10 mx.other.example.net.'] }],
        }),
        expect.objectContaining({ type: 'TXT' }),
      ]);
      expect(answers(z.name, 'MX')).toEqual(['10 mx.other.example.net.']);
      const seen = await preview(id, z.id, { on_conflict: 'replace' }).expect(200);
      expect(seen.body).toMatchObject({ total_created: 2, total_replaced: 2, total_conflicts: 2 });
      const replaced = await apply(id, { domain_id: z.id, on_conflict: 'replace' }).expect(200);
      expect(replaced.body.replaced_records.map((r: { content: string }) => r.content)).toEqual([
        '10 mx.other.example.net.',
        '"v=spf1 include:other.example.net -all"',
      ]);
      expect(answers(z.name, 'MX')).toEqual(['1 smtp.google.com.']);
      expect(answers(z.name, 'TXT')).toEqual(['"v=spf1 include:_spf.google.com ~all"']);
    });

    it('skip leaves the conflicting records out and writes the rest', async () => {
      const z = await newZone();
      await api()
        .post(`/api/v1/domains/${z.id}/records`)
        .set(admin.auth())
        .send({ name: '@', type: 'MX', content: '10 mx.other.example.net.' })
        .expect(200);
      const res = await apply(SYSTEM_TEMPLATE_IDS.google_workspace, {
        domain_id: z.id,
        on_conflict: 'skip',
      }).expect(200);
      expect(res.body).toMatchObject({ total_created: 1, total_skipped: 1 });
      expect(answers(z.name, 'MX')).toEqual(['10 mx.other.example.net.']);
      expect(answers(z.name, 'TXT')).toEqual(['"v=spf1 include:_spf.google.com ~all"']);
    });
  });

  describe('a domain created with a template', () => {
    const website = (name: string, ipv4?: string) => ({
      name,
      template_id: SYSTEM_TEMPLATE_IDS.basic_website,
      template_variables: ipv4 ? { ipv4 } : {},
    });

    it('active at once: the records are served', async () => {
      const name = `${unique('tplnew')}.example.com`;
      const res = await api()
        .post('/api/v1/domains/')
        .set(admin.auth())
        .send(website(name, '192.0.2.40'))
        .expect(200);
      zones.push({ id: res.body.id as string, auth: () => admin.auth() });
      expect(res.body.status).toBe('active');
      expect(answers(name, 'A')).toEqual(['192.0.2.40']);
    });

    it('pending: stored but not served, then served from activation', async () => {
      const name = `${unique('tplpend')}.example.com`;
      const res = await api()
        .post('/api/v1/domains/')
        .set(owner.auth())
        .send(website(name, '192.0.2.41'))
        .expect(200);
      const id = res.body.id as string;
      zones.push({ id, auth: () => owner.auth() });
      expect(res.body.status).toBe('pending_validation');
      expect(dig(name, 'A').status).toBe('REFUSED');
      const listed = await api().get(`/api/v1/domains/${id}/records`).set(owner.auth()).expect(200);
      expect(listed.body.data.map((r: { type: string }) => r.type).sort()).toEqual(['A', 'CNAME']);
      await api().post(`/api/v1/domains/${id}/validation/check`).set(admin.auth()).expect(200);
      expect(answers(name, 'A')).toEqual(['192.0.2.41']);
      expect(answers(`www.${name}`, 'CNAME')).toEqual([`${name}.`]);
    });

    it('a missing variable creates no domain', async () => {
      const name = `${unique('tplnone')}.example.com`;
      const res = await api()
        .post('/api/v1/domains/')
        .set(admin.auth())
        .send(website(name))
        .expect(400);
      expect(res.body.detail).toMatchObject({ missing: ['ipv4'] });
      const found = await api()
        .get(`/api/v1/domains/?search=${name}&include_deleted=true`)
        .set(admin.auth())
        .expect(200);
      expect(found.body.total).toBe(0);
    });
  });

  describe("another tenant's custom template", () => {
    let templateId: string;

    beforeAll(async () => {
      const res = await api()
        .post('/api/v1/templates/')
        .set(admin.auth())
        .send({
          name: 'private',
          records: [{ name: 'secret', type: 'A', content: '192.0.2.99', ttl: 300 }],
        })
        .expect(200);
      templateId = res.body.id as string;
    });

    it('is 404 to read, change, delete or apply, and not listed', async () => {
      const auth = stranger.auth();
      await api().get(`/api/v1/templates/${templateId}`).set(auth).expect(404);
      await api().get(`/api/v1/templates/${templateId}/required-variables`).set(auth).expect(404);
      await api()
        .patch(`/api/v1/templates/${templateId}`)
        .set(auth)
        .send({ name: 'x' })
        .expect(404);
      await api().delete(`/api/v1/templates/${templateId}`).set(auth).expect(404);
      const own = await newZone(stranger);
      await apply(templateId, { domain_id: own.id }, stranger).expect(404);
      await api()
        .post(`/api/v1/templates/${templateId}/preview/${own.id}`)
        .set(auth)
        .send({})
        .expect(404);
      expect(dig(`secret.${own.name}`, 'A').answers).toEqual([]);
      const listed = await api().get('/api/v1/templates/').set(auth).expect(200);
      expect(listed.body.data.map((t: { id: string }) => t.id)).not.toContain(templateId);
    });

    it("a stranger can't apply even a system template to the tenant's zone (404)", async () => {
      const z = await newZone();
      await apply(SYSTEM_TEMPLATE_IDS.google_workspace, { domain_id: z.id }, stranger).expect(404);
      await api()
        .post('/api/v1/templates/')
        .set(stranger.auth())
        .send({ template_id: SYSTEM_TEMPLATE_IDS.google_workspace, domain_id: z.id })
        .expect(404);
      await api()
        .post(`/api/v1/templates/${SYSTEM_TEMPLATE_IDS.google_workspace}/preview/${z.id}`)
        .set(stranger.auth())
        .send({})
        .expect(404);
      expect(dig(z.name, 'MX').answers).toEqual([]);
    });

    it('an apply without a domain_id is a 422 naming the field', async () => {
      const res = await apply(SYSTEM_TEMPLATE_IDS.google_workspace, {}).expect(422);
      expect(res.body.detail).toEqual([
        { loc: ['body', 'domain_id'], msg: 'field required', type: 'value_error.missing' },
      ]);
    });
  });
});
