import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditQueryService, AuditReadScope } from '@app/audit';
import type { AuditLogPage } from '@app/audit';
import {
  type Caller,
  IdentityAdminService,
  type PrincipalAccess,
  TenantReach,
} from '@app/identity';
import { CallerAccess, CurrentCaller, RequirePermission } from '../auth/auth.decorators';
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
 * The audit log: `/admin/audit-logs` shows platform admins every tenant's (narrowed by
 * `tenant_id`) and tenant admins their own tenant's, as `/audit-logs` does; another tenant's entry
 * is 404 there, never 403.
 */
@ApiTags('audit')
@Controller()
export class AuditLogsController {
  constructor(
    private readonly audit: AuditQueryService,
    private readonly identities: IdentityAdminService,
  ) {}

  /** Every tenant's entries (platform admins), or your tenant's; newest first. */
  @Get('admin/audit-logs')
  @RequirePermission('audit:read')
  async listAll(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Query() query: AdminAuditLogQueryDto,
  ): Promise<AuditLogPageDto> {
    const scope = await this.adminScope(caller, access, query.tenant_id);
    return toPageDto(await this.audit.list(scope, toAuditLogFilter(query), pageOf(query)));
  }

  /** Any tenant's entry (platform admins), or one of your tenant's. */
  @Get('admin/audit-logs/:id')
  @RequirePermission('audit:read')
  async getAny(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<AuditLogDto> {
    return toAuditLogDto(await this.audit.get(await this.adminScope(caller, access), id));
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

  private adminScope(
    caller: Caller,
    access: PrincipalAccess,
    tenantId?: string,
  ): Promise<AuditReadScope> {
    const reach = TenantReach.of(access, 'audit:read', caller.tenantId);
    return this.identities.auditScope(reach, tenantId);
  }
}

function pageOf(query: AuditLogQueryDto): { page: number; pageSize: number } {
  return { page: query.page ?? 1, pageSize: query.page_size ?? 50 };
}
