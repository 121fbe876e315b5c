import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, RoleAssignmentService, RoleService } from '@app/identity';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import { listOf } from '../common/query.dto';
import {
  CreateRoleAssignmentDto,
  CreateRoleDto,
  ListRoleAssignmentsQueryDto,
  RoleAssignmentDto,
  RoleAssignmentListDto,
  RoleDto,
  RoleListDto,
  toRoleAssignmentDto,
  toRoleDto,
  UpdateRoleDto,
} from './role.dto';

/** Role assignments: who holds which role, and where. Declared before /roles/{id} on purpose. */
@ApiTags('roles')
@Controller('roles/assignments')
export class RoleAssignmentsController {
  constructor(private readonly assignments: RoleAssignmentService) {}

  /** The assignments of your tenant's users and groups. */
  @Get()
  @RequirePermission('roles:read')
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListRoleAssignmentsQueryDto,
  ): Promise<RoleAssignmentListDto> {
    const rows = await this.assignments.list(caller, {
      principalType: query.principal_type,
      principalId: query.principal_id,
      roleId: query.role_id,
    });
    return listOf(rows, toRoleAssignmentDto);
  }

  /** Gives a user or group a role at a scope; you need roles:assign there and every permission of the role. */
  @Post()
  @HttpCode(200)
  @RequirePermission('roles:assign')
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateRoleAssignmentDto,
  ): Promise<RoleAssignmentDto> {
    const created = await this.assignments.create(caller, {
      role: body.role_id ?? body.role ?? '',
      principalType: body.principal_type,
      principalId: body.principal_id,
      scopeType: body.scope_type ?? 'tenant',
      scopeId: body.scope_id ?? null,
      expiresAt: body.expires_at ?? null,
    });
    return toRoleAssignmentDto(created);
  }

  /** Removes a role assignment. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('roles:assign')
  async delete(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.assignments.delete(caller, id);
  }
}

/** The system roles and your tenant's custom roles. */
@ApiTags('roles')
@Controller('roles')
export class RolesController {
  constructor(private readonly roles: RoleService) {}

  /** Built-in and custom roles visible in your tenant. */
  @Get()
  @RequirePermission('roles:read')
  async list(@CurrentCaller() caller: Caller): Promise<RoleListDto> {
    return listOf(await this.roles.list(caller), toRoleDto);
  }

  /** A custom role for your tenant, holding only permissions you hold. */
  @Post()
  @HttpCode(200)
  @RequirePermission('roles:create')
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateRoleDto): Promise<RoleDto> {
    const role = await this.roles.create(caller, {
      name: body.name,
      displayName: body.display_name ?? null,
      description: body.description ?? null,
      permissions: body.permissions,
    });
    return toRoleDto(role);
  }

  /** One role with its permissions. */
  @Get(':id')
  @RequirePermission('roles:read')
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RoleDto> {
    return toRoleDto(await this.roles.find(caller, id));
  }

  /** Changes a custom role (system roles are read-only). */
  @Patch(':id')
  @RequirePermission('roles:update')
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateRoleDto,
  ): Promise<RoleDto> {
    const role = await this.roles.update(caller, id, {
      name: body.name,
      displayName: body.display_name,
      description: body.description,
      permissions: body.permissions,
    });
    return toRoleDto(role);
  }

  /** Deletes a custom role that is no longer assigned or granted. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('roles:delete')
  async delete(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.roles.delete(caller, id);
  }
}
