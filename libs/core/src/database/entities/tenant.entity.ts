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
import type { EpochMicros } from '../../time/epoch-micros';
import { bigintAsNumber } from './bigint-number.transformer';
import { Partner } from './partner.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const TENANT_STATUSES = ['active', 'suspended'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** Local cache of a ScaiKey tenant; every tenant-owned row points here. Deletion in ScaiKey suspends. */
@Entity({ name: 'tenants' })
@Index('uq_tenants_scaikey_id', ['scaikeyId'], { unique: true })
@Index('uq_tenants_slug', ['slug'], { unique: true })
export class Tenant extends UuidPrimaryEntity {
  @Column({ name: 'scaikey_id', type: 'varchar', length: 64 })
  scaikeyId: string;

  @Column({ name: 'partner_id', type: 'char', length: 36, nullable: true })
  partnerId: string | null;

  @ManyToOne(() => Partner, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'partner_id', foreignKeyConstraintName: 'fk_tenants_partner_id' })
  partner?: Relation<Partner> | null;

  @Column({ name: 'name', type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'slug', type: 'varchar', length: 128, nullable: true })
  slug: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'active' })
  status: TenantStatus;

  @Column({ name: 'settings', type: 'json', nullable: true })
  settings: Record<string, unknown> | null;

  /**
   * ScaiKey's `updated_at` of the state mirrored here, in microseconds since the epoch (EpochMicros:
   * exact, unlike a DATETIME read back as a Date); older events and snapshots are ignored.
   */
  @Column({
    name: 'scaikey_updated_us',
    type: 'bigint',
    nullable: true,
    transformer: bigintAsNumber,
  })
  scaikeyUpdatedUs: EpochMicros | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
