import { InjectQueue } from '@nestjs/bullmq';
import {
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { errorMessage, JobName, SCAIDNS_QUEUE } from '@app/core';
import type { Queue } from 'bullmq';

/** How often the schedules are put back: a Redis that restarted empty has lost them. */
export const SCHEDULE_REFRESH_MS = 15_000;

interface Schedule {
  readonly everyMs: number;
  readonly job: JobName;
}

/**
 * The worker's recurring jobs. Handlers declare theirs here (before bootstrap ends); they are
 * upserted at start and again every SCHEDULE_REFRESH_MS (BullMQ's upsert is idempotent), so a Redis
 * that comes back empty gets them back without restarting the worker. A schedule set to null is
 * removed instead (a setting turned it off).
 */
@Injectable()
export class Schedules implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(Schedules.name);
  private readonly schedules = new Map<string, Schedule | null>();
  private timer: NodeJS.Timeout | undefined;

  constructor(@InjectQueue(SCAIDNS_QUEUE) private readonly queue: Queue) {}

  set(id: string, schedule: Schedule | null): void {
    this.schedules.set(id, schedule);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.apply();
    this.timer = setInterval(() => {
      this.apply().catch((error: unknown) =>
        this.logger.warn(`could not refresh the schedules: ${errorMessage(error)}`),
      );
    }, SCHEDULE_REFRESH_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * A sweep's fan-out: one `job` per domain, job id `<prefix>-<domainId>` so a domain already queued
   * (or running) is not queued twice. `priority` puts the jobs behind unprioritized ones.
   */
  async queuePerDomain(
    job: JobName.ValidationCheck | JobName.DnssecRoll,
    domainIds: readonly string[],
    prefix: string,
    priority?: number,
  ): Promise<void> {
    await this.queue.addBulk(
      domainIds.map((domainId) => ({
        name: job,
        data: { domainId },
        opts: {
          jobId: `${prefix}-${domainId}`,
          priority,
          removeOnComplete: true,
          removeOnFail: true,
        },
      })),
    );
  }

  /** Upserts (or removes) every schedule now. */
  async apply(): Promise<void> {
    for (const [id, schedule] of this.schedules) {
      if (schedule === null) {
        await this.queue.removeJobScheduler(id);
        continue;
      }
      await this.queue.upsertJobScheduler(
        id,
        { every: schedule.everyMs },
        {
          name: schedule.job,
          data: {},
          opts: { removeOnComplete: true, removeOnFail: 100 },
        },
      );
    }
  }
}
