import { Injectable } from '@nestjs/common';
import { checkDatabase, checkRedis, type CheckResult, InjectRedis } from '@app/core';
import { ScaiKeyClient } from '@app/identity';
import { PdnsClient } from '@app/pdns-client';
import { InjectDataSource } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { ReadinessDto } from './health.dto';

const CHECK_TIMEOUT_MS = 2000;

function describe(result: CheckResult): string {
  if (result.status === 'error') return `error: ${result.message ?? 'failed'}`;
  return result.status;
}

/** Runs every dependency check in parallel; readiness is degraded when any check errors. */
@Injectable()
export class ReadinessService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRedis() private readonly redis: Redis,
    private readonly pdns: PdnsClient,
    private readonly scaikey: ScaiKeyClient,
  ) {}

  async check(): Promise<ReadinessDto> {
    const [database, redis, pdns, scaikey] = await Promise.all([
      checkDatabase(this.dataSource, CHECK_TIMEOUT_MS),
      checkRedis(this.redis, CHECK_TIMEOUT_MS),
      this.pdns.healthCheck(CHECK_TIMEOUT_MS),
      this.scaikey.healthCheck(),
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
    };
  }
}
