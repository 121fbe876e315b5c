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
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AppConfig, AppError, InjectConfig, RECORD_TYPES } from '@app/core';
import { DomainService, ValidationService } from '@app/domains';
import { AccessService, type Caller, ZoneAccess } from '@app/identity';
import { TemplateService } from '@app/templates';
import { CurrentCaller, RequirePermission, TargetZone } from '../auth/auth.decorators';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import { pageOf, pageParams, queryFlag } from '../common/query.dto';
import {
  CreateDomainDto,
  DeleteDomainQueryDto,
  DomainDto,
  DomainPageDto,
  ListDomainsQueryDto,
  RecordTypesDto,
  toDomainDto,
  toValidationDto,
  UpdateDomainDto,
} from './domain.dto';

const ON_DOMAIN = { domainParam: 'id' } as const;
const ON_DOMAIN_EVEN_DELETED = { domainParam: 'id', includeDeleted: true } as const;

/** Zones: metadata here, zone data in PowerDNS. */
@ApiTags('domains')
@Controller('domains')
export class DomainsController {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly domains: DomainService,
    private readonly validation: ValidationService,
    private readonly access: AccessService,
    private readonly templates: TemplateService,
  ) {}

  /** The domains you may read (your tenant's, and any you hold a grant on). */
  @Get()
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListDomainsQueryDto,
  ): Promise<DomainPageDto> {
    const { page, pageSize } = pageParams(query);
    const result = await this.domains.list(
      await this.access.accessFor(caller),
      {
        status: query.status,
        domainType: query.domain_type,
        dnssecEnabled:
          query.dnssec_enabled === undefined ? undefined : queryFlag(query.dnssec_enabled),
        search: query.search,
        includeDeleted: queryFlag(query.include_deleted),
      },
      page,
      pageSize,
    );
    return pageOf(result.data, result.total, query, toDomainDto);
  }

  /** The record types ScaiDNS manages. */
  @Get('types')
  types(): RecordTypesDto {
    return { types: [...RECORD_TYPES] };
  }

  /**
   * Creates a zone, pending ownership validation: publish the returned TXT record, then check. With
   * domains:validation_bypass the zone is created in PowerDNS and active at once. With `template_id`
   * the template's records are written too (needs records:create): served at once if active, else
   * held unserved until validation.
   */
  @Post()
  @HttpCode(200)
  @RequirePermission('domains:create')
  async create(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Body() body: CreateDomainDto,
  ): Promise<DomainDto> {
    const type = body.domain_type ?? 'primary';
    if (type !== 'primary') {
      throw AppError.badRequest(
        type === 'secondary'
          ? 'Secondary zones are not supported yet'
          : 'Create reverse zones with POST /api/v1/reverse-zones/ from a CIDR',
      );
    }
    const access = req.access ?? (await this.access.accessFor(caller));
    const input = {
      name: body.name,
      domainType: type,
      defaultTtl: body.default_ttl ?? 3600,
      description: body.description ?? null,
    };
    const { domain, challenge } = body.template_id
      ? await this.templates.createDomain(caller, access, input, {
          templateId: body.template_id,
          variables: body.template_variables ?? {},
        })
      : await this.validation.createDomain(caller, access, input);
    const dto = toDomainDto(domain);
    if (!challenge) return dto;
    return {
      ...dto,
      validation: toValidationDto(challenge, this.config.validation.challengeTtlSeconds),
    };
  }

  /** One domain. */
  @Get(':id')
  @RequirePermission('domains:read', ON_DOMAIN)
  get(@Param('id', ParseUUIDPipe) _id: string, @TargetZone() zone: ZoneAccess): DomainDto {
    return toDomainDto(zone.domain);
  }

  /** Changes description, default_ttl or settings. */
  @Patch(':id')
  @RequirePermission('domains:update', ON_DOMAIN)
  async update(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: UpdateDomainDto,
  ): Promise<DomainDto> {
    const updated = await this.domains.update(zone, {
      description: body.description,
      defaultTtl: body.default_ttl,
      settings: body.settings,
    });
    return toDomainDto(updated);
  }

  /**
   * Soft delete (the zone stops answering; its content is kept and the name stays reserved) or, with
   * `?hard=true`, removes the PowerDNS zone and the metadata for good.
   */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('domains:delete', ON_DOMAIN_EVEN_DELETED)
  async delete(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Query() query: DeleteDomainQueryDto,
  ): Promise<void> {
    if (queryFlag(query.hard)) await this.domains.hardDelete(zone);
    else if (zone.domain.status === 'deleted') throw AppError.notFound('Domain');
    else await this.domains.softDelete(zone);
  }

  /** Brings a soft-deleted domain back, with every record it had. */
  @Post(':id/restore')
  @HttpCode(200)
  @RequirePermission('domains:delete', ON_DOMAIN_EVEN_DELETED)
  async restore(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<DomainDto> {
    return toDomainDto(await this.domains.restore(zone));
  }
}
