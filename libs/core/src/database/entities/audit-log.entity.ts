import { Column, Entity, Index } from 'typeorm';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const ACTOR_TYPES = ['user', 'api_key', 'system', 'webhook'] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

/** `details` of an entry: the state before and after the change, plus anything action-specific. */
export interface AuditDetails {
  before?: unknown;
  after?: unknown;
  [key: string]: unknown;
}

/**
 * One audited change, written in the same transaction as the change. No foreign keys on purpose: the
 * trail must outlive what it describes and must never block a delete. Rows are never updated.
 */
@Entity({ name: 'audit_logs' })
@Index('idx_audit_logs_tenant_id_timestamp', ['tenantId', 'timestamp'])
@Index('idx_audit_logs_actor', ['actorType', 'actorId'])
@Index('idx_audit_logs_action', ['action'])
@Index('idx_audit_logs_resource', ['resourceType', 'resourceId'])
@Index('idx_audit_logs_timestamp', ['timestamp'])
export class AuditLog extends UuidPrimaryEntity {
  @Column({ name: 'tenant_id', type: 'char', length: 36, nullable: true })
  tenantId: string | null;

  @Column({ name: 'actor_type', type: 'varchar', length: 16 })
  actorType: ActorType;

  /** A user, key or system id, or a webhook's event id (up to 128). */
  @Column({ name: 'actor_id', type: 'varchar', length: 128, nullable: true })
  actorId: string | null;

  @Column({ name: 'actor_email', type: 'varchar', length: 255, nullable: true })
  actorEmail: string | null;

  /** `<resource>.<verb>`, e.g. `domain.create`. */
  @Column({ name: 'action', type: 'varchar', length: 64 })
  action: string;

  @Column({ name: 'resource_type', type: 'varchar', length: 64 })
  resourceType: string;

  @Column({ name: 'resource_id', type: 'varchar', length: 255, nullable: true })
  resourceId: string | null;

  /** Up to a record's full name (254 with its dot) and its type. */
  @Column({ name: 'resource_name', type: 'varchar', length: 320, nullable: true })
  resourceName: string | null;

  @Column({ name: 'details', type: 'json', nullable: true })
  details: AuditDetails | null;

  @Column({ name: 'ip_address', type: 'varchar', length: 45, nullable: true })
  ipAddress: string | null;

  @Column({ name: 'user_agent', type: 'varchar', length: 512, nullable: true })
  userAgent: string | null;

  /** Ours, or the client's X-Request-ID (up to 128 characters). */
  @Column({ name: 'request_id', type: 'varchar', length: 128, nullable: true })
  requestId: string | null;

  @Column({
    name: 'timestamp',
    type: 'datetime',
    precision: 6,
    default: () => 'CURRENT_TIMESTAMP(6)',
  })
  timestamp: Date;
}
