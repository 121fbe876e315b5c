import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { bigintAsNumber } from './bigint-number.transformer';
import type { PrincipalType } from './role-assignment.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const API_KEY_STATUSES = ['active', 'revoked', 'expired'] as const;
export type ApiKeyStatus = (typeof API_KEY_STATUSES)[number];

/**
 * An API key. The secret is never stored: `key_prefix` finds the row, `key_hash` (peppered) checks it.
 * Its permissions are those of its user or group (`permission_source`), narrowed by `scopes`.
 */
@Entity({ name: 'api_keys' })
@Index('uq_api_keys_key_prefix', ['keyPrefix'], { unique: true })
@Index('idx_api_keys_tenant_id_status', ['tenantId', 'status'])
@Index('idx_api_keys_user_id', ['userId'])
export class ApiKey extends UuidPrimaryEntity {
  @Column({ name: 'tenant_id', type: 'char', length: 36 })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_api_keys_tenant_id' })
  tenant?: Relation<Tenant>;

  /** The user who created and owns the key. */
  @Column({ name: 'user_id', type: 'char', length: 36 })
  userId: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'user_id', foreignKeyConstraintName: 'fk_api_keys_user_id' })
  user?: Relation<User>;

  @Column({ name: 'name', type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'description', type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'key_prefix', type: 'varchar', length: 32 })
  keyPrefix: string;

  @Column({ name: 'key_hash', type: 'varchar', length: 128 })
  keyHash: string;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'active' })
  status: ApiKeyStatus;

  @Column({ name: 'permission_source', type: 'varchar', length: 16 })
  permissionSource: PrincipalType;

  /** `users.id` or `groups.id`, according to `permission_source`. */
  @Column({ name: 'permission_source_id', type: 'char', length: 36 })
  permissionSourceId: string;

  /** Permission strings the key is narrowed to; NULL means all of its source's permissions. */
  @Column({ name: 'scopes', type: 'json', nullable: true })
  scopes: string[] | null;

  /** Requests per minute; NULL means the platform default. */
  @Column({ name: 'rate_limit', type: 'int', nullable: true })
  rateLimit: number | null;

  /** CIDRs the key may be used from; NULL means anywhere. */
  @Column({ name: 'ip_whitelist', type: 'json', nullable: true })
  ipWhitelist: string[] | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 6, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'last_used_at', type: 'datetime', precision: 6, nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'last_used_ip', type: 'varchar', length: 45, nullable: true })
  lastUsedIp: string | null;

  @Column({ name: 'use_count', type: 'bigint', default: 0, transformer: bigintAsNumber })
  useCount: number;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 6, nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_reason', type: 'varchar', length: 512, nullable: true })
  revokedReason: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
