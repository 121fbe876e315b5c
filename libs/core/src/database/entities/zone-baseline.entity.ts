import { Column, Entity, PrimaryColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-number.transformer';

/**
 * Per PowerDNS zone, what a drift scan needs besides the rrsets ScaiDNS last committed
 * (ZoneBaselineRRSetRow): a revision every settled ScaiDNS commit moves on, whether the rrsets are
 * whole (`taken_at`: the zone's full content was taken at that time; null: a scan takes it first),
 * and what the last scan found PowerDNS holding (a fingerprint of its data, at which revision).
 * Keyed by the zone's PowerDNS id, as the zone writer knows zones; no foreign key (written while a
 * domain's own transaction may still be open).
 */
@Entity({ name: 'zone_baselines' })
export class ZoneBaselineRow {
  @PrimaryColumn({ name: 'pdns_zone_id', type: 'varchar', length: 255 })
  pdnsZoneId: string;

  @Column({
    name: 'revision',
    type: 'bigint',
    unsigned: true,
    default: 0,
    transformer: bigintAsNumber,
  })
  revision: number;

  @Column({ name: 'taken_at', type: 'datetime', precision: 6, nullable: true })
  takenAt: Date | null;

  @Column({
    name: 'checked_revision',
    type: 'bigint',
    unsigned: true,
    nullable: true,
    transformer: bigintAsNumber,
  })
  checkedRevision: number | null;

  /** PowerDNS's fingerprint of the zone's records when the last scan found them as committed. */
  @Column({ name: 'checked_fingerprint', type: 'varchar', length: 96, nullable: true })
  checkedFingerprint: string | null;

  @Column({ name: 'checked_at', type: 'datetime', precision: 6, nullable: true })
  checkedAt: Date | null;
}

/** One rrset as ScaiDNS last committed it (the drift scan's "before"; what a revert puts back). */
@Entity({ name: 'zone_baseline_rrsets' })
export class ZoneBaselineRRSetRow {
  @PrimaryColumn({ name: 'pdns_zone_id', type: 'varchar', length: 255 })
  pdnsZoneId: string;

  /** Absolute owner name, lowercase, with the trailing dot. */
  @PrimaryColumn({ name: 'fqdn', type: 'varchar', length: 255 })
  fqdn: string;

  @PrimaryColumn({ name: 'type', type: 'varchar', length: 10 })
  type: string;

  @Column({ name: 'ttl', type: 'int', unsigned: true })
  ttl: number;

  @Column({ name: 'records', type: 'json' })
  records: { content: string; disabled: boolean }[];
}
