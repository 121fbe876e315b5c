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
import { Tenant } from './tenant.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

/**
 * The system roles seeded by the first migrations, by name, with their fixed ids. The seed migration
 * carries its own literal copy (migrations are frozen snapshots); a unit test keeps the two equal.
 */
export const SYSTEM_ROLE_IDS = {
  platform_admin: '00000000-0000-4000-8000-000000000001',
  tenant_admin: '00000000-0000-4000-8000-000000000002',
  domain_admin: '00000000-0000-4000-8000-000000000003',
  domain_manager: '00000000-0000-4000-8000-000000000004',
  record_editor: '00000000-0000-4000-8000-000000000005',
  read_only: '00000000-0000-4000-8000-000000000006',
  validation_bypass: '00000000-0000-4000-8000-000000000007',
} as const;
export type SystemRoleName = keyof typeof SYSTEM_ROLE_IDS;

/** `scope_key` value of system roles (tenant_id NULL). */
export const SYSTEM_ROLE_SCOPE_KEY = 'system';

/**
 * A named set of permissions. `tenant_id` NULL marks a system role. Role names are unique per tenant and
 * among system roles: a UNIQUE index over (tenant_id, name) would let any number of NULL-tenant rows share a
 * name, so the index is over the stored generated column `scope_key` = IFNULL(tenant_id, 'system').
 */
@Entity({ name: 'roles' })
@Index('uq_roles_scope_key_name', ['scopeKey', 'name'], { unique: true })
export class Role extends UuidPrimaryEntity {
  @Column({ name: 'tenant_id', type: 'char', length: 36, nullable: true })
  tenantId: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_roles_tenant_id' })
  tenant?: Relation<Tenant> | null;

  /**
   * Computed by MariaDB; never written by the application. The `rtrim` is required: MariaDB refuses a
   * CHAR column inside a generated-column expression (its value would depend on the session's
   * PAD_CHAR_TO_FULL_LENGTH sql_mode); a UUID has no trailing spaces, so it changes nothing.
   */
  @Column({
    name: 'scope_key',
    type: 'varchar',
    length: 36,
    generatedType: 'STORED',
    asExpression: `ifnull(rtrim(\`tenant_id\`),'${SYSTEM_ROLE_SCOPE_KEY}')`,
    insert: false,
    update: false,
  })
  readonly scopeKey: string;

  @Column({ name: 'name', type: 'varchar', length: 64 })
  name: string;

  @Column({ name: 'display_name', type: 'varchar', length: 128, nullable: true })
  displayName: string | null;

  @Column({ name: 'description', type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'is_system', type: 'boolean', default: false })
  isSystem: boolean;

  /** Permission strings (`domains:read`), resource wildcards (`records:*`) or `*`. */
  @Column({ name: 'permissions', type: 'json' })
  permissions: string[];

  /** `users.id` of the creator; no foreign key, so a role outlives its author's cache row. */
  @Column({ name: 'created_by', type: 'char', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
