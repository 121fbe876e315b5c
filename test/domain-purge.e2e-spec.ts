import { Test, type TestingModule } from '@nestjs/testing';
import { AuditLog, Clock, Domain } from '@app/core';
import { DomainService } from '@app/domains';
import { PdnsClient, PdnsNotFoundError } from '@app/pdns-client';
import request from 'supertest';
import { DomainPurgeHandler } from '../apps/worker/src/domain-purge.handler';
import { WorkerModule } from '../apps/worker/src/worker.module';
import { type IdentityHarness, newActiveZone, startIdentityHarness } from './support/identity';
import { isolatedRedisUrl } from './support/redis';

const DAY_MS = 86_400_000;

/**
 * Deleted zones are purged by the worker once DOMAIN_PURGE_AFTER_DAYS (30 here, the default) have
 * passed since their deletion; its Clock is moved forward instead of waiting a month.
 */
describe('purge of deleted zones by the worker (e2e)', () => {
  let h: IdentityHarness;
  let worker: TestingModule;
  let clock: Clock;
  let handler: DomainPurgeHandler;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.REDIS_URL = await isolatedRedisUrl(5);
    process.env.DOMAIN_PURGE_AFTER_DAYS = '30';
    process.env.WORKER_METRICS_PORT = '0';
    process.env.LOG_LEVEL = 'ERROR';
    h = await startIdentityHarness();
    worker = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    await worker.init();
    clock = worker.get(Clock, { strict: false });
    handler = worker.get(DomainPurgeHandler);
  });

  afterAll(async () => {
    await worker.close();
    await h.close();
    process.env = saved;
  });

  const api = () => request(h.http);
  const row = (id: string) => h.dataSource.getRepository(Domain).findOneBy({ id });

  async function deletedZone(prefix: string) {
    const zone = await newActiveZone(h, prefix);
    await api()
      .post(`/api/v1/domains/${zone.domainId}/records`)
      .set(zone.admin.auth())
      .send({ name: 'www', type: 'A', content: '192.0.2.40', ttl: 300 })
      .expect(200);
    await api().delete(`/api/v1/domains/${zone.domainId}`).set(zone.admin.auth()).expect(204);
    return zone;
  }

  it('keeps a deleted zone, restorable, until its retention has passed; then purges it and frees the name', async () => {
    const zone = await deletedZone('prg');
    clock.offsetMs = 29 * DAY_MS;
    await handler.purge();
    expect(await row(zone.domainId)).toMatchObject({ status: 'deleted' });
    await api().post(`/api/v1/domains/${zone.domainId}/restore`).set(zone.admin.auth()).expect(200);
    await api().delete(`/api/v1/domains/${zone.domainId}`).set(zone.admin.auth()).expect(204);

    clock.offsetMs = 31 * DAY_MS;
    const { purged } = await handler.purge();
    expect(purged).toBeGreaterThanOrEqual(1);
    expect(await row(zone.domainId)).toBeNull();
    await expect(h.app.get(PdnsClient).getZone(`${zone.zone}.`)).rejects.toBeInstanceOf(
      PdnsNotFoundError,
    );
    const entry = await h.dataSource
      .getRepository(AuditLog)
      .findOneBy({ resourceId: zone.domainId, action: 'domain.purge' });
    expect(entry).toMatchObject({ actorType: 'system', resourceName: zone.zone });

    // The name is free: the same tenant makes it again, empty.
    const again = await api()
      .post('/api/v1/domains')
      .set(zone.admin.auth())
      .send({ name: zone.zone })
      .expect(200);
    expect(again.body.id).not.toBe(zone.domainId);
    const records = await api()
      .get(`/api/v1/domains/${again.body.id}/records`)
      .set(zone.admin.auth())
      .expect(200);
    expect(JSON.stringify(records.body)).not.toContain('192.0.2.40');
    await api().delete(`/api/v1/domains/${again.body.id}?hard=true`).set(zone.admin.auth());
  });

  it('a restore that comes first wins: a zone no longer deleted is not purged', async () => {
    const zone = await deletedZone('prr');
    clock.offsetMs = 31 * DAY_MS;
    const domains = worker.get(DomainService, { strict: false });
    // Listed as due, then restored before its purge runs.
    expect(await domains.purgeDue(clock.now(), 10_000)).toContain(zone.domainId);
    await api().post(`/api/v1/domains/${zone.domainId}/restore`).set(zone.admin.auth()).expect(200);
    expect(await domains.purge(zone.domainId, clock.now())).toBe(false);
    await handler.purge();
    const res = await api()
      .get(`/api/v1/domains/${zone.domainId}`)
      .set(zone.admin.auth())
      .expect(200);
    expect(res.body.status).toBe('active');
    await zone.remove();
  });
});
