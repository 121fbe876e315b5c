import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsDate, IsIn, IsOptional, IsString, IsUUID } from 'class-validator';
import { Length, MaxLength } from '../common/text-length';
import type { GrantWithRole } from '@app/identity';
import { QUERY_BOOLEANS } from '../common/query.dto';

export class AccessGrantDto {
  id: string;
  domain_id: string;
  grantee_type: 'user' | 'group';
  grantee_id: string;
  /** The granted role's name. */
  role: string;
  role_id: string;
  /** Glob over record names relative to the zone (`*.dev`, `www`, `@`); null = every record. */
  record_pattern: string | null;
  /** Record types covered; null = every type. */
  record_types: string[] | null;
  expires_at: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
}

export class CreateAccessGrantDto {
  @IsIn(['user', 'group'])
  grantee_type: 'user' | 'group';

  @IsUUID()
  grantee_id: string;

  /** A role name (`record_editor`) or id; only permissions you hold on the domain can be granted. */
  @IsString()
  @Length(1, 64)
  role: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  record_pattern?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  record_types?: string[] | null;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expires_at?: Date | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class UpdateAccessGrantDto {
  @IsOptional()
  @IsString()
  @Length(1, 64)
  role?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  record_pattern?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(16)
  @IsString({ each: true })
  @MaxLength(16, { each: true })
  record_types?: string[] | null;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expires_at?: Date | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  notes?: string | null;
}

export class AccessGrantListDto {
  data: AccessGrantDto[];
  total: number;
}

export class ListAccessGrantsQueryDto {
  /** Include grants whose expires_at has passed. */
  @IsOptional()
  @IsIn(QUERY_BOOLEANS)
  include_expired?: string;
}

export function toAccessGrantDto(g: GrantWithRole): AccessGrantDto {
  return {
    id: g.id,
    domain_id: g.domainId,
    grantee_type: g.granteeType,
    grantee_id: g.granteeId,
    role: g.role.name,
    role_id: g.roleId,
    record_pattern: g.recordPattern,
    record_types: g.recordTypes,
    expires_at: g.expiresAt?.toISOString() ?? null,
    notes: g.notes,
    created_at: g.createdAt.toISOString(),
    updated_at: g.updatedAt.toISOString(),
  };
}
