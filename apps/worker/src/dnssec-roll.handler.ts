import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import {
  type AppConfig,
  InjectConfig,
  JobName,
  type JobPayloads,
  type JobResults,
} from '@app/core';
import { DnssecRollover } from '@app/dnssec';
import { JobHandler } from './job-handler.decorator';
import { Schedules } from './schedules';

const SWEEP_SCHEDULER = 'dnssec-roll-sweep';

/**
 * DNSSEC key rolls without anyone calling anything: every DNSSEC_ROLL_CHECK_INTERVAL_SECONDS the
 * sweep queues one roll job per signed zone with a step due (a key past its lifetime, a wait that
 * ended, a DS to ask the parent for), deduplicated by job id so a zone is advanced by one job at a
 * time; the domain's row lock keeps it apart from the API's DNSSEC actions.
 */
@Injectable()
export class DnssecRollHandler implements OnModuleInit {
  private readonly logger = new Logger(DnssecRollHandler.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly schedules: Schedules,
    private readonly rollover: DnssecRollover,
  ) {}

  onModuleInit(): void {
    this.schedules.set(SWEEP_SCHEDULER, {
      everyMs: this.config.dnssec.rollCheckIntervalSeconds * 1000,
      job: JobName.DnssecRollSweep,
    });
  }

  @JobHandler(JobName.DnssecRollSweep)
  async sweep(): Promise<JobResults[JobName.DnssecRollSweep]> {
    const due = await this.rollover.due();
    await this.schedules.queuePerDomain(JobName.DnssecRoll, due, 'dnssec-roll');
    return { queued: due.length };
  }

  @JobHandler(JobName.DnssecRoll)
  async roll(payload: JobPayloads[JobName.DnssecRoll]): Promise<JobResults[JobName.DnssecRoll]> {
    const steps = await this.rollover.advance(payload.domainId);
    if (steps.length > 0) this.logger.log(`DNSSEC of ${payload.domainId}: ${steps.join(', ')}`);
    return { steps };
  }
}
