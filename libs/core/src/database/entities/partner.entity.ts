import { Column, CreateDateColumn, Entity, Index, UpdateDateColumn } from 'typeorm';
import type { EpochMicros } from '../../time/epoch-micros';
import { bigintAsNumber } from './bigint-number.transformer';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const PARTNER_STATUSES = ['active', 'suspended', 'deleted'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

/** Local cache of a ScaiKey partner (reseller / business unit above tenants); never hard-deleted. */
@Entity({ name: 'partners' })
@Index('uq_partners_scaikey_id', ['scaikeyId'], { unique: true })
export class Partner extends UuidPrimaryEntity {
  @Column({ name: 'scaikey_id', type: 'varchar', length: 64 })
  scaikeyId: string;

  @Column({ name: 'name', type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'slug', type: 'varchar', length: 128, nullable: true })
  slug: string | null;

  @Column({ name: 'status', type: 'varchar', length: 16, default: 'active' })
  status: PartnerStatus;

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
