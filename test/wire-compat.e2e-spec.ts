import request from 'supertest';
import {
  grantSystemRole,
  type IdentityHarness,
  newActiveZone,
  newTenant,
  startIdentityHarness,
  type TestUser,
  type ZoneFixture,
} from './support/identity';

/**
 * What clients written against the public docs rely on across endpoints: 422 items in pydantic's
 * words, the documented status codes, lists as `{data, total}`, and audit entries a person can read.
 */
describe('wire compatibility with the public docs (e2e)', () => {
  let h: IdentityHarness;
  let fx: ZoneFixture;
  let admin: TestUser;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter += 1)}`;

  beforeAll(async () => {
    h = await startIdentityHarness();
    fx = await newActiveZone(h, 'wire');
    admin = fx.admin;
  });

  afterAll(async () => {
    await fx.remove();
    await h.close();
  });

  const api = () => request(h.http);

  describe('422: one pydantic item per problem', () => {
    it('a missing name is exactly the docs’ example', async () => {
      const res = await api().post('/api/v1/domains/').set(admin.auth()).send({}).expect(422);
      expect(res.body).toEqual({
        detail: [{ loc: ['body', 'name'], msg: 'field required', type: 'value_error.missing' }],
      });
    });

    it('wrong types and enumerations in pydantic’s words', async () => {
      const res = await api()
        .post('/api/v1/domains/')
        .set(admin.auth())
        .send({ name: 42, domain_type: 'tertiary', default_ttl: 'soon' })
        .expect(422);
      expect(res.body.detail).toEqual([
        { loc: ['body', 'name'], msg: 'str type expected', type: 'type_error.str' },
        {
          loc: ['body', 'domain_type'],
          msg: "value is not a valid enumeration member; permitted: 'primary', 'secondary', 'reverse_ipv4', 'reverse_ipv6'",
          type: 'type_error.enum',
          ctx: { enum_values: ['primary', 'secondary', 'reverse_ipv4', 'reverse_ipv6'] },
        },
        {
          loc: ['body', 'default_ttl'],
          msg: 'value is not a valid integer',
          type: 'type_error.integer',
        },
      ]);
    });

    it('a query parameter of the wrong type is located in the query', async () => {
      const res = await api().get('/api/v1/domains/?page=abc').set(admin.auth()).expect(422);
      expect(res.body.detail).toEqual([
        { loc: ['query', 'page'], msg: 'value is not a valid integer', type: 'type_error.integer' },
      ]);
    });

    it('an import without content is missing content, not a length problem', async () => {
      const res = await api()
        .post(`/api/v1/domains/${fx.domainId}/import`)
        .set(admin.auth())
        .send({ format: 'bind' })
        .expect(422);
      expect(res.body.detail).toEqual([
        { loc: ['body', 'content'], msg: 'field required', type: 'value_error.missing' },
      ]);
    });

    it('nested items are located by index', async () => {
      const res = await api()
        .post(`/api/v1/domains/${fx.domainId}/records/bulk`)
        .set(admin.auth())
        .send({
          records: [
            { name: 'a', type: 'A', content: '192.0.2.1' },
            { name: 'b', type: 'A' },
          ],
        })
        .expect(422);
      expect(res.body.detail).toEqual([
        {
          loc: ['body', 'records', 1, 'content'],
          msg: 'field required',
          type: 'value_error.missing',
        },
      ]);
    });
  });

  describe('domain names', () => {
    it.each([
      ['300 characters', `${'a'.repeat(60)}.`.repeat(5) + 'example.com'],
      [
        '254 characters of valid labels',
        `${'b'.repeat(63)}.`.repeat(3) + `${'c'.repeat(50)}.example.com`,
      ],
      ['empty', ''],
    ])('%s: 400 "Invalid domain name" like any bad name', async (_label, name) => {
      const res = await api().post('/api/v1/domains/').set(admin.auth()).send({ name }).expect(400);
      expect(res.body.detail).toMatch(/^Invalid domain name/);
    });
  });

  describe('actions that create nothing new answer 200', () => {
    it('api key regenerate and revoke', async () => {
      const created = await api()
        .post('/api/v1/api-keys/')
        .set(admin.auth())
        .send({ name: unique('k'), permission_source: 'user', permission_source_id: admin.id });
      expect(created.status).toBe(200);
      const regenerated = await api()
        .post(`/api/v1/api-keys/${created.body.id}/regenerate`)
        .set(admin.auth())
        .expect(200);
      expect(regenerated.body).toMatchObject({
        id: created.body.id,
        key: expect.stringMatching(/^sdk_live_/),
        permission_source: 'user',
        permission_source_id: admin.id,
      });
      const revoked = await api()
        .post(`/api/v1/api-keys/${created.body.id}/revoke`)
        .set(admin.auth())
        .send({ reason: 'suspected compromise' })
        .expect(200);
      expect(revoked.body.status).toBe('revoked');
      await api()
        .post(`/api/v1/api-keys/${created.body.id}/activate`)
        .set(admin.auth())
        .expect(200);
    });

    it('a new validation challenge for a pending domain', async () => {
      const [owner] = await newTenant(h, 1);
      await grantSystemRole(h, owner, 'tenant_admin');
      const pending = await api()
        .post('/api/v1/domains/')
        .set(owner.auth())
        .send({ name: `${unique('pend')}.example.com` });
      expect(pending.body.status).toBe('pending_validation');
      const renewed = await api()
        .post(`/api/v1/domains/${pending.body.id}/validation`)
        .set(owner.auth())
        .send({})
        .expect(200);
      expect(renewed.body).toMatchObject({
        status: 'pending',
        dns_record: { name: `_scaidns-verify.${pending.body.name}`, type: 'TXT' },
      });
      await api()
        .delete(`/api/v1/domains/${pending.body.id}?hard=true`)
        .set(owner.auth())
        .expect(204);
    });
  });

  describe('creations answer 200 with their body, as the reference pages show', () => {
    it('domains, records, bulk records, reverse zones, PTRs, roles and assignments', async () => {
      const domain = await api()
        .post('/api/v1/domains/')
        .set(admin.auth())
        .send({ name: `${unique('made')}.example.com`, description: 'docs' })
        .expect(200);
      expect(domain.body).toMatchObject({ name: expect.any(String), status: 'active' });
      const records = `/api/v1/domains/${domain.body.id}/records`;
      const record = await api()
        .post(records)
        .set(admin.auth())
        .send({ name: 'www', type: 'A', content: '192.0.2.10', ttl: 300 })
        .expect(200);
      expect(record.body).toMatchObject({ display_name: 'www', type: 'A', ttl: 300 });
      const bulk = await api()
        .post(`${records}/bulk`)
        .set(admin.auth())
        .send({ records: [{ name: 'mail', type: 'MX', content: '10 mx.example.com.' }] })
        .expect(200);
      expect(bulk.body).toMatchObject({ total_created: 1, total_errors: 0 });

      const octet = 1 + Math.floor(Math.random() * 250);
      const reverse = await api()
        .post('/api/v1/reverse-zones/')
        .set(admin.auth())
        .send({ cidr: `10.${octet}.${octet}.0/24` })
        .expect(200);
      const ptrs = `/api/v1/reverse-zones/${reverse.body.id}/ptr`;
      await api()
        .post(ptrs)
        .set(admin.auth())
        .send({ ip: `10.${octet}.${octet}.5`, hostname: 'host.example.com' })
        .expect(200);
      await api()
        .post(`${ptrs}/bulk`)
        .set(admin.auth())
        .send({ records: [{ ip: `10.${octet}.${octet}.6`, hostname: 'bulk.example.com' }] })
        .expect(200);

      const role = await api()
        .post('/api/v1/roles/')
        .set(admin.auth())
        .send({ name: unique('made_').toLowerCase(), permissions: ['records:read'] })
        .expect(200);
      await api()
        .post('/api/v1/roles/assignments')
        .set(admin.auth())
        .send({
          role_id: role.body.id,
          principal_type: 'user',
          principal_id: admin.id,
          scope_type: 'domain',
          scope_id: domain.body.id,
        })
        .expect(200);
      for (const id of [domain.body.id as string, reverse.body.id as string]) {
        await api().delete(`/api/v1/domains/${id}?hard=true`).set(admin.auth()).expect(204);
      }
    });
  });

  describe('lists are {data, total} objects', () => {
    it('access grants, roles and role assignments', async () => {
      const grants = `/api/v1/domains/${fx.domainId}/access-grants`;
      const grant = await api()
        .post(grants)
        .set(admin.auth())
        .send({ grantee_type: 'user', grantee_id: admin.id, role: 'read_only', notes: 'docs' });
      expect(grant.status).toBe(200);
      const listed = await api().get(grants).set(admin.auth()).expect(200);
      expect(listed.body).toEqual({ data: [grant.body], total: 1 });

      const roles = await api().get('/api/v1/roles/').set(admin.auth()).expect(200);
      expect(roles.body).toEqual({ data: expect.any(Array), total: roles.body.data.length });
      expect(roles.body.data.map((r: { name: string }) => r.name)).toContain('read_only');

      const assignments = await api()
        .get('/api/v1/roles/assignments')
        .set(admin.auth())
        .expect(200);
      expect(assignments.body).toEqual({
        data: expect.any(Array),
        total: assignments.body.data.length,
      });
    });
  });

  describe('audit entries read as the API shows the resource', () => {
    const entries = async (query: string) =>
      (await api().get(`/api/v1/audit-logs/?${query}`).set(admin.auth()).expect(200)).body.data as {
        action: string;
        resource_type: string;
        resource_id: string;
        resource_name: string;
        details: { before: Record<string, unknown> | null; after: Record<string, unknown> | null };
      }[];

    it('a record: named "www.<zone> A", before and after in snake_case', async () => {
      const records = `/api/v1/domains/${fx.domainId}/records`;
      const made = await api()
        .post(records)
        .set(admin.auth())
        .send({ name: 'www', type: 'A', content: '192.0.2.10', ttl: 300 });
      expect(made.status).toBe(200);
      await api()
        .patch(`${records}/${made.body.id}`)
        .set(admin.auth())
        .send({ ttl: 600 })
        .expect(200);
      const log = await entries(`resource_type=record&resource_id=${made.body.id}`);
      expect(log.map((e) => e.action)).toEqual(['record.update', 'record.create']);
      const shown = {
        id: made.body.id,
        name: `www.${fx.zone}.`,
        display_name: 'www',
        type: 'A',
        content: '192.0.2.10',
        disabled: false,
        domain_id: fx.domainId,
      };
      expect(log[1]).toMatchObject({
        resource_name: `www.${fx.zone} A`,
        details: { before: null, after: { ...shown, ttl: 300 } },
      });
      expect(log[0]).toMatchObject({
        resource_name: `www.${fx.zone} A`,
        details: { before: { ...shown, ttl: 300 }, after: { ...shown, ttl: 600 } },
      });
    });

    it('a domain, a key, a role and a grant: by their names, fields in snake_case', async () => {
      const domains = await entries(`action=domain.create&resource_id=${fx.domainId}`);
      expect(domains[0]).toMatchObject({
        resource_name: fx.zone,
        details: { after: { name: fx.zone, domain_type: 'primary', default_ttl: 3600 } },
      });

      const keyName = unique('audited-key');
      const key = await api()
        .post('/api/v1/api-keys/')
        .set(admin.auth())
        .send({ name: keyName, permission_source: 'user', permission_source_id: admin.id });
      const [keyEntry] = await entries(`action=api_key.create&resource_id=${key.body.id}`);
      expect(key.body.key).toMatch(new RegExp(`^${String(keyEntry.details.after?.key_prefix)}`));
      expect(keyEntry).toMatchObject({
        resource_name: keyName,
        details: {
          after: {
            name: keyName,
            key_prefix: expect.any(String),
            permission_source: 'user',
            permission_source_id: admin.id,
          },
        },
      });

      const roleName = unique('auditor_').toLowerCase();
      const role = await api()
        .post('/api/v1/roles/')
        .set(admin.auth())
        .send({ name: roleName, display_name: 'Auditor', permissions: ['audit:read'] });
      const [roleEntry] = await entries(`action=role.create&resource_id=${role.body.id}`);
      expect(roleEntry).toMatchObject({
        resource_name: roleName,
        details: {
          after: { name: roleName, display_name: 'Auditor', permissions: ['audit:read'] },
        },
      });

      const grant = (
        await api().get(`/api/v1/domains/${fx.domainId}/access-grants`).set(admin.auth())
      ).body.data[0] as { id: string };
      const [grantEntry] = await entries(`action=access_grant.create&resource_id=${grant.id}`);
      expect(grantEntry).toMatchObject({
        resource_name: fx.zone,
        details: { after: { grantee_type: 'user', grantee_id: admin.id, role: 'read_only' } },
      });
      for (const e of [...domains, keyEntry, roleEntry, grantEntry]) {
        for (const side of [e.details.before, e.details.after]) {
          for (const field of Object.keys(side ?? {})) expect(field).toMatch(/^[a-z0-9_]+$/);
        }
      }
    });
  });
});
