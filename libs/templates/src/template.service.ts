import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type AuditEntryInput, AuditService } from '@app/audit';
import {
  AppError,
  type Domain,
  errorMessage,
  inTransaction,
  Template,
  type TemplateRecord,
  type TemplateType,
  type TemplateVariable,
  type ValidationChallenge,
} from '@app/core';
import {
  DomainService,
  normalizeDomainName,
  type CreateDomainInput,
  ValidationService,
} from '@app/domains';
import {
  auditEntryBy,
  type Caller,
  isAllowed,
  type PrincipalAccess,
  ZoneAccess,
} from '@app/identity';
import { PdnsClient } from '@app/pdns-client';
import { RecordService } from '@app/records';
import {
  checkRrsetChanges,
  managedZoneId,
  RecordRules,
  violationError,
  type WorkingRRSet,
  ZoneWorkingSet,
  ZoneWriter,
} from '@app/zones';
import { Brackets, type DataSource, type EntityManager } from 'typeorm';
import { type ConflictPolicy, planTemplate, type TemplatePlan } from './apply/template-plan';
import {
  MAX_TEMPLATE_RECORDS,
  MAX_TEMPLATE_VARIABLES,
  type Rendering,
  renderTemplate,
  templateProblems,
} from './render/template-render';
import { BUILT_IN_VARIABLES, type BuiltInVariable } from './render/template-variables';

export interface TemplateInput {
  readonly name: string;
  readonly description: string | null;
  readonly records: readonly TemplateRecord[];
  readonly variables: readonly {
    name: string;
    description?: string | null;
    required?: boolean;
  }[];
}

export type TemplateChanges = Partial<TemplateInput>;

export interface TemplateFilter {
  readonly templateType?: TemplateType;
}

export interface TemplatePage {
  readonly data: Template[];
  readonly total: number;
}

/** What an apply asks for: the values of the template's variables and the conflict policy. */
export interface ApplyRequest {
  readonly variables: Readonly<Record<string, unknown>>;
  readonly onConflict: ConflictPolicy;
}

/** A record an apply created, with the id the records API shows for it. */
export interface CreatedRecord {
  readonly id: string;
  readonly name: string;
  readonly type: string;
  readonly content: string;
  readonly ttl: number;
}

/** What an apply did (or, for a preview, would do). */
export interface ApplyOutcome {
  readonly template: Template;
  readonly domain: Domain;
  readonly plan: TemplatePlan;
  /** The plan's added records with their ids (after an apply; none for a preview). */
  readonly created: readonly CreatedRecord[] | null;
  readonly rendering: Rendering;
}

/** What an audit entry shows of a template. */
function templateAuditView(t: Template): Record<string, unknown> {
  return {
    name: t.name,
    description: t.description,
    template_type: t.templateType,
    records: t.records,
    variables: t.variables,
  };
}

/**
 * Templates: reusable record sets with `${variable}` placeholders. System templates (seeded by
 * migration, tenant_id NULL) are read-only and visible to everyone; custom ones belong to a tenant
 * and are invisible (404) to every other. Applying one renders it for the zone, holds each record to
 * the rules of any record write, plans it against what the zone holds (skip what is there, list
 * conflicts) and commits it through the zone writer as ONE change: all of it or nothing, under the
 * caller's access fence, with its audit entries. An apply is a copy: the zone keeps no link to the
 * template, and editing or deleting the template later changes no zone.
 */
@Injectable()
export class TemplateService {
  private readonly logger = new Logger(TemplateService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly pdns: PdnsClient,
    private readonly writer: ZoneWriter,
    private readonly rules: RecordRules,
    private readonly records: RecordService,
    private readonly domains: DomainService,
    private readonly validation: ValidationService,
  ) {}

  /** The system templates and the caller's tenant's own, system ones first, then by name. */
  async list(
    caller: Caller,
    filter: TemplateFilter,
    page: number,
    pageSize: number,
  ): Promise<TemplatePage> {
    const qb = this.dataSource
      .getRepository(Template)
      .createQueryBuilder('t')
      .where(
        new Brackets((w) =>
          w.where('t.tenant_id IS NULL').orWhere('t.tenant_id = :tenantId', {
            tenantId: caller.tenantId,
          }),
        ),
      );
    if (filter.templateType) qb.andWhere('t.template_type = :type', { type: filter.templateType });
    const [data, total] = await qb
      .orderBy('t.template_type', 'DESC')
      .addOrderBy('t.name', 'ASC')
      .addOrderBy('t.id', 'ASC')
      .skip((page - 1) * pageSize)
      .take(pageSize)
      .getManyAndCount();
    return { data, total };
  }

