import type { INestApplication } from '@nestjs/common';
import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPI } from 'openapi-types';
import request from 'supertest';
import { createTestApp } from './support/app';
import { ProbeController } from './support/probe.controller';

describe('API shell (e2e)', () => {
  let app: INestApplication;
  let http: ReturnType<INestApplication['getHttpServer']>;

  beforeAll(async () => {
    app = await createTestApp({ controllers: [ProbeController] });
    http = app.getHttpServer();
  });

  afterAll(async () => {
    await app.close();
  });

  describe('request ids', () => {
    it('generates an X-Request-ID when the client sends none', async () => {
      const res = await request(http).get('/api/v1/health/live').expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('echoes a well-formed client X-Request-ID, also on errors', async () => {
      const res = await request(http)
        .get('/api/v1/nowhere')
        .set('X-Request-ID', 'req-123.abc')
        .expect(404);
      expect(res.headers['x-request-id']).toBe('req-123.abc');
    });

    it('replaces a malformed client id instead of logging it', async () => {
      const res = await request(http)
        .get('/api/v1/health/live')
        .set('X-Request-ID', 'bad id\twith spaces')
        .expect(200);
      expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });
  });

  describe('errors', () => {
    it('unknown routes are 404 {"detail": "Not Found"}', async () => {
      const res = await request(http).get('/api/v1/nowhere').expect(404);
      expect(res.body).toEqual({ detail: 'Not Found' });
    });

    it('maps domain errors to their status and detail', async () => {
      expect((await request(http).get('/api/v1/probe/error/not-found').expect(404)).body).toEqual({
        detail: 'Domain not found',
      });
      expect((await request(http).get('/api/v1/probe/error/upstream').expect(502)).body).toEqual({
        detail: 'PowerDNS is unavailable: connect ECONNREFUSED',
      });
    });

    it('keeps structured conflicts structured', async () => {
      const res = await request(http).get('/api/v1/probe/error/conflict').expect(409);
      expect(res.body).toEqual({
        detail: { message: 'CNAME conflicts', field: 'name', conflicts: [{ type: 'A' }] },
      });
    });

    it('never leaks internals of unexpected errors', async () => {
      const res = await request(http).get('/api/v1/probe/error/boom').expect(500);
      expect(res.body).toEqual({ detail: 'Internal server error' });
      expect(JSON.stringify(res.body)).not.toContain('srv');
    });
  });

  describe('request validation', () => {
    it('answers 422 with pydantic-style items, one per problem', async () => {
      const res = await request(http)
        .post('/api/v1/probe')
        .send({ name: 5, ttl: 10, items: [{ name: 'ok' }, { name: 7 }] })
        .expect(422);
      expect(res.body.detail).toEqual([
        { loc: ['body', 'name'], msg: 'str type expected', type: 'type_error.str' },
        {
          loc: ['body', 'ttl'],
          msg: 'ensure this value is greater than or equal to 60',
          type: 'value_error.number.not_ge',
          ctx: { limit_value: 60 },
        },
        { loc: ['body', 'items', 1, 'name'], msg: 'str type expected', type: 'type_error.str' },
      ]);
    });

    it('reports a missing field exactly as the docs show', async () => {
      const res = await request(http).post('/api/v1/probe').send({ ttl: 60 }).expect(422);
      expect(res.body).toEqual({
        detail: [{ loc: ['body', 'name'], msg: 'field required', type: 'value_error.missing' }],
      });
    });

    it('ignores unknown fields: they are dropped, not refused', async () => {
      const res = await request(http)
        .post('/api/v1/probe')
        .send({ name: 'x', ttl: 60, admin: true })
        .expect(201);
      expect(res.body).toEqual({ name: 'x', ttl: 60 });
    });

    it('locates query and path failures', async () => {
      const q = await request(http).get('/api/v1/probe/query?page_size=500&kind=z').expect(422);
      expect(q.body.detail.map((d: { loc: unknown[] }) => d.loc)).toEqual(
        expect.arrayContaining([
          ['query', 'page_size'],
          ['query', 'kind'],
        ]),
      );
      const ok = await request(http)
        .get('/api/v1/probe/query?page_size=50&sort=name&x_unknown=1')
        .expect(200);
      expect(ok.body).toEqual({ page_size: 50 });
      await request(http).get('/api/v1/probe/items/abc').expect(400);
    });

    it('answers 422 for a body that is not JSON, never 500', async () => {
      const res = await request(http)
        .post('/api/v1/probe')
        .set('Content-Type', 'application/json')
        .send('{"name": ')
        .expect(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ['body'], type: 'json_invalid' });
    });

    it('answers 413 for a body over the limit', async () => {
      const res = await request(http)
        .post('/api/v1/probe')
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ name: 'x'.repeat(11 * 1024 * 1024), ttl: 60 }))
        .expect(413);
      expect(res.body.detail).toMatch(/larger than/);
    });

    it('passes valid bodies through, transformed', async () => {
      const res = await request(http)
        .post('/api/v1/probe')
        .send({ name: 'x', ttl: 60 })
        .expect(201);
      expect(res.body).toEqual({ name: 'x', ttl: 60 });
    });
  });

  describe('OpenAPI', () => {
    it('serves a valid OpenAPI 3 document at /api/openapi.json', async () => {
      const res = await request(http).get('/api/openapi.json').expect(200);
      expect(res.body.openapi).toMatch(/^3\./);
      expect(res.body.paths['/api/v1/health/ready']).toBeDefined();
      expect(res.body.components.securitySchemes).toHaveProperty('bearer');
      // A full structural validation against the OpenAPI 3 schema, not just a few fields.
      await expect(
        SwaggerParser.validate(structuredClone(res.body) as OpenAPI.Document),
      ).resolves.toBeDefined();
    });

    it('serves the UI at /api/docs', async () => {
      const res = await request(http).get('/api/docs/').expect(200);
      expect(res.text).toContain('swagger');
    });
  });
});
