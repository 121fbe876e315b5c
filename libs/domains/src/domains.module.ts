import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { Domain, PlatformConfig, ValidationChallenge, ZoneSnapshot } from '@app/core';
import { PdnsClientModule } from '@app/pdns-client';
import { ZonesModule } from '@app/zones';
import { DomainService } from './domains/domain.service';
import { DriftService } from './drift/drift.service';
import { AuthoritativeDomainsService } from './nameservers/authoritative-domains.service';
import { NameserverService } from './nameservers/nameserver.service';
import { PlatformNameservers } from './nameservers/platform-nameservers';
import { ReverseZoneService } from './reverse/reverse-zone.service';
import { CatalogSync } from './secondaries/catalog-sync';
import { SecondaryMonitor } from './secondaries/secondary-monitor';
import { DnsChecker } from './validation/dns-checker';
import { ValidationService } from './validation/validation.service';

const SERVICES = [
  AuthoritativeDomainsService,
  CatalogSync,
  DnsChecker,
  DomainService,
  DriftService,
  NameserverService,
  PlatformNameservers,
  ReverseZoneService,
  SecondaryMonitor,
  ValidationService,
];

@Module({
  imports: [
    AuditModule,
    PdnsClientModule,
    ZonesModule,
    TypeOrmModule.forFeature([Domain, PlatformConfig, ValidationChallenge, ZoneSnapshot]),
  ],
  providers: SERVICES,
  exports: SERVICES,
})
export class DomainsModule {}
