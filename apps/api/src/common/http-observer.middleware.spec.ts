import express, { type Request } from 'express';
import request from 'supertest';
import { Metrics } from '@app/core';
import {
  type AccessLine,
  type AccessLog,
  httpObserver,
  routeTemplate,
  serverTimingValue,
} from './http-observer.middleware';

describe('serverTimingValue', () => {
  it('lists each part with its duration, a count when several, and the total last', () => {
    expect(
      serverTimingValue(
        [
          { name: 'auth', ms: 1.234, count: 1 },
          { name: 'db', ms: 3, count: 4 },
        ],
        9.87,
      ),
    ).toBe('auth;dur=1.2, db;dur=3.0;desc="4", total;dur=9.9');
    expect(serverTimingValue([], 0.04)).toBe('total;dur=0.0');
  });
});

describe('routeTemplate', () => {
  const req = (route: unknown): Request => ({ route, baseUrl: '' }) as unknown as Request;
  it('is the matched route template, never the raw path', () => {
    expect(routeTemplate(req({ path: '/api/v1/domains/:id' }), 200)).toBe('/api/v1/domains/:id');
  });
  it('names what no route matched once, whatever its path', () => {
    expect(routeTemplate(req(undefined), 404)).toBe('unmatched');
    expect(routeTemplate(req({ path: '/api/v1/{*path}' }), 404)).toBe('unmatched');
    expect(routeTemplate(req(undefined), 200)).toBe('other');
  });
});

describe('httpObserver access lines', () => {
  const metrics = new Metrics({ metricsEnabled: false });
  const serve = (log: AccessLog) => {
    const app = express();
    app.use((req, _res, next) => {
      (req as express.Request & { id: string }).id = 'req-1';
      next();
    });
    app.use(httpObserver(metrics, log));
    app.get('/api/v1/health/live', (_req, res) => res.send('ok'));
    app.get('/api/v1/things', (_req, res) => res.status(201).send('made'));
    app.get('/api/v1/broken', (_req, res) => res.status(503).send('down'));
    return app;
  };

  afterAll(() => metrics.onModuleDestroy());

  it('writes one line per answer with the request id, method, path, status and time, and no header', async () => {
    const lines: [AccessLine, string][] = [];
    const app = serve((line, message) => lines.push([line, message]));
    await request(app)
      .get('/api/v1/things?page=2')
      .set('Authorization', 'Bearer secret-token')
      .expect(201);
    await request(app).get('/api/v1/broken').expect(503);
    expect(lines.map(([, message]) => message)).toEqual(['request completed', 'request errored']);
    const [first] = lines[0];
    expect(first).toMatchObject({
      request_id: 'req-1',
      req: { method: 'GET', url: '/api/v1/things?page=2' },
      res: { statusCode: 201 },
    });
    expect(first.responseTime).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(lines)).not.toContain('secret-token');
  });

  it('leaves out the health probes, and writes nothing when the level leaves access lines out', async () => {
    const lines: unknown[] = [];
    await request(serve((line) => lines.push(line)))
      .get('/api/v1/health/live')
      .expect(200);
    expect(lines).toEqual([]);
    await request(serve(null)).get('/api/v1/things').expect(201);
  });
});
