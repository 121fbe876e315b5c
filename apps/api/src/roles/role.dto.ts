import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsDate,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  ValidateIf,
} from 'class-validator';
import { Length, MaxLength } from '../common/text-length';
import type { Role, RoleAssignment } from '@app/core';

export class RoleDto {
  id: string;
  /** null for system roles. */
  tenant_id: string | null;
  name: string;
  display_name: string | null;
  description: string | null;
  is_system: boolean;
  permissions: string[];
  created_at: string;
  updated_at: string;
}

export class CreateRoleDto {
  /** Lowercase letters, digits and underscores, starting with a letter. */
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, {
    message: 'name must be 2–64 of a-z, 0-9 and _, starting with a letter',
  })
  name: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  display_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  /** Permissions of the catalogue (`records:read`, `records:*`); only ones you hold yourself. */
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  permissions: string[];
}

export class UpdateRoleDto {
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{1,63}$/, {
    message: 'name must be 2–64 of a-z, 0-9 and _, starting with a letter',
  })
  name?: string;

  @IsOptional()
  @IsString()
  @Length(1, 128)
  display_name?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  permissions?: string[];
}

export class RoleAssignmentDto {
  id: string;
  role_id: string;
  role: string;
  principal_type: 'user' | 'group';
  principal_id: string;
  scope_type: 'platform' | 'partner' | 'tenant' | 'domain';
  scope_id: string | null;
  expires_at: string | null;
  created_at: string;
}

export class CreateRoleAssignmentDto {
  /** The role's id; or give its name in `role`. */
  @ValidateIf((o: CreateRoleAssignmentDto) => o.role === undefined)
  @IsUUID()
  role_id?: string;

  /** The role's name (`tenant_admin`, a custom role's name), instead of role_id. */
  @ValidateIf((o: CreateRoleAssignmentDto) => o.role_id === undefined)
  @IsString()
  @Length(1, 64)
  role?: string;

  @IsIn(['user', 'group'])
  principal_type: 'user' | 'group';

  @IsUUID()
  principal_id: string;

  /** Where the role applies; `tenant` (your tenant) when absent. */
  @IsOptional()
  @IsIn(['platform', 'partner', 'tenant', 'domain'])
  scope_type?: 'platform' | 'partner' | 'tenant' | 'domain';

  /** The partner, tenant or domain id; none for platform scope; your tenant by default. */
  @IsOptional()
  @IsUUID()
  scope_id?: string;

  @IsOptional()
  @Type(() => Date)
  @IsDate()
  expires_at?: Date;
}

export class RoleListDto {
  data: RoleDto[];
  total: number;
}

export class RoleAssignmentListDto {
  data: RoleAssignmentDto[];
  total: number;
}

export class ListRoleAssignmentsQueryDto {
  @IsOptional()
  @IsIn(['user', 'group'])
  principal_type?: 'user' | 'group';

  @IsOptional()
  @IsUUID()
  principal_id?: string;

  @IsOptional()
  @IsUUID()
  role_id?: string;
}

export function toRoleDto(role: Role): RoleDto {
  return {
    id: role.id,
    tenant_id: role.tenantId,
    name: role.name,
    display_name: role.displayName,
    description: role.description,
    is_system: role.isSystem,
    permissions: role.permissions,
    created_at: role.createdAt.toISOString(),
    updated_at: role.updatedAt.toISOString(),
  };
}

export function toRoleAssignmentDto(a: RoleAssignment & { role: Role }): RoleAssignmentDto {
  return {
    id: a.id,
    role_id: a.roleId,
    role: a.role.name,
    principal_type: a.principalType,
    principal_id: a.principalId,
    scope_type: a.scopeType,
    scope_id: a.scopeId,
    expires_at: a.expiresAt?.toISOString() ?? null,
    created_at: a.createdAt.toISOString(),
  };
}
