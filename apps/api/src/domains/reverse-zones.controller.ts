import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AppConfig, InjectConfig } from '@app/core';
import { previewCidr, type PtrRecord, ReverseZoneService } from '@app/domains';
import { AccessService, type Caller, type ZoneAccess } from '@app/identity';
import { PtrRecordService } from '@app/records';
import { CurrentCaller, RequirePermission, TargetZone } from '../auth/auth.decorators';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { pageOf, pageParams } from '../common/query.dto';
import { DomainDto, DomainPageDto, toDomainDto, toValidationDto } from './domain.dto';
import {
  CidrDto,
  CreateReverseZoneDto,
  ListPtrsQueryDto,
  ListReverseZonesQueryDto,
  PtrBulkDto,
  PtrDto,
  PtrLookupDto,
  PtrPageDto,
  PtrRecordDto,
  ReverseZonePreviewDto,
} from './reverse-zone.dto';

const ON_ZONE = { domainParam: 'domainId' } as const;

function toPtrDto(r: PtrRecord): PtrRecordDto {
  return { ip: r.ip, hostname: r.hostname, ttl: r.ttl, name: r.name };
}

/** Reverse zones from a CIDR and their PTR records. */
@ApiTags('reverse-zones')
@Controller('reverse-zones')
export class ReverseZonesController {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly reverse: ReverseZoneService,
    private readonly ptrs: PtrRecordService,
    private readonly access: AccessService,
  ) {}

  /** What zone a network would make, without creating it; 400 with the reason for an unusable prefix. */
  @Post('preview')
  @HttpCode(200)
  preview(@Body() body: CidrDto): ReverseZonePreviewDto {
    const z = previewCidr(body.cidr);
    return {
      zone_name: z.zoneName,
      network: z.network,
      start_ip: z.startIp,
      end_ip: z.endIp,
      ip_count: z.ipCount,
      domain_type: z.domainType,
    };
  }

  /**
   * Creates the reverse zone of a network, pending validation like any zone (publish the returned TXT
   * record at the servers the registry delegated the network to); with domains:validation_bypass it
   * is active at once.
   */
  @Post()
  @HttpCode(200)
  @RequirePermission('domains:create')
  async create(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Body() body: CreateReverseZoneDto,
  ): Promise<DomainDto> {
    const access = req.access ?? (await this.access.accessFor(caller));
    const { domain, challenge } = await this.reverse.create(caller, access, {
      cidr: body.cidr,
      defaultTtl: body.default_ttl ?? 3600,
      description: body.description ?? null,
    });
    const dto = toDomainDto(domain);
    return challenge
      ? {
          ...dto,
          validation: toValidationDto(challenge, this.config.validation.challengeTtlSeconds),
        }
      : dto;
  }

  /** Your reverse zones; `search` matches part of the zone's name or network. */
  @Get()
  async list(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Query() query: ListReverseZonesQueryDto,
  ): Promise<DomainPageDto> {
    const { page, pageSize } = pageParams(query);
    const result = await this.reverse.list(
      req.access ?? (await this.access.accessFor(caller)),
      page,
      pageSize,
      query.search,
    );
    return pageOf(result.data, result.total, query, toDomainDto);
  }

  /** The PTR of an address, in whichever of your reverse zones holds it. */
  @Get('lookup/:ip')
  async lookup(@CurrentCaller() caller: Caller, @Param('ip') ip: string): Promise<PtrLookupDto> {
    const found = await this.reverse.lookup(caller, await this.access.accessFor(caller), ip);
    return { ...toPtrDto(found), domain_id: found.domainId, zone: found.zone };
  }

  /** The zone's PTRs you may read, a page at a time; `search` matches part of the IP or host name. */
  @Get(':domainId/ptr')
  @RequirePermission('records:read', ON_ZONE)
  async listPtrs(
    @Param('domainId', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Query() query: ListPtrsQueryDto,
  ): Promise<PtrPageDto> {
    const all = await this.ptrs.list(zone, query.search);
    const { page, pageSize } = pageParams(query);
    return pageOf(all.slice((page - 1) * pageSize, page * pageSize), all.length, query, (r) => ({
      id: r.id,
      ...toPtrDto(r),
    }));
  }

  /** Sets the PTR of one address (replacing what it had). */
  @Post(':domainId/ptr')
  @HttpCode(200)
  @RequirePermission('records:create', ON_ZONE)
  async setPtr(
    @Param('domainId', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: PtrDto,
  ): Promise<PtrRecordDto> {
    return toPtrDto(await this.reverse.setPtr(zone, body));
  }

  /** Sets many PTRs at once, atomically: all are written or none. */
  @Post(':domainId/ptr/bulk')
  @HttpCode(200)
  @RequirePermission('records:create', ON_ZONE)
  async setPtrs(
    @Param('domainId', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: PtrBulkDto,
  ): Promise<PtrRecordDto[]> {
    return (await this.reverse.setPtrs(zone, body.records)).map(toPtrDto);
  }

  /** Removes the PTR of one address. */
  @Delete(':domainId/ptr/:ip')
  @HttpCode(204)
  @RequirePermission('records:delete', ON_ZONE)
  async deletePtr(
    @Param('domainId', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Param('ip') ip: string,
  ): Promise<void> {
    await this.reverse.deletePtr(zone, ip);
  }
}
