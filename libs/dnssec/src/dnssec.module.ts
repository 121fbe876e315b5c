import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { DnssecKey, Domain } from '@app/core';
import { PdnsClientModule } from '@app/pdns-client';
import { ZonesModule } from '@app/zones';
import { DnssecService } from './dnssec.service';
import { DnssecKeyMetrics } from './dnssec-key.metrics';
import { ZoneKeys } from './keys/zone-keys';
import { DnssecRollover } from './rollover/dnssec-rollover.service';

/** DNSSEC: keys (material in PowerDNS, role and state here), DS and rollover. */
@Module({
  imports: [
    AuditModule,
    PdnsClientModule,
    ZonesModule,
    TypeOrmModule.forFeature([Domain, DnssecKey]),
  ],
  providers: [DnssecService, DnssecKeyMetrics, ZoneKeys, DnssecRollover],
  exports: [DnssecService, DnssecRollover],
})
export class DnssecModule {}
