import { Module } from '@nestjs/common';
import { AuditModule } from '@app/audit';
import { AuditLogsController } from './audit-logs.controller';

/** The audit-log endpoints (tenant and admin). */
@Module({
  imports: [AuditModule],
  controllers: [AuditLogsController],
})
export class AuditApiModule {}
