import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { createTestApp } from './support/app';
import { pdns } from './support/stack';

describe('health (e2e)', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('GET /api/v1/health/live answers ok', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/health/live').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  it('GET /api/v1/health/ready is 200 with every check ok against the real stack', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/health/ready').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: {
        database: 'ok',
        redis: 'ok',
        pdns: 'ok',
        // The test stack runs without ScaiKey configured (development).
        scaikey_jwks: expect.stringMatching(/^(ok|skipped)$/),
      },
      // No SECONDARIES in the tests' environment (test/secondaries.e2e-spec.ts sets some).
      secondaries: [],
    });
  });

  describe('with PowerDNS stopped', () => {
    beforeAll(() => pdns('stop'));
    afterAll(() => pdns('start'));

    it('readiness is 503 degraded and names pdns', async () => {
      const res = await request(app.getHttpServer()).get('/api/v1/health/ready').expect(503);
      expect(res.body.status).toBe('degraded');
      expect(res.body.checks.pdns).toMatch(/^error: PowerDNS is unavailable/);
      expect(res.body.checks.database).toBe('ok');
      expect(res.body.checks.redis).toBe('ok');
    });

    it('liveness still answers', async () => {
      await request(app.getHttpServer()).get('/api/v1/health/live').expect(200);
    });
  });

  it('readiness recovers once PowerDNS is back', async () => {
    const res = await request(app.getHttpServer()).get('/api/v1/health/ready').expect(200);
    expect(res.body.checks.pdns).toBe('ok');
  });
});