  /** One template the caller may see (a system one, or their tenant's); 404 otherwise. */
  async get(caller: Caller, id: string, manager?: EntityManager): Promise<Template> {
    const repo = (manager ?? this.dataSource.manager).getRepository(Template);
    const qb = repo
      .createQueryBuilder('t')
      .where('t.id = :id', { id })
      .andWhere(
        new Brackets((w) =>
          w.where('t.tenant_id IS NULL').orWhere('t.tenant_id = :tenantId', {
            tenantId: caller.tenantId,
          }),
        ),
      );
    // In a transaction (update, delete): the row is locked, so concurrent edits run one by one.
    if (manager) qb.setLock('pessimistic_write');
    const found = await qb.getOne();
    if (!found) throw AppError.notFound('Template');
    return found;
  }

  /** The variables every template may use without declaring them. */
  builtInVariables(): readonly BuiltInVariable[] {
    return BUILT_IN_VARIABLES;
  }

  /** A custom template of the caller's tenant, checked whole before it is stored. */
  async create(caller: Caller, input: TemplateInput): Promise<Template> {
    const definition = this.definition(input.records, input.variables);
    return inTransaction(this.dataSource, async (manager) => {
      const saved = await manager.save(
        manager.create(Template, {
          tenantId: caller.tenantId,
          name: input.name,
          description: input.description,
          templateType: 'custom',
          records: definition.records,
          variables: definition.variables,
          createdBy: caller.userId,
        }),
      );
      await this.record(
        manager,
        caller,
        'template.create',
        saved,
        undefined,
        templateAuditView(saved),
      );
      return saved;
    });
  }

  /** Changes a custom template; zones it was applied to keep what they got. */
  async update(caller: Caller, id: string, changes: TemplateChanges): Promise<Template> {
    return inTransaction(this.dataSource, async (manager) => {
      const row = await this.get(caller, id, manager);
      this.assertCustom(row);
      const before = templateAuditView(row);
      if (changes.records !== undefined || changes.variables !== undefined) {
        const definition = this.definition(
          changes.records ?? row.records,
          changes.variables ?? row.variables,
        );
        row.records = definition.records;
        row.variables = definition.variables;
      }
      if (changes.name !== undefined) row.name = changes.name;
      if (changes.description !== undefined) row.description = changes.description;
      const saved = await manager.save(row);
      await this.record(
        manager,
        caller,
        'template.update',
        saved,
        before,
        templateAuditView(saved),
      );
      return saved;
    });
  }

  /** Deletes a custom template; zones it was applied to keep their records. */
  async delete(caller: Caller, id: string): Promise<void> {
    await inTransaction(this.dataSource, async (manager) => {
      const row = await this.get(caller, id, manager);
      this.assertCustom(row);
      await manager.delete(Template, { id: row.id });
      await this.record(manager, caller, 'template.delete', row, templateAuditView(row), undefined);
    });
  }

  /**
   * What applying the template would do to the zone, planned against what PowerDNS holds now and
   * judged by the same rules and fence as the apply; writes nothing. With `fail` and conflicts, it
   * reports the conflicts and no records to create, as the apply would refuse.
   */
  async preview(
    zone: ZoneAccess,
    templateId: string,
    request: ApplyRequest,
  ): Promise<ApplyOutcome> {
    const { template, rendering } = await this.render(zone, templateId, request);
    const names = namesOf(rendering);
    const held = await this.pdns.getZone(managedZoneId(zone.domain), { rrsets: true });
    const wanted = new Set(names);
    const ws = ZoneWorkingSet.of(
      (held.rrsets ?? [])
        .filter((r) => wanted.has(r.name.toLowerCase()))
        .map((r) => ({
          name: r.name,
          type: r.type,
          ttl: r.ttl,
          records: r.records.map((x) => ({ content: x.content, disabled: x.disabled })),
        })),
      names,
      held.serial,
    );
    const plan = ws.attempt(
      (fork) => this.applyTo(fork, zone, rendering, request.onConflict, { report: true }),
      { zone: zone.domain.name, access: zone, ttl: this.rules.ttlBounds },
    );
    return { template, domain: zone.domain, plan, created: null, rendering };
  }

