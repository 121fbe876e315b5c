import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsInt,
  IsOptional,
  IsString,
  ValidateNested,
} from 'class-validator';
import { MaxLength } from '../common/text-length';
import { PageQueryDto } from '../common/query.dto';

export class CidrDto {
  /** `192.0.2.0/24`, `198.51.100.64/26`, `2001:db8:1234::/48`. */
  @IsString()
  @MaxLength(64)
  cidr: string;
}

export class CreateReverseZoneDto extends CidrDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  default_ttl?: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;
}

export class ReverseZonePreviewDto {
  zone_name: string;
  network: string;
  start_ip: string;
  end_ip: string;
  /** A decimal string (IPv6 counts don't fit a JSON number). */
  ip_count: string;
  domain_type: 'reverse_ipv4' | 'reverse_ipv6';
}

export class PtrDto {
  /** An address inside the zone's network. */
  @IsString()
  @MaxLength(64)
  ip: string;

  /** A fully qualified host name (`host.example.com.`). */
  @IsString()
  @MaxLength(255)
  hostname: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  ttl?: number;
}

export class PtrBulkDto {
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(1000)
  @ValidateNested({ each: true })
  @Type(() => PtrDto)
  records: PtrDto[];
}

export class PtrRecordDto {
  ip: string;
  hostname: string;
  ttl: number;
  name: string;
}

export class ListReverseZonesQueryDto extends PageQueryDto {
  /** Part of the zone's name or of its network (`192.0.2`, `2.0.192.in-addr`). */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  search?: string;
}

export class ListPtrsQueryDto extends PageQueryDto {
  /** Part of the IP address or of the host name. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  search?: string;
}

export class PtrListItemDto extends PtrRecordDto {
  /** The record's id (as `/domains/{id}/records` shows it). */
  id: string;
}

export class PtrPageDto {
  data: PtrListItemDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export class PtrLookupDto extends PtrRecordDto {
  domain_id: string;
  zone: string;
}
