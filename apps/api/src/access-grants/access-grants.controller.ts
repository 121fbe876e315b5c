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
import type { Domain } from '@app/core';
import { AccessGrantService, type Caller } from '@app/identity';
import { CurrentCaller, RequirePermission, TargetDomain } from '../auth/auth.decorators';
import { queryFlag } from '../common/query.dto';
import {
  AccessGrantDto,
  CreateAccessGrantDto,
  ListAccessGrantsQueryDto,
  toAccessGrantDto,
  UpdateAccessGrantDto,
} from './access-grant.dto';

const ON_DOMAIN = { domainParam: 'id' } as const;

/** Access grants: a role on one domain for a user or group, optionally for some records only. */
@ApiTags('access-grants')
@Controller('domains/:id/access-grants')
export class AccessGrantsController {
  constructor(private readonly grants: AccessGrantService) {}

  @Get()
  @RequirePermission('access_grants:read', ON_DOMAIN)
  async list(
    @TargetDomain() domain: Domain,
    @Param('id', ParseUUIDPipe) _id: string,
    @Query() query: ListAccessGrantsQueryDto,
  ): Promise<AccessGrantDto[]> {
    return (await this.grants.list(domain, queryFlag(query.include_expired))).map(toAccessGrantDto);
  }

  @Post()
  @RequirePermission('access_grants:manage', ON_DOMAIN)
  async create(
    @TargetDomain() domain: Domain,
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) _id: string,
    @Body() body: CreateAccessGrantDto,
  ): Promise<AccessGrantDto> {
    const grant = await this.grants.create(caller, domain, {
      granteeType: body.grantee_type,
      granteeId: body.grantee_id,
      role: body.role,
      recordPattern: body.record_pattern ?? null,
      recordTypes: body.record_types ?? null,
      expiresAt: body.expires_at ?? null,
      notes: body.notes ?? null,
    });
    return toAccessGrantDto(grant);
  }

  @Get(':grantId')
  @RequirePermission('access_grants:read', ON_DOMAIN)
  async get(
    @TargetDomain() domain: Domain,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('grantId', ParseUUIDPipe) grantId: string,
  ): Promise<AccessGrantDto> {
    return toAccessGrantDto(await this.grants.get(domain, grantId));
  }

  @Patch(':grantId')
  @RequirePermission('access_grants:manage', ON_DOMAIN)
  async update(
    @TargetDomain() domain: Domain,
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('grantId', ParseUUIDPipe) grantId: string,
    @Body() body: UpdateAccessGrantDto,
  ): Promise<AccessGrantDto> {
    const grant = await this.grants.update(caller, domain, grantId, {
      role: body.role,
      recordPattern: body.record_pattern,
      recordTypes: body.record_types,
      expiresAt: body.expires_at,
      notes: body.notes,
    });
    return toAccessGrantDto(grant);
  }

  @Delete(':grantId')
  @HttpCode(204)
  @RequirePermission('access_grants:manage', ON_DOMAIN)
  async delete(
    @TargetDomain() domain: Domain,
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('grantId', ParseUUIDPipe) grantId: string,
  ): Promise<void> {
    await this.grants.delete(caller, domain, grantId);
  }
}
