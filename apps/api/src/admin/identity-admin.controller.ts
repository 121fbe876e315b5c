import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, IdentityAdminService, type PageRequest } from '@app/identity';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import { PageQueryDto, queryFlag } from '../common/query.dto';
import {
  AddTenantDto,
  CreateUserDto,
  GroupDetailDto,
  GroupPageDto,
  ListGroupsQueryDto,
  ListPartnersQueryDto,
  ListTenantsQueryDto,
  ListUsersQueryDto,
  PartnerPageDto,
  TenantDetailDto,
  TenantPageDto,
  toGroupDto,
  toGroupMemberDto,
  toPageDto,
  toPartnerDto,
  toTenantDetailDto,
  toTenantDto,
  toUserDto,
  UpdateUserDto,
  UserDto,
  UserPageDto,
} from './identity-admin.dto';

function pageOf(query: PageQueryDto): PageRequest {
  return { page: query.page ?? 1, pageSize: query.page_size ?? 50 };
}

/**
 * ScaiKey's partners, tenants, users and groups as ScaiDNS mirrors them (platform admins). Ids in
 * paths are local UUIDs or ScaiKey ids. User changes are made in ScaiKey, then mirrored at once.
 */
@ApiTags('admin')
@Controller('admin')
export class IdentityAdminController {
  constructor(private readonly identities: IdentityAdminService) {}

  @Get('partners')
  @RequirePermission('admin:read', 'platform')
  async listPartners(@Query() query: ListPartnersQueryDto): Promise<PartnerPageDto> {
    const page = await this.identities.listPartners(
      { status: query.status, search: query.search },
      pageOf(query),
    );
    return toPageDto(page, toPartnerDto);
  }

  @Get('tenants')
  @RequirePermission('admin:read', 'platform')
  async listTenants(@Query() query: ListTenantsQueryDto): Promise<TenantPageDto> {
    const page = await this.identities.listTenants(
      { partnerId: query.partner_id, status: query.status, search: query.search },
      pageOf(query),
    );
    return toPageDto(page, toTenantDto);
  }

  /** Starts mirroring a ScaiKey tenant (and its partner) now; 409 when it is mirrored already. */
  @Post('tenants')
  @HttpCode(200)
  @RequirePermission('admin:write', 'platform')
  async addTenant(
    @CurrentCaller() caller: Caller,
    @Body() body: AddTenantDto,
  ): Promise<TenantDetailDto> {
    return toTenantDetailDto(await this.identities.addTenant(caller, body.scaikey_id));
  }

  @Get('tenants/:id')
  @RequirePermission('admin:read', 'platform')
  async getTenant(@Param('id') id: string): Promise<TenantDetailDto> {
    return toTenantDetailDto(await this.identities.getTenant(id));
  }

  @Get('users')
  @RequirePermission('admin:read', 'platform')
  async listUsers(@Query() query: ListUsersQueryDto): Promise<UserPageDto> {
    const page = await this.identities.listUsers(
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

  /** Creates (and optionally invites) the user in ScaiKey, then mirrors them. */
  @Post('users')
  @HttpCode(200)
  @RequirePermission('admin:write', 'platform')
  async createUser(@CurrentCaller() caller: Caller, @Body() body: CreateUserDto): Promise<UserDto> {
    const user = await this.identities.createUser(caller, {
      tenantId: body.tenant_id,
      email: body.email,
      displayName: body.display_name,
      firstName: body.first_name,
      lastName: body.last_name,
      sendInvite: body.send_invite,
    });
    return toUserDto(user);
  }

  /** By local id or ScaiKey id (`usr_…`). */
  @Get('users/:id')
  @RequirePermission('admin:read', 'platform')
  async getUser(@Param('id') id: string): Promise<UserDto> {
    return toUserDto(await this.identities.getUser(id));
  }

  /** Changes the user in ScaiKey (e-mail, names, active/suspended), then mirrors the result. */
  @Patch('users/:id')
  @RequirePermission('admin:write', 'platform')
  async updateUser(
    @CurrentCaller() caller: Caller,
    @Param('id') id: string,
    @Body() body: UpdateUserDto,
  ): Promise<UserDto> {
    const user = await this.identities.updateUser(caller, id, {
      email: body.email,
      displayName: body.display_name,
      firstName: body.first_name,
      lastName: body.last_name,
      status: body.status,
    });
    return toUserDto(user);
  }

  /**
   * Deletes the user in ScaiKey (softly) and makes them inactive here: their tokens and API keys
   * stop working on their next request.
   */
  @Post('users/:id/disable')
  @HttpCode(200)
  @RequirePermission('admin:write', 'platform')
  async disableUser(@CurrentCaller() caller: Caller, @Param('id') id: string): Promise<UserDto> {
    return toUserDto(await this.identities.disableUser(caller, id));
  }

  @Get('groups')
  @RequirePermission('admin:read', 'platform')
  async listGroups(@Query() query: ListGroupsQueryDto): Promise<GroupPageDto> {
    const page = await this.identities.listGroups(
      { tenantId: query.tenant_id, search: query.search },
      pageOf(query),
    );
    return toPageDto(page, (g) => toGroupDto(g));
  }

  /** A group with its direct members (users and nested groups). */
  @Get('groups/:id')
  @RequirePermission('admin:read', 'platform')
  async getGroup(@Param('id') id: string): Promise<GroupDetailDto> {
    const { group, members } = await this.identities.getGroup(id);
    return { ...toGroupDto(group, members.length), members: members.map(toGroupMemberDto) };
  }
}
