import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type AppConfig, InjectConfig, JobName, type JobResults } from '@app/core';
import { DriftService } from '@app/domains';
import { JobHandler } from './job-handler.decorator';
import { Schedules } from './schedules';

/**
 * Edits made in PowerDNS behind ScaiDNS's back, looked for every DRIFT_SCAN_INTERVAL_SECONDS
 * (0: only on demand). Findings are recorded and audited by the scan itself, each once.
 */
@Injectable()
export class DriftHandler implements OnModuleInit {
  private readonly logger = new Logger(DriftHandler.name);

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly schedules: Schedules,
    private readonly drift: DriftService,
  ) {}

  onModuleInit(): void {
    const seconds = this.config.drift.scanIntervalSeconds;
    this.schedules.set(
      'drift-scan',
      seconds > 0 ? { everyMs: seconds * 1000, job: JobName.DriftScan } : null,
    );
  }

  @JobHandler(JobName.DriftScan)
  async scan(): Promise<JobResults[JobName.DriftScan]> {
    const report = await this.drift.scan();
    if (report.recorded > 0 || report.vanished > 0) {
      this.logger.warn(
        `drift scan: ${report.recorded} new finding(s), ${report.open} open, ${report.vanished} gone`,
      );
    }
    return {
      compared: report.compared,
      skipped: report.skipped,
      recorded: report.recorded,
      open: report.open,
    };
  }
}
