import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import { Template } from '@app/core';
import { DomainsModule } from '@app/domains';
import { PdnsClientModule } from '@app/pdns-client';
import { RecordsModule } from '@app/records';
import { ZonesModule } from '@app/zones';
import { TemplateService } from './template.service';

@Module({
  imports: [
    AuditModule,
    PdnsClientModule,
    ZonesModule,
    DomainsModule,
    RecordsModule,
    TypeOrmModule.forFeature([Template]),
  ],
  providers: [TemplateService],
  exports: [TemplateService],
})
export class TemplatesModule {}
