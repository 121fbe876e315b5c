import { Module } from '@nestjs/common';
import { DomainsModule } from '@app/domains';
import { IdentityModule } from '@app/identity';
import { AuthoritativeDomainsController } from './authoritative-domains.controller';
import { IdentityAdminController } from './identity-admin.controller';
import { PlatformConfigController } from './platform-config.controller';

/** Admin endpoints over the identity cache and the platform settings. */
@Module({
  imports: [DomainsModule, IdentityModule],
  controllers: [AuthoritativeDomainsController, IdentityAdminController, PlatformConfigController],
})
export class IdentityAdminApiModule {}
