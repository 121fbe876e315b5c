import { Module } from '@nestjs/common';
import { BullModule } from '@nestjs/bullmq';
import { type AppConfig, APP_CONFIG, CoreModule, SCAIDNS_QUEUE } from '@app/core';
import { DomainsModule } from '@app/domains';
import { IdentityModule } from '@app/identity';
import { PdnsClientModule } from '@app/pdns-client';
import { ZonesModule } from '@app/zones';
import { AssignAdminCommand } from './commands/assign-admin.command';
import { CreateApiKeyCommand } from './commands/create-api-key.command';
import { DoctorCommand } from './commands/doctor.command';
import { DriftCommand } from './commands/drift.command';
import { MigrateCommand } from './commands/migrate.command';
import { RegisterScaiKeyCommand } from './commands/register-scaikey.command';
import { SecondariesCommand } from './commands/secondaries.command';
import { SyncCommand } from './commands/sync.command';

@Module({
  imports: [
    // The CLI opens the database only in commands that need it: doctor must run while it is down.
    CoreModule.forRoot({ lazyDatabase: true }),
    PdnsClientModule,
    IdentityModule,
    ZonesModule,
    DomainsModule,
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
    BullModule.registerQueue({ name: SCAIDNS_QUEUE }),
  ],
  providers: [
    MigrateCommand,
    DoctorCommand,
    AssignAdminCommand,
    CreateApiKeyCommand,
    SyncCommand,
    RegisterScaiKeyCommand,
    SecondariesCommand,
    DriftCommand,
  ],
})
export class CliModule {}
