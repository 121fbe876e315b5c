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
import { Tenant } from './tenant.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const VALIDATION_TYPES = ['txt_record', 'nameservers'] as const;
export type ValidationType = (typeof VALIDATION_TYPES)[number];

export const VALIDATION_CHALLENGE_STATUSES = [
  'pending',
  'verifying',
  'failed',
  'validated',
  'expired',
  'cancelled',
] as const;
export type ValidationChallengeStatus = (typeof VALIDATION_CHALLENGE_STATUSES)[number];

/** An ownership proof for a domain (a TXT record to publish). Part of its domain (ON DELETE CASCADE). */
@Entity({ name: 'validation_challenges' })
@Index('idx_validation_challenges_domain_id_status', ['domainId', 'status'])
@Index('idx_validation_challenges_status_expires_at', ['status', 'expiresAt'])
export class ValidationChallenge extends UuidPrimaryEntity {
  @Column({ name: 'domain_id', type: 'char', length: 36 })
  domainId: string;

  @ManyToOne(() => Domain, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_validation_challenges_domain_id' })
  domain?: Relation<Domain>;

  @Column({ name: 'tenant_id', type: 'char', length: 36 })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_validation_challenges_tenant_id' })
  tenant?: Relation<Tenant>;

  @Column({ name: 'validation_type', type: 'varchar', length: 16 })
  validationType: ValidationType;

  @Column({ name: 'token', type: 'varchar', length: 128 })
  token: string;

  /** `_scaidns-verify.<domain>`: 16 characters, a name of up to 253 and room for a trailing dot. */
  @Column({ name: 'record_name', type: 'varchar', length: 270 })
  recordName: string;

  /** `scaidns-verify=<token>` */
  @Column({ name: 'record_value', type: 'varchar', length: 255 })
  recordValue: string;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'pending' })
  status: ValidationChallengeStatus;

  @Column({ name: 'attempts', type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'last_checked_at', type: 'datetime', precision: 6, nullable: true })
  lastCheckedAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'expires_at', type: 'datetime', precision: 6 })
  expiresAt: Date;

  @Column({ name: 'validated_at', type: 'datetime', precision: 6, nullable: true })
  validatedAt: Date | null;

  @Column({ name: 'created_by', type: 'char', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
