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
import { Template } from './template.entity';
import { Tenant } from './tenant.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const DOMAIN_TYPES = ['primary', 'secondary', 'reverse_ipv4', 'reverse_ipv6'] as const;
export type DomainType = (typeof DOMAIN_TYPES)[number];

export const DOMAIN_STATUSES = ['pending_validation', 'active', 'inactive', 'deleted'] as const;
export type DomainStatus = (typeof DOMAIN_STATUSES)[number];

export const DNSSEC_STATUSES = [
  'disabled',
  'pending_ds',
  'active',
  'rotating_ksk',
  'rotating_zsk',
] as const;
export type DnssecStatus = (typeof DNSSEC_STATUSES)[number];

/**
 * A zone's metadata; the zone data itself lives in PowerDNS. Soft deletion sets `status` deleted,
 * `deleted_at` and `previous_status` (for restore) and keeps the row, so the name stays taken.
 */
@Entity({ name: 'domains' })
@Index('uq_domains_name', ['name'], { unique: true })
@Index('idx_domains_tenant_id_status', ['tenantId', 'status'])
@Index('idx_domains_tenant_id_domain_type', ['tenantId', 'domainType'])
@Index('idx_domains_tenant_id_dnssec_enabled', ['tenantId', 'dnssecEnabled'])
@Index('idx_domains_tenant_id_name', ['tenantId', 'name'])
export class Domain extends UuidPrimaryEntity {
  @Column({ name: 'tenant_id', type: 'char', length: 36 })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_domains_tenant_id' })
  tenant?: Relation<Tenant>;

  /** Punycode, lowercase, no trailing dot; unique platform-wide. */
  @Column({ name: 'name', type: 'varchar', length: 253 })
  name: string;

  @Column({ name: 'unicode_name', type: 'varchar', length: 253 })
  unicodeName: string;

  @Column({ name: 'domain_type', type: 'varchar', length: 16 })
  domainType: DomainType;

  @Column({ name: 'status', type: 'varchar', length: 32, default: 'pending_validation' })
  status: DomainStatus;

  /** The status before soft deletion, restored by `POST /domains/{id}/restore`. */
  @Column({ name: 'previous_status', type: 'varchar', length: 32, nullable: true })
  previousStatus: DomainStatus | null;

  /** PowerDNS zone id (`example.com.`) once the zone exists there. */
  @Column({ name: 'pdns_zone_id', type: 'varchar', length: 255, nullable: true })
  pdnsZoneId: string | null;

  @Column({ name: 'default_ttl', type: 'int', default: 3600 })
  defaultTtl: number;

  @Column({ name: 'description', type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'settings', type: 'json', nullable: true })
  settings: Record<string, unknown> | null;

  /** The network a reverse zone was created from (`192.0.2.0/24`). */
  @Column({ name: 'cidr', type: 'varchar', length: 64, nullable: true })
  cidr: string | null;

  @Column({ name: 'dnssec_enabled', type: 'boolean', default: false })
  dnssecEnabled: boolean;

  @Column({ name: 'dnssec_status', type: 'varchar', length: 16, default: 'disabled' })
  dnssecStatus: DnssecStatus;

  /** DNSSEC algorithm number (8, 10, 13, 14, 15). */
  @Column({ name: 'dnssec_algorithm', type: 'smallint', nullable: true })
  dnssecAlgorithm: number | null;

  /** The template applied at creation; cleared if that template is deleted later. */
  @Column({ name: 'template_id', type: 'char', length: 36, nullable: true })
  templateId: string | null;

  @ManyToOne(() => Template, { onDelete: 'SET NULL', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'fk_domains_template_id' })
  template?: Relation<Template> | null;

  @Column({ name: 'validated_at', type: 'datetime', precision: 6, nullable: true })
  validatedAt: Date | null;

  /** Set by soft deletion (a plain column, not @DeleteDateColumn: listing deleted zones is a normal filter). */
  @Column({ name: 'deleted_at', type: 'datetime', precision: 6, nullable: true })
  deletedAt: Date | null;

  @Column({ name: 'created_by', type: 'char', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
