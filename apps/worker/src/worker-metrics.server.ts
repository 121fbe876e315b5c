import { createServer, type Server } from 'node:http';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { type AppConfig, InjectConfig, Metrics, SCAIDNS_QUEUE } from '@app/core';
import type { Queue } from 'bullmq';

/** Queue states worth a gauge: what waits, what runs, what is scheduled, what gave up. */
const QUEUE_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'failed'] as const;

/**
 * The worker has no HTTP server of its own: with METRICS_ENABLED it serves its metrics (jobs, the
 * PowerDNS and database calls its jobs make, process metrics, the queue's depth) at
 * `http://WORKER_METRICS_HOST:WORKER_METRICS_PORT/metrics`.
 */
@Injectable()
export class WorkerMetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerMetricsServer.name);
  private server: Server | undefined;

  constructor(
    private readonly metrics: Metrics,
    @InjectConfig() private readonly config: AppConfig,
    @InjectQueue(SCAIDNS_QUEUE) queue: Queue,
  ) {
    metrics.gauge({
      name: 'scaidns_queue_jobs',
      help: 'Jobs in the worker queue, by state (read from Redis at scrape time).',
      labelNames: ['queue', 'state'] as const,
      async collect() {
        const counts = await queue.getJobCounts(...QUEUE_STATES);
        for (const state of QUEUE_STATES)
          this.set({ queue: queue.name, state }, counts[state] ?? 0);
      },
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    const { host, port } = this.config.worker.metrics;
    if (!this.config.metricsEnabled || port === 0) return;
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET' || path !== '/metrics') {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found\n');
        return;
      }
      this.metrics.registry.metrics().then(
        (text) => {
          res.writeHead(200, { 'content-type': this.metrics.registry.contentType }).end(text);
        },
        (error: unknown) => {
          this.logger.warn(`metrics scrape failed: ${(error as Error).message}`);
          res.writeHead(503, { 'content-type': 'text/plain' }).end('Metrics unavailable\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => {
        server.off('error', reject);
        resolve();
      });
    });
    this.server = server;
    this.logger.log(`worker metrics at http://${host}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    this.server = undefined;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
