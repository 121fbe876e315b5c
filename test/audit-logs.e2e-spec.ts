import { randomUUID } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
  Injectable,
} from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE, Reflector } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import { AuditService } from '@app/audit';
import { APP_CONFIG, type AppConfig, AppError, AuditLog, CoreModule } from '@app/core';
import type { Caller, PrincipalAccess } from '@app/identity';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { AuditApiModule } from '../apps/api/src/audit/audit-api.module';
import {
  REQUIRED_PERMISSION,
  type RequestWithCaller,
  type RequiredPermission,
} from '../apps/api/src/auth/auth.decorators';
import { configureApp, NEST_APP_OPTIONS } from '../apps/api/src/bootstrap/configure-app';
import { AllExceptionsFilter } from '../apps/api/src/common/all-exceptions.filter';
import { ApiValidationPipe } from '../apps/api/src/common/api-validation.pipe';

/** Who the test guard lets in: a tenant and the permissions held there and at platform scope. */
interface TestCaller {
  tenantId: string;
  tenantPermissions?: string[];
  platformPermissions?: string[];
}

/**
 * Stands in for the real auth guard so this suite tests the audit routes alone: the caller comes
 * from the X-Test-Caller header, and @RequirePermission is honoured with the same scopes (a
 * `platform` permission counts only if held at platform scope).
 */
@Injectable()
class HeaderCallerGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RequestWithCaller>();
    const header = req.header('x-test-caller');
    if (!header) throw new AppError('UNAUTHENTICATED', 'Not authenticated');
    const spec = JSON.parse(header) as TestCaller;
    req.caller = callerOf(spec);
    req.access = accessOf(spec);
    const required = this.reflector.getAllAndOverride<RequiredPermission | undefined>(
      REQUIRED_PERMISSION,
      [context.getHandler(), context.getClass()],
    );
    if (required) {
      // As the real guard: platform-scope permissions count in every tenant too.
      const platform = spec.platformPermissions ?? [];
      const held =
        required.scope === 'platform' ? platform : [...(spec.tenantPermissions ?? []), ...platform];
      if (!held.includes(required.permission)) {
        throw new AppError('FORBIDDEN', `Permission ${required.permission} is required`);
      }
    }
    return true;
  }
}

/** The permissions of the header as roles at platform and tenant scope (what the real guard resolves). */
function accessOf(spec: TestCaller): PrincipalAccess {
  const role = (scopeType: 'platform' | 'tenant', permissions: string[] = []) => ({
    roleId: randomUUID(),
    roleName: `header-${scopeType}`,
    permissions,
    scopeType,
    scopeId: scopeType === 'platform' ? null : spec.tenantId,
    expiresAt: null,
  });
  return {
    roles: [role('platform', spec.platformPermissions), role('tenant', spec.tenantPermissions)],
    grants: [],
    narrowTo: null,
  };
}

function callerOf(spec: TestCaller): Caller {
  return {
    kind: 'user',
    userId: randomUUID(),
    scaikeyUserId: 'sk-user',
    email: 'reader@example.com',
    tenantId: spec.tenantId,
    scaikeyTenantId: 'sk-tenant',
    partnerId: null,
    groupIds: [],
    scaikeyRoles: [],
    tokenScopes: [],
    apiKey: null,
    ip: '127.0.0.1',
    userAgent: null,
    requestId: null,
  };
}

