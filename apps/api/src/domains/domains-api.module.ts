import { Module } from '@nestjs/common';
import { DomainsModule } from '@app/domains';
import { IdentityModule } from '@app/identity';
import { RecordsModule } from '@app/records';
import { TemplatesModule } from '@app/templates';
import { DomainsController } from './domains.controller';
import { NameserversController } from './nameservers.controller';
import { ReverseZonesController } from './reverse-zones.controller';
import { ValidationController } from './validation.controller';

@Module({
  imports: [DomainsModule, IdentityModule, RecordsModule, TemplatesModule],
  controllers: [
    DomainsController,
    ValidationController,
    NameserversController,
    ReverseZonesController,
  ],
})
export class DomainsApiModule {}
