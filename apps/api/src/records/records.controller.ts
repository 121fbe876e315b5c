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
import { AccessService, type Caller, type ZoneAccess } from '@app/identity';
import { type FoundRecord, RecordSearchService, RecordService } from '@app/records';
import { CurrentCaller, RequirePermission, TargetZone } from '../auth/auth.decorators';
import { pageOf, pageParams, queryFlag } from '../common/query.dto';
import {
  BulkCreateRecordsDto,
  BulkCreateResultDto,
  BulkDeleteRecordsDto,
  BulkDeleteResultDto,
  CreateRecordDto,
  ListRecordsQueryDto,
  RecordDto,
  RecordPageDto,
  SearchRecordsDto,
  SearchResultDto,
  toRecordDto,
  UpdateRecordDto,
} from './record.dto';

const ON_DOMAIN = { domainParam: 'id' } as const;

/** A zone's records (PowerDNS rrsets, one line each). */
@ApiTags('records')
@Controller('domains/:id/records')
export class RecordsController {
  constructor(
    private readonly records: RecordService,
    private readonly search: RecordSearchService,
  ) {}

  /** The records you may read; SOA and apex NS only with include_system. */
  @Get()
  @RequirePermission('records:read', ON_DOMAIN)
  async list(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Query() query: ListRecordsQueryDto,
  ): Promise<RecordPageDto> {
    const { domain } = zone;
    const { page, pageSize } = pageParams(query);
    const { rows, total } = await this.records.page(
      zone,
      { type: query.type, name: query.name, includeSystem: queryFlag(query.include_system) },
      (page - 1) * pageSize,
      pageSize,
    );
    return {
      ...pageOf(rows, total, query, (r) => toRecordDto(r, domain.id)),
      domain_id: domain.id,
      domain_name: domain.name,
    };
  }

  /** Adds a record; answered once PowerDNS has committed it. */
  @Post()
  @HttpCode(200)
  @RequirePermission('records:create', ON_DOMAIN)
  async create(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: CreateRecordDto,
  ): Promise<RecordDto> {
    return toRecordDto(await this.records.create(zone, body), zone.domain.id);
  }

  /** Many records in one commit; atomic unless continue_on_error. */
  @Post('bulk')
  @HttpCode(200)
  @RequirePermission('records:create', ON_DOMAIN)
  async bulk(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: BulkCreateRecordsDto,
  ): Promise<BulkCreateResultDto> {
    const result = await this.records.createMany(
      zone,
      body.records,
      body.continue_on_error === true,
    );
    return {
      total_created: result.created.length,
      total_errors: result.errors.length,
      errors: result.errors,
      records: result.created.map((r) => toRecordDto(r, zone.domain.id)),
    };
  }

  /** Deletes several records in one commit (all or nothing). */
  @Post('bulk-delete')
  @HttpCode(200)
  @RequirePermission('records:delete', ON_DOMAIN)
  async bulkDelete(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: BulkDeleteRecordsDto,
  ): Promise<BulkDeleteResultDto> {
    return { total_deleted: await this.records.deleteMany(zone, body.record_ids) };
  }

  /** Records of this zone whose name or content contains the query. */
  @Post('search')
  @HttpCode(200)
  @RequirePermission('records:read', ON_DOMAIN)
  async searchZone(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: SearchRecordsDto,
  ): Promise<SearchResultDto> {
    const found = await this.search.searchZone(zone, body.query, {
      type: body.type,
      max: body.max ?? 100,
    });
    return { data: found.map(toFoundDto), total: found.length };
  }

  /** One record by its id. */
  @Get(':recordId')
  @RequirePermission('records:read', ON_DOMAIN)
  async get(
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<RecordDto> {
    return toRecordDto(await this.records.get(zone, recordId), zone.domain.id);
  }

  /** Changes content, TTL or disabled; the record keeps its id. */
  @Patch(':recordId')
  @RequirePermission('records:update', ON_DOMAIN)
  async update(
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: UpdateRecordDto,
  ): Promise<RecordDto> {
    return toRecordDto(await this.records.update(zone, recordId, body), zone.domain.id);
  }

  /** Deletes one record by its id. */
  @Delete(':recordId')
  @HttpCode(204)
  @RequirePermission('records:delete', ON_DOMAIN)
  async delete(
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<void> {
    await this.records.delete(zone, recordId);
  }
}

export function toFoundDto(r: FoundRecord) {
  return {
    id: r.id,
    name: r.name,
    display_name: r.displayName,
    type: r.type,
    content: r.content,
    ttl: r.ttl,
    disabled: r.disabled,
    domain_id: r.domainId,
    zone: r.zone,
    created_at: r.createdAt?.toISOString() ?? null,
  };
}

/** Search across every zone the caller may read. */
@ApiTags('records')
@Controller('records')
export class RecordSearchController {
  constructor(
    private readonly search: RecordSearchService,
    private readonly access: AccessService,
  ) {}

  /** Records whose name or content contains the query, in the zones you may read. */
  @Post('search')
  @HttpCode(200)
  async searchAll(
    @CurrentCaller() caller: Caller,
    @Body() body: SearchRecordsDto,
  ): Promise<SearchResultDto> {
    const access = await this.access.accessFor(caller);
    const found = await this.search.search(caller, access, body.query, {
      type: body.type,
      max: body.max ?? 100,
    });
    return { data: found.map(toFoundDto), total: found.length };
  }
}
