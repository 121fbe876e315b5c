import { Module } from '@nestjs/common';
import { IdentityModule } from '@app/identity';
import { IdentityAdminController } from './identity-admin.controller';
import { PlatformConfigController } from './platform-config.controller';

/** Platform admin endpoints over the identity cache and the platform settings. */
@Module({
  imports: [IdentityModule],
  controllers: [IdentityAdminController, PlatformConfigController],
})
export class IdentityAdminApiModule {}