describe('audit-log routes (e2e)', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;
  let dataSource: DataSource;
  let audit: AuditService;

  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const readerA = JSON.stringify({ tenantId: tenantA, tenantPermissions: ['audit:read'] });
  const platformAdmin = JSON.stringify({
    tenantId: randomUUID(),
    tenantPermissions: ['audit:read'],
    platformPermissions: ['audit:read'],
  });
  let entriesA: AuditLog[];
  let entryB: AuditLog;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(), AuditApiModule],
      providers: [
        { provide: APP_PIPE, useClass: ApiValidationPipe },
        { provide: APP_FILTER, useClass: AllExceptionsFilter },
        { provide: APP_GUARD, useClass: HeaderCallerGuard },
      ],
    }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({
      ...NEST_APP_OPTIONS,
      logger: ['error'],
    });
    configureApp(app, app.get<AppConfig>(APP_CONFIG));
    await app.init();
    http = app.getHttpServer();
    dataSource = app.get(DataSource);
    audit = app.get(AuditService);

    const write = (tenantId: string, action: string, actorType: 'user' | 'api_key', n: number) =>
      dataSource.transaction((manager) =>
        audit.record(manager, {
          tenantId,
          actor: { type: actorType, id: `actor-${n}`, email: `actor${n}@example.com` },
          origin: { ip: '198.51.100.4', userAgent: 'e2e-agent', requestId: `req-${n}` },
          action,
          resourceType: action.split('.')[0],
          resourceId: `res-${n}`,
          resourceName: `name-${n}`,
          before: n === 1 ? null : { v: n - 1 },
          after: { v: n },
        }),
      );
    // Written one after another, so newest first is 3, 2, 1.
    entriesA = [];
    entriesA.push(await write(tenantA, 'domain.create', 'user', 1));
    entriesA.push(await write(tenantA, 'api_key.create', 'api_key', 2));
    entriesA.push(await write(tenantA, 'api_key.revoke', 'user', 3));
    entryB = await write(tenantB, 'domain.create', 'user', 4);
  });

  afterAll(async () => {
    await app.close();
  });

  const asA = (path: string) => request(http).get(path).set('X-Test-Caller', readerA);
  const asAdmin = (path: string) => request(http).get(path).set('X-Test-Caller', platformAdmin);
  const idsOf = (body: { data: { id: string }[] }) => body.data.map((e) => e.id);

  describe('GET /audit-logs/ (own tenant)', () => {
    it('answers with and without the trailing slash', async () => {
      const withSlash = await asA('/api/v1/audit-logs/').expect(200);
      const without = await asA('/api/v1/audit-logs').expect(200);
      expect(withSlash.body).toEqual(without.body);
    });

    it("lists only the caller's tenant, newest first, every field of an entry", async () => {
      const res = await asA('/api/v1/audit-logs/').expect(200);
      expect(res.body).toMatchObject({ total: 3, page: 1, page_size: 50, total_pages: 1 });
      expect(idsOf(res.body)).toEqual([entriesA[2].id, entriesA[1].id, entriesA[0].id]);
      expect(res.body.data[1]).toEqual({
        id: entriesA[1].id,
        tenant_id: tenantA,
        actor_type: 'api_key',
        actor_id: 'actor-2',
        actor_email: 'actor2@example.com',
        action: 'api_key.create',
        resource_type: 'api_key',
        resource_id: 'res-2',
        resource_name: 'name-2',
        details: { before: { v: 1 }, after: { v: 2 } },
        ip_address: '198.51.100.4',
        user_agent: 'e2e-agent',
        request_id: 'req-2',
        timestamp: entriesA[1].timestamp.toISOString(),
      });
    });

    it('filters by actor_type, actor_id, action (exact and prefix), resource', async () => {
      const q = async (query: string) =>
        idsOf((await asA(`/api/v1/audit-logs/?${query}`).expect(200)).body);
      expect(await q('actor_type=api_key')).toEqual([entriesA[1].id]);
      expect(await q('actor_id=actor-3')).toEqual([entriesA[2].id]);
      expect(await q('action=domain.create')).toEqual([entriesA[0].id]);
      expect(await q('action=api_key.*')).toEqual([entriesA[2].id, entriesA[1].id]);
      expect(await q('resource_type=api_key&resource_id=res-2')).toEqual([entriesA[1].id]);
    });

    it('pages', async () => {
      const p2 = await asA('/api/v1/audit-logs/?page=2&page_size=2').expect(200);
      expect(p2.body).toMatchObject({ total: 3, page: 2, page_size: 2, total_pages: 2 });
      expect(idsOf(p2.body)).toEqual([entriesA[0].id]);
    });

    it('ignores tenant_id like any unknown parameter: a tenant reads its own log only', async () => {
      const res = await asA(`/api/v1/audit-logs/?tenant_id=${tenantB}`).expect(200);
      expect(idsOf(res.body)).toEqual([entriesA[2].id, entriesA[1].id, entriesA[0].id]);
      expect(idsOf(res.body)).not.toContain(entryB.id);
    });

    it('needs audit:read', async () => {
      const noPermission = JSON.stringify({ tenantId: tenantA, tenantPermissions: [] });
      await request(http).get('/api/v1/audit-logs/').set('X-Test-Caller', noPermission).expect(403);
    });
  });

  describe('GET /audit-logs/:id', () => {
    it('returns an entry of your tenant', async () => {
      const res = await asA(`/api/v1/audit-logs/${entriesA[0].id}`).expect(200);
      expect(res.body).toMatchObject({
        id: entriesA[0].id,
        tenant_id: tenantA,
        details: { before: null, after: { v: 1 } },
      });
    });

    it("answers 404, not 403, for another tenant's entry", async () => {
      const res = await asA(`/api/v1/audit-logs/${entryB.id}`).expect(404);
      expect(res.body).toEqual({ detail: 'Audit log entry not found' });
      await asA(`/api/v1/audit-logs/${randomUUID()}`).expect(404);
    });

    it('answers 400 for an id that is not a UUID', async () => {
      await asA('/api/v1/audit-logs/not-a-uuid').expect(400);
    });
  });

  describe('GET /admin/audit-logs/ (platform)', () => {
    it('answers with and without the trailing slash', async () => {
      const q = `tenant_id=${tenantA}`;
      const withSlash = await asAdmin(`/api/v1/admin/audit-logs/?${q}`).expect(200);
      const without = await asAdmin(`/api/v1/admin/audit-logs?${q}`).expect(200);
      expect(withSlash.body).toEqual(without.body);
    });

    it('reads any tenant, narrowed by tenant_id', async () => {
      const b = await asAdmin(`/api/v1/admin/audit-logs/?tenant_id=${tenantB}`).expect(200);
      expect(idsOf(b.body)).toEqual([entryB.id]);
      const both = await asAdmin('/api/v1/admin/audit-logs/?action=domain.create&page_size=100');
      expect(idsOf(both.body)).toEqual(expect.arrayContaining([entriesA[0].id, entryB.id]));
      const one = await asAdmin(`/api/v1/admin/audit-logs/${entryB.id}`).expect(200);
      expect(one.body.tenant_id).toBe(tenantB);
    });

    it("shows a tenant's reader their own tenant only: another tenant is 404", async () => {
      const own = await asA('/api/v1/admin/audit-logs/?page_size=100').expect(200);
      expect(idsOf(own.body)).toEqual(entriesA.map((e) => e.id).reverse());
      const named = await asA(
        `/api/v1/admin/audit-logs/?page_size=100&tenant_id=${tenantA}`,
      ).expect(200);
      expect(named.body).toEqual(own.body);
      await asA(`/api/v1/admin/audit-logs/?tenant_id=${tenantB}`).expect(404);
      const one = await asA(`/api/v1/admin/audit-logs/${entriesA[0].id}`).expect(200);
      expect(one.body.id).toBe(entriesA[0].id);
      await asA(`/api/v1/admin/audit-logs/${entryB.id}`).expect(404);
      const none = JSON.stringify({ tenantId: tenantA, tenantPermissions: [] });
      await request(http).get('/api/v1/admin/audit-logs/').set('X-Test-Caller', none).expect(403);
    });
  });

  describe('date filters', () => {
    const tenantId = randomUUID();
    const reader = JSON.stringify({ tenantId, tenantPermissions: ['audit:read'] });
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const repo = dataSource.getRepository(AuditLog);
      for (const [name, iso] of [
        ['mar9', '2024-03-09T23:59:59.999Z'],
        ['mar10', '2024-03-10T12:00:00.000Z'],
        ['mar11', '2024-03-11T00:00:00.000Z'],
      ]) {
        const entry = Object.assign(new AuditLog(), {
          id: randomUUID(),
          tenantId,
          actorType: 'system',
          action: 'domain.update',
          resourceType: 'domain',
          details: { before: null, after: null },
          timestamp: new Date(iso),
        });
        await repo.save(entry);
        ids[name] = entry.id;
      }
    });

    const q = async (query: string) =>
      idsOf(
        (await request(http).get(`/api/v1/audit-logs/?${query}`).set('X-Test-Caller', reader)).body,
      );

    it('start_date is inclusive, end_date exclusive; dates alone are UTC midnight', async () => {
      expect(await q('start_date=2024-03-10&end_date=2024-03-11')).toEqual([ids.mar10]);
      expect(await q('start_date=2024-03-11')).toEqual([ids.mar11]);
      expect(await q('end_date=2024-03-10')).toEqual([ids.mar9]);
    });

    it('reads a date-time without offset as UTC, and honours an explicit offset', async () => {
      expect(await q('start_date=2024-03-10T12:00:00&end_date=2024-03-10T12:00:01')).toEqual([
        ids.mar10,
      ]);
      expect(await q('start_date=2024-03-10T13:00:00%2B01:00&end_date=2024-03-11')).toEqual([
        ids.mar10,
      ]);
      expect(await q('start_date=2024-03-10T12:00:00.001Z&end_date=2024-03-11')).toEqual([]);
    });
  });

  describe('query validation (422 with the location of each problem)', () => {
    it.each([
      ['page=0', 'page'],
      ['page=abc', 'page'],
      ['page_size=0', 'page_size'],
      ['page_size=101', 'page_size'],
      ['actor_type=robot', 'actor_type'],
      ['action=DROP%20TABLE', 'action'],
      ['start_date=2024-13-01', 'start_date'],
      ['start_date=2024-02-30', 'start_date'],
      ['end_date=2024-W01-1', 'end_date'],
      ['end_date=yesterday', 'end_date'],
    ])('%s', async (query, field) => {
      const res = await asA(`/api/v1/audit-logs/?${query}`).expect(422);
      expect(res.body.detail.map((d: { loc: unknown[] }) => d.loc)).toContainEqual([
        'query',
        field,
      ]);
    });

    it('admin tenant_id must be a UUID', async () => {
      await asAdmin('/api/v1/admin/audit-logs/?tenant_id=acme').expect(422);
    });
  });
});
