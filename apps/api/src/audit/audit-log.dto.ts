import type { ActorType, AuditLog } from '@app/core';

/** One audited change. */
export class AuditLogDto {
  id: string;
  /** The tenant the change belongs to; null for platform-level changes. */
  tenant_id: string | null;
  actor_type: ActorType;
  /** The user's id, or the API key's id; null for the system. */
  actor_id: string | null;
  /** The user's email (for an API key, its owner's). */
  actor_email: string | null;
  /** `<resource>.<verb>`, e.g. `domain.create`, `api_key.revoke`. */
  action: string;
  resource_type: string;
  resource_id: string | null;
  resource_name: string | null;
  /** `{before, after}` (null for a create's before or a delete's after), plus action-specific fields. */
  details: Record<string, unknown> | null;
  ip_address: string | null;
  user_agent: string | null;
  request_id: string | null;
  /** When the change was made (ISO 8601, UTC). */
  timestamp: string;
}

export class AuditLogPageDto {
  /** Newest first. */
  data: AuditLogDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export function toAuditLogDto(entry: AuditLog): AuditLogDto {
  return {
    id: entry.id,
    tenant_id: entry.tenantId,
    actor_type: entry.actorType,
    actor_id: entry.actorId,
    actor_email: entry.actorEmail,
    action: entry.action,
    resource_type: entry.resourceType,
    resource_id: entry.resourceId,
    resource_name: entry.resourceName,
    details: entry.details,
    ip_address: entry.ipAddress,
    user_agent: entry.userAgent,
    request_id: entry.requestId,
    timestamp: entry.timestamp.toISOString(),
  };
}
