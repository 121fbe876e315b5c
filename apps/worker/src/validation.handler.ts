import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type AppConfig,
  InjectConfig,
  JobName,
  type JobPayloads,
  type JobResults,
} from '@app/core';
import { ValidationService } from '@app/domains';
import { JobHandler } from './job-handler.decorator';
import { Schedules } from './schedules';

const SWEEP_SCHEDULER = 'validation-sweep';
/**
 * A sweep can queue a check for every pending domain at once, and each check waits on DNS. BullMQ runs
 * jobs without a priority before any prioritized job, so giving checks one puts webhook deliveries,
 * retries and pings ahead of the backlog instead of behind it.
 */
export const VALIDATION_CHECK_PRIORITY = 10;

/**
 * Ownership validation without the customer calling anything: every VALIDATION_CHECK_INTERVAL_SECONDS
 * the sweep expires old challenges and queues one check per due domain (deduplicated by job id).
 */
@Injectable()
export class ValidationHandler implements OnModuleInit {
  private readonly logger = new Logger(ValidationHandler.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly schedules: Schedules,
    private readonly validation: ValidationService,
  ) {}

  onModuleInit(): void {
    this.schedules.set(SWEEP_SCHEDULER, {
      everyMs: this.config.validation.checkIntervalSeconds * 1000,
      job: JobName.ValidationSweep,
    });
  }

  @JobHandler(JobName.ValidationSweep)
  async sweep(): Promise<JobResults[JobName.ValidationSweep]> {
    const overdue = await this.validation.overdue();
    await this.validation.expire(overdue);
    const due = await this.validation.due();
    await this.schedules.queuePerDomain(
      JobName.ValidationCheck,
      due.map((d) => d.domainId),
      'validate',
      VALIDATION_CHECK_PRIORITY,
    );
    return { expired: overdue.length, queued: due.length };
  }

  @JobHandler(JobName.ValidationCheck)
  async check(
    payload: JobPayloads[JobName.ValidationCheck],
  ): Promise<JobResults[JobName.ValidationCheck]> {
    const zone = await this.validation.platformAccess(payload.domainId);
    if (!zone || zone.domain.status !== 'pending_validation') {
      return { validated: false, message: 'domain is no longer pending validation' };
    }
    const outcome = await this.validation.check(zone);
    if (outcome.validated) this.logger.log(`domain ${zone.domain.name} validated and activated`);
    return { validated: outcome.validated, message: outcome.message };
  }
}
