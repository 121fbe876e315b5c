import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditQueryService, AuditReadScope } from '@app/audit';
import type { AuditLogPage } from '@app/audit';
import type { Caller } from '@app/identity';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import { AdminAuditLogQueryDto, AuditLogQueryDto, toAuditLogFilter } from './audit-log-query.dto';
import { type AuditLogDto, type AuditLogPageDto, toAuditLogDto } from './audit-log.dto';

function toPageDto(page: AuditLogPage): AuditLogPageDto {
  return {
    data: page.data.map(toAuditLogDto),
    total: page.total,
    page: page.page,
    page_size: page.pageSize,
    total_pages: page.totalPages,
  };
}

/**
 * The audit log: platform admins read every tenant's (`/admin/audit-logs`), a tenant's readers
 * their own tenant's (`/audit-logs`); another tenant's entry is 404 there, never 403.
 */
@ApiTags('audit')
@Controller()
export class AuditLogsController {
  constructor(private readonly audit: AuditQueryService) {}

  /** Every tenant's entries, newest first (platform admins). */
  @Get('admin/audit-logs')
  @RequirePermission('audit:read', 'platform')
  async listAll(@Query() query: AdminAuditLogQueryDto): Promise<AuditLogPageDto> {
    return toPageDto(
      await this.audit.list(AuditReadScope.platform(), toAuditLogFilter(query), pageOf(query)),
    );
  }

  /** Any tenant's entry (platform admins). */
  @Get('admin/audit-logs/:id')
  @RequirePermission('audit:read', 'platform')
  async getAny(@Param('id', ParseUUIDPipe) id: string): Promise<AuditLogDto> {
    return toAuditLogDto(await this.audit.get(AuditReadScope.platform(), id));
  }

  /** Your tenant's entries, newest first. */
  @Get('audit-logs')
  @RequirePermission('audit:read')
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: AuditLogQueryDto,
  ): Promise<AuditLogPageDto> {
    const scope = AuditReadScope.tenant(caller.tenantId);
    return toPageDto(await this.audit.list(scope, toAuditLogFilter(query), pageOf(query)));
  }

  /** One of your tenant's entries. */
  @Get('audit-logs/:id')
  @RequirePermission('audit:read')
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AuditLogDto> {
    return toAuditLogDto(await this.audit.get(AuditReadScope.tenant(caller.tenantId), id));
  }
}

function pageOf(query: AuditLogQueryDto): { page: number; pageSize: number } {
  return { page: query.page ?? 1, pageSize: query.page_size ?? 50 };
}
