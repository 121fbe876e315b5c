import type { AuditLogFilter } from '@app/audit';
import { ACTOR_TYPES, type ActorType } from '@app/core';
import { IsIn, IsISO8601, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MaxLength } from '../common/text-length';
import { PageQueryDto } from '../common/query.dto';

/** Calendar dates and date-times only (no week or ordinal dates, which Date cannot read). */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$/;
const INSTANT_MESSAGE =
  '$property must be an ISO 8601 date or date-time: YYYY-MM-DD[THH:MM[:SS[.fff]][Z|±HH:MM]]';

/**
 * Query of `GET /audit-logs/`: the caller's own tenant's entries, newest first (`page` from 1,
 * `page_size` 1–100, default 50).
 */
export class AuditLogQueryDto extends PageQueryDto {
  /** Only entries made by this kind of actor. */
  @IsOptional()
  @IsIn(ACTOR_TYPES)
  actor_type?: ActorType;

  /** Only entries by this actor (a user's id, or an API key's id). */
  @IsOptional()
  @IsString()
  @MaxLength(128)
  actor_id?: string;

  /**
   * An exact action (`domain.create`), or every action of a resource with a trailing `.*` or `.`
   * (`api_key.*`, `api_key.`).
   */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  @Matches(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*(\.\*?)?$/, {
    message: 'action must be <resource>.<verb>, or a prefix ending in .* or .',
  })
  action?: string;

  /** Only entries about this kind of resource (`domain`, `record`, `api_key`, …). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  resource_type?: string;

  /** Only entries about this resource. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  resource_id?: string;

  /**
   * Entries at or after this instant (inclusive). ISO 8601 date or date-time; without an offset it
   * is read as UTC.
   */
  @IsOptional()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: INSTANT_MESSAGE })
  start_date?: string;

  /**
   * Entries strictly before this instant (exclusive), so `start_date=2024-01-01&end_date=2024-02-01`
   * is all of January. ISO 8601 date or date-time; without an offset it is read as UTC.
   */
  @IsOptional()
  @Matches(INSTANT, { message: INSTANT_MESSAGE })
  @IsISO8601({ strict: true, strictSeparator: true }, { message: INSTANT_MESSAGE })
  end_date?: string;
}

/** Query of `GET /admin/audit-logs/`: every tenant's entries, optionally one tenant's. */
export class AdminAuditLogQueryDto extends AuditLogQueryDto {
  /** Only this tenant's entries. */
  @IsOptional()
  @IsUUID()
  tenant_id?: string;
}

/** An instant from a validated query value; a date or date-time without an offset is UTC. */
export function parseInstant(value: string): Date {
  if (!value.includes('T')) return new Date(`${value}T00:00:00Z`);
  return new Date(/(Z|[+-]\d{2}:\d{2})$/.test(value) ? value : `${value}Z`);
}

/** The lib's filter from either query; `tenant_id` exists only on the admin query. */
export function toAuditLogFilter(query: AuditLogQueryDto & { tenant_id?: string }): AuditLogFilter {
  return {
    tenantId: query.tenant_id,
    actorType: query.actor_type,
    actorId: query.actor_id,
    action: query.action,
    resourceType: query.resource_type,
    resourceId: query.resource_id,
    startDate: query.start_date === undefined ? undefined : parseInstant(query.start_date),
    endDate: query.end_date === undefined ? undefined : parseInstant(query.end_date),
  };
}
