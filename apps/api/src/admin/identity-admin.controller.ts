import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  type Caller,
  IdentityAdminService,
  type PageRequest,
  type Permission,
  type PrincipalAccess,
  TenantReach,
} from '@app/identity';
import { CallerAccess, CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import { PageQueryDto, queryFlag } from '../common/query.dto';
import {
  AddTenantDto,
  CreateGroupDto,
  CreateUserDto,
  GroupDetailDto,
  GroupPageDto,
  InviteUserDto,
  ListGroupsQueryDto,
  ListPartnersQueryDto,
  ListTenantsQueryDto,
  ListUsersQueryDto,
  PartnerDto,
  PartnerPageDto,
  SetPasswordDto,
  TenantDetailDto,
  TenantPageDto,
  toGroupDto,
  toGroupMemberDto,
  toPageDto,
  toPartnerDto,
  toTenantDetailDto,
  toTenantDto,
  toUserDto,
  UpdateTenantDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './identity-admin.dto';

function reachOf(caller: Caller, access: PrincipalAccess): TenantReach {
  return TenantReach.of(access, IDENTITY_ADMIN, caller.tenantId);
}

function pageOf(query: PageQueryDto): PageRequest {
  return { page: query.page ?? 1, pageSize: query.page_size ?? 50 };
}

/**
 * What the users and groups routes need: tenant admins hold it for their tenant (and may then name
 * any of its users or groups as an API key's source), platform admins everywhere. The same
 * permission decides which tenants a caller reaches (`TenantReach`).
 */
const IDENTITY_ADMIN: Permission = 'roles:assign';

/**
 * ScaiKey's partners, tenants, users and groups as ScaiDNS mirrors them. Partners and tenants are
 * for platform admins; users and groups for tenant admins too, within their own tenant (another
 * tenant's are 404), and for platform admins in every tenant. Ids in paths are local UUIDs or
 * ScaiKey ids. Changes are made in ScaiKey, then mirrored at once.
 */
@ApiTags('admin')
@Controller('admin')
export class IdentityAdminController {
  constructor(private readonly identities: IdentityAdminService) {}

  /** Partners mirrored from ScaiKey. */
  @Get('partners')
  @RequirePermission('admin:read', 'platform')
  async listPartners(@Query() query: ListPartnersQueryDto): Promise<PartnerPageDto> {
    const page = await this.identities.listPartners(
      { status: query.status, search: query.search },
      pageOf(query),
    );
    return toPageDto(page, toPartnerDto);
  }

  /** By local id or ScaiKey id (`prt_…`). */
  @Get('partners/:id')
  @RequirePermission('admin:read', 'platform')
  async getPartner(@Param('id') id: string): Promise<PartnerDto> {
    return toPartnerDto(await this.identities.getPartner(id));
  }

  /** Tenants mirrored from ScaiKey. */
  @Get('tenants')
  @RequirePermission('admin:read', 'platform')
  async listTenants(@Query() query: ListTenantsQueryDto): Promise<TenantPageDto> {
    const page = await this.identities.listTenants(
      { partnerId: query.partner_id, status: query.status, search: query.search },
      pageOf(query),
    );
    return toPageDto(page, toTenantDto);
  }

  /**
   * Registers a ScaiKey tenant now (normally its first sign-in, a webhook or sync does): 404 when
   * ScaiKey does not know it, 409 when ScaiDNS does already or the slug is taken.
   */
  @Post('tenants')
  @HttpCode(200)
  @RequirePermission('admin:write', 'platform')
  async addTenant(
    @CurrentCaller() caller: Caller,
    @Body() body: AddTenantDto,
  ): Promise<TenantDetailDto> {
    const detail = await this.identities.addTenant(caller, {
      scaikeyTenantId: body.scaikey_tenant_id,
      name: body.name,
      slug: body.slug,
      partnerId: body.partner_id,
      settings: body.settings,
    });
    return toTenantDetailDto(detail);
  }

  /** One tenant, with its partner and counts. */
  @Get('tenants/:id')
  @RequirePermission('admin:read', 'platform')
  async getTenant(@Param('id') id: string): Promise<TenantDetailDto> {
    return toTenantDetailDto(await this.identities.getTenant(id));
  }

  /** Name, slug and status are changed in ScaiKey, then mirrored; settings here. */
  @Patch('tenants/:id')
  @RequirePermission('admin:write', 'platform')
  async updateTenant(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: UpdateTenantDto,
  ): Promise<TenantDetailDto> {
    const detail = await this.identities.updateTenant(caller, id, {
      name: body.name,
      slug: body.slug,
      status: body.status,
      settings: body.settings,
    });
    return toTenantDetailDto(detail);
  }

  /** The caller's tenant's users; a platform admin's: every tenant's, or `tenant_id`'s. */
  @Get('users')
  @RequirePermission(IDENTITY_ADMIN)
  async listUsers(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Query() query: ListUsersQueryDto,
  ): Promise<UserPageDto> {
    const page = await this.identities.listUsers(
      reachOf(caller, access),
      {
        tenantId: query.tenant_id,
        status: query.status,
        assigned: query.assigned === undefined ? undefined : queryFlag(query.assigned),
        search: query.search,
      },
      pageOf(query),
    );
    return toPageDto(page, toUserDto);
  }

  /**
   * Creates the user in ScaiKey (in the caller's tenant unless `tenant_id` names another), then
   * mirrors them. Without a `password` ScaiKey e-mails an invitation.
   */
  @Post('users')
  @HttpCode(200)
  @RequirePermission(IDENTITY_ADMIN)
  async createUser(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Body() body: CreateUserDto,
  ): Promise<UserDto> {
    const user = await this.identities.createUser(caller, reachOf(caller, access), {
      tenantId: body.tenant_id,
      email: body.email,
      displayName: body.display_name,
      firstName: body.first_name,
      lastName: body.last_name,
      password: body.password,
      sendInvite: body.send_invite,
    });
    return toUserDto(user);
  }

  /** Has ScaiKey create the user and e-mail them an invitation, then mirrors them. */
  @Post('users/invite')
  @HttpCode(200)
  @RequirePermission(IDENTITY_ADMIN)
  async inviteUser(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Body() body: InviteUserDto,
  ): Promise<UserDto> {
    const user = await this.identities.inviteUser(caller, reachOf(caller, access), {
      tenantId: body.tenant_id,
      email: body.email,
      displayName: body.display_name,
      firstName: body.first_name,
      lastName: body.last_name,
    });
    return toUserDto(user);
  }

  /** By local id or ScaiKey id (`usr_…`). */
  @Get('users/:id')
  @RequirePermission(IDENTITY_ADMIN)
  async getUser(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Param('id') id: string,
  ): Promise<UserDto> {
    return toUserDto(await this.identities.getUser(reachOf(caller, access), id));
  }

  /** Changes the user in ScaiKey (e-mail, names, active/suspended), then mirrors the result. */
  @Patch('users/:id')
  @RequirePermission(IDENTITY_ADMIN)
  async updateUser(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    const user = await this.identities.updateUser(caller, reachOf(caller, access), id, {
      email: body.email,
      displayName: body.display_name,
      firstName: body.first_name,
      lastName: body.last_name,
      status: body.status,
    });
    return toUserDto(user);
  }

  /**
   * Disables the user: ScaiKey deletes them softly (it keeps the record) and here they become
   * inactive: their tokens and API keys stop working on their next request.
   */
  @Delete('users/:id')
  @HttpCode(204)
  @RequirePermission(IDENTITY_ADMIN)
  async deleteUser(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Param('id') id: string,
  ): Promise<void> {
    await this.identities.disableUser(caller, reachOf(caller, access), id);
  }

  /** As `DELETE /admin/users/{id}`, answering the user as they are now. */
  @Post('users/:id/disable')
  @HttpCode(200)
  @RequirePermission(IDENTITY_ADMIN)
  async disableUser(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Param('id') id: string,
  ): Promise<UserDto> {
    return toUserDto(await this.identities.disableUser(caller, reachOf(caller, access), id));
  }

  /** Sets the user's password in ScaiKey (its password policy applies: 400 when it refuses). */
  @Post('users/:id/password')
  @HttpCode(204)
  @RequirePermission(IDENTITY_ADMIN)
  async setPassword(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Param('id') id: string,
    @Body() body: SetPasswordDto,
  ): Promise<void> {
    await this.identities.setPassword(caller, reachOf(caller, access), id, body.password);
  }

  /** E-mails the user's invitation again; 409 once they have accepted it. */
  @Post('users/:id/resend-invite')
  @HttpCode(204)
  @RequirePermission(IDENTITY_ADMIN)
  async resendInvite(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Param('id') id: string,
  ): Promise<void> {
    await this.identities.resendInvite(caller, reachOf(caller, access), id);
  }

  /** The caller's tenant's groups; a platform admin's: every tenant's, or `tenant_id`'s. */
  @Get('groups')
  @RequirePermission(IDENTITY_ADMIN)
  async listGroups(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Query() query: ListGroupsQueryDto,
  ): Promise<GroupPageDto> {
    const page = await this.identities.listGroups(
      reachOf(caller, access),
      { tenantId: query.tenant_id, search: query.search },
      pageOf(query),
    );
    return toPageDto(page, (g) => toGroupDto(g));
  }

  /** Creates the group in ScaiKey (in the caller's tenant unless `tenant_id` names another), then mirrors it. */
  @Post('groups')
  @HttpCode(200)
  @RequirePermission(IDENTITY_ADMIN)
  async createGroup(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Body() body: CreateGroupDto,
  ): Promise<GroupDetailDto> {
    const { group, members } = await this.identities.createGroup(caller, reachOf(caller, access), {
      tenantId: body.tenant_id,
      name: body.name,
      description: body.description,
      groupType: body.group_type,
    });
    return { ...toGroupDto(group, members.length), members: members.map(toGroupMemberDto) };
  }

  /** A group with its direct members (users and nested groups). */
  @Get('groups/:id')
  @RequirePermission(IDENTITY_ADMIN)
  async getGroup(
    @CurrentCaller() caller: Caller,
    @CallerAccess() access: PrincipalAccess,
    @Param('id') id: string,
  ): Promise<GroupDetailDto> {
    const { group, members } = await this.identities.getGroup(reachOf(caller, access), id);
    return { ...toGroupDto(group, members.length), members: members.map(toGroupMemberDto) };
  }
}
