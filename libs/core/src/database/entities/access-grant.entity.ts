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
import { Domain } from './domain.entity';
import type { PrincipalType } from './role-assignment.entity';
import { Role } from './role.entity';
import { Tenant } from './tenant.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

/**
 * Record-level delegation: a user or group gets a role on one domain, optionally narrowed to record names
 * matching `record_pattern` (glob, `*`) and to `record_types`. Part of its domain (ON DELETE CASCADE).
 */
@Entity({ name: 'access_grants' })
@Index('idx_access_grants_domain_id', ['domainId'])
@Index('idx_access_grants_grantee', ['granteeType', 'granteeId'])
export class AccessGrant extends UuidPrimaryEntity {
  @Column({ name: 'tenant_id', type: 'char', length: 36 })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_access_grants_tenant_id' })
  tenant?: Relation<Tenant>;

  @Column({ name: 'domain_id', type: 'char', length: 36 })
  domainId: string;

  @ManyToOne(() => Domain, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_access_grants_domain_id' })
  domain?: Relation<Domain>;

  @Column({ name: 'grantee_type', type: 'varchar', length: 16 })
  granteeType: PrincipalType;

  /** `users.id` or `groups.id`, according to `grantee_type`. */
  @Column({ name: 'grantee_id', type: 'char', length: 36 })
  granteeId: string;

  @Column({ name: 'role_id', type: 'char', length: 36 })
  roleId: string;

  @ManyToOne(() => Role, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'role_id', foreignKeyConstraintName: 'fk_access_grants_role_id' })
  role?: Relation<Role>;

  /** Glob over relative record names (`www`, `*.dev`); NULL means every record. */
  @Column({ name: 'record_pattern', type: 'varchar', length: 255, nullable: true })
  recordPattern: string | null;

  /** Record types (`["A", "AAAA"]`); NULL means every type. */
  @Column({ name: 'record_types', type: 'json', nullable: true })
  recordTypes: string[] | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 6, nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'notes', type: 'text', nullable: true })
  notes: string | null;

  @Column({ name: 'created_by', type: 'char', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
