import { Column, CreateDateColumn, Entity, Index } from 'typeorm';
import { UuidPrimaryEntity } from './uuid-primary.base';

/** One rrset as a zone commit means to leave it (no records: deleted). */
export interface IntentRRSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly { readonly content: string; readonly disabled: boolean }[];
}

/**
 * A zone commit that is about to be, or has just been, sent to PowerDNS, with the audit entries it
 * owes: written (and committed) before the PATCH, removed once PowerDNS's answer is known — then the
 * audit entries are written, in the same transaction, if the change happened. One left behind by a
 * crash or an outage is settled by comparing what PowerDNS holds with `rrsets` (unless a later intent
 * lists it in `committedBefore`), before any other
 * write to the zone (ZoneWriter). No foreign key: it must outlive a domain removed meanwhile.
 */
@Entity({ name: 'zone_commit_intents' })
@Index('idx_zone_commit_intents_zone', ['pdnsZoneId'])
@Index('idx_zone_commit_intents_created_at', ['createdAt'])
export class ZoneCommitIntent extends UuidPrimaryEntity {
  /** The zone's id in PowerDNS. */
  @Column({ name: 'pdns_zone_id', type: 'varchar', length: 255 })
  pdnsZoneId: string;

  /** The changed rrsets as the commit leaves them. */
  @Column({ name: 'rrsets', type: 'json' })
  rrsets: IntentRRSet[];

  /** The audit_logs rows to write if the commit happened, as stored (AuditService.stored). */
  @Column({ name: 'audit_entries', type: 'json' })
  auditEntries: Record<string, unknown>[];

  /**
   * The zone's earlier intents whose PATCH had committed and whose settlement was not yet confirmed
   * when this one was written: they happened, whatever PowerDNS holds by the time they are settled
   * (this commit may have changed the same rrsets since). Null: none.
   */
  @Column({ name: 'committed_before', type: 'json', nullable: true })
  committedBefore: string[] | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
