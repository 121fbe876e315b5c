import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { JobName, type JobResults } from '@app/core';
import { ZoneWriter } from '@app/zones';
import { JobHandler } from './job-handler.decorator';
import { Schedules } from './schedules';

const SWEEP_SCHEDULER = 'zone-commit-sweep';
const SWEEP_EVERY_MS = 30_000;
/** Older than a zone lock can be held: nobody is still working on such an intent. */
export const STALE_INTENT_MS = 60_000;

/**
 * Settles zone commits a crash or an outage left open on zones nobody has written since (a write
 * settles its zone's leftovers itself): their audit entries are written if PowerDNS holds the change.
 */
@Injectable()
export class ZoneCommitHandler implements OnModuleInit {
  private readonly logger = new Logger(ZoneCommitHandler.name);

  constructor(
    private readonly schedules: Schedules,
    private readonly writer: ZoneWriter,
  ) {}

  onModuleInit(): void {
    this.schedules.set(SWEEP_SCHEDULER, { everyMs: SWEEP_EVERY_MS, job: JobName.ZoneCommitSweep });
  }

  @JobHandler(JobName.ZoneCommitSweep)
  async sweep(): Promise<JobResults[JobName.ZoneCommitSweep]> {
    const settled = await this.writer.settleStale(STALE_INTENT_MS);
    if (settled > 0) this.logger.log(`settled ${settled} zone commit(s) left open`);
    return { settled };
  }
}
