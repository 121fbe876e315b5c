import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  type Relation,
} from 'typeorm';
import { Role } from './role.entity';
import { Tenant } from './tenant.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const PRINCIPAL_TYPES = ['user', 'group'] as const;
export type PrincipalType = (typeof PRINCIPAL_TYPES)[number];

export const ROLE_SCOPE_TYPES = ['platform', 'partner', 'tenant', 'domain'] as const;
export type RoleScopeType = (typeof ROLE_SCOPE_TYPES)[number];

/** `scope_key` value of platform-scope assignments (scope_id NULL). */
export const PLATFORM_SCOPE_KEY = 'platform';

/**
 * A user or group holds a role at a scope. `principal_id` and `scope_id` are polymorphic (no foreign key).
 * Uniqueness goes through the stored generated `scope_key` = IFNULL(scope_id, 'platform') because a UNIQUE
 * index treats NULL scope ids as all different. Deleting a role that is still assigned is refused (RESTRICT):
 * the service revokes assignments explicitly, with audit entries.
 */
@Entity({ name: 'role_assignments' })
@Index(
  'uq_role_assignments_role_principal_scope',
  ['roleId', 'principalType', 'principalId', 'scopeType', 'scopeKey'],
  { unique: true },
)
@Index('idx_role_assignments_principal', ['principalType', 'principalId'])
export class RoleAssignment extends UuidPrimaryEntity {
  @Column({ name: 'role_id', type: 'char', length: 36 })
  roleId: string;

  @ManyToOne(() => Role, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'fk_role_assignments_role_id' })
  role?: Relation<Role>;

  @Column({ name: 'principal_type', type: 'varchar', length: 16 })
  principalType: PrincipalType;

  /** `users.id` or `groups.id`, according to `principal_type`. */
  @Column({ name: 'principal_id', type: 'char', length: 36 })
  principalId: string;

  @Column({ name: 'scope_type', type: 'varchar', length: 16 })
  scopeType: RoleScopeType;

  /** partners.id, tenants.id or domains.id; NULL for the platform scope. */
  @Column({ name: 'scope_id', type: 'char', length: 36, nullable: true })
  scopeId: string | null;

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
    asExpression: `ifnull(rtrim(\`scope_id\`),'${PLATFORM_SCOPE_KEY}')`,
    insert: false,
    update: false,
  })
  readonly scopeKey: string;

  /** The tenant the scope belongs to (denormalised for tenant filtering); NULL for platform and partner scope. */
  @Column({ name: 'tenant_id', type: 'char', length: 36, nullable: true })
  tenantId: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_role_assignments_tenant_id' })
  tenant?: Relation<Tenant> | null;

  @Column({ name: 'created_by', type: 'char', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'datetime', precision: 6, nullable: true })
  expiresAt: Date | null;
}
