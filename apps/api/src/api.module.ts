import { Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { type AppConfig, APP_CONFIG, CoreModule } from '@app/core';
import { LoggerModule } from 'nestjs-pino';
import { IdentityAdminApiModule } from './admin/identity-admin-api.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { apiLogger } from './common/api-logger';
import { ApiValidationPipe } from './common/api-validation.pipe';
import { AuditApiModule } from './audit/audit-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { DnssecApiModule } from './dnssec/dnssec-api.module';
import { DomainsApiModule } from './domains/domains-api.module';
import { HealthModule } from './health/health.module';
import { RecordsApiModule } from './records/records-api.module';
import { TemplatesApiModule } from './templates/templates-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';
import { WebUiModule } from './web/web-ui.module';

@Module({
  imports: [
    CoreModule.forRoot(),
    // No per-request logger middleware: request ids reach every line through the request context
    // (see buildPinoOptions), and httpObserver writes the access line; a child logger and an async
    // context of its own for each request cost more CPU than the rest of a record create's logging.
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: [],
        pinoHttp: { logger: apiLogger(config) },
      }),
    }),
    // Jobs the API hands to the worker (webhook retries). No offline queue: with Redis down an
    // enqueue fails at once instead of holding the request.
    BullModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        connection: {
          url: config.redis.url,
          maxRetriesPerRequest: null,
          enableOfflineQueue: false,
        },
        prefix: 'scaidns',
      }),
    }),
    HealthModule,
    AuthApiModule,
    AuditApiModule,
    DomainsApiModule,
    RecordsApiModule,
    TemplatesApiModule,
    DnssecApiModule,
    WebhooksApiModule,
    IdentityAdminApiModule,
    WebUiModule,
  ],
  providers: [
    { provide: APP_PIPE, useClass: ApiValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class ApiModule {}
