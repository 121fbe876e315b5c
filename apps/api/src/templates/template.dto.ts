import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { MaxLength } from '../common/text-length';
import { TEMPLATE_TYPES, type Template } from '@app/core';
import {
  type ApplyOutcome,
  type BuiltInVariable,
  CONFLICT_POLICIES,
  type ConflictPolicy,
  MAX_TEMPLATE_RECORDS,
  MAX_TEMPLATE_VARIABLES,
} from '@app/templates';
import { PageQueryDto } from '../common/query.dto';

export class TemplateRecordDto {
  /** Relative to the zone: `@`, `www`, `_dmarc`; may hold `${variable}` placeholders. */
  @IsString()
  @MinLength(1)
  @MaxLength(253)
  name: string;

  /** A record type (A, MX, TXT, CAA, …). */
  @IsString()
  @MinLength(1)
  @MaxLength(10)
  type: string;

  /** Zone-file syntax (`10 mail.example.com.`, `"v=spf1 -all"`); may hold `${variable}` placeholders. */
  @IsString()
  @MaxLength(4096)
  content: string;

  /** Seconds (default 3600). */
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  ttl?: number;
}

export class TemplateVariableDto {
  /** What `${name}` refers to: a letter or `_`, then letters, digits or `_`. */
  @IsString()
  @MinLength(1)
  @MaxLength(64)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(1000)
  description?: string;

  /** A required variable must be given at apply (default false). */
  @IsOptional()
  @IsBoolean()
  required?: boolean;
}

export class CreateTemplateDto {
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string;

  @IsArray()
  @ArrayMaxSize(MAX_TEMPLATE_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => TemplateRecordDto)
  records: TemplateRecordDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TEMPLATE_VARIABLES)
  @ValidateNested({ each: true })
  @Type(() => TemplateVariableDto)
  variables?: TemplateVariableDto[];
}

export class UpdateTemplateDto {
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(255)
  name?: string;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  description?: string | null;

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TEMPLATE_RECORDS)
  @ValidateNested({ each: true })
  @Type(() => TemplateRecordDto)
  records?: TemplateRecordDto[];

  @IsOptional()
  @IsArray()
  @ArrayMaxSize(MAX_TEMPLATE_VARIABLES)
  @ValidateNested({ each: true })
  @Type(() => TemplateVariableDto)
  variables?: TemplateVariableDto[];
}

export class ListTemplatesQueryDto extends PageQueryDto {
  @IsOptional()
  @IsIn(TEMPLATE_TYPES)
  template_type?: (typeof TEMPLATE_TYPES)[number];
}

export class PreviewTemplateDto {
  /** Values of the template's variables (`{"ipv4": "192.0.2.10"}`); unknown names are ignored. */
  @IsOptional()
  @IsObject()
  variables?: Record<string, string>;

  /** What to do where the template meets other records (default `fail`: nothing is written). */
  @IsOptional()
  @IsIn(CONFLICT_POLICIES)
  on_conflict?: ConflictPolicy;
}

export class ApplyTemplateDto extends PreviewTemplateDto {
  /** The zone to apply the template to. */
  @IsUUID()
  domain_id: string;
}

export class TemplateVariableView {
  name: string;
  description: string;
  required: boolean;
}

export class TemplateRecordView {
  name: string;
  type: string;
  content: string;
  ttl: number;
}

export class TemplateDto {
  id: string;
  name: string;
  description: string | null;
  template_type: string;
  /** null for system templates (shared, read-only). */
  tenant_id: string | null;
  records: TemplateRecordView[];
  variables: TemplateVariableView[];
  record_count: number;
  variable_count: number;
  created_at: string;
  updated_at: string;
}

export class TemplateSummaryDto {
  id: string;
  name: string;
  description: string | null;
  template_type: string;
  tenant_id: string | null;
  record_count: number;
  variable_count: number;
  created_at: string;
  updated_at: string;
}

export class TemplatePageDto {
  data: TemplateSummaryDto[];
  total: number;
  page: number;
  page_size: number;
  total_pages: number;
}

