import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Matches,
  ValidateIf,
} from 'class-validator';
import { Length, MaxLength } from '../common/text-length';
import {
  type Group,
  PARTNER_STATUSES,
  type Partner,
  type PartnerStatus,
  TENANT_STATUSES,
  type Tenant,
  type TenantStatus,
  USER_STATUSES,
  type UserStatus,
} from '@app/core';
import {
  type AdminUser,
  type GroupMemberDetail,
  type IdentityPage,
  SCAIKEY_GROUP_TYPES,
  type ScaiKeyGroupType,
  type TenantDetail,
} from '@app/identity';
import { PageQueryDto, QUERY_BOOLEANS } from '../common/query.dto';

// --- queries --------------------------------------------------------------------------------------

export class ListPartnersQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(PARTNER_STATUSES)
  status?: PartnerStatus;

  /** Part of the name or slug, or a ScaiKey id. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  search?: string;
}

export class ListTenantsQueryDto extends PageQueryDto {
  /** Local or ScaiKey (`prt_…`) partner id. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  partner_id?: string;

  @IsOptional()
  @IsIn(TENANT_STATUSES)
  status?: TenantStatus;

  /** Part of the name or slug, or a ScaiKey id. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  search?: string;
}

export class ListUsersQueryDto extends PageQueryDto {
  /** Local or ScaiKey (`tnt_…`) tenant id. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tenant_id?: string;

  @IsOptional()
  @IsIn(USER_STATUSES)
  status?: UserStatus;

  /** Only users ScaiKey assigns (true) or does not assign (false) to the ScaiDNS application. */
  @IsOptional()
  @Type(() => String)
  @IsIn(QUERY_BOOLEANS)
  assigned?: string;

  /** Part of the e-mail or display name, or a ScaiKey id. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  search?: string;
}

export class ListGroupsQueryDto extends PageQueryDto {
  /** Local or ScaiKey (`tnt_…`) tenant id. */
  @IsOptional()
  @IsString()
  @MaxLength(64)
  tenant_id?: string;

  /** Part of the name, or a ScaiKey id. */
  @IsOptional()
  @IsString()
  @MaxLength(255)
  search?: string;
}

// --- requests -------------------------------------------------------------------------------------

/** A tenant slug as ScaiKey spells them: lowercase letters, digits and `-`. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,127}$/;
const SLUG_MESSAGE = '$property must be lowercase letters, digits and -, at most 128 characters';

export class AddTenantDto {
  @IsString()
  @Length(1, 255)
  name: string;

  @IsString()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug: string;

  /** The ScaiKey tenant (`tnt_…`) to register now rather than at its first sign-in or sync. */
  @IsString()
  @Length(1, 64)
  scaikey_tenant_id: string;

  /** Local or ScaiKey (`prt_…`) id of the tenant's partner in ScaiKey; found there when omitted. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  partner_id?: string;

  /** ScaiDNS's own settings of the tenant (any JSON object). */
  @IsOptional()
  @IsObject()
  settings?: Record<string, unknown>;
}

export class UpdateTenantDto {
  /** Changed in ScaiKey, then mirrored. */
  @IsOptional()
  @IsString()
  @Length(1, 255)
  name?: string;

  /** Changed in ScaiKey, then mirrored. */
  @IsOptional()
  @IsString()
  @Matches(SLUG, { message: SLUG_MESSAGE })
  slug?: string;

  /** Suspend (its users and keys are refused at once; its zones keep serving) or re-activate, in ScaiKey. */
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';

  /** Replaces ScaiDNS's settings of the tenant; null clears them. */
  @IsOptional()
  @ValidateIf((_o, v) => v !== null)
  @IsObject()
  settings?: Record<string, unknown> | null;
}

class NewUserFields {
  /** Local or ScaiKey (`tnt_…`) id of a tenant ScaiDNS knows; the caller's own when omitted. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  tenant_id?: string;

  @IsEmail()
  @MaxLength(255)
  email: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  display_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  first_name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  last_name?: string;
}

export class CreateUserDto extends NewUserFields {
  /**
   * The user's first password, checked by ScaiKey's password policy (400 when it refuses); never
   * stored by ScaiDNS. Without one ScaiKey e-mails an invitation.
   */
  @IsOptional()
  @IsString()
  @Length(1, 1024)
  password?: string;

