import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsDate,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  Min,
} from 'class-validator';
import { Length, MaxLength } from '../common/text-length';
import type { ApiKey } from '@app/core';

export class CreateApiKeyDto {
  /** A name to recognise the key by. */
  @IsString()
  @Length(1, 255)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** Whose permissions the key carries: your own (`user`) or one of your groups (`group`). */
  @IsIn(['user', 'group'])
  permission_source: 'user' | 'group';

  /** Your user id, or the id of a group you belong to. */
  @IsUUID()
  permission_source_id: string;

  /** Narrows the source's permissions (e.g. `records:read`, `records:*`); must be a subset of them. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  scopes?: string[];

  /** Requests per minute for this key (default RATE_LIMIT_API_KEY_PER_MINUTE). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  rate_limit?: number;

  /** IPv4/IPv6 addresses or CIDRs the key may be used from; empty or absent = anywhere. */
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ip_whitelist?: string[];

  /** When the key stops working (ISO 8601); absent = never. */
  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expires_at?: Date;
}

export class UpdateApiKeyDto {
  @IsOptional()
  @IsString()
  @Length(1, 255)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100000)
  rate_limit?: number | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  ip_whitelist?: string[] | null;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expires_at?: Date | null;
}

export class RevokeApiKeyDto {
  @IsOptional()
  @IsString()
  @MaxLength(512)
  reason?: string;
}

export class ListApiKeysQueryDto {
  /** Include revoked keys. */
  @IsOptional()
  @Type(() => String)
  @IsIn(['true', 'false', '1', '0'])
  include_revoked?: string;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  page_size?: number;
}

export class ApiKeyDto {
  id: string;
  name: string;
  description: string | null;
  /** The first characters of the secret, to tell keys apart. */
  key_prefix: string;
  status: 'active' | 'revoked' | 'expired';
  permission_source: 'user' | 'group';
  permission_source_id: string;
  scopes: string[] | null;
  rate_limit: number | null;
  ip_whitelist: string[] | null;
  expires_at: string | null;
  last_used_at: string | null;
  last_used_ip: string | null;
  use_count: number;
  created_at: string;
}

/** The answer to create and regenerate: the only time the secret is shown. */
export class ApiKeySecretDto {
  id: string;
  name: string;
  /** The secret (`sdk_live_…`): store it now, it is never shown again. */
  key: string;
  permission_source: 'user' | 'group';
  permission_source_id: string;
  created_at: string;
}

export class ApiKeyPageDto {
  data: ApiKeyDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export function toApiKeyDto(key: ApiKey): ApiKeyDto {
  const expired =
    key.status === 'active' && key.expiresAt !== null && key.expiresAt.getTime() <= Date.now();
  return {
    id: key.id,
    name: key.name,
    description: key.description,
    key_prefix: key.keyPrefix,
    status: expired ? 'expired' : key.status,
    permission_source: key.permissionSource,
    permission_source_id: key.permissionSourceId,
    scopes: key.scopes,
    rate_limit: key.rateLimit,
    ip_whitelist: key.ipWhitelist,
    expires_at: key.expiresAt?.toISOString() ?? null,
    last_used_at: key.lastUsedAt?.toISOString() ?? null,
    last_used_ip: key.lastUsedIp,
    use_count: key.useCount,
    created_at: key.createdAt.toISOString(),
  };
}

export function toApiKeySecretDto(key: ApiKey, secret: string): ApiKeySecretDto {
  return {
    id: key.id,
    name: key.name,
    key: secret,
    permission_source: key.permissionSource,
    permission_source_id: key.permissionSourceId,
    created_at: key.createdAt.toISOString(),
  };
}
