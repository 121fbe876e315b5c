import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { IdentityModule } from '@app/identity';
import { AuditLogsController } from './audit-logs.controller';

/** The audit-log endpoints (tenant and admin). */
@Module({
  imports: [AuditModule, IdentityModule],
  controllers: [AuditLogsController],
})
export class AuditApiModule {}
