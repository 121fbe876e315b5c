import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditLog } from '@app/core';
import { AuditQueryService } from './audit-query.service';
import { AuditService } from './audit.service';

/** Writing (AuditService) and reading (AuditQueryService) the audit log. */
@Module({
  imports: [TypeOrmModule.forFeature([AuditLog])],
  providers: [AuditService, AuditQueryService],
  exports: [AuditService, AuditQueryService],
})
export class AuditModule {}
