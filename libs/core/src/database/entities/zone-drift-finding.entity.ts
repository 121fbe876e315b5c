import { Column, Entity, Index } from 'typeorm';
import { UuidPrimaryEntity } from './uuid-primary.base';

/** What kind of drift a scan found. */
export const DRIFT_KINDS = ['rrsets', 'unknown_zone', 'missing_zone'] as const;
export type DriftKind = (typeof DRIFT_KINDS)[number];

/** How a finding ended. */
export const DRIFT_RESOLUTIONS = ['adopted', 'reverted', 'vanished', 'superseded'] as const;
export type DriftResolution = (typeof DRIFT_RESOLUTIONS)[number];

/** One rrset that differs: as ScaiDNS last committed it, and as PowerDNS holds it (null: none). */
export interface DriftedRRSet {
  readonly name: string;
  readonly type: string;
  readonly before: { ttl: number; records: { content: string; disabled: boolean }[] } | null;
  readonly after: { ttl: number; records: { content: string; disabled: boolean }[] } | null;
}

/**
 * A difference between PowerDNS and what ScaiDNS last committed, found by a drift scan: an edit
 * made behind ScaiDNS's back (rrsets), a zone PowerDNS holds that ScaiDNS does not know
 * (unknown_zone), or a zone a domain has that PowerDNS lost (missing_zone). Recorded (and audited
 * as zone.drift) once: a later scan that finds the same difference leaves it be; one that finds
 * another supersedes it. At most one open finding per zone (the partial unique index on
 * `open_zone`, which is the zone while the finding is open and null once it is resolved).
 */
@Entity({ name: 'zone_drift_findings' })
@Index('uq_zone_drift_findings_open_zone', ['openZone'], { unique: true })
@Index('idx_zone_drift_findings_found_at', ['foundAt'])
export class ZoneDriftFinding extends UuidPrimaryEntity {
  /** The zone's domain; null for a zone ScaiDNS does not know. */
  @Column({ name: 'domain_id', type: 'char', length: 36, nullable: true })
  domainId: string | null;

  /** The domain's tenant (its audit log shows the finding); null for an unknown zone. */
  @Column({ name: 'tenant_id', type: 'char', length: 36, nullable: true })
  tenantId: string | null;

  /** The zone's canonical name (trailing dot). */
  @Column({ name: 'zone', type: 'varchar', length: 255 })
  zone: string;

  /** The zone while the finding is open, null once resolved: one open finding per zone. */
  @Column({ name: 'open_zone', type: 'varchar', length: 255, nullable: true })
  openZone: string | null;

  @Column({ name: 'pdns_zone_id', type: 'varchar', length: 255 })
  pdnsZoneId: string;

  @Column({ name: 'kind', type: 'varchar', length: 16 })
  kind: DriftKind;

  /** SHA-256 of the differences: the same drift found again is not a new finding. */
  @Column({ name: 'digest', type: 'char', length: 64 })
  digest: string;

  /** The rrsets that differ (at most MAX_DRIFT_RRSETS; `rrset_count` says how many there were). */
  @Column({ name: 'rrsets', type: 'json' })
  rrsets: DriftedRRSet[];

  @Column({ name: 'rrset_count', type: 'int', unsigned: true })
  rrsetCount: number;

  @Column({ name: 'found_at', type: 'datetime', precision: 6 })
  foundAt: Date;

  @Column({ name: 'resolved_at', type: 'datetime', precision: 6, nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'resolution', type: 'varchar', length: 16, nullable: true })
  resolution: DriftResolution | null;
}
