import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AuditModule,
  AuditQueryService,
  AuditReadScope,
  AuditService,
  type AuditEntryInput,
  type AuditLogFilter,
} from '@app/audit';
import { AppError, AuditLog, CoreModule, RequestContext } from '@app/core';
import { DataSource, type Repository, SelectQueryBuilder } from 'typeorm';

/**
 * The audit lib against the real MariaDB test database. Every test makes its own tenants (random
 * UUIDs), so entries of other tests and earlier runs never match.
 */
describe('audit log (e2e, real MariaDB)', () => {
  let moduleRef: TestingModule;
  let dataSource: DataSource;
  let audit: AuditService;
  let query: AuditQueryService;
  let repo: Repository<AuditLog>;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule.forRoot(), AuditModule],
    }).compile();
    await moduleRef.init();
    dataSource = moduleRef.get(DataSource);
    audit = moduleRef.get(AuditService);
    query = moduleRef.get(AuditQueryService);
    repo = dataSource.getRepository(AuditLog);
  });

  afterAll(async () => {
    await moduleRef.close();
  });

  const page1 = { page: 1, pageSize: 100 };

  function input(tenantId: string, overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
    return {
      tenantId,
      actor: { type: 'user', id: 'user-1', email: 'user@example.com' },
      action: 'domain.create',
      resourceType: 'domain',
      resourceId: randomUUID(),
      resourceName: 'example.com',
      after: { name: 'example.com' },
      ...overrides,
    };
  }

  /** Seeds entries directly, with chosen timestamps (record() always stamps "now"). */
  async function seed(rows: Partial<AuditLog>[]): Promise<AuditLog[]> {
    const entries = rows.map((row) =>
      Object.assign(new AuditLog(), {
        id: randomUUID(),
        tenantId: null,
        actorType: 'user',
        actorId: null,
        actorEmail: null,
        action: 'domain.update',
        resourceType: 'domain',
        resourceId: null,
        resourceName: null,
        details: { before: null, after: null },
        ipAddress: null,
        userAgent: null,
        requestId: null,
        timestamp: new Date(),
        ...row,
      }),
    );
    await repo.save(entries);
    return entries;
  }

  async function ids(
    scope: AuditReadScope,
    filter: AuditLogFilter,
    page = page1,
  ): Promise<string[]> {
    return (await query.list(scope, filter, page)).data.map((e) => e.id);
  }

  describe('record', () => {
    it('writes one entry with every field, readable back', async () => {
      const tenantId = randomUUID();
      const before = Date.now();
      const written = await dataSource.transaction((manager) =>
        audit.record(
          manager,
          input(tenantId, {
            actor: { type: 'api_key', id: 'key-1', email: 'owner@example.com' },
            origin: { ip: '192.0.2.7', userAgent: 'curl/8.0', requestId: 'req-abc' },
            action: 'api_key.create',
            resourceType: 'api_key',
            resourceId: 'key-1',
            resourceName: 'ci key',
            before: null,
            after: { name: 'ci key', expires_at: new Date('2030-01-01T00:00:00Z') },
            extra: { api_key_owner_id: 'user-9' },
          }),
        ),
      );
      const read = await query.get(AuditReadScope.tenant(tenantId), written.id);
      expect(read).toMatchObject({
        id: written.id,
        tenantId,
        actorType: 'api_key',
        actorId: 'key-1',
        actorEmail: 'owner@example.com',
        action: 'api_key.create',
        resourceType: 'api_key',
        resourceId: 'key-1',
        resourceName: 'ci key',
        details: {
          before: null,
          after: { name: 'ci key', expires_at: '2030-01-01T00:00:00.000Z' },
          api_key_owner_id: 'user-9',
        },
        ipAddress: '192.0.2.7',
        userAgent: 'curl/8.0',
        requestId: 'req-abc',
      });
      expect(read.timestamp.getTime()).toBeGreaterThanOrEqual(before - 5);
      expect(read.timestamp.getTime()).toBeLessThanOrEqual(Date.now() + 5);
    });

    it('takes the request id from the request context when the origin has none', async () => {
      const tenantId = randomUUID();
      const written = await RequestContext.run({ requestId: 'ctx-req-1' }, () =>
        dataSource.transaction((manager) => audit.record(manager, input(tenantId))),
      );
      expect((await query.get(AuditReadScope.tenant(tenantId), written.id)).requestId).toBe(
        'ctx-req-1',
      );
    });

    it('leaves no entry when the surrounding transaction rolls back', async () => {
      const tenantId = randomUUID();
      await expect(
        dataSource.transaction(async (manager) => {
          await audit.record(manager, input(tenantId));
          throw new Error('the change failed after its audit entry was written');
        }),
      ).rejects.toThrow('the change failed');
      expect((await query.list(AuditReadScope.tenant(tenantId), {}, page1)).total).toBe(0);
      expect(await repo.countBy({ tenantId })).toBe(0);
    });

    it('commits the entry with the transaction', async () => {
      const tenantId = randomUUID();
      await dataSource.transaction((manager) => audit.record(manager, input(tenantId)));
      expect(await repo.countBy({ tenantId })).toBe(1);
    });

    it('stores awkward values: huge, circular, binary, over-long columns', async () => {
      const tenantId = randomUUID();
      const loop: Record<string, unknown> = { n: 1 };
      loop.self = loop;
      const written = await dataSource.transaction((manager) =>
        audit.record(
          manager,
          input(tenantId, {
            resourceName: 'n'.repeat(400),
            origin: { userAgent: 'UA/'.repeat(400), requestId: 'r'.repeat(200) },
            before: { loop, fn: () => 1, buf: Buffer.alloc(10), big: 10n },
            after: Array.from({ length: 50_000 }, (_, i) => ({
              name: `r${i}`,
              content: '192.0.2.1',
            })),
          }),
        ),
      );
      const read = await query.get(AuditReadScope.tenant(tenantId), written.id);
      expect(read.userAgent).toHaveLength(512);
      expect(read.requestId).toHaveLength(128);
      expect(read.resourceName).toHaveLength(320);
      expect(read.details?.before).toEqual({
        loop: { n: 1, self: '[circular]' },
        buf: '[binary: 10 bytes]',
        big: '10',
      });
      const after = read.details?.after as unknown[];
      expect(after.length).toBeLessThan(50_000);
      expect(after[after.length - 1]).toMatch(/more items/);
    });
  });

  describe('list filters', () => {
    const tenantId = randomUUID();
    const scope = AuditReadScope.tenant(tenantId);
    const at = (day: number) => new Date(Date.UTC(2024, 0, day, 12, 0, 0));
    let e: Record<string, AuditLog>;

    beforeAll(async () => {
      const [create, update, keyCreate, keyRevoke, lookalike, webhook] = await seed([
        {
          tenantId,
          action: 'domain.create',
          actorType: 'user',
          actorId: 'alice',
          resourceType: 'domain',
          resourceId: 'dom-1',
          timestamp: at(1),
        },
        {
          tenantId,
          action: 'domain.update',
          actorType: 'user',
          actorId: 'bob',
          resourceType: 'domain',
          resourceId: 'dom-2',
          timestamp: at(2),
        },
        {
          tenantId,
          action: 'api_key.create',
          actorType: 'api_key',
          actorId: 'key-1',
          resourceType: 'api_key',
          resourceId: 'key-1',
          timestamp: at(3),
        },
        {
          tenantId,
          action: 'api_key.revoke',
          actorType: 'user',
          actorId: 'alice',
          resourceType: 'api_key',
          resourceId: 'key-1',
          timestamp: at(4),
        },
        // `_` is a LIKE wildcard: a careless prefix match on `api_key.` would match this too.
        {
          tenantId,
          action: 'apixkey.create',
          actorType: 'system',
          resourceType: 'apixkey',
          timestamp: at(5),
        },
        {
          tenantId,
          action: 'identity.user_updated',
          actorType: 'webhook',
          actorId: 'evt-1',
          resourceType: 'user',
          resourceId: 'dom-1',
          timestamp: at(6),
        },
      ]);
      e = { create, update, keyCreate, keyRevoke, lookalike, webhook };
    });

    it('lists newest first', async () => {
      expect(await ids(scope, {})).toEqual(
        [e.webhook, e.lookalike, e.keyRevoke, e.keyCreate, e.update, e.create].map((x) => x.id),
      );
    });

    it('by actor_type', async () => {
      expect(await ids(scope, { actorType: 'api_key' })).toEqual([e.keyCreate.id]);
      expect(await ids(scope, { actorType: 'webhook' })).toEqual([e.webhook.id]);
      expect(await ids(scope, { actorType: 'system' })).toEqual([e.lookalike.id]);
    });

    it('by actor_id', async () => {
      expect(await ids(scope, { actorId: 'alice' })).toEqual([e.keyRevoke.id, e.create.id]);
    });

    it('by exact action', async () => {
      expect(await ids(scope, { action: 'api_key.create' })).toEqual([e.keyCreate.id]);
      expect(await ids(scope, { action: 'api_key' })).toEqual([]);
    });

    it('by action prefix, with LIKE wildcards taken literally', async () => {
      const expected = [e.keyRevoke.id, e.keyCreate.id];
      expect(await ids(scope, { action: 'api_key.*' })).toEqual(expected);
      expect(await ids(scope, { action: 'api_key.' })).toEqual(expected);
      expect(await ids(scope, { action: 'domain.*' })).toEqual([e.update.id, e.create.id]);
    });

    it('by resource_type and resource_id', async () => {
      expect(await ids(scope, { resourceType: 'api_key' })).toEqual([
        e.keyRevoke.id,
        e.keyCreate.id,
      ]);
      expect(await ids(scope, { resourceId: 'dom-1' })).toEqual([e.webhook.id, e.create.id]);
      expect(await ids(scope, { resourceType: 'domain', resourceId: 'dom-1' })).toEqual([
        e.create.id,
      ]);
    });

    it('by date: start inclusive, end exclusive', async () => {
      expect(await ids(scope, { startDate: at(5) })).toEqual([e.webhook.id, e.lookalike.id]);
      expect(await ids(scope, { endDate: at(2) })).toEqual([e.create.id]);
      expect(await ids(scope, { startDate: at(2), endDate: at(4) })).toEqual([
        e.keyCreate.id,
        e.update.id,
      ]);
      expect(await ids(scope, { startDate: at(4), endDate: at(2) })).toEqual([]);
    });

    it('combines filters with AND', async () => {
      expect(await ids(scope, { actorId: 'alice', action: 'api_key.*' })).toEqual([e.keyRevoke.id]);
      expect(await ids(scope, { actorType: 'user', startDate: at(2), endDate: at(3) })).toEqual([
        e.update.id,
      ]);
    });
  });

  describe('tenant isolation', () => {
    const tenantA = randomUUID();
    const tenantB = randomUUID();
    let entryA: AuditLog;
    let entryB: AuditLog;
    let platformEntry: AuditLog;
    const action = `e2e_${randomUUID().slice(0, 8)}.touch`;

    beforeAll(async () => {
      [entryA, entryB, platformEntry] = await seed([
        { tenantId: tenantA, action },
        { tenantId: tenantB, action },
        { tenantId: null, action },
      ]);
    });

    it('a tenant lists only its own entries, whatever the filter asks for', async () => {
      expect(await ids(AuditReadScope.tenant(tenantA), { action })).toEqual([entryA.id]);
      expect(await ids(AuditReadScope.tenant(tenantA), { action, tenantId: tenantB })).toEqual([]);
    });

    it("another tenant's entry (or a platform one) is not found, not forbidden", async () => {
      await expect(query.get(AuditReadScope.tenant(tenantA), entryB.id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(
        query.get(AuditReadScope.tenant(tenantA), platformEntry.id),
      ).rejects.toBeInstanceOf(AppError);
      await expect(query.get(AuditReadScope.tenant(tenantA), randomUUID())).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
    });

    it('the platform scope sees every tenant, and can narrow to one', async () => {
      const all = await ids(AuditReadScope.platform(), { action });
      expect(all.sort()).toEqual([entryA.id, entryB.id, platformEntry.id].sort());
      expect(await ids(AuditReadScope.platform(), { action, tenantId: tenantB })).toEqual([
        entryB.id,
      ]);
      expect((await query.get(AuditReadScope.platform(), entryB.id)).tenantId).toBe(tenantB);
    });

    it('refuses a tenant scope without a tenant', async () => {
      await expect(query.list(AuditReadScope.tenant(''), {}, page1)).rejects.toThrow(/tenant id/);
    });
  });

  describe('paging', () => {
    const tenantId = randomUUID();
    const scope = AuditReadScope.tenant(tenantId);
    let newestFirst: string[];

    beforeAll(async () => {
      // Two entries share a timestamp: the order must still be total (id breaks the tie).
      const base = Date.UTC(2023, 5, 1);
      const rows = [0, 1, 2, 3, 3, 5, 6].map((minute) => ({
        tenantId,
        timestamp: new Date(base + minute * 60_000),
      }));
      await seed(rows);
      newestFirst = await ids(scope, {});
    });

    it('counts pages and slices newest first without gaps or repeats', async () => {
      const p1 = await query.list(scope, {}, { page: 1, pageSize: 3 });
      const p2 = await query.list(scope, {}, { page: 2, pageSize: 3 });
      const p3 = await query.list(scope, {}, { page: 3, pageSize: 3 });
      expect([p1, p2, p3].map((p) => [p.total, p.totalPages, p.page, p.pageSize])).toEqual([
        [7, 3, 1, 3],
        [7, 3, 2, 3],
        [7, 3, 3, 3],
      ]);
      expect([p1, p2, p3].map((p) => p.data.length)).toEqual([3, 3, 1]);
      expect([...p1.data, ...p2.data, ...p3.data].map((x) => x.id)).toEqual(newestFirst);
      const times = newestFirst.length;
      expect(times).toBe(7);
    });

    it('a page past the end is empty but still tells the total', async () => {
      expect(await query.list(scope, {}, { page: 4, pageSize: 3 })).toEqual({
        data: [],
        total: 7,
        page: 4,
        pageSize: 3,
        totalPages: 3,
      });
    });

    it('exact multiples and empty results', async () => {
      expect((await query.list(scope, {}, { page: 1, pageSize: 7 })).totalPages).toBe(1);
      const none = await query.list(AuditReadScope.tenant(randomUUID()), {}, page1);
      expect(none).toMatchObject({ data: [], total: 0, totalPages: 0 });
    });

    it('refuses page sizes outside 1–100 and pages below 1', async () => {
      await expect(query.list(scope, {}, { page: 1, pageSize: 101 })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
      await expect(query.list(scope, {}, { page: 0, pageSize: 10 })).rejects.toMatchObject({
        code: 'BAD_REQUEST',
      });
    });
  });

  // possible_keys, not the chosen key: with many matching rows the optimizer may rightly prefer a scan,
  // but each filter must be one an index can serve.
  it('each list filter can be served by its index (EXPLAIN of the queries the service runs)', async () => {
    const captured: [string, unknown[]][] = [];
    const spy = jest
      .spyOn(SelectQueryBuilder.prototype, 'getManyAndCount')
      .mockImplementation(function (this: SelectQueryBuilder<AuditLog>) {
        captured.push(this.getQueryAndParameters());
        return Promise.resolve([[], 0]);
      });
    try {
      await query.list(AuditReadScope.tenant(randomUUID()), {}, page1);
      await query.list(AuditReadScope.platform(), { actorType: 'api_key', actorId: 'k' }, page1);
      await query.list(AuditReadScope.platform(), { action: 'api_key.*' }, page1);
      await query.list(
        AuditReadScope.platform(),
        { resourceType: 'domain', resourceId: 'x' },
        page1,
      );
    } finally {
      spy.mockRestore();
    }
    const usable: string[][] = [];
    for (const [sql, params] of captured) {
      const plan: { possible_keys: string | null }[] = await dataSource.query(
        `EXPLAIN ${sql}`,
        params,
      );
      usable.push((plan[0].possible_keys ?? '').split(','));
    }
    expect(usable).toEqual([
      expect.arrayContaining(['idx_audit_logs_tenant_id_timestamp']),
      expect.arrayContaining(['idx_audit_logs_actor']),
      expect.arrayContaining(['idx_audit_logs_action']),
      expect.arrayContaining(['idx_audit_logs_resource']),
    ]);
  });
});
