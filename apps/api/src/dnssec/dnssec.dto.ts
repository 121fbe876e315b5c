import { Type } from 'class-transformer';
import { IsBoolean, IsInt, IsOptional } from 'class-validator';
import type { DnssecActionResult, DnssecKeyView, DnssecOverview, DsRecord } from '@app/dnssec';

export class EnableDnssecDto {
  /** DNSSEC algorithm number: 8, 10, 13 (the default, DNSSEC_DEFAULT_ALGORITHM), 14 or 15. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  algorithm?: number;
}

export class DisableDnssecDto {
  /** Unsign even while the parent still publishes a DS for the zone (the zone then fails validation until the DS is gone). */
  @IsOptional()
  @IsBoolean()
  force?: boolean;
}

export class DsRecordDto {
  key_tag: number;
  algorithm: number;
  /** Always 2 (SHA-256); SHA-1 is never offered. */
  digest_type: number;
  digest: string;
}

export class DnssecKeyDto {
  key_tag: number;
  algorithm: number;
  /** The DNSKEY's public key, base64. */
  public_key: string;
  /** The whole DNSKEY rdata (`257 3 13 <base64>`). */
  dnskey: string;
  key_type: 'KSK' | 'ZSK';
  created_at: string;
  expires_at: string;
  /** Signs. */
  active: boolean;
  /** Served in the DNSKEY rrset. */
  published: boolean;
  /** Rollover state: `incoming` (published, not signing yet), `active`, `retiring` (published, no longer signing). */
  state: 'incoming' | 'active' | 'retiring';
  /** KSKs: when the parent was seen (or said) to publish this key's DS. */
  ds_seen_at: string | null;
  /** When the worker takes this key's next rollover step, if one is planned. */
  next_step_at: string | null;
}

export class DnssecNextStepDto {
  /**
   * What the worker does next: `publish` (a key past its lifetime starts a roll), `check_ds` (ask
   * the parent for an awaited DS), `ds_seen`, `activate` (the new key signs; the old stops) or
   * `remove` (a retired key leaves the DNSKEY set).
   */
  step: 'publish' | 'check_ds' | 'ds_seen' | 'activate' | 'remove';
  /** When it is due (the current time when it already is; the worker runs every DNSSEC_ROLL_CHECK_INTERVAL_SECONDS). */
  due_at: string;
}

export class DnssecDto {
  enabled: boolean;
  /** `disabled`, `pending_ds`, `active`, `rotating_ksk` or `rotating_zsk`. */
  status: string;
  algorithm: number | null;
  ksk: DnssecKeyDto[];
  zsk: DnssecKeyDto[];
  /** The DS records to publish at the parent (one per published KSK; two during a KSK roll). */
  ds_records: DsRecordDto[];
  /** The rollover's next automatic step; null when none is planned (unsigned). */
  next_step: DnssecNextStepDto | null;
}

export class DnssecActionDto extends DnssecDto {
  domain_id: string;
  /** `enable`, `disable`, `rotate-zsk`, `rotate-ksk` or `confirm-ds-published`. */
  action: string;
  message: string;
}

function toDsDto(ds: DsRecord): DsRecordDto {
  return {
    key_tag: ds.keyTag,
    algorithm: ds.algorithm,
    digest_type: ds.digestType,
    digest: ds.digest,
  };
}

function toKeyDto(k: DnssecKeyView): DnssecKeyDto {
  return {
    key_tag: k.keyTag,
    algorithm: k.algorithm,
    public_key: k.publicKey,
    dnskey: k.dnskey,
    key_type: k.role === 'ksk' ? 'KSK' : 'ZSK',
    created_at: k.createdAt.toISOString(),
    expires_at: k.expiresAt.toISOString(),
    active: k.active,
    published: k.published,
    state: k.state,
    ds_seen_at: k.dsSeenAt?.toISOString() ?? null,
    next_step_at: k.nextStepAt?.toISOString() ?? null,
  };
}

export function toDnssecDto(o: DnssecOverview): DnssecDto {
  return {
    enabled: o.domain.dnssecEnabled,
    status: o.domain.dnssecStatus,
    algorithm: o.domain.dnssecAlgorithm,
    ksk: o.keys.filter((k) => k.role === 'ksk').map(toKeyDto),
    zsk: o.keys.filter((k) => k.role === 'zsk').map(toKeyDto),
    ds_records: o.dsRecords.map(toDsDto),
    next_step: o.nextStep
      ? { step: o.nextStep.kind, due_at: o.nextStep.dueAt.toISOString() }
      : null,
  };
}

export function toDnssecActionDto(action: string, r: DnssecActionResult): DnssecActionDto {
  return {
    domain_id: r.overview.domain.id,
    action,
    message: r.message,
    ...toDnssecDto(r.overview),
  };
}