  /** Have ScaiKey e-mail an invitation; default: when no password is given. */
  @IsOptional()
  @IsBoolean()
  send_invite?: boolean;
}

/** `POST /admin/users/invite`: ScaiKey creates the user and e-mails the invitation. */
export class InviteUserDto extends NewUserFields {}

export class SetPasswordDto {
  /** Checked by ScaiKey's password policy (400 when it refuses); never stored by ScaiDNS. */
  @IsString()
  @Length(1, 1024)
  password: string;
}

export class CreateGroupDto {
  /** Local or ScaiKey (`tnt_…`) id of a tenant ScaiDNS knows; the caller's own when omitted. */
  @IsOptional()
  @IsString()
  @Length(1, 64)
  tenant_id?: string;

  @IsString()
  @Length(1, 255)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(16_383)
  description?: string;

  /** ScaiKey's kind of group: SECURITY (default) or DISTRIBUTION_LIST. */
  @IsOptional()
  @IsIn(SCAIKEY_GROUP_TYPES)
  group_type?: ScaiKeyGroupType;
}

export class UpdateUserDto {
  @IsOptional()
  @IsEmail()
  @MaxLength(255)
  email?: string;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  display_name?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  first_name?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(255)
  last_name?: string | null;

  /** Suspend or re-activate the user in ScaiKey (`POST …/disable` deletes). */
  @IsOptional()
  @IsIn(['active', 'suspended'])
  status?: 'active' | 'suspended';
}

// --- responses ------------------------------------------------------------------------------------

export class PartnerDto {
  id: string;
  scaikey_id: string;
  /** The same as `scaikey_id`. */
  scaikey_partner_id: string;
  name: string;
  slug: string | null;
  /** `deleted` once ScaiKey deleted it. */
  status: PartnerStatus;
  created_at: string;
  updated_at: string;
}

export class TenantDto {
  id: string;
  scaikey_id: string;
  /** The same as `scaikey_id`. */
  scaikey_tenant_id: string;
  partner_id: string | null;
  partner_scaikey_id: string | null;
  name: string;
  slug: string | null;
  /** `suspended`: its users and keys are refused; its zones keep serving. */
  status: TenantStatus;
  /** ScaiDNS's own settings of the tenant. */
  settings: Record<string, unknown> | null;
  created_at: string;
  updated_at: string;
}

export class TenantDetailDto extends TenantDto {
  user_count: number;
  active_user_count: number;
  group_count: number;
}

export class UserDto {
  id: string;
  scaikey_id: string;
  /** The same as `scaikey_id`. */
  scaikey_user_id: string;
  tenant_id: string;
  tenant_scaikey_id: string | null;
  email: string;
  /** The display name, or the e-mail when there is none. */
  name: string;
  display_name: string | null;
  /** What ScaiDNS enforces: `active` only while ScaiKey has the user active and assigned. */
  status: UserStatus;
  /** The user's status in ScaiKey itself. */
  scaikey_status: 'active' | 'suspended' | 'deleted';
  /** Whether ScaiKey assigns the user to the ScaiDNS application. */
  assigned: boolean;
  /**
   * ScaiKey's own admin roles of the user as ScaiKey last told us (sign-in, webhook, sync); the
   * ScaiDNS roles they imply reach the user's API keys.
   */
  scaikey_roles: string[];
  /**
   * Holds `platform_admin` at platform scope (assigned, through a group, or ScaiKey's super_admin).
   * Like `is_tenant_admin`, what ScaiDNS would grant now: false while the user is not active.
   */
  is_platform_admin: boolean;
  /**
   * Holds `tenant_admin` for their own tenant (assigned at the tenant or its partner, through a
   * group, or ScaiKey's tenant_admin/partner_admin); platform admins are not tenant admins by this.
   */
  is_tenant_admin: boolean;
  last_login_at: string | null;
  created_at: string;
  updated_at: string;
}