export class BuiltInVariableDto {
  name: string;
  description: string;
  /** Its value for the zone example.com. */
  example: string;
}

export class BuiltInVariablesDto {
  variables: BuiltInVariableDto[];
}

export class RequiredVariablesDto {
  template_id: string;
  /** The variables an apply must be given. */
  variables: TemplateVariableView[];
  /** Every variable the template declares (required or not). */
  all_variables: TemplateVariableView[];
  /** The built-in variables the template uses (filled in from the zone). */
  built_in: string[];
}

export class AppliedRecordDto {
  /** The record's id in the records API (after an apply; absent in a preview). */
  id?: string;
  name: string;
  type: string;
  content: string;
  ttl: number;
}

export class SkippedRecordDto {
  name: string;
  type: string;
  content: string;
  ttl: number;
  /** Why it was not written: already in the zone, in conflict (skip), or an optional variable not given. */
  reason: string;
}

export class ExistingRecordsDto {
  type: string;
  content: string[];
}

export class TemplateConflictDto {
  name: string;
  type: string;
  /** The template's records there. */
  content: string[];
  /** The zone's records in the way. */
  existing: ExistingRecordsDto[];
  reason: string;
}

export class ApplyResultDto {
  template_id: string;
  domain_id: string;
  created_records: AppliedRecordDto[];
  skipped_records: SkippedRecordDto[];
  /** The zone's records removed (`on_conflict: "replace"`). */
  replaced_records: AppliedRecordDto[];
  total_created: number;
  total_skipped: number;
  total_replaced: number;
}

export class PreviewResultDto extends ApplyResultDto {
  preview: boolean;
  /** Conflicts with the zone; with `on_conflict: "fail"` any conflict means the apply writes nothing. */
  conflicts: TemplateConflictDto[];
  total_conflicts: number;
}

function variableView(v: { name: string; description: string; required: boolean }) {
  return { name: v.name, description: v.description, required: v.required };
}

export function toTemplateSummaryDto(t: Template): TemplateSummaryDto {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    template_type: t.templateType,
    tenant_id: t.tenantId,
    record_count: t.records.length,
    variable_count: t.variables.length,
    created_at: t.createdAt.toISOString(),
    updated_at: t.updatedAt.toISOString(),
  };
}

export function toTemplateDto(t: Template): TemplateDto {
  return {
    ...toTemplateSummaryDto(t),
    records: t.records.map((r) => ({ name: r.name, type: r.type, content: r.content, ttl: r.ttl })),
    variables: t.variables.map(variableView),
  };
}

export function toBuiltInVariablesDto(vars: readonly BuiltInVariable[]): BuiltInVariablesDto {
  return {
    variables: vars.map((v) => ({ name: v.name, description: v.description, example: v.example })),
  };
}

export function toRequiredVariablesDto(t: Template, builtIn: string[]): RequiredVariablesDto {
  return {
    template_id: t.id,
    variables: t.variables.filter((v) => v.required).map(variableView),
    all_variables: t.variables.map(variableView),
    built_in: builtIn,
  };
}

function applied(outcome: ApplyOutcome): ApplyResultDto {
  const { plan, rendering } = outcome;
  const skipped = [
    ...plan.skipped,
    ...rendering.omitted.map((o) => ({
      name: o.name,
      type: o.type,
      content: o.content,
      ttl: o.ttl,
      reason: o.reason,
    })),
  ];
  const created = outcome.created ?? plan.added;
  return {
    template_id: outcome.template.id,
    domain_id: outcome.domain.id,
    created_records: created.map((r) => ({ ...r })),
    skipped_records: skipped,
    replaced_records: plan.replaced.map((r) => ({ ...r })),
    total_created: created.length,
    total_skipped: skipped.length,
    total_replaced: plan.replaced.length,
  };
}

export function toApplyResultDto(outcome: ApplyOutcome): ApplyResultDto {
  return applied(outcome);
}

export function toPreviewResultDto(outcome: ApplyOutcome): PreviewResultDto {
  return {
    ...applied(outcome),
    preview: true,
    conflicts: outcome.plan.conflicts,
    total_conflicts: outcome.plan.conflicts.length,
  };
}
