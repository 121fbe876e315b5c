import { Injectable, Logger } from '@nestjs/common';
import {
  type AppConfig,
  checkDatabase,
  checkRedis,
  type CheckResult,
  errorMessage,
  InjectConfig,
  InjectRedis,
  withTimeout,
} from '@app/core';
import { secondaryAddress, SecondaryMonitor } from '@app/domains';
import { ScaiKeyClient } from '@app/identity';
import { PdnsClient } from '@app/pdns-client';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { ReadinessDto, SecondaryStatusDto } from './health.dto';

const CHECK_TIMEOUT_MS = 2000;

function describe(result: CheckResult): string {
  if (result.status === 'error') return `error: ${result.message ?? 'failed'}`;
  return result.status;
}

/** Runs every dependency check in parallel; readiness is degraded when any check errors. */
@Injectable()
export class ReadinessService {
  private readonly logger = new Logger(ReadinessService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly pdns: PdnsClient,
    private readonly scaikey: ScaiKeyClient,
    private readonly secondaries: SecondaryMonitor,
    @InjectConfig() private readonly config: AppConfig,
  ) {}

  async check(): Promise<ReadinessDto> {
    const [database, redis, pdns, scaikey, secondaries] = await Promise.all([
      checkDatabase(this.dataSource, CHECK_TIMEOUT_MS),
      checkRedis(this.redis, CHECK_TIMEOUT_MS),
      this.pdns.healthCheck(CHECK_TIMEOUT_MS),
      this.scaikey.healthCheck(),
      this.secondaryStatus(),
    ]);
    const results = [database, redis, pdns, scaikey];
    return {
      status: results.some((r) => r.status === 'error') ? 'degraded' : 'ok',
      checks: {
        database: describe(database),
        redis: describe(redis),
        pdns: describe(pdns),
        scaikey_jwks: describe(scaikey),
      },
      secondaries,
    };
  }

  /** Each configured secondary as the worker's latest check saw it (`unknown` without one). */
  private async secondaryStatus(): Promise<SecondaryStatusDto[]> {
    const configured = this.config.secondaries.dns;
    if (configured.length === 0) return [];
    let report = null;
    try {
      report = await withTimeout(this.secondaries.latestReport(), CHECK_TIMEOUT_MS, 'Redis');
    } catch (error) {
      this.logger.debug(`no secondaries report: ${errorMessage(error)}`);
    }
    const seen = new Map((report?.secondaries ?? []).map((s) => [s.address, s]));
    return configured.map((hp) => {
      const address = secondaryAddress(hp);
      return (
        seen.get(address) ?? {
          address,
          status: 'unknown',
          zones: null,
          in_sync: null,
          behind: null,
          missing: null,
          max_serial_lag: null,
          lag_seconds: null,
          checked_at: null,
        }
      );
    });
  }
}
