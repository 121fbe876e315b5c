import { Module } from '@nestjs/common';
import { DomainsModule } from '@app/domains';
import { IdentityModule } from '@app/identity';
import { AuthoritativeDomainsController } from './authoritative-domains.controller';
import { DriftController } from './drift.controller';
import { IdentityAdminController } from './identity-admin.controller';
import { PlatformConfigController } from './platform-config.controller';

/** Admin endpoints over the identity cache, the platform settings and drift. */
@Module({
  imports: [DomainsModule, IdentityModule],
  controllers: [
    AuthoritativeDomainsController,
    DriftController,
    IdentityAdminController,
    PlatformConfigController,
  ],
})
export class IdentityAdminApiModule {}
