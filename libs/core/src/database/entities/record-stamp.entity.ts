import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * When a record was created. PowerDNS keeps no such time, so the zone writer stamps each record
 * content it adds to an rrset (in the transaction that settles the commit's audit intent) and
 * removes the stamp of each content it takes away; a PATCH that changes a record's content carries
 * the stamp over, as it carries the record's id (RecordIdPinRow). A record ScaiDNS never wrote
 * (edited in PowerDNS directly, or older than this table) has none: its `created_at` is null.
 *
 * No foreign key to `domains`: the stamps are written while the zone's commit is settled, and a
 * caller may hold the domain's row lock across that commit (activation), which the key's check
 * would wait on. A hard delete removes the domain's stamps with its row.
 */
@Entity({ name: 'record_stamps' })
export class RecordStampRow {
  @PrimaryColumn({ name: 'domain_id', type: 'char', length: 36 })
  domainId: string;

  /** Absolute owner name, lowercase, with the trailing dot. */
  @PrimaryColumn({ name: 'fqdn', type: 'varchar', length: 255 })
  fqdn: string;

  @PrimaryColumn({ name: 'type', type: 'varchar', length: 10 })
  type: string;

  /** SHA-256 of the content exactly as PowerDNS holds it. */
  @PrimaryColumn({ name: 'content_hash', type: 'char', length: 64 })
  contentHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;
}
