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
import type { Caller, ZoneAccess } from '@app/identity';
import { builtInsUsedBy, TemplateService } from '@app/templates';
import { CurrentCaller, RequirePermission, TargetZone } from '../auth/auth.decorators';
import { pageOf, pageParams } from '../common/query.dto';
import {
  ApplyResultDto,
  ApplyTemplateDto,
  BuiltInVariablesDto,
  CreateTemplateDto,
  ListTemplatesQueryDto,
  PreviewResultDto,
  PreviewTemplateDto,
  RequiredVariablesDto,
  TemplateDto,
  TemplatePageDto,
  type TemplateRecordDto,
  toApplyResultDto,
  toBuiltInVariablesDto,
  toPreviewResultDto,
  toRequiredVariablesDto,
  toTemplateDto,
  toTemplateSummaryDto,
  UpdateTemplateDto,
} from './template.dto';

const DEFAULT_RECORD_TTL = 3600;

const recordsOf = (records: readonly TemplateRecordDto[]) =>
  records.map((r) => ({ ...r, ttl: r.ttl ?? DEFAULT_RECORD_TTL }));

/**
 * Templates: reusable record sets with `${variable}` placeholders, applied to a zone as a copy (the
 * zone keeps no link: changing or deleting a template later changes no zone).
 */
@ApiTags('templates')
@Controller('templates')
export class TemplatesController {
  constructor(private readonly templates: TemplateService) {}

  /** The system templates and your tenant's custom ones. */
  @Get()
  @RequirePermission('templates:read')
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListTemplatesQueryDto,
  ): Promise<TemplatePageDto> {
    const { page, pageSize } = pageParams(query);
    const result = await this.templates.list(
      caller,
      { templateType: query.template_type },
      page,
      pageSize,
    );
    return pageOf(result.data, result.total, query, toTemplateSummaryDto);
  }

  /**
   * Creates a custom template of your tenant; every record and variable is checked first.
   *
   * Overloaded as the docs describe: a body with `template_id` and `domain_id` (no `records`) applies
   * that template instead, exactly as `POST /templates/{template_id}/apply` (its permission, body and
   * answer).
   */
  @Post()
  @HttpCode(200)
  @RequirePermission('templates:create')
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateTemplateDto,
  ): Promise<TemplateDto> {
    const created = await this.templates.create(caller, {
      name: body.name,
      description: body.description ?? null,
      records: recordsOf(body.records),
      variables: body.variables ?? [],
    });
    return toTemplateDto(created);
  }

  /** The built-in variables every template may use (filled in from the zone). */
  @Get('variables')
  @RequirePermission('templates:read')
  variables(): BuiltInVariablesDto {
    return toBuiltInVariablesDto(this.templates.builtInVariables());
  }

  /** One template. */
  @Get(':id')
  @RequirePermission('templates:read')
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<TemplateDto> {
    return toTemplateDto(await this.templates.get(caller, id));
  }

  /** Changes a custom template (system templates are read-only); zones it was applied to keep theirs. */
  @Patch(':id')
  @RequirePermission('templates:update')
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateTemplateDto,
  ): Promise<TemplateDto> {
    const updated = await this.templates.update(caller, id, {
      name: body.name,
      description: body.description,
      records: body.records ? recordsOf(body.records) : undefined,
      variables: body.variables,
    });
    return toTemplateDto(updated);
  }

  /** Deletes a custom template; the records it put in zones stay. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('templates:delete')
  async delete(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.templates.delete(caller, id);
  }

  /** The variables an apply of this template must be given. */
  @Get(':id/required-variables')
  @RequirePermission('templates:read')
  async requiredVariables(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<RequiredVariablesDto> {
    const template = await this.templates.get(caller, id);
    return toRequiredVariablesDto(template, builtInsUsedBy(template.records));
  }

  /** What applying the template to the zone would create, skip and replace; changes nothing. */
  @Post(':id/preview/:domain_id')
  @HttpCode(200)
  @RequirePermission('records:create', { domainParam: 'domain_id' })
  async preview(
    @Param('id', ParseUUIDPipe) id: string,
    @Param('domain_id', ParseUUIDPipe) _domainId: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: PreviewTemplateDto,
  ): Promise<PreviewResultDto> {
    const outcome = await this.templates.preview(zone, id, {
      variables: body.variables ?? {},
      onConflict: body.on_conflict ?? 'fail',
    });
    return toPreviewResultDto(outcome);
  }

  /**
   * Applies the template to the zone in one atomic write: records already there are skipped, and a
   * conflict fails the whole apply unless `on_conflict` is `skip` or `replace`.
   */
  @Post(':id/apply')
  @HttpCode(200)
  @RequirePermission('records:create', { domainBody: 'domain_id' })
  async apply(
    @Param('id', ParseUUIDPipe) id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: ApplyTemplateDto,
  ): Promise<ApplyResultDto> {
    const outcome = await this.templates.apply(zone, id, {
      variables: body.variables ?? {},
      onConflict: body.on_conflict ?? 'fail',
    });
    return toApplyResultDto(outcome);
  }
}
