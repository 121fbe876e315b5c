import { AppError, relativeName, type TemplateRecord, type TemplateVariable } from '@app/core';
import { checkRrsetChanges, isRecordType, type PreparedRecord, type RecordRules } from '@app/zones';
import {
  builtInValues,
  isBuiltIn,
  placeholdersOf,
  substitute,
  VARIABLE_NAME,
} from './template-variables';

/** What a template is made of (the stored `records` and `variables`). */
export interface TemplateDefinition {
  readonly records: readonly TemplateRecord[];
  readonly variables: readonly TemplateVariable[];
}

/** The record rules a template is held to: the same object API writes use (RecordRules). */
export type TemplateRules = Pick<RecordRules, 'prepare' | 'ttl'>;

/** One thing wrong with a template, naming the record (`records[2]`) or variable it is about. */
export interface TemplateProblem {
  readonly field: string;
  readonly message: string;
  readonly index?: number;
}

/**
 * Literal records are checked in this zone at create: a literal record that is invalid here (bad
 * content, a TTL out of bounds, an SOA, the apex NS) is invalid in every zone.
 */
const SAMPLE_ZONE = 'example.com';

/** Most variables one template may declare. */
export const MAX_TEMPLATE_VARIABLES = 50;
/** Most records one template may hold (applied in one commit). */
export const MAX_TEMPLATE_RECORDS = 200;

function recordLabel(index: number, record: { name: string; type: string }): string {
  return `records[${index}] (${record.name} ${record.type.trim().toUpperCase()})`;
}

function messageOf(error: unknown): string {
  if (error instanceof AppError) {
    return typeof error.detail === 'string' ? error.detail : error.detail.message;
  }
  throw error;
}

/**
 * Everything that makes a template unusable whatever it is applied to: variable names that are not
 * names (or shadow a built-in, or repeat), placeholders naming no variable, unsupported types, TTLs
 * out of bounds, and literal records (no declared variables in them) that the record rules refuse
 * on their own or together (an apex CNAME, a CNAME beside other data, the apex NS or SOA). Pure.
 */
export function templateProblems(
  definition: TemplateDefinition,
  rules: TemplateRules,
): TemplateProblem[] {
  const problems: TemplateProblem[] = [];
  const declared = new Set<string>();
  definition.variables.forEach((variable, i) => {
    const where = `variables[${i}] (${variable.name})`;
    if (!VARIABLE_NAME.test(variable.name)) {
      problems.push({
        field: 'variables',
        message: `${where}: a variable name is a letter or _ followed by letters, digits or _ (at most 64)`,
      });
    } else if (isBuiltIn(variable.name)) {
      problems.push({
        field: 'variables',
        message: `${where}: ${variable.name} is a built-in variable; choose another name`,
      });
    } else if (declared.has(variable.name)) {
      problems.push({ field: 'variables', message: `${where}: declared twice` });
    }
    declared.add(variable.name);
  });
  const literal: { index: number; record: PreparedRecord }[] = [];
  const builtIns = builtInValues(SAMPLE_ZONE);
  definition.records.forEach((record, index) => {
    const where = recordLabel(index, record);
    const type = record.type.trim().toUpperCase();
    if (!isRecordType(type)) {
      problems.push({
        index,
        field: 'type',
        message: `${where}: record type '${record.type}' is not supported`,
      });
      return;
    }
    if (record.name.trim().endsWith('.') && placeholdersOf(record.name).length === 0) {
      problems.push({
        index,
        field: 'records',
        message: `${where}: a template's record names are relative to the zone it is applied to (www, @, or www.${'$'}{domain}.); '${record.name}' is absolute`,
      });
      return;
    }
    const used = [...placeholdersOf(record.name), ...placeholdersOf(record.content)];
    const unknown = used.filter((name) => !declared.has(name) && !isBuiltIn(name));
    if (unknown.length > 0) {
      problems.push({
        index,
        field: 'records',
        message: `${where}: ${unknown.map((n) => `\${${n}}`).join(', ')} is not a declared or built-in variable`,
      });
      return;
    }
    try {
      if (used.some((name) => declared.has(name))) {
        // Its name or content is only known at apply; its TTL is known now.
        rules.ttl(record.ttl, `${where}: `);
        return;
      }
      literal.push({
        index,
        record: rules.prepare(
          SAMPLE_ZONE,
          {
            name: substitute(record.name, builtIns),
            type,
            content: substitute(record.content, builtIns),
            ttl: record.ttl,
          },
          record.ttl,
          `${where}: `,
        ),
      });
    } catch (error) {
      problems.push({ index, field: 'records', message: messageOf(error) });
    }
  });
  problems.push(...literalConflicts(literal));
  return problems;
}

