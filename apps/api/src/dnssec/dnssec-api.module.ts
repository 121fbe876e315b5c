import { Module } from '@nestjs/common';
import { DnssecModule } from '@app/dnssec';
import { IdentityModule } from '@app/identity';
import { DnssecController } from './dnssec.controller';

@Module({
  imports: [DnssecModule, IdentityModule],
  controllers: [DnssecController],
})
export class DnssecApiModule {}