export class GroupDto {
  id: string;
  scaikey_id: string;
  /** The same as `scaikey_id`. */
  scaikey_group_id: string;
  tenant_id: string;
  tenant_scaikey_id: string | null;
  name: string;
  description: string | null;
  /** Direct members (users and nested groups). */
  member_count: number;
  created_at: string;
  updated_at: string;
}

export class GroupMemberDto {
  type: 'user' | 'group';
  id: string;
  scaikey_id: string;
  /** The user's e-mail or the group's name. */
  name: string;
}

export class GroupDetailDto extends GroupDto {
  members: GroupMemberDto[];
}

export class PartnerPageDto {
  data: PartnerDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export class TenantPageDto {
  data: TenantDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export class UserPageDto {
  data: UserDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export class GroupPageDto {
  data: GroupDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

// --- mapping --------------------------------------------------------------------------------------

export function toPageDto<T, D>(
  page: IdentityPage<T>,
  map: (item: T) => D,
): { data: D[]; total: number; page: number; page_size: number; total_pages: number } {
  return {
    data: page.data.map(map),
    total: page.total,
    page: page.page,
    page_size: page.pageSize,
    total_pages: page.totalPages,
  };
}

export function toPartnerDto(p: Partner): PartnerDto {
  return {
    id: p.id,
    scaikey_id: p.scaikeyId,
    scaikey_partner_id: p.scaikeyId,
    name: p.name,
    slug: p.slug,
    status: p.status,
    created_at: p.createdAt.toISOString(),
    updated_at: p.updatedAt.toISOString(),
  };
}

export function toTenantDto(t: Tenant): TenantDto {
  return {
    id: t.id,
    scaikey_id: t.scaikeyId,
    scaikey_tenant_id: t.scaikeyId,
    partner_id: t.partnerId,
    partner_scaikey_id: t.partner?.scaikeyId ?? null,
    name: t.name,
    slug: t.slug,
    status: t.status,
    settings: t.settings ?? null,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

export function toTenantDetailDto(detail: TenantDetail): TenantDetailDto {
  return {
    ...toTenantDto(detail.tenant),
    user_count: detail.userCount,
    active_user_count: detail.activeUserCount,
    group_count: detail.groupCount,
  };
}

export function toUserDto(u: AdminUser): UserDto {
  return {
    id: u.id,
    scaikey_id: u.scaikeyId,
    scaikey_user_id: u.scaikeyId,
    tenant_id: u.tenantId,
    tenant_scaikey_id: u.tenant?.scaikeyId ?? null,
    email: u.email,
    name: u.displayName ?? u.email,
    display_name: u.displayName,
    status: u.status,
    scaikey_status: u.scaikeyStatus,
    assigned: u.assigned,
    scaikey_roles: u.scaikeyRoles ?? [],
    is_platform_admin: u.isPlatformAdmin,
    is_tenant_admin: u.isTenantAdmin,
    last_login_at: u.lastLoginAt?.toISOString() ?? null,
    created_at: u.createdAt.toISOString(),
    updated_at: u.updatedAt.toISOString(),
  };
}

export function toGroupDto(g: Group & { memberCount?: number }, memberCount?: number): GroupDto {
  return {
    id: g.id,
    scaikey_id: g.scaikeyId,
    scaikey_group_id: g.scaikeyId,
    tenant_id: g.tenantId,
    tenant_scaikey_id: g.tenant?.scaikeyId ?? null,
    name: g.name,
    description: g.description,
    member_count: memberCount ?? g.memberCount ?? 0,
    created_at: g.createdAt.toISOString(),
    updated_at: g.updatedAt.toISOString(),
  };
}

export function toGroupMemberDto({ type, member }: GroupMemberDetail): GroupMemberDto {
  return {
    type,
    id: member.id,
    scaikey_id: member.scaikeyId,
    name: 'email' in member ? member.email : member.name,
  };
}
