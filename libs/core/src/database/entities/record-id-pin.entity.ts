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

/**
 * Record ids are derived from (zone, name, type, content); a PATCH that changes a record's content
 * would change its id, so the new content is pinned to the old id here. Only rrsets whose records
 * were re-contented have pins; everything else needs no row at all.
 */
@Entity({ name: 'record_id_pins' })
@Index('uq_record_id_pins_rrset_content', ['domainId', 'fqdn', 'type', 'contentHash'], {
  unique: true,
})
export class RecordIdPinRow extends UuidPrimaryEntity {
  @Column({ name: 'domain_id', type: 'char', length: 36 })
  domainId: string;

  @ManyToOne(() => Domain, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_record_id_pins_domain_id' })
  domain?: Relation<Domain>;

  /** Absolute owner name, lowercase, with the trailing dot. */
  @Column({ name: 'fqdn', type: 'varchar', length: 255 })
  fqdn: string;

  @Column({ name: 'type', type: 'varchar', length: 10 })
  type: string;

  /** SHA-256 of the canonical content, for the unique index (content itself can be 64 KB). */
  @Column({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ name: 'content', type: 'mediumtext' })
  content: string;

  @Column({ name: 'record_id', type: 'char', length: 36 })
  recordId: string;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
