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
import type { Domain } from '@app/core';
import { AccessService, type Caller } from '@app/identity';
import { type FoundRecord, RecordSearchService, RecordService } from '@app/records';
import { CurrentCaller, RequirePermission, TargetDomain } from '../auth/auth.decorators';
import type { AuthenticatedRequest } from '../auth/auth.guard';
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
    private readonly access: AccessService,
  ) {}

  /** The records you may read; SOA and apex NS only with include_system. */
  @Get()
  @RequirePermission('records:read', ON_DOMAIN)
  async list(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
    @Query() query: ListRecordsQueryDto,
  ): Promise<RecordPageDto> {
    const all = await this.records.list(
      domain,
      req.access ?? (await this.access.accessFor(caller)),
      {
        type: query.type,
        name: query.name,
        includeSystem: queryFlag(query.include_system),
      },
    );
    const { page, pageSize } = pageParams(query);
    const rows = all.slice((page - 1) * pageSize, page * pageSize);
    return {
      ...pageOf(rows, all.length, query, (r) => toRecordDto(r, domain.id)),
      domain_id: domain.id,
      domain_name: domain.name,
    };
  }

  /** Adds a record; answered once PowerDNS has committed it. */
  @Post()
  @RequirePermission('records:create', ON_DOMAIN)
  async create(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
    @Body() body: CreateRecordDto,
  ): Promise<RecordDto> {
    const access = req.access ?? (await this.access.accessFor(caller));
    return toRecordDto(await this.records.create(caller, domain, access, body), domain.id);
  }

  /** Many records in one commit; atomic unless continue_on_error. */
  @Post('bulk')
  @RequirePermission('records:create', ON_DOMAIN)
  async bulk(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
    @Body() body: BulkCreateRecordsDto,
  ): Promise<BulkCreateResultDto> {
    const access = req.access ?? (await this.access.accessFor(caller));
    const result = await this.records.createMany(
      caller,
      domain,
      access,
      body.records,
      body.continue_on_error === true,
    );
    return {
      total_created: result.created.length,
      total_errors: result.errors.length,
      errors: result.errors,
      records: result.created.map((r) => toRecordDto(r, domain.id)),
    };
  }

  /** Deletes several records in one commit (all or nothing). */
  @Post('bulk-delete')
  @HttpCode(200)
  @RequirePermission('records:delete', ON_DOMAIN)
  async bulkDelete(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
    @Body() body: BulkDeleteRecordsDto,
  ): Promise<BulkDeleteResultDto> {
    const access = req.access ?? (await this.access.accessFor(caller));
    return {
      total_deleted: await this.records.deleteMany(caller, domain, access, body.record_ids),
    };
  }

  /** Records of this zone whose name or content contains the query. */
  @Post('search')
  @HttpCode(200)
  @RequirePermission('records:read', ON_DOMAIN)
  async searchZone(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
    @Body() body: SearchRecordsDto,
  ): Promise<SearchResultDto> {
    const access = req.access ?? (await this.access.accessFor(caller));
    const found = await this.search.search(access, body.query, {
      type: body.type,
      domain,
      max: body.max ?? 100,
    });
    return { data: found.map(toFoundDto), total: found.length };
  }

  @Get(':recordId')
  @RequirePermission('records:read', ON_DOMAIN)
  async get(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @TargetDomain() domain: Domain,
  ): Promise<RecordDto> {
    const access = req.access ?? (await this.access.accessFor(caller));
    return toRecordDto(await this.records.get(domain, access, recordId), domain.id);
  }

  /** Changes content, TTL or disabled; the record keeps its id. */
  @Patch(':recordId')
  @RequirePermission('records:update', ON_DOMAIN)
  async update(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @TargetDomain() domain: Domain,
    @Body() body: UpdateRecordDto,
  ): Promise<RecordDto> {
    const access = req.access ?? (await this.access.accessFor(caller));
    return toRecordDto(
      await this.records.update(caller, domain, access, recordId, body),
      domain.id,
    );
  }

  @Delete(':recordId')
  @HttpCode(204)
  @RequirePermission('records:delete', ON_DOMAIN)
  async delete(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @Param('recordId', ParseUUIDPipe) recordId: string,
    @TargetDomain() domain: Domain,
  ): Promise<void> {
    const access = req.access ?? (await this.access.accessFor(caller));
    await this.records.delete(caller, domain, access, recordId);
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
    created_at: null,
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
    const found = await this.search.search(await this.access.accessFor(caller), body.query, {
      type: body.type,
      max: body.max ?? 100,
    });
    return { data: found.map(toFoundDto), total: found.length };
  }
}
