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

export const TEMPLATE_TYPES = ['system', 'custom'] as const;
export type TemplateType = (typeof TEMPLATE_TYPES)[number];

/** One record of a template; `name` and `content` may hold `${variable}` placeholders. */
export interface TemplateRecord {
  name: string;
  type: string;
  content: string;
  ttl: number;
}

export interface TemplateVariable {
  name: string;
  description: string;
  required: boolean;
}

/** The system templates seeded by migrations, with their fixed ids (the seeds carry literal copies). */
export const SYSTEM_TEMPLATE_IDS = {
  google_workspace: '00000000-0000-4000-8000-000000000101',
  microsoft_365: '00000000-0000-4000-8000-000000000102',
  basic_website: '00000000-0000-4000-8000-000000000103',
  mail_authentication: '00000000-0000-4000-8000-000000000104',
  acme_caa: '00000000-0000-4000-8000-000000000105',
} as const;

/** A reusable record set. `tenant_id` NULL with `template_type` system: seeded, read-only, visible to all. */
@Entity({ name: 'templates' })
@Index('idx_templates_tenant_id', ['tenantId'])
export class Template extends UuidPrimaryEntity {
  @Column({ name: 'tenant_id', type: 'char', length: 36, nullable: true })
  tenantId: string | null;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_templates_tenant_id' })
  tenant?: Relation<Tenant> | null;

  @Column({ name: 'name', type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'description', type: 'text', nullable: true })
  description: string | null;

  @Column({ name: 'template_type', type: 'varchar', length: 16, default: 'custom' })
  templateType: TemplateType;

  @Column({ name: 'records', type: 'json' })
  records: TemplateRecord[];

  @Column({ name: 'variables', type: 'json' })
  variables: TemplateVariable[];

  @Column({ name: 'created_by', type: 'char', length: 36, nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
