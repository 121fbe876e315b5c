import { join } from 'node:path';
import request from 'supertest';
import { JobName, SCAIDNS_QUEUE, waitForJobResult } from '@app/core';
import { Queue } from 'bullmq';
import { createTestApp } from './support/app';
import { newActiveZone, type IdentityHarness, startIdentityHarness } from './support/identity';
import { freePort, run as runProcess, until } from './support/processes';
import { isolatedRedisUrl } from './support/redis';

const ROOT = join(__dirname, '..');

/** The value of one sample line (`name{labels} value`), or undefined when absent. */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of text.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.slice(name.length).split('} ')[0];
    if (wanted.every((w) => labelText.includes(w))) return Number(line.split(' ').pop());
  }
  return undefined;
}

/** A built app (npm run build) as its own process, as operators run it. */
function startBuilt(app: 'api' | 'worker', env: NodeJS.ProcessEnv) {
  return runProcess([process.execPath, join(ROOT, 'dist/apps', app, 'main.js')], ROOT, env);
}

describe('metrics (e2e)', () => {
  describe('METRICS_ENABLED=true, one API process', () => {
    let h: IdentityHarness;
    const previous = process.env.METRICS_ENABLED;

    beforeAll(async () => {
      process.env.METRICS_ENABLED = 'true';
      h = await startIdentityHarness();
    });
    afterAll(async () => {
      await h?.close();
      process.env.METRICS_ENABLED = previous;
    });

    const scrape = async (): Promise<string> => {
      const res = await request(h.http).get('/api/v1/metrics').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/plain;/);
      expect(res.headers['content-type']).toContain('version=0.0.4');
      return res.text;
    };

    it('serves every documented metric, publicly, in Prometheus text', async () => {
      const text = await scrape();
      for (const name of [
        'scaidns_http_requests_total',
        'scaidns_http_request_duration_seconds',
        'scaidns_db_queries_total',
        'scaidns_db_query_duration_seconds',
        'scaidns_pdns_requests_total',
        'scaidns_pdns_request_duration_seconds',
        'scaidns_validation_checks_total',
        'scaidns_api_key_usage_total',
        'scaidns_webhook_events_total',
        'scaidns_worker_jobs_total',
        'scaidns_worker_jobs_duration_seconds',
        'scaidns_zone_commits_total',
        'scaidns_zone_commit_batch_size',
        'scaidns_audit_write_duration_seconds',
        'scaidns_cache_requests_total',
        'scaidns_rate_limit_refusals_total',
        'scaidns_dnssec_keys',
        'scaidns_process_resident_memory_bytes',
      ]) {
        expect(text).toContain(`# TYPE ${name} `);
      }
    });

    it('moves with the work done: requests by route template, PowerDNS calls, commits, audit, caches', async () => {
      const fixture = await newActiveZone(h, 'metrics');
      try {
        const before = await scrape();
        const route = '/api/v1/domains/:id/records';
        const count = (text: string) =>
          sample(text, 'scaidns_http_requests_total', {
            method: 'POST',
            route,
            status_code: '200',
          }) ?? 0;
        const commits = (text: string) =>
          sample(text, 'scaidns_zone_commits_total', { result: 'committed' }) ?? 0;
        for (let i = 0; i < 3; i += 1) {
          await request(h.http)
            .post(`/api/v1/domains/${fixture.domainId}/records`)
            .set(fixture.admin.auth())
            .send({ name: `m${i}`, type: 'A', content: `192.0.2.${i + 1}`, ttl: 300 })
            .expect(200);
        }
        await request(h.http).get('/api/v1/no-such-thing').expect(404);
        const after = await scrape();
        expect(count(after) - count(before)).toBe(3);
        expect(commits(after) - commits(before)).toBeGreaterThanOrEqual(3);
        expect(
          sample(after, 'scaidns_pdns_requests_total', {
            method: 'PATCH',
            endpoint: '/api/v1/servers/{server}/zones/{zone}',
            status: '204',
          }),
        ).toBeGreaterThanOrEqual(3);
        expect(
          sample(after, 'scaidns_http_requests_total', { route: 'unmatched' }),
        ).toBeGreaterThan(0);
        expect(
          sample(after, 'scaidns_audit_write_duration_seconds_count', {}),
        ).toBeGreaterThanOrEqual(3);
        expect(sample(after, 'scaidns_db_queries_total', { result: 'ok' })).toBeGreaterThan(0);
        expect(after).toMatch(
          /scaidns_cache_requests_total\{cache="domains",result="(hit|miss)"\}/,
        );
        // Bounded labels: no zone, id, token or raw path ever appears.
        expect(after).not.toContain(fixture.domainId);
        expect(after).not.toContain(fixture.zone);
        expect(after).not.toContain(fixture.admin.token);
        expect(after).not.toContain('no-such-thing');
      } finally {
        await fixture.remove();
      }
    });

    it('every answer says where its time went in Server-Timing', async () => {
      const fixture = await newActiveZone(h, 'timing');
      try {
        const res = await request(h.http)
          .post(`/api/v1/domains/${fixture.domainId}/records`)
          .set(fixture.admin.auth())
          .send({ name: 'www', type: 'A', content: '192.0.2.80', ttl: 300 })
          .expect(200);
        const header = String(res.headers['server-timing']);
        for (const part of ['auth', 'db', 'pdns', 'audit', 'lock', 'total']) {
          expect(header).toMatch(new RegExp(`(^|, )${part};dur=\\d+\\.\\d`));
        }
        const live = await request(h.http).get('/api/v1/health/live').expect(200);
        expect(String(live.headers['server-timing'])).toMatch(/^total;dur=\d+\.\d$/);
        const refused = await request(h.http).get('/api/v1/domains').expect(401);
        expect(String(refused.headers['server-timing'])).toMatch(/auth;dur=.*total;dur=/);
      } finally {
        await fixture.remove();
      }
    });
  });

  it('METRICS_ENABLED=false: /metrics is 404', async () => {
    const previous = process.env.METRICS_ENABLED;
    process.env.METRICS_ENABLED = 'false';
    const app = await createTestApp();
    try {
      const res = await request(app.getHttpServer()).get('/api/v1/metrics').expect(404);
      expect(res.body.detail).toMatch(/METRICS_ENABLED/);
    } finally {
      await app.close();
      process.env.METRICS_ENABLED = previous;
    }
  });

  it('API_WORKERS=2: one scrape shows the requests of both processes, summed', async () => {
    const port = await freePort();
    const run = startBuilt('api', {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      API_WORKERS: '2',
      METRICS_ENABLED: 'true',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'INFO',
    });
    try {
      await until(
        'two API workers to listen',
        () =>
          run
            .output()
            .split('\n')
            .filter((l) => l.includes('listening')).length === 2,
      );
      const pids = new Set<string>();
      for (let i = 0; i < 40; i += 1) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/health/live`, {
          headers: { connection: 'close' },
        });
        expect(res.status).toBe(200);
      }
      for (const line of run.output().split('\n')) {
        if (line.includes('listening')) pids.add(String((JSON.parse(line) as { pid: number }).pid));
      }
      expect(pids.size).toBe(2);
      // Whichever process answers the scrape, it reports all 40 requests.
      for (let i = 0; i < 4; i += 1) {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/metrics`, {
          headers: { connection: 'close' },
        });
        expect(res.status).toBe(200);
        const text = await res.text();
        expect(
          sample(text, 'scaidns_http_requests_total', {
            method: 'GET',
            route: '/api/v1/health/live',
            status_code: '200',
          }),
        ).toBe(40);
      }
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
    }
  });

  it('the worker serves its own metrics: jobs run, their duration, the queue', async () => {
    const redisUrl = await isolatedRedisUrl(3);
    const port = await freePort();
    const queue = new Queue(SCAIDNS_QUEUE, { connection: { url: redisUrl }, prefix: 'scaidns' });
    const run = startBuilt('worker', {
      ...process.env,
      REDIS_URL: redisUrl,
      METRICS_ENABLED: 'true',
      WORKER_METRICS_PORT: String(port),
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'INFO',
    });
    try {
      await until('the worker to start', () => run.output().includes('worker ready'));
      const job = await queue.add(JobName.Ping, { requestedAt: new Date().toISOString() });
      await waitForJobResult(queue, job.id ?? '', 10_000);
      let text = '';
      await until('the ping job in the worker metrics', async () => {
        text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
        return (
          sample(text, 'scaidns_worker_jobs_total', {
            queue: SCAIDNS_QUEUE,
            job: JobName.Ping,
            status: 'completed',
          }) === 1
        );
      });
      expect(text).toContain('# TYPE scaidns_worker_jobs_duration_seconds histogram');
      expect(sample(text, 'scaidns_queue_jobs', { state: 'waiting' })).toBeDefined();
      expect(text).toContain('scaidns_process_resident_memory_bytes');
      expect((await fetch(`http://127.0.0.1:${port}/other`)).status).toBe(404);
      run.child.kill('SIGTERM');
      expect(await run.exited).toBe(0);
    } finally {
      run.child.kill('SIGKILL');
      await queue.close();
    }
  });

  it("PowerDNS's own metrics are scrapeable beside ours on the local stack", async () => {
    const res = await fetch(`${process.env.PDNS_API_URL ?? 'http://127.0.0.1:8081'}/metrics`);
    expect(res.status).toBe(200);
    expect(await res.text()).toMatch(/^pdns_auth_udp_queries \d+/m);
  });
});
