import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdnsClient } from '@app/pdns-client';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import request from 'supertest';
import {
  grantSystemRole,
  type IdentityHarness,
  newActiveZone,
  newDomain,
  newTenant,
  startIdentityHarness,
  type TestUser,
  type ZoneFixture,
} from './support/identity';
import { createPkce, webhookSignature } from './support/scaikey';

/**
 * Unknown body fields and query parameters are ignored, as FastAPI ignores them: every operation of
 * the committed openapi.json that takes a JSON body or a query is sent its normal valid request, then
 * the same request with an unknown body field and unknown query parameters, and must answer the same
 * status, never 422. The operations come from the document, so a new endpoint fails this test until
 * VALID_REQUESTS says how to make a valid request to it.
 */

interface OpenApiOperation {
  operationId: string;
  parameters?: { in: string; name: string }[];
  requestBody?: { content: Record<string, unknown> };
}

interface Operation {
  method: string;
  path: string;
  operationId: string;
  jsonBody: boolean;
}

/** One valid request; made afresh for each send, so that creates and deletes can be repeated. */
interface ValidRequest {
  /** Values of the path's `{params}`. */
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Headers computed from the exact bytes sent (a signature). */
  sign?: (raw: string) => Record<string, string>;
  /** A multipart upload: the file part, sent with `body`'s fields as form fields. */
  file?: { field: string; filename: string; content: string };
}

type MakeRequest = () => Promise<ValidRequest>;

const document = JSON.parse(readFileSync(join(__dirname, '..', 'openapi.json'), 'utf8')) as {
  paths: Record<string, Record<string, OpenApiOperation>>;
};

const OPERATIONS: Operation[] = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods)
    .filter(
      ([, op]) =>
        op.requestBody?.content['application/json'] !== undefined ||
        (op.parameters ?? []).some((p) => p.in === 'query'),
    )
    .map(([method, op]) => ({
      method,
      path,
      operationId: op.operationId,
      jsonBody: op.requestBody?.content['application/json'] !== undefined,
    })),
);

const UNKNOWN_QUERY = { sort: 'name', x_unknown: '1' };
const UNKNOWN_FIELD = { x_unknown_field: 'ignored', sort: 'name' };

