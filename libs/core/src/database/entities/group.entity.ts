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
import { Tenant } from './tenant.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

/** Local cache of a ScaiKey group; members are in `group_memberships` (groups nest). */
@Entity({ name: 'groups' })
@Index('uq_groups_scaikey_id', ['scaikeyId'], { unique: true })
export class Group extends UuidPrimaryEntity {
  @Column({ name: 'scaikey_id', type: 'varchar', length: 64 })
  scaikeyId: string;

  @Column({ name: 'tenant_id', type: 'char', length: 36 })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_groups_tenant_id' })
  tenant?: Relation<Tenant>;

  @Column({ name: 'name', type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'description', type: 'text', nullable: true })
  description: string | null;

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
