import { IsIn, IsOptional } from 'class-validator';
import { QUERY_BOOLEANS } from '../common/query.dto';

/** One rrset's records and TTL, as one side of a drift shows it. */
export class DriftSideDto {
  ttl: number;
  records: { content: string; disabled: boolean }[];
}

/** One rrset where PowerDNS differs from what ScaiDNS last committed. */
export class DriftedRRSetDto {
  /** Absolute name with the trailing dot. */
  name: string;
  type: string;
  /** As ScaiDNS last committed it; null: ScaiDNS never made it. */
  before: DriftSideDto | null;
  /** As PowerDNS holds it; null: PowerDNS no longer has it. */
  after: DriftSideDto | null;
}

export class DriftFindingDto {
  id: string;
  /**
   * `rrsets`: records edited behind ScaiDNS's back; `unknown_zone`: a zone PowerDNS holds that
   * ScaiDNS does not know; `missing_zone`: a domain's zone PowerDNS no longer has.
   */
  kind: 'rrsets' | 'unknown_zone' | 'missing_zone';
  /** The zone's name, with the trailing dot. */
  zone: string;
  /** The domain whose zone it is; null for an unknown zone. */
  domain_id: string | null;
  tenant_id: string | null;
  /** The rrsets that differ (at most 100; `rrset_count` says how many there are). */
  rrsets: DriftedRRSetDto[];
  rrset_count: number;
  found_at: Date;
  resolved_at: Date | null;
  /** How it ended: adopted, reverted, vanished (undone outside ScaiDNS), superseded (drifted further). */
  resolution: 'adopted' | 'reverted' | 'vanished' | 'superseded' | null;
}

export class DriftFindingListDto {
  data: DriftFindingDto[];
  total: number;
}

export class ListDriftQueryDto {
  /** Include findings that were fixed or went away (newest first, at most 500). */
  @IsOptional()
  @IsIn(QUERY_BOOLEANS)
  include_resolved?: string;
}

/** What a drift scan did, and what it read. */
export class DriftScanDto {
  /** Zones PowerDNS holds. */
  zones: number;
  /** Of them, zones of ScaiDNS's domains. */
  known: number;
  /** Zones whose fingerprint and revision showed no change: not read. */
  skipped: number;
  /** Zones read and compared with what ScaiDNS last committed. */
  compared: number;
  /** Zones seen for the first time, whose state was taken as their baseline. */
  baselined: number;
  /** Findings this scan recorded (each audited as zone.drift). */
  recorded: number;
  /** Findings open after the scan. */
  open: number;
  /** Findings whose drift this scan saw gone. */
  vanished: number;
  /** Whether PowerDNS's database gave per-zone fingerprints (PDNS_DATABASE_URL). */
  fingerprints: boolean;
  duration_ms: number;
}

export class DriftFixDto {
  /** `adopt`: PowerDNS's state becomes ScaiDNS's; `revert`: what ScaiDNS last committed is put back. */
  @IsIn(['adopt', 'revert'])
  action: 'adopt' | 'revert';
}
