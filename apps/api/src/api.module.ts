import { Module, RequestMethod } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { type AppConfig, APP_CONFIG, buildPinoOptions, CoreModule } from '@app/core';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { IdentityAdminApiModule } from './admin/identity-admin-api.module';
import { AllExceptionsFilter } from './common/all-exceptions.filter';
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
    LoggerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
        pinoHttp: {
          ...buildPinoOptions(config, 'scaidns-api'),
          genReqId: (req: IncomingMessage) => (req as IncomingMessage & { id: string }).id,
          quietReqLogger: true,
          customAttributeKeys: { reqId: 'request_id' },
          // The access line of a 5xx carries the status alone: the exception filter logs the
          // cause (a stack only for a bug), so pino-http's stand-in Error, whose stack is its own
          // internals, would add nothing but bytes to every request of an outage.
          customErrorObject: (
            _req: IncomingMessage,
            _res: ServerResponse,
            error: Error,
            value: Record<string, unknown>,
          ): Record<string, unknown> => {
            const { err: _err, ...line } = value;
            return { ...line, error: error.message };
          },
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
