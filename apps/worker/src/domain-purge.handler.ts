import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type AppConfig, Clock, InjectConfig, JobName, type JobResults } from '@app/core';
import { DomainService } from '@app/domains';
import { JobHandler } from './job-handler.decorator';
import { Schedules } from './schedules';

const PURGE_SCHEDULER = 'domain-purge';
/** Retention is counted in days: an hourly look is soon enough. */
export const PURGE_EVERY_MS = 3_600_000;

/**
 * Deleted zones don't live forever: every hour the worker purges the soft-deleted domains whose
 * DOMAIN_PURGE_AFTER_DAYS have passed (0 turns the schedule off), one at a time, so a restore
 * that comes first wins.
 */
@Injectable()
export class DomainPurgeHandler implements OnModuleInit {
  private readonly logger = new Logger(DomainPurgeHandler.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly schedules: Schedules,
    private readonly domains: DomainService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.schedules.set(
      PURGE_SCHEDULER,
      this.config.domains.purgeAfterDays > 0
        ? { everyMs: PURGE_EVERY_MS, job: JobName.DomainPurge }
        : null,
    );
  }

  @JobHandler(JobName.DomainPurge)
  async purge(): Promise<JobResults[JobName.DomainPurge]> {
    let purged = 0;
    for (const domainId of await this.domains.purgeDue(this.clock.now())) {
      if (await this.domains.purge(domainId, this.clock.now())) purged += 1;
    }
    if (purged > 0) this.logger.log(`purged ${purged} deleted domain(s)`);
    return { purged };
  }
}