  /** Applies the template to the zone in one commit of the zone writer (see the class comment). */
  async apply(zone: ZoneAccess, templateId: string, request: ApplyRequest): Promise<ApplyOutcome> {
    const { template, rendering } = await this.render(zone, templateId, request);
    const plan = await this.writer.submit(zone, {
      names: namesOf(rendering),
      apply: (ws: ZoneWorkingSet) =>
        this.applyTo(ws, zone, rendering, request.onConflict, { report: false }),
      audit: (done) => this.applyEntries(zone, template, done, request),
    });
    const created = plan.added.length > 0 ? await this.createdRecords(zone, plan) : [];
    return { template, domain: zone.domain, plan, created, rendering };
  }

  /**
   * A new domain with a template's records: the template is found, rendered for the name and checked
   * first (a bad variable creates no domain); then the domain is created as any other (pending, or
   * active with validation bypass) and the records are applied to its zone, which holds them unserved
   * until activation. If the apply fails, the domain is taken back.
   */
  async createDomain(
    caller: Caller,
    access: PrincipalAccess,
    input: CreateDomainInput,
    use: { readonly templateId: string; readonly variables: Readonly<Record<string, unknown>> },
  ): Promise<{ domain: Domain; challenge: ValidationChallenge | null }> {
    const template = await this.get(caller, use.templateId);
    const target = { tenantId: caller.tenantId, partnerId: caller.partnerId };
    if (!isAllowed(access, 'records:create', target, new Date())) {
      throw new AppError('FORBIDDEN', 'Permission records:create is required to apply a template');
    }
    const normalized = normalizeDomainName(input.name);
    if ('name' in normalized) {
      const rendering = renderTemplate(template, normalized.name, use.variables, this.rules);
      const [violation] = checkRrsetChanges(normalized.name, [], rrsetsOf(rendering));
      if (violation) throw violationError(violation);
    }
    const created = await this.validation.createDomain(caller, access, input);
    try {
      await this.apply(ZoneAccess.of(caller, access, created.domain), template.id, {
        variables: use.variables,
        onConflict: 'fail',
      });
    } catch (error) {
      await this.domains
        .hardDelete(ZoneAccess.platform(created.domain, caller))
        .catch((e: unknown) =>
          this.logger.error(
            `could not take back ${created.domain.name} after its template failed: ${errorMessage(e)}`,
          ),
        );
      throw error;
    }
    return created;
  }

  /** The template, rendered for the zone; every record checked against the caller's create fence. */
  private async render(
    zone: ZoneAccess,
    templateId: string,
    request: ApplyRequest,
  ): Promise<{ template: Template; rendering: Rendering }> {
    if (!zone.caller) throw new Error('a template is applied on behalf of a caller');
    const template = await this.get(zone.caller, templateId);
    managedZoneId(zone.domain);
    const rendering = renderTemplate(template, zone.domain.name, request.variables, this.rules);
    for (const r of rendering.records) zone.assertRecord('records:create', r.fqdn, r.type);
    return { template, rendering };
  }

  /**
   * The one change an apply makes (and a preview tries on a copy): plan against the rrsets at the
   * template's names, refuse on conflicts under `fail` (unless only reporting), and put every rrset
   * the plan writes. The working set judges each by the caller's fence and the rrset rules.
   */
  private applyTo(
    ws: ZoneWorkingSet,
    zone: ZoneAccess,
    rendering: Rendering,
    policy: ConflictPolicy,
    options: { report: boolean },
  ): TemplatePlan {
    const plan = planTemplate(ws.all(), rendering.records, policy);
    if (policy === 'fail' && plan.conflicts.length > 0) {
      if (options.report) return { ...plan, added: [], skipped: [], replaced: [], rrsets: [] };
      throw AppError.conflict({
        message: `${plan.conflicts.length} template rrset(s) conflict with the zone; nothing was written. Send on_conflict "replace" to replace the zone's records or "skip" to leave the template's out`,
        field: 'records',
        conflicts: plan.conflicts,
      });
    }
    for (const r of plan.replaced) zone.assertRecord('records:delete', r.name, r.type);
    for (const rrset of plan.rrsets) ws.put(rrset);
    return plan;
  }

