import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { AppError, AuditLog } from '@app/core';
import type { Repository, SelectQueryBuilder } from 'typeorm';
import type { AuditLogFilter, AuditLogPage, AuditPageRequest, AuditReadScope } from './audit.types';

export const MAX_AUDIT_PAGE_SIZE = 100;

/** `api_key.*` or `api_key.` → the prefix `api_key.`; anything else is an exact action. */
export function actionPrefix(action: string): string | null {
  if (action.endsWith('.*')) return action.slice(0, -1);
  if (action.endsWith('.')) return action;
  return null;
}

/** A LIKE pattern matching values that start with `prefix` literally (`_` and `%` included). */
function likePrefix(prefix: string): string {
  return `${prefix.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/**
 * Reads the audit log. Every query is bounded by a scope: a tenant's reader always gets
 * `tenant_id = <their tenant>` added, whatever the filter says. Each filter matches a column that
 * leads an index of audit_logs (tenant_id+timestamp, actor_type+actor_id, action,
 * resource_type+resource_id, timestamp), and the order (timestamp, id) follows them.
 */
@Injectable()
export class AuditQueryService {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {}

  /** Entries matching `filter`, newest first. */
  async list(
    scope: AuditReadScope,
    filter: AuditLogFilter,
    page: AuditPageRequest,
  ): Promise<AuditLogPage> {
    if (!Number.isSafeInteger(page.page) || page.page < 1) {
      throw AppError.badRequest('page must be a whole number of at least 1');
    }
    if (!Number.isSafeInteger(page.pageSize) || page.pageSize < 1) {
      throw AppError.badRequest('page_size must be a whole number of at least 1');
    }
    if (page.pageSize > MAX_AUDIT_PAGE_SIZE) {
      throw AppError.badRequest(`page_size must be at most ${MAX_AUDIT_PAGE_SIZE}`);
    }
    const qb = this.scoped(scope);
    applyFilter(qb, filter);
    const [data, total] = await qb
      .orderBy('e.timestamp', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .offset((page.page - 1) * page.pageSize)
      .limit(page.pageSize)
      .getManyAndCount();
    return {
      data,
      total,
      page: page.page,
      pageSize: page.pageSize,
      totalPages: Math.ceil(total / page.pageSize),
    };
  }

  /** One entry; NOT_FOUND when it does not exist or lies outside `scope` (no existence leak). */
  async get(scope: AuditReadScope, id: string): Promise<AuditLog> {
    const entry = await this.scoped(scope).andWhere('e.id = :id', { id }).getOne();
    if (!entry) throw AppError.notFound('Audit log entry');
    return entry;
  }

  private scoped(scope: AuditReadScope): SelectQueryBuilder<AuditLog> {
    const qb = this.logs.createQueryBuilder('e');
    switch (scope.kind) {
      case 'platform':
        return qb.where('1 = 1');
      case 'tenant':
        if (!scope.tenantId) throw new Error('A tenant audit scope needs a tenant id');
        return qb.where('e.tenant_id = :scopeTenantId', { scopeTenantId: scope.tenantId });
    }
  }
}

function applyFilter(qb: SelectQueryBuilder<AuditLog>, filter: AuditLogFilter): void {
  if (filter.tenantId !== undefined) {
    qb.andWhere('e.tenant_id = :tenantId', { tenantId: filter.tenantId });
  }
  if (filter.actorType !== undefined) {
    qb.andWhere('e.actor_type = :actorType', { actorType: filter.actorType });
  }
  if (filter.actorId !== undefined) {
    qb.andWhere('e.actor_id = :actorId', { actorId: filter.actorId });
  }
  if (filter.action !== undefined) {
    const prefix = actionPrefix(filter.action);
    if (prefix === null) qb.andWhere('e.action = :action', { action: filter.action });
    else
      qb.andWhere("e.action LIKE :actionPrefix ESCAPE '!'", { actionPrefix: likePrefix(prefix) });
  }
  if (filter.resourceType !== undefined) {
    qb.andWhere('e.resource_type = :resourceType', { resourceType: filter.resourceType });
  }
  if (filter.resourceId !== undefined) {
    qb.andWhere('e.resource_id = :resourceId', { resourceId: filter.resourceId });
  }
  if (filter.startDate !== undefined) {
    qb.andWhere('e.timestamp >= :startDate', { startDate: filter.startDate });
  }
  if (filter.endDate !== undefined) {
    qb.andWhere('e.timestamp < :endDate', { endDate: filter.endDate });
  }
}
