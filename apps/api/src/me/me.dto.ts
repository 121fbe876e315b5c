import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { MaxLength } from '../common/text-length';

export class MeTenantDto {
  id: string;
  scaikey_id: string;
}

export class MeRoleDto {
  role: string;
  scope_type: 'platform' | 'partner' | 'tenant' | 'domain';
  scope_id: string | null;
  expires_at: string | null;
}

export class MeAuthDto {
  /** `user` (JWT) or `api_key`. */
  kind: 'user' | 'api_key';
  api_key_id: string | null;
  /** The API key's scopes, when it has any. */
  api_key_scopes: string[] | null;
}

export class MeDto {
  id: string;
  scaikey_id: string;
  email: string;
  tenant: MeTenantDto;
  partner_id: string | null;
  group_ids: string[];
  roles: MeRoleDto[];
  /** Effective permissions in the caller's tenant. */
  permissions: string[];
  auth: MeAuthDto;
}

export class MeContextDto extends MeDto {
  /** Effective permissions at platform scope (platform administrators). */
  platform_permissions: string[];
  scaikey_roles: string[];
  token_scopes: string[];
}

export class PermissionCheckDto {
  /** A permission of the catalogue, e.g. `records:create`. */
  @IsString()
  @Matches(/^[a-z_]+:[a-z_*]+$|^\*$/)
  permission: string;

  @IsOptional()
  @IsUUID()
  domain_id?: string;

  /** A record name relative to the zone (`www`, `@`). */
  @IsOptional()
  @IsString()
  @MaxLength(253)
  record_name?: string;

  @IsOptional()
  @IsString()
  @Matches(/^[A-Z0-9]{1,10}$/)
  record_type?: string;
}

export class PermissionCheckResultDto {
  allowed: boolean;
}
