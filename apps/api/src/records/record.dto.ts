import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MaxLength } from '../common/text-length';
import { RECORD_TYPES } from '@app/core';
import type { RecordView } from '@app/records';
import { PageQueryDto, QUERY_BOOLEANS } from '../common/query.dto';

export class CreateRecordDto {
  /** `@` for the apex, a leaf (`www`), or a name inside the zone; wildcards (`*.dev`) allowed. */
  @IsString()
  @MinLength(1)
  @MaxLength(253)
  name: string;

  @IsIn(RECORD_TYPES)
  type: (typeof RECORD_TYPES)[number];

  /** Zone-file syntax: `192.0.2.1`, `10 mail.example.com.`, `"v=spf1 -all"`. */
  @IsString()
  @MinLength(1)
  @MaxLength(65535)
  content: string;

  /** Seconds; the zone's default TTL when absent. Applies to the whole rrset (name and type). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  ttl?: number;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class UpdateRecordDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(65535)
  content?: string;

  /** Applies to the whole rrset (every record of this name and type). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  ttl?: number;

  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}

export class BulkCreateRecordsDto {
  @IsArray()
  @ArrayMinSize(1)
  // Larger lists are refused with 413 by the service (one PowerDNS commit per request).
  @ValidateNested({ each: true })
  @Type(() => CreateRecordDto)
  records: CreateRecordDto[];

  /** false (default): one bad record and nothing is written. true: write the good ones, report the rest. */
  @IsOptional()
  @IsBoolean()
  continue_on_error?: boolean;
}

export class BulkErrorDto {
  index: number;
  message: string;
  field?: string;
}

export class BulkCreateResultDto {
  total_created: number;
  total_errors: number;
  errors: BulkErrorDto[];
  records: RecordDto[];
}

export class BulkDeleteRecordsDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @IsUUID('all', { each: true })
  record_ids: string[];
}

export class BulkDeleteResultDto {
  total_deleted: number;
}

export class SearchRecordsDto {
  /** Text the record's name or content contains (at least 2 characters; case-insensitive). */
  @IsString()
  @MinLength(2)
  @MaxLength(253)
  query: string;

  @IsOptional()
  @IsIn(RECORD_TYPES)
  type?: (typeof RECORD_TYPES)[number];

  /** At most this many results (1–500, default 100). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  max?: number;
}

export class ListRecordsQueryDto extends PageQueryDto {
  @IsOptional()
  @IsString()
  @MaxLength(10)
  type?: string;

  @IsOptional()
  @IsString()
  @MaxLength(253)
  name?: string;

  /** Include the apex SOA and NS, which the platform manages. */
  @IsOptional()
  @IsIn(QUERY_BOOLEANS)
  include_system?: string;
}

export class RecordDto {
  id: string;
  /** Absolute, with the trailing dot. */
  name: string;
  /** Relative to the zone (`@` for the apex). */
  display_name: string;
  type: string;
  content: string;
  ttl: number;
  disabled: boolean;
  domain_id: string;
  /** When ScaiDNS created the record; null for one it never wrote (edited in PowerDNS directly). */
  created_at: string | null;
}

export class RecordPageDto {
  data: RecordDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
  domain_id: string;
  domain_name: string;
}

export function toRecordDto(r: RecordView, domainId: string): RecordDto {
  return {
    id: r.id,
    name: r.name,
    display_name: r.displayName,
    type: r.type,
    content: r.content,
    ttl: r.ttl,
    disabled: r.disabled,
    domain_id: domainId,
    created_at: r.createdAt?.toISOString() ?? null,
  };
}

export class FoundRecordDto extends RecordDto {
  zone: string;
}

export class SearchResultDto {
  data: FoundRecordDto[];
  total: number;
}