/** The rrset rules over the literal records together, as an empty zone would take them. */
function literalConflicts(literal: { index: number; record: PreparedRecord }[]): TemplateProblem[] {
  const rrsets = new Map<string, { name: string; type: string; records: { content: string }[] }>();
  for (const { record } of literal) {
    const key = `${record.fqdn}|${record.type}`;
    const rrset = rrsets.get(key) ?? { name: record.fqdn, type: record.type, records: [] };
    rrset.records.push({ content: record.content });
    rrsets.set(key, rrset);
  }
  return checkRrsetChanges(SAMPLE_ZONE, [], [...rrsets.values()]).map((violation) => {
    const about = literal.find(({ record }) =>
      violation.subjects.some((s) => s.name === record.fqdn && s.type === record.type),
    );
    const where = about
      ? `records[${about.index}] (${relativeName(about.record.fqdn, SAMPLE_ZONE)} ${about.record.type}): `
      : '';
    return {
      index: about?.index,
      field: 'records',
      message: `${where}${violation.message.split(`${SAMPLE_ZONE}.`).join('<zone>.')}`,
    };
  });
}

/** A template record made concrete for one zone. */
export interface RenderedRecord extends PreparedRecord {
  /** Its index in the template's records. */
  readonly index: number;
}

/** A template record left out because an optional variable it needs was not given. */
export interface OmittedRecord {
  readonly index: number;
  readonly name: string;
  readonly type: string;
  readonly content: string;
  readonly ttl: number;
  readonly reason: string;
}

export interface Rendering {
  readonly records: RenderedRecord[];
  readonly omitted: OmittedRecord[];
}

/** Longest value a variable may be given (a DKIM public key fits several times). */
export const MAX_VARIABLE_VALUE = 4096;

/**
 * The template's records for `zone`, with the built-ins and `supplied` (unknown names ignored)
 * substituted and each record held to the record rules. A required variable missing or empty is a
 * 400 naming every such variable; a record made invalid by a value is a 400 naming the record and
 * the variables in it; both before anything is written. A record that needs an optional variable
 * which was not given is left out (and reported), not written half-filled. Pure.
 */
export function renderTemplate(
  definition: TemplateDefinition,
  zone: string,
  supplied: Readonly<Record<string, unknown>>,
  rules: TemplateRules,
): Rendering {
  const values = builtInValues(zone);
  const badValues: string[] = [];
  for (const variable of definition.variables) {
    const raw = Object.prototype.hasOwnProperty.call(supplied, variable.name)
      ? supplied[variable.name]
      : undefined;
    if (raw === undefined || raw === null) continue;
    if (typeof raw !== 'string' && typeof raw !== 'number') {
      badValues.push(`${variable.name} must be a string`);
      continue;
    }
    const value = String(raw).trim();
    if (value.length > MAX_VARIABLE_VALUE) {
      badValues.push(`${variable.name} is longer than ${MAX_VARIABLE_VALUE} characters`);
    } else if (value !== '') values.set(variable.name, value);
  }
  if (badValues.length > 0) {
    throw new AppError('BAD_REQUEST', {
      message: `Invalid variable value(s): ${badValues.join('; ')}`,
      field: 'variables',
    });
  }
  const missing = definition.variables
    .filter((v) => v.required && !values.has(v.name))
    .map((v) => v.name);
  if (missing.length > 0) {
    throw new AppError('BAD_REQUEST', {
      message: `Missing required variable(s): ${missing.join(', ')}`,
      field: 'variables',
      missing,
    });
  }
  const declared = new Set(definition.variables.map((v) => v.name));
  const records: RenderedRecord[] = [];
  const omitted: OmittedRecord[] = [];
  const errors: { index: number; variables: string[]; message: string }[] = [];
  definition.records.forEach((record, index) => {
    const used = [...new Set([...placeholdersOf(record.name), ...placeholdersOf(record.content)])];
    const absent = used.filter((name) => !values.has(name));
    if (absent.length > 0) {
      omitted.push({
        index,
        name: record.name,
        type: record.type.trim().toUpperCase(),
        content: record.content,
        ttl: record.ttl,
        reason: `Needs ${absent.map((n) => `\${${n}}`).join(', ')}, which was not given`,
      });
      return;
    }
    const variables = used.filter((name) => declared.has(name));
    const where = `${recordLabel(index, record)}${variables.length > 0 ? ` with ${variables.map((n) => `\${${n}}`).join(', ')}` : ''}: `;
    try {
      const prepared = rules.prepare(
        zone,
        {
          name: substitute(record.name, values),
          type: record.type,
          content: substitute(record.content, values),
          ttl: record.ttl,
        },
        record.ttl,
        where,
      );
      records.push({ ...prepared, index });
    } catch (error) {
      errors.push({ index, variables, message: messageOf(error) });
    }
  });
  if (errors.length > 0) {
    throw new AppError('BAD_REQUEST', {
      message: `${errors.length} template record(s) are invalid with these variables; nothing was written`,
      field: 'variables',
      errors,
    });
  }
  return { records, omitted };
}
