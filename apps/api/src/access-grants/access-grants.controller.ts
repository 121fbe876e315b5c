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
import { AccessGrantService, type ZoneAccess } from '@app/identity';
import { RequirePermission, TargetZone } from '../auth/auth.decorators';
import { listOf, queryFlag } from '../common/query.dto';
import {
  AccessGrantDto,
  AccessGrantListDto,
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

  /** The zone's access grants (expired ones only with include_expired). */
  @Get()
  @RequirePermission('access_grants:read', ON_DOMAIN)
  async list(
    @TargetZone() zone: ZoneAccess,
    @Param('id', ParseUUIDPipe) _id: string,
    @Query() query: ListAccessGrantsQueryDto,
  ): Promise<AccessGrantListDto> {
    return listOf(await this.grants.list(zone, queryFlag(query.include_expired)), toAccessGrantDto);
  }

  /** Grants a user or group a role on this zone, optionally fenced to record names and types. */
  @Post()
  @HttpCode(200)
  @RequirePermission('access_grants:manage', ON_DOMAIN)
  async create(
    @TargetZone() zone: ZoneAccess,
    @Param('id', ParseUUIDPipe) _id: string,
    @Body() body: CreateAccessGrantDto,
  ): Promise<AccessGrantDto> {
    const grant = await this.grants.create(zone, {
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

  /** One access grant of the zone. */
  @Get(':grantId')
  @RequirePermission('access_grants:read', ON_DOMAIN)
  async get(
    @TargetZone() zone: ZoneAccess,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('grantId', ParseUUIDPipe) grantId: string,
  ): Promise<AccessGrantDto> {
    return toAccessGrantDto(await this.grants.get(zone, grantId));
  }

  /** Changes a grant's role, fence, expiry or notes. */
  @Patch(':grantId')
  @RequirePermission('access_grants:manage', ON_DOMAIN)
  async update(
    @TargetZone() zone: ZoneAccess,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('grantId', ParseUUIDPipe) grantId: string,
    @Body() body: UpdateAccessGrantDto,
  ): Promise<AccessGrantDto> {
    const grant = await this.grants.update(zone, grantId, {
      role: body.role,
      recordPattern: body.record_pattern,
      recordTypes: body.record_types,
      expiresAt: body.expires_at,
      notes: body.notes,
    });
    return toAccessGrantDto(grant);
  }

  /** Removes an access grant. */
  @Delete(':grantId')
  @HttpCode(204)
  @RequirePermission('access_grants:manage', ON_DOMAIN)
  async delete(
    @TargetZone() zone: ZoneAccess,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('grantId', ParseUUIDPipe) grantId: string,
  ): Promise<void> {
    await this.grants.delete(zone, grantId);
  }
}
