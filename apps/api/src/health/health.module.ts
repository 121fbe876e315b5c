import { Module } from '@nestjs/common';
import { DomainsModule } from '@app/domains';
import { IdentityModule } from '@app/identity';
import { PdnsClientModule } from '@app/pdns-client';
import { HealthController } from './health.controller';
import { VersionController } from './version.controller';
import { MetricsController } from './metrics.controller';
import { ReadinessService } from './readiness.service';

@Module({
  imports: [PdnsClientModule, IdentityModule, DomainsModule],
  controllers: [HealthController, VersionController, MetricsController],
  providers: [ReadinessService],
})
export class HealthModule {}