describe('unknown body fields and query parameters are ignored on every endpoint (e2e)', () => {
  let h: IdentityHarness;
  let fx: ZoneFixture;
  let admin: TestUser;
  let root: TestUser;
  let pendingOwner: TestUser;
  let pendingDomainId: string;
  let reverseZoneId: string;
  let roleId: string;
  let grantId: string;
  let keyId: string;
  let recordId: string;
  let mirroredUserId: string;
  let counter = 0;
  const unique = (prefix: string) => `${prefix}${Date.now().toString(36)}${(counter += 1)}`;
  const reverseBase = 1 + Math.floor(Math.random() * 250);
  const made: { domains: string[] } = { domains: [] };

  beforeAll(async () => {
    h = await startIdentityHarness();
    fx = await newActiveZone(h, 'sweep');
    admin = fx.admin;
    [root] = await newTenant(h, 1);
    await grantSystemRole(h, root, 'platform_admin', { type: 'platform', id: null });
    [pendingOwner] = await newTenant(h, 1);
    await grantSystemRole(h, pendingOwner, 'tenant_admin');
    const api = () => request(h.http);

    const pending = await api()
      .post('/api/v1/domains/')
      .set(pendingOwner.auth())
      .send({ name: `${unique('pending')}.example.com` });
    pendingDomainId = pending.body.id;
    const reverse = await api()
      .post('/api/v1/reverse-zones/')
      .set(admin.auth())
      .send({ cidr: `10.${reverseBase}.0.0/24` });
    reverseZoneId = reverse.body.id;
    made.domains.push(reverseZoneId);
    roleId = (
      await api()
        .post('/api/v1/roles/')
        .set(admin.auth())
        .send({ name: unique('sweep_role_'), permissions: ['records:read'] })
    ).body.id;
    grantId = (
      await api()
        .post(`/api/v1/domains/${fx.domainId}/access-grants`)
        .set(admin.auth())
        .send({ grantee_type: 'user', grantee_id: admin.id, role: 'read_only' })
    ).body.id;
    keyId = (await newKey()).id;
    recordId = (await newRecord()).id;
    mirroredUserId = admin.id;
    for (const id of [pendingDomainId, reverseZoneId, roleId, grantId, keyId, recordId]) {
      expect(id).toEqual(expect.any(String));
    }
  });

  afterAll(async () => {
    for (const id of [...made.domains, pendingDomainId]) {
      const owner = id === pendingDomainId ? pendingOwner : admin;
      await request(h.http).delete(`/api/v1/domains/${id}?hard=true`).set(owner.auth());
    }
    await fx.remove();
    await h.close();
  });

  async function newKey(): Promise<{ id: string }> {
    const res = await request(h.http)
      .post('/api/v1/api-keys/')
      .set(admin.auth())
      .send({ name: unique('key'), permission_source: 'user', permission_source_id: admin.id });
    return res.body as { id: string };
  }

  async function newRecord(): Promise<{ id: string }> {
    const res = await request(h.http)
      .post(`/api/v1/domains/${fx.domainId}/records`)
      .set(admin.auth())
      .send({ name: unique('r'), type: 'A', content: '192.0.2.20' });
    return res.body as { id: string };
  }

  function templateBody(): Record<string, unknown> {
    return {
      name: unique('tpl'),
      description: 'swept',
      records: [{ name: unique('t'), type: 'TXT', content: '"${token}"', ttl: 300 }],
      variables: [{ name: 'token', description: 'a value', required: true }],
    };
  }

  async function newTemplate(): Promise<string> {
    const res = await request(h.http)
      .post('/api/v1/templates/')
      .set(admin.auth())
      .send(templateBody());
    return res.body.id as string;
  }

  async function newActiveDomain(): Promise<string> {
    const res = await request(h.http)
      .post('/api/v1/domains/')
      .set(admin.auth())
      .send({ name: `${unique('del')}.example.com` });
    made.domains.push(res.body.id as string);
    return res.body.id as string;
  }

  /** An open drift finding: a new zone edited behind ScaiDNS's back, then scanned. */
  async function driftFinding(): Promise<string> {
    const id = await newActiveDomain();
    const domain = await request(h.http).get(`/api/v1/domains/${id}`).set(admin.auth());
    const zone = `${domain.body.name as string}.`;
    await new PdnsZonePatcher(h.app.get(PdnsClient)).patchRRSets(zone, [
      {
        name: `drift.${zone}`,
        type: 'TXT',
        changetype: 'REPLACE',
        ttl: 60,
        records: [{ content: '"behind its back"', disabled: false }],
      },
    ]);
    await request(h.http).post('/api/v1/admin/drift/scan').set(asRoot()).expect(200);
    const open = await request(h.http).get('/api/v1/admin/drift').set(asRoot()).expect(200);
    return (open.body.data as { id: string; zone: string }[]).find((f) => f.zone === zone)
      ?.id as string;
  }

  async function freshTokens(): Promise<{ access_token: string; refresh_token: string }> {
    const req = await authCode();
    const res = await request(h.http).post('/api/v1/auth/token').send(req.body);
    return res.body as { access_token: string; refresh_token: string };
  }

  async function authCode(): Promise<ValidRequest> {
    const pkce = createPkce();
    const redirectUri = h.standIn.application.redirect_uris[0];
    const { code } = await h.standIn.authorize({
      codeChallenge: pkce.challenge,
      redirectUri,
      loginHint: admin.record.id,
    });
    return { body: { code, code_verifier: pkce.verifier, redirect_uri: redirectUri } };
  }

  let octet = 0;
  const nextIp = () => `10.${reverseBase}.0.${(octet += 1)}`;
  const asAdmin = () => admin.auth();
  const asRoot = () => root.auth();
  const onZone = (extra: Record<string, string> = {}) => ({ id: fx.domainId, ...extra });

  /** How to make a valid request to each operation that takes a JSON body or a query. */
  const VALID_REQUESTS: Record<string, MakeRequest> = {
    Auth_token: authCode,
    Auth_refresh: async () => ({ body: { refresh_token: (await freshTokens()).refresh_token } }),
    Auth_validate: async () => ({ body: { token: admin.token } }),
    Me_check: async () => ({
      headers: asAdmin(),
      body: { permission: 'records:read', domain_id: fx.domainId },
    }),
    ApiKeys_list: async () => ({ headers: asAdmin(), query: { include_revoked: 'true' } }),
    ApiKeys_create: async () => ({
      headers: asAdmin(),
      body: { name: unique('key'), permission_source: 'user', permission_source_id: admin.id },
    }),
    ApiKeys_update: async () => ({
      headers: asAdmin(),
      params: { id: keyId },
      body: { description: 'swept' },
    }),
    ApiKeys_revoke: async () => ({
      headers: asAdmin(),
      params: { id: (await newKey()).id },
      body: { reason: 'sweep' },
    }),
    RoleAssignments_list: async () => ({ headers: asAdmin(), query: { principal_type: 'user' } }),
    RoleAssignments_create: async () => ({
      headers: asAdmin(),
      body: {
        role: 'read_only',
        principal_type: 'user',
        principal_id: admin.id,
        scope_type: 'domain',
        scope_id: (await newDomain(h, admin.tenantId)).id,
      },
    }),
    Roles_create: async () => ({
      headers: asAdmin(),
      body: { name: unique('sweep_role_'), permissions: ['records:read'] },
    }),
    Roles_update: async () => ({
      headers: asAdmin(),
      params: { id: roleId },
      body: { description: 'swept' },
    }),
    AccessGrants_list: async () => ({
      headers: asAdmin(),
      params: onZone(),
      query: { include_expired: 'true' },
    }),
    AccessGrants_create: async () => ({
      headers: asAdmin(),
      params: { id: (await newDomain(h, admin.tenantId)).id },
      body: { grantee_type: 'user', grantee_id: admin.id, role: 'read_only' },
    }),
    AccessGrants_update: async () => ({
      headers: asAdmin(),
      params: onZone({ grantId }),
      body: { notes: 'swept' },
    }),
    AuditLogs_listAll: async () => ({ headers: asRoot(), query: { page: '1', page_size: '5' } }),
    Drift_list: async () => ({ headers: asRoot(), query: { include_resolved: 'true' } }),
    Drift_fix: async () => ({
      headers: asRoot(),
      params: { id: await driftFinding() },
      body: { action: 'adopt' },
    }),
    AuditLogs_list: async () => ({ headers: asAdmin(), query: { page: '1', page_size: '5' } }),
    Domains_list: async () => ({ headers: asAdmin(), query: { page: '1', status: 'active' } }),
    Domains_create: async () => ({
      headers: asAdmin(),
      body: { name: `${unique('sweep')}.example.com`, domain_type: 'primary', default_ttl: 3600 },
    }),
    Domains_update: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: { description: 'swept' },
    }),
    Domains_delete: async () => ({
      headers: asAdmin(),
      params: { id: await newActiveDomain() },
      query: { hard: 'true' },
    }),
    Validation_renew: async () => ({
      headers: pendingOwner.auth(),
      params: { id: pendingDomainId },
      body: {},
    }),
    Nameservers_put: async () => {
      const current = await request(h.http).get('/api/v1/admin/nameservers').set(asRoot());
      return { headers: asRoot(), body: { nameservers: current.body.nameservers } };
    },
    ReverseZones_preview: async () => ({ headers: asAdmin(), body: { cidr: '192.0.2.0/24' } }),
    ReverseZones_create: async () => ({
      headers: asAdmin(),
      body: { cidr: `10.${reverseBase}.${(octet += 1)}.0/24` },
    }),
    ReverseZones_list: async () => ({ headers: asAdmin(), query: { page: '1' } }),
    ReverseZones_setPtr: async () => ({
      headers: asAdmin(),
      params: { domainId: reverseZoneId },
      body: { ip: nextIp(), hostname: 'host.example.com' },
    }),
    ReverseZones_setPtrs: async () => ({
      headers: asAdmin(),
      params: { domainId: reverseZoneId },
      body: { records: [{ ip: nextIp(), hostname: 'bulk.example.com' }] },
    }),
    Records_list: async () => ({ headers: asAdmin(), params: onZone(), query: { type: 'A' } }),
    Records_create: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: { name: unique('c'), type: 'A', content: '192.0.2.30', ttl: 300 },
    }),
    Records_bulk: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: { records: [{ name: unique('b'), type: 'TXT', content: '"bulk"' }] },
    }),
    Records_bulkDelete: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: { record_ids: [(await newRecord()).id] },
    }),
    Records_searchZone: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: { query: 'imp' },
    }),
    Records_update: async () => ({
      headers: asAdmin(),
      params: onZone({ recordId }),
      body: { ttl: 600 },
    }),
    RecordSearch_searchAll: async () => ({ headers: asAdmin(), body: { query: 'imp' } }),
    ZoneTransfer_import: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: {
        format: 'bind',
        mode: 'merge',
        content: `$ORIGIN ${fx.zone}.\nimp 300 A 192.0.2.5\n`,
      },
    }),
    Dnssec_enable: async () => ({
      headers: asAdmin(),
      params: { id: await newActiveDomain() },
      body: { algorithm: 13 },
    }),
    Dnssec_disable: async () => {
      const id = await newActiveDomain();
      await request(h.http)
        .post(`/api/v1/domains/${id}/dnssec/enable`)
        .set(asAdmin())
        .send({ algorithm: 13 })
        .expect(200);
      return { headers: asAdmin(), params: { id }, body: { force: true } };
    },
    Templates_list: async () => ({ headers: asAdmin(), query: { template_type: 'custom' } }),
    Templates_create: async () => ({ headers: asAdmin(), body: templateBody() }),
    Templates_update: async () => ({
      headers: asAdmin(),
      params: { id: await newTemplate() },
      body: { description: 'swept again' },
    }),
    Templates_preview: async () => ({
      headers: asAdmin(),
      params: { id: await newTemplate(), domain_id: fx.domainId },
      body: { variables: { token: 'v' } },
    }),
    Templates_apply: async () => ({
      headers: asAdmin(),
      params: { id: await newTemplate() },
      body: { domain_id: fx.domainId, variables: { token: 'v' } },
    }),
    ZoneTransfer_importText: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: {
        format: 'bind',
        mode: 'merge',
        content: `$ORIGIN ${fx.zone}.\nimt 300 A 192.0.2.6\n`,
      },
    }),
    ZoneTransfer_importPreview: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: {
        format: 'bind',
        mode: 'merge',
        content: `$ORIGIN ${fx.zone}.\nimp 300 A 192.0.2.7\n`,
      },
    }),
    ZoneTransfer_importFile: async () => ({
      headers: asAdmin(),
      params: onZone(),
      body: { format: 'bind', mode: 'merge' },
      file: {
        field: 'file',
        filename: 'zone.zone',
        content: `$ORIGIN ${fx.zone}.\nimf 300 A 192.0.2.8\n`,
      },
    }),
    ZoneTransfer_download: async () => ({
      headers: asAdmin(),
      params: onZone(),
      query: { format: 'bind' },
    }),
    ReverseZones_listPtrs: async () => ({
      headers: asAdmin(),
      params: { domainId: reverseZoneId },
      query: { page: '1' },
    }),
    AuthoritativeDomains_put: async () => {
      const current = await request(h.http)
        .get('/api/v1/admin/authoritative-domains')
        .set(asRoot());
      return { headers: asRoot(), body: { domains: current.body.domains } };
    },
    ZoneTransfer_export: async () => ({
      headers: asAdmin(),
      params: onZone(),
      query: { format: 'json' },
    }),
    Webhooks_scaikey: async () => {
      const secret = process.env.SCAIKEY_WEBHOOK_SECRET ?? '';
      const hook = h.standIn.buildWebhook(secret, {
        event_type: 'tenant.updated',
        data: { id: 'tnt_nobody' },
      });
      return {
        body: JSON.parse(hook.body) as Record<string, unknown>,
        sign: (raw) => ({
          'Content-Type': 'application/json',
          'X-ScaiKey-Signature': webhookSignature(secret, hook.timestamp, raw),
        }),
      };
    },
    IdentityAdmin_listPartners: async () => ({ headers: asRoot(), query: { page: '1' } }),
    IdentityAdmin_listTenants: async () => ({ headers: asRoot(), query: { status: 'active' } }),
    IdentityAdmin_addTenant: async () => {
      const slug = unique('t');
      const { tenant } = h.standIn.directory.seedTenant({ slug });
      return {
        headers: asRoot(),
        body: { name: 'Swept', slug: unique('s'), scaikey_tenant_id: tenant.id },
      };
    },
    IdentityAdmin_updateTenant: async () => ({
      headers: asRoot(),
      params: { id: admin.tenantId },
      body: { settings: { swept: true } },
    }),
    IdentityAdmin_inviteUser: async () => ({
      headers: asRoot(),
      body: { tenant_id: admin.tenantId, email: `${unique('i')}@example.com` },
    }),
    IdentityAdmin_setPassword: async () => ({
      headers: asRoot(),
      params: { id: mirroredUserId },
      body: { password: 'a long enough password' },
    }),
    IdentityAdmin_createGroup: async () => ({
      headers: asRoot(),
      body: { tenant_id: admin.tenantId, name: unique('g') },
    }),
    IdentityAdmin_listUsers: async () => ({
      headers: asRoot(),
      query: { tenant_id: admin.tenantId },
    }),
    IdentityAdmin_createUser: async () => ({
      headers: asRoot(),
      body: { tenant_id: admin.tenantId, email: `${unique('u')}@example.com` },
    }),
    IdentityAdmin_updateUser: async () => ({
      headers: asRoot(),
      params: { id: mirroredUserId },
      body: { display_name: 'Swept Admin' },
    }),
    IdentityAdmin_listGroups: async () => ({ headers: asRoot(), query: { page: '1' } }),
    PlatformConfig_update: async () => {
      const current = await request(h.http)
        .get('/api/v1/admin/config/max_records_per_bulk')
        .set(asRoot());
      return {
        headers: asRoot(),
        params: { key: 'max_records_per_bulk' },
        body: { value: current.body.value },
      };
    },
  };

  async function send(op: Operation, valid: ValidRequest, extra: boolean) {
    const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
      const value = valid.params?.[name];
      if (value === undefined) throw new Error(`${op.operationId}: no value for {${name}}`);
      return encodeURIComponent(value);
    });
    const query = new URLSearchParams({ ...valid.query, ...(extra ? UNKNOWN_QUERY : {}) });
    const url = query.size > 0 ? `${path}?${query.toString()}` : path;
    const method = op.method as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let req = request(h.http)
      [method](url)
      .set(valid.headers ?? {});
    if (valid.file) {
      for (const [name, value] of Object.entries({
        ...valid.body,
        ...(extra ? UNKNOWN_FIELD : {}),
      })) {
        req = req.field(name, String(value));
      }
      return req.attach(valid.file.field, Buffer.from(valid.file.content), valid.file.filename);
    }
    if (op.jsonBody) {
      const raw = JSON.stringify({ ...valid.body, ...(extra ? UNKNOWN_FIELD : {}) });
      req = req.set(valid.sign?.(raw) ?? { 'Content-Type': 'application/json' }).send(raw);
    }
    return req;
  }

  it('the sweep covers operations of every kind', () => {
    const kinds = new Set(OPERATIONS.map((op) => op.method));
    expect([...kinds].sort()).toEqual(['delete', 'get', 'patch', 'post', 'put']);
    expect(OPERATIONS.length).toBeGreaterThan(40);
  });

  it.each(OPERATIONS.map((op) => [`${op.method.toUpperCase()} ${op.path}`, op] as const))(
    '%s',
    async (_label, op) => {
      const make = VALID_REQUESTS[op.operationId];
      if (!make) {
        throw new Error(
          `${op.operationId} takes a body or a query: add to VALID_REQUESTS how to make a valid request`,
        );
      }
      const plain = await send(op, await make(), false);
      expect({ operation: op.operationId, status: plain.status }).toEqual({
        operation: op.operationId,
        status: expect.any(Number),
      });
      expect(plain.status).toBeLessThan(300);
      const drifted = await send(op, await make(), true);
      expect({ operation: op.operationId, status: drifted.status, body: drifted.body }).toEqual({
        operation: op.operationId,
        status: plain.status,
        body: expect.anything(),
      });
    },
  );
});
