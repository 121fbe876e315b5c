import type { ActorType, AuditLog } from '@app/core';

/** Who made a change. For an API key: id = the key's id, email = its owner's email. */
export interface AuditActor {
  readonly type: ActorType;
  readonly id: string | null;
  readonly email: string | null;
}

/** Where a change came from (HTTP requests; empty for the worker and the CLI). */
export interface AuditOrigin {
  readonly ip?: string | null;
  readonly userAgent?: string | null;
  readonly requestId?: string | null;
}

/** One audit entry to write, in the same transaction as the change it records. */
export interface AuditEntryInput {
  readonly tenantId: string | null;
  readonly actor: AuditActor;
  readonly origin?: AuditOrigin;
  /** `<resource>.<verb>`, e.g. `api_key.create`, `role.assign`. */
  readonly action: string;
  readonly resourceType: string;
  readonly resourceId?: string | null;
  readonly resourceName?: string | null;
  readonly before?: unknown;
  readonly after?: unknown;
  /** More details beside before/after (e.g. the webhook event id, an API key's owner). */
  readonly extra?: Record<string, unknown>;
}

/**
 * Whose entries a reader may see: one tenant's, or (platform admins) every tenant's. A tagged value
 * rather than `tenantId | null`, because `null` is also what a platform-level entry's tenant_id is:
 * passing that along by mistake must not widen a read to every tenant.
 */
export type AuditReadScope =
  { readonly kind: 'tenant'; readonly tenantId: string } | { readonly kind: 'platform' };

export const AuditReadScope = {
  tenant: (tenantId: string): AuditReadScope => ({ kind: 'tenant', tenantId }),
  platform: (): AuditReadScope => ({ kind: 'platform' }),
};

/** Filters of an audit-log list; every one given must match (AND). */
export interface AuditLogFilter {
  /** Platform scope only narrows by it; in a tenant scope a different tenant matches nothing. */
  readonly tenantId?: string;
  readonly actorType?: ActorType;
  readonly actorId?: string;
  /**
   * An exact action (`api_key.create`), or a prefix written `api_key.*` or `api_key.` (every action
   * starting with `api_key.`).
   */
  readonly action?: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
  /** Entries at or after this instant (inclusive). */
  readonly startDate?: Date;
  /** Entries strictly before this instant (exclusive), so consecutive ranges never overlap. */
  readonly endDate?: Date;
}

/** 1-based page number and page size (1–100). */
export interface AuditPageRequest {
  readonly page: number;
  readonly pageSize: number;
}

/** One page of entries, newest first. */
export interface AuditLogPage {
  readonly data: AuditLog[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  /** ceil(total / pageSize); 0 when nothing matches. */
  readonly totalPages: number;
}
