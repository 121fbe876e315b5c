import { Injectable, type OnModuleInit } from '@nestjs/common';
import { type AppConfig, InjectConfig, JobName, type JobResults, Metrics } from '@app/core';
import { CatalogSync, SecondaryMonitor, type SecondaryStanding } from '@app/domains';
import type { Gauge } from 'prom-client';
import { JobHandler } from './job-handler.decorator';
import { Schedules } from './schedules';

/** Catalog membership is kept by every change; the hourly sync repairs what an outage left. */
export const CATALOG_SYNC_EVERY_MS = 3_600_000;

/**
 * The secondaries' side of the worker: the catalog sync (hourly, and at once when its schedule is
 * new, as after an upgrade), and the lag check of every secondary, whose report readiness reads and
 * whose figures are gauges here, labelled by the secondary's configured address (a bounded set).
 */
@Injectable()
export class SecondariesHandler implements OnModuleInit {
  private readonly lag: Gauge<'secondary'>;
  private readonly behind: Gauge<'secondary'>;
  private readonly missing: Gauge<'secondary'>;
  private readonly lagSeconds: Gauge<'secondary'>;
  private readonly up: Gauge<'secondary'>;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly schedules: Schedules,
    private readonly catalog: CatalogSync,
    private readonly monitor: SecondaryMonitor,
    metrics: Metrics,
  ) {
    const gauge = (name: string, help: string) =>
      metrics.gauge({ name, help, labelNames: ['secondary'] as const });
    this.lag = gauge(
      'scaidns_secondary_serial_lag',
      'Serials the zone furthest behind on a secondary lags the primary by (0: in sync).',
    );
    this.behind = gauge(
      'scaidns_secondary_zones_behind',
      'Served zones a secondary serves at an older serial than the primary.',
    );
    this.missing = gauge(
      'scaidns_secondary_zones_missing',
      'Served zones a secondary does not serve.',
    );
    this.lagSeconds = gauge(
      'scaidns_secondary_lag_seconds',
      'How long the zone lagging longest on a secondary has been behind (0: in sync).',
    );
    this.up = gauge(
      'scaidns_secondary_up',
      '1 when the secondary answered the last check, 0 when it did not.',
    );
  }

  onModuleInit(): void {
    this.schedules.set('catalog-sync', {
      everyMs: CATALOG_SYNC_EVERY_MS,
      job: JobName.CatalogSync,
    });
    this.schedules.set(
      'secondary-check',
      this.monitor.configured
        ? {
            everyMs: this.config.secondaries.checkIntervalSeconds * 1000,
            job: JobName.SecondaryCheck,
          }
        : null,
    );
  }

  @JobHandler(JobName.CatalogSync)
  syncCatalog(): Promise<JobResults[JobName.CatalogSync]> {
    return this.catalog.run();
  }

  @JobHandler(JobName.SecondaryCheck)
  async check(): Promise<JobResults[JobName.SecondaryCheck]> {
    const standings = await this.monitor.check();
    for (const s of standings) this.observe(s);
    return {
      secondaries: standings.map((s) => ({
        address: s.address,
        status: s.status,
        behind: s.behind + s.missing,
      })),
    };
  }

  private observe(s: SecondaryStanding): void {
    const labels = { secondary: s.address };
    this.up.set(labels, s.status === 'unreachable' ? 0 : 1);
    this.lag.set(labels, s.max_serial_lag);
    this.behind.set(labels, s.behind);
    this.missing.set(labels, s.missing);
    this.lagSeconds.set(labels, s.lag_seconds ?? 0);
  }
}
