import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { type AppConfig, APP_CONFIG, buildPinoOptions, CoreModule, SCAIDNS_QUEUE } from '@app/core';
import { DnssecModule } from '@app/dnssec';
import { DomainsModule } from '@app/domains';
import { ZonesModule } from '@app/zones';
import { IdentityModule, ScaiKeyWebhooksModule } from '@app/identity';
import { LoggerModule } from 'nestjs-pino';
import { DnssecRollHandler } from './dnssec-roll.handler';
import { DomainPurgeHandler } from './domain-purge.handler';
import { DriftHandler } from './drift.handler';
import { IdentitySyncHandler } from './identity-sync.handler';
import { JobDispatcherProcessor } from './job-dispatcher.processor';
import { PingHandler } from './ping.handler';
import { Schedules } from './schedules';
import { SecondariesHandler } from './secondaries.handler';
import { ValidationHandler } from './validation.handler';
import { ZoneCommitHandler } from './zone-commit.handler';
import { WorkerMetricsServer } from './worker-metrics.server';

@Module({
  imports: [
    CoreModule.forRoot(),
    DiscoveryModule,
    DomainsModule,
    DnssecModule,
    ZonesModule,
    IdentityModule,
    ScaiKeyWebhooksModule,
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({ pinoHttp: buildPinoOptions(config, 'scaidns-worker') }),
    }),
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: { url: config.redis.url, maxRetriesPerRequest: null },
        prefix: 'scaidns',
      }),
    }),
    BullModule.registerQueueAsync({
      name: SCAIDNS_QUEUE,
      inject: [APP_CONFIG],
      useFactory: () => ({}),
    }),
  ],
  providers: [
    JobDispatcherProcessor,
    PingHandler,
    Schedules,
    ValidationHandler,
    IdentitySyncHandler,
    ZoneCommitHandler,
    DnssecRollHandler,
    DomainPurgeHandler,
    DriftHandler,
    SecondariesHandler,
    WorkerMetricsServer,
  ],
})
export class WorkerModule {}
