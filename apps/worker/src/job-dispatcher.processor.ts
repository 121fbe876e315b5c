import { Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { type AppConfig, InjectConfig, JobName, Metrics, SCAIDNS_QUEUE } from '@app/core';
import type { Job } from 'bullmq';
import { JOB_HANDLER } from './job-handler.decorator';

type Handler = (payload: unknown) => Promise<unknown>;

/** Finds the handlers of every JobName at start-up and routes each job to its handler. */
export function collectJobHandlers(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): Map<JobName, Handler> {
  const handlers = new Map<JobName, Handler>();
  const duplicates: string[] = [];
  for (const wrapper of discovery.getProviders()) {
    const instance: unknown = wrapper.instance;
    if (!instance || typeof instance !== 'object') continue;
    const prototype = Object.getPrototypeOf(instance) as object;
    for (const method of scanner.getAllMethodNames(prototype)) {
      const fn = (instance as Record<string, unknown>)[method];
      if (typeof fn !== 'function') continue;
      const name = reflector.get<JobName | undefined>(JOB_HANDLER, fn as Handler);
      if (name === undefined) continue;
      if (handlers.has(name)) duplicates.push(name);
      handlers.set(name, (fn as Handler).bind(instance));
    }
  }
  const missing = Object.values(JobName).filter((n) => !handlers.has(n));
  if (missing.length || duplicates.length) {
    throw new Error(
      [
        missing.length ? `jobs without a handler: ${missing.join(', ')}` : '',
        duplicates.length ? `jobs with more than one handler: ${duplicates.join(', ')}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    );
  }
  return handlers;
}

@Processor(SCAIDNS_QUEUE)
export class JobDispatcherProcessor extends WorkerHost implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobDispatcherProcessor.name);
  private handlers = new Map<JobName, Handler>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
    @InjectConfig() private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {
    super();
  }

  onApplicationBootstrap(): void {
    this.handlers = collectJobHandlers(this.discovery, this.scanner, this.reflector);
    this.worker.concurrency = this.config.worker.concurrency;
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers.get(job.name as JobName);
    if (!handler) throw new Error(`No handler for job ${job.name}`);
    // Job names come from the JobName enum (an unknown one never gets here): a bounded label.
    const started = performance.now();
    let status = 'failed';
    try {
      const result = await handler(job.data);
      status = 'completed';
      return result;
    } finally {
      this.metrics.workerJobs.labels(SCAIDNS_QUEUE, job.name, status).inc();
      this.metrics.workerJobDuration
        .labels(SCAIDNS_QUEUE, job.name)
        .observe((performance.now() - started) / 1000);
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`job ${job?.name ?? '?'} ${job?.id ?? ''} failed: ${error.message}`);
  }
}