  /** `template.apply`, and the record entries of the commit, each naming the template. */
  private applyEntries(
    zone: ZoneAccess,
    template: Template,
    plan: TemplatePlan,
    request: ApplyRequest,
  ): AuditEntryInput[] {
    const { domain } = zone;
    const extra = { domain_id: domain.id, template_id: template.id, template_name: template.name };
    const entries: AuditEntryInput[] = [
      auditEntryBy(zone.caller, {
        tenantId: domain.tenantId,
        action: 'template.apply',
        resourceType: 'template',
        resourceId: template.id,
        resourceName: template.name,
        after: {
          domain_id: domain.id,
          domain_name: domain.name,
          on_conflict: request.onConflict,
          variables: request.variables,
          created: plan.added.length,
          skipped: plan.skipped.length,
          replaced: plan.replaced.length,
        },
        extra: { domain_id: domain.id },
      }),
    ];
    if (plan.replaced.length > 0) {
      entries.push(
        auditEntryBy(zone.caller, {
          tenantId: domain.tenantId,
          action: 'record.bulk_delete',
          resourceType: 'record',
          resourceId: domain.id,
          resourceName: domain.name,
          before: { records: plan.replaced },
          extra,
        }),
      );
    }
    if (plan.added.length > 0) {
      entries.push(
        auditEntryBy(zone.caller, {
          tenantId: domain.tenantId,
          action: 'record.bulk_create',
          resourceType: 'record',
          resourceId: domain.id,
          resourceName: domain.name,
          after: { records: plan.added },
          extra,
        }),
      );
    }
    return entries;
  }

  /** The ids the records API gives the records an apply created. */
  private async createdRecords(zone: ZoneAccess, plan: TemplatePlan): Promise<CreatedRecord[]> {
    const views = await this.records.list(zone, { includeSystem: false, reach: 'records:create' });
    return plan.added.map((r) => {
      const view = views.find(
        (v) =>
          v.name.toLowerCase() === r.name.toLowerCase() &&
          v.type === r.type &&
          v.content === r.content,
      );
      return {
        id: view?.id ?? '',
        name: r.name,
        type: r.type,
        content: r.content,
        ttl: view?.ttl ?? r.ttl,
      };
    });
  }

  /** Records and variables as stored, or a 400 listing everything wrong with them. */
  private definition(
    records: readonly TemplateRecord[],
    variables: TemplateInput['variables'],
  ): { records: TemplateRecord[]; variables: TemplateVariable[] } {
    if (records.length > MAX_TEMPLATE_RECORDS || variables.length > MAX_TEMPLATE_VARIABLES) {
      throw new AppError('PAYLOAD_TOO_LARGE', {
        message: `A template holds at most ${MAX_TEMPLATE_RECORDS} records and ${MAX_TEMPLATE_VARIABLES} variables`,
        field: records.length > MAX_TEMPLATE_RECORDS ? 'records' : 'variables',
      });
    }
    const definition = {
      records: records.map((r) => ({
        name: r.name.trim(),
        type: r.type.trim().toUpperCase(),
        content: r.content,
        ttl: r.ttl,
      })),
      variables: variables.map((v) => ({
        name: v.name,
        description: v.description ?? '',
        required: v.required ?? false,
      })),
    };
    const problems = templateProblems(definition, this.rules);
    if (problems.length > 0) {
      throw new AppError('BAD_REQUEST', {
        message: `The template has ${problems.length} problem(s): ${problems.map((p) => p.message).join('; ')}`,
        field: problems[0].field,
        errors: problems,
      });
    }
    return definition;
  }

  private assertCustom(template: Template): void {
    if (template.templateType === 'system' || template.tenantId === null) {
      throw new AppError('FORBIDDEN', 'System templates are read-only');
    }
  }

  private async record(
    manager: EntityManager,
    caller: Caller,
    action: string,
    template: Template,
    before: unknown,
    after: unknown,
  ): Promise<void> {
    await this.audit.record(
      manager,
      auditEntryBy(caller, {
        tenantId: template.tenantId,
        action,
        resourceType: 'template',
        resourceId: template.id,
        resourceName: template.name,
        before,
        after,
      }),
    );
  }
}

/** The lowercase absolute names a rendering writes at. */
function namesOf(rendering: Rendering): string[] {
  return [...new Set(rendering.records.map((r) => r.fqdn.toLowerCase()))];
}

/** A rendering's records as rrsets (for the rules on a new, empty zone). */
function rrsetsOf(rendering: Rendering): WorkingRRSet[] {
  const out = new Map<string, WorkingRRSet>();
  for (const r of rendering.records) {
    const key = `${r.fqdn}|${r.type}`;
    const rrset = out.get(key) ?? { name: r.fqdn, type: r.type, ttl: r.ttl, records: [] };
    if (!rrset.records.some((x) => x.content === r.content)) {
      out.set(key, {
        ...rrset,
        records: [...rrset.records, { content: r.content, disabled: false }],
      });
    } else out.set(key, rrset);
  }
  return [...out.values()];
}
