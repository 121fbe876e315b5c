import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type AppConfig,
  InjectConfig,
  JobName,
  type JobPayloads,
  type JobResults,
} from '@app/core';
import {
  IdentitySyncService,
  ScaiKeyWebhookService,
  syncChangeCount,
  syncSummary,
} from '@app/identity';
import { JobHandler } from './job-handler.decorator';
import { Schedules } from './schedules';

const SYNC_SCHEDULER = 'scaikey-sync';

/** Keeps the identity cache right: retries failed ScaiKey webhooks, runs the scheduled sync. */
@Injectable()
export class IdentitySyncHandler implements OnModuleInit {
  private readonly logger = new Logger(IdentitySyncHandler.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly schedules: Schedules,
    private readonly webhooks: ScaiKeyWebhookService,
    private readonly sync: IdentitySyncService,
  ) {}

  /** Declares the sync schedule, or its removal when a previous configuration left one behind. */
  onModuleInit(): void {
    const seconds = this.config.scaikey.syncIntervalSeconds;
    this.schedules.set(
      SYNC_SCHEDULER,
      seconds === 0 ? null : { everyMs: seconds * 1000, job: JobName.ScaiKeySync },
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
