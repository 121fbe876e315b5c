import { Type } from 'class-transformer';
import { IsIn, IsInt, IsObject, IsOptional, IsString, IsUUID } from 'class-validator';
import { MaxLength } from '../common/text-length';
import type { Domain, ValidationChallenge } from '@app/core';
import { PageQueryDto, QUERY_BOOLEANS } from '../common/query.dto';

export const DOMAIN_TYPES = ['primary', 'secondary', 'reverse_ipv4', 'reverse_ipv6'] as const;
export const DOMAIN_STATUSES = ['pending_validation', 'active', 'inactive', 'deleted'] as const;

export class CreateDomainDto {
  /**
   * The zone's name (`example.com`; IDN accepted, stored as punycode). Its length is part of the
   * name check (at most 253 characters once in punycode: 400 "Invalid domain name" like any bad name).
   */
  @IsString()
  name: string;

  @IsOptional()
  @IsIn(DOMAIN_TYPES)
  domain_type?: (typeof DOMAIN_TYPES)[number];

  /** TTL of the apex SOA and NS, and the default of new records. */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  default_ttl?: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** For reverse zones: the network (`192.0.2.0/24`). */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  cidr?: string;

  /** A template (system, or your tenant's) whose records the new zone gets (GET /templates/). */
  @IsOptional()
  @IsUUID()
  template_id?: string;

  /** Values of the template's variables (`{"ipv4": "192.0.2.10"}`). */
  @IsOptional()
  @IsObject()
  template_variables?: Record<string, string>;
}

export class UpdateDomainDto {
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  default_ttl?: number;

  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown> | null;
}

export class ListDomainsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(DOMAIN_STATUSES)
  status?: (typeof DOMAIN_STATUSES)[number];

  @IsOptional()
  @IsIn(DOMAIN_TYPES)
  domain_type?: (typeof DOMAIN_TYPES)[number];

  @IsOptional()
  @IsIn(QUERY_BOOLEANS)
  dnssec_enabled?: string;

  /** Part of the name (ASCII or Unicode form). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  search?: string;

  @IsOptional()
  @IsIn(QUERY_BOOLEANS)
  include_deleted?: string;
}

export class DeleteDomainQueryDto {
  /** `true` removes the PowerDNS zone and the metadata for good. */
  @IsOptional()
  @IsIn(QUERY_BOOLEANS)
  hard?: string;
}

export class ValidationRecordDto {
  name: string;
  type: 'TXT';
  value: string;
  /** A TTL to publish the record with. */
  ttl: number;
}

export class ValidationDto {
  /** The challenge's id (`validation_id` of a check). */
  id: string;
  validation_type: 'txt_record' | 'nameservers';
  status: 'pending' | 'verifying' | 'failed' | 'validated' | 'expired' | 'cancelled';
  /** The token; the TXT record's value is `scaidns-verify=<challenge_value>`. */
  challenge_value: string;
  dns_record: ValidationRecordDto;
  expires_at: string;
  created_at: string;
  attempts: number;
  last_checked_at: string | null;
  last_error: string | null;
}

const VALIDATION_METHODS = ['txt_record', 'nameservers'] as const;

export class NewValidationDto {
  /** `txt_record` (default) or `nameservers`. */
  @IsOptional()
  @IsIn(VALIDATION_METHODS)
  validation_type?: (typeof VALIDATION_METHODS)[number];

  /** Older name of `validation_type`, still accepted. */
  @IsOptional()
  @IsIn(VALIDATION_METHODS)
  type?: (typeof VALIDATION_METHODS)[number];
}

export class ValidationCheckResultDto {
  /** True once ownership is proven (the domain is then active). */
  is_valid: boolean;
  /** "Domain validated", or why the check failed. */
  message: string;
  /** The challenge checked (null when none was: validation bypass, an already active domain). */
  validation_id: string | null;
}

export class DomainDto {
  id: string;
  tenant_id: string;
  name: string;
  /** The Unicode form of an IDN name (equal to `name` otherwise). */
  unicode_name: string;
  domain_type: string;
  status: string;
  default_ttl: number;
  description: string | null;
  settings: Record<string, unknown> | null;
  cidr: string | null;
  dnssec_enabled: boolean;
  dnssec_status: string;
  validated_at: string | null;
  deleted_at: string | null;
  created_at: string;
  updated_at: string;
  /** The open ownership challenge, on create while the domain is pending. */
  validation?: ValidationDto;
}

export class DomainPageDto {
  data: DomainDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export class RecordTypesDto {
  types: string[];
}

export function toValidationDto(c: ValidationChallenge, ttl: number): ValidationDto {
  return {
    id: c.id,
    validation_type: c.validationType,
    status: c.status,
    challenge_value: c.token,
    dns_record: { name: c.recordName, type: 'TXT', value: c.recordValue, ttl },
    expires_at: c.expiresAt.toISOString(),
    created_at: c.createdAt.toISOString(),
    attempts: c.attempts,
    last_checked_at: c.lastCheckedAt?.toISOString() ?? null,
    last_error: c.lastError,
  };
}

export function toDomainDto(d: Domain): DomainDto {
  return {
    id: d.id,
    tenant_id: d.tenantId,
    name: d.name,
    unicode_name: d.unicodeName,
    domain_type: d.domainType,
    status: d.status,
    default_ttl: d.defaultTtl,
    description: d.description,
    settings: d.settings,
    cidr: d.cidr,
    dnssec_enabled: d.dnssecEnabled,
    dnssec_status: d.dnssecStatus,
    validated_at: d.validatedAt?.toISOString() ?? null,
    deleted_at: d.deletedAt?.toISOString() ?? null,
    created_at: d.createdAt.toISOString(),
    updated_at: d.updatedAt.toISOString(),
  };
}
