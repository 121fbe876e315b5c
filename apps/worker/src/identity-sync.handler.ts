import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import {
  type AppConfig,
  InjectConfig,
  JobName,
  type JobPayloads,
  type JobResults,
  SCAIDNS_QUEUE,
} from '@app/core';
import {
  IdentitySyncService,
  ScaiKeyWebhookService,
  syncChangeCount,
  syncSummary,
} from '@app/identity';
import type { Queue } from 'bullmq';
import { JobHandler } from './job-handler.decorator';

const SYNC_SCHEDULER = 'scaikey-sync';

/** Keeps the identity cache right: retries failed ScaiKey webhooks, runs the scheduled sync. */
@Injectable()
export class IdentitySyncHandler implements OnApplicationBootstrap {
  private readonly logger = new Logger(IdentitySyncHandler.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    @InjectQueue(SCAIDNS_QUEUE) private readonly queue: Queue,
    private readonly webhooks: ScaiKeyWebhookService,
    private readonly sync: IdentitySyncService,
  ) {}

  /** Installs the sync schedule, or removes one a previous configuration left behind. */
  async onApplicationBootstrap(): Promise<void> {
    const seconds = this.config.scaikey.syncIntervalSeconds;
    if (seconds === 0) {
      await this.queue.removeJobScheduler(SYNC_SCHEDULER);
      return;
    }
    await this.queue.upsertJobScheduler(
      SYNC_SCHEDULER,
      { every: seconds * 1000 },
      { name: JobName.ScaiKeySync, data: {}, opts: { removeOnComplete: true, removeOnFail: 100 } },
    );
  }

  /** Throws while the event keeps failing: BullMQ retries it with the backoff it was queued with. */
  @JobHandler(JobName.ScaiKeyWebhook)
  async retryWebhook(
    payload: JobPayloads[JobName.ScaiKeyWebhook],
  ): Promise<JobResults[JobName.ScaiKeyWebhook]> {
    return this.webhooks.retry(payload);
  }

  @JobHandler(JobName.ScaiKeySync)
  async runSync(): Promise<JobResults[JobName.ScaiKeySync]> {
    const report = await this.sync.run();
    for (const warning of report.warnings) this.logger.warn(warning);
    const summary = syncSummary(report);
    this.logger.log(`ScaiKey sync: ${summary}`);
    return { changes: syncChangeCount(report), summary };
  }
}
