import { Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { type AppConfig, APP_CONFIG, buildPinoOptions, CoreModule } from '@app/core';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { IdentityAdminApiModule } from './admin/identity-admin-api.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
import { ApiValidationPipe } from './common/api-validation.pipe';
import { AuditApiModule } from './audit/audit-api.module';
import { AuthApiModule } from './auth/auth-api.module';
import { DnssecApiModule } from './dnssec/dnssec-api.module';
import { DomainsApiModule } from './domains/domains-api.module';
import { HealthModule } from './health/health.module';
import { RecordsApiModule } from './records/records-api.module';
import { WebhooksApiModule } from './webhooks/webhooks-api.module';

@Module({
  imports: [
    CoreModule.forRoot(),
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          ...buildPinoOptions(config, 'scaidns-api'),
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
          quietReqLogger: true,
          customAttributeKeys: { reqId: 'request_id' },
          autoLogging: {
            ignore: (req: IncomingMessage) => req.url?.startsWith('/api/v1/health') ?? false,
          },
        },
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
    DnssecApiModule,
    WebhooksApiModule,
    IdentityAdminApiModule,
  ],
  providers: [
    { provide: APP_PIPE, useClass: ApiValidationPipe },
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
  ],
})
export class ApiModule {}
