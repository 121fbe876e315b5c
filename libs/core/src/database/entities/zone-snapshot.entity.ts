import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  type Relation,
} from 'typeorm';
import { Domain } from './domain.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

/** One rrset as PowerDNS held it, comments included. */
export interface SnapshotRRSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly { readonly content: string; readonly disabled: boolean }[];
  readonly comments: readonly {
    readonly content: string;
    readonly account: string;
    readonly modified_at?: number;
  }[];
}

/**
 * The exact content of a zone taken out of PowerDNS (soft delete, deactivation), so that restoring it
 * brings every record back as it was. At most one per domain: the latest.
 */
@Entity({ name: 'zone_snapshots' })
@Index('uq_zone_snapshots_domain_id', ['domainId'], { unique: true })
export class ZoneSnapshot extends UuidPrimaryEntity {
  @Column({ name: 'domain_id', type: 'char', length: 36 })
  domainId: string;

  @ManyToOne(() => Domain, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_zone_snapshots_domain_id' })
  domain?: Relation<Domain>;

  /** Why the zone left PowerDNS: `soft_delete` or `deactivate`. */
  @Column({ name: 'reason', type: 'varchar', length: 32 })
  reason: string;

  @Column({ name: 'rrsets', type: 'json' })
  rrsets: SnapshotRRSet[];

  /** Zone properties worth restoring (kind, soa_edit_api, api_rectify, dnssec flags). */
  @Column({ name: 'zone_settings', type: 'json' })
  zoneSettings: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
