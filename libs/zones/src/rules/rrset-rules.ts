import { AppError, type AppErrorCode } from '@app/core';

/** One record as the rules see it: content in canonical form (see canonicalContent). */
export interface RecordLike {
  readonly content: string;
  readonly disabled?: boolean;
}

/** An rrset as PowerDNS holds it: absolute name with trailing dot, uppercase type. */
export interface RrsetLike {
  readonly name: string;
  readonly type: string;
  readonly records: readonly RecordLike[];
}

/** An rrset named in a 409 so the caller sees what is in the way. */
export interface RrsetConflict {
  readonly name: string;
  readonly type: string;
  readonly content: string[];
}

export type RrsetRule =
  | 'platform-managed'
  | 'soa-off-apex'
  | 'cname-at-apex'
  | 'ds-at-apex'
  | 'ds-without-delegation'
  | 'cname-exclusive'
  | 'alias-exclusive'
  | 'single-record'
  | 'duplicate-record'
  | 'cname-self';

/**
 * Why a change can't be made: `{message, field, conflicts}` is the structured detail the API returns
 * (`violationError(v)`); `code` is CONFLICT (409) when other data is in the way, BAD_REQUEST
 * (400) when the change is wrong on its own.
 */
export interface RrsetViolation {
  readonly rule: RrsetRule;
  readonly code: Extract<AppErrorCode, 'CONFLICT' | 'BAD_REQUEST'>;
  readonly message: string;
  readonly field: 'name' | 'type' | 'content';
  readonly conflicts: RrsetConflict[];
  /** The changed rrsets (name, type) the violation is about: what to leave out to avoid it. */
  readonly subjects: readonly RrsetRef[];
}

/** An rrset by name (absolute, lowercase) and type (uppercase). */
export interface RrsetRef {
  readonly name: string;
  readonly type: string;
}

/** The error a violation answers: `{message, field, conflicts, rule}` as the API's detail. */
export function violationError(v: RrsetViolation): AppError {
  return new AppError(v.code, {
    message: v.message,
    field: v.field,
    conflicts: v.conflicts,
    rule: v.rule,
  });
}

export interface RrsetRuleOptions {
  /** The platform itself writes the SOA and apex NS (zone creation, nameserver changes). */
  readonly platform?: boolean;
}

/** Types of which a name may hold only one record. */
const SINGLE_RECORD_TYPES = new Set(['CNAME', 'DNAME']);

/**
 * Checks a change to a zone against the rules PowerDNS and the DNS impose, before anything is sent.
 *
 * `existing` is the zone's rrsets as they are (or the relevant part: every rrset at the names being
 * changed); `changes` are whole rrsets to be written, `records: []` meaning deletion (PowerDNS REPLACE
 * semantics). The rules are checked over the zone as it would be after the change, but only problems
 * the change is part of are reported: a zone edited into a bad state behind our back does not block
 * unrelated writes. Contents must be canonical (duplicates are found by exact comparison).
 */
export function checkRrsetChanges(
  zone: string,
  existing: readonly RrsetLike[],
  changes: readonly RrsetLike[],
  options: RrsetRuleOptions = {},
): RrsetViolation[] {
  const apex = `${zone.trim().toLowerCase().replace(/\.$/, '')}.`;
  const after = new Map<string, RrsetLike>();
  for (const rrset of existing) after.set(key(rrset), normalized(rrset));
  const changed = new Set<string>();
  for (const rrset of changes) {
    after.set(key(rrset), normalized(rrset));
    changed.add(key(rrset));
  }
  const byName = new Map<string, RrsetLike[]>();
  for (const rrset of after.values()) {
    if (rrset.records.length === 0) continue;
    byName.set(rrset.name, [...(byName.get(rrset.name) ?? []), rrset]);
  }

  const violations: RrsetViolation[] = [];
  for (const k of changed) {
    const rrset = after.get(k);
    if (!rrset) continue;
    const subjects = [ref(rrset)];
    for (const v of rrsetViolations(rrset, apex, options)) violations.push({ ...v, subjects });
  }
  const changedNames = new Set([...changed].map((k) => k.slice(0, k.lastIndexOf('|'))));
  for (const name of changedNames) {
    violations.push(...nameViolations(name, byName.get(name) ?? [], changed, apex));
  }
  return violations;
}

/** Rules about one rrset on its own. */
type Unplaced = Omit<RrsetViolation, 'subjects'>;

function rrsetViolations(rrset: RrsetLike, apex: string, options: RrsetRuleOptions): Unplaced[] {
  const { name, type, records } = rrset;
  const atApex = name === apex;
  if (atApex && (type === 'SOA' || type === 'NS') && !options.platform) {
    return [
      invalid(
        'platform-managed',
        'type',
        `The zone's ${type} records at ${apex} are managed by ScaiDNS (through the domain's nameserver settings) and can't be changed as records`,
        [conflict(rrset)],
      ),
    ];
  }
  if (records.length === 0) return [];
  const violations: Unplaced[] = [];
  if (type === 'SOA' && !atApex) {
    violations.push(
      invalid('soa-off-apex', 'type', `An SOA record can only be at the zone apex (${apex})`),
    );
  }
  if (type === 'CNAME' && atApex) {
    // The apex always holds SOA and NS: a CNAME there conflicts with them (409, as API.md has it).
    violations.push({
      ...invalid(
        'cname-at-apex',
        'name',
        `A CNAME can't be at the zone apex (${apex}): the apex has SOA and NS records. Use an ALIAS record to point the apex at another name`,
      ),
      code: 'CONFLICT',
    });
  }
  if (type === 'DS' && atApex) {
    violations.push(
      invalid(
        'ds-at-apex',
        'name',
        `A DS record can't be at the zone apex (${apex}): it belongs in the parent zone. For a delegated child zone, put the DS at the child's name`,
      ),
    );
  }
  if (SINGLE_RECORD_TYPES.has(type) && records.length > 1) {
    violations.push({
      rule: 'single-record',
      code: 'CONFLICT',
      field: 'content',
      message: `${name} can have only one ${type} record; change the existing one instead of adding another`,
      conflicts: [conflict(rrset)],
    });
  }
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const record of records) {
    if (seen.has(record.content)) duplicates.add(record.content);
    seen.add(record.content);
  }
  if (duplicates.size > 0) {
    violations.push({
      rule: 'duplicate-record',
      code: 'CONFLICT',
      field: 'content',
      message: `${name} already has the ${type} record ${[...duplicates].join(', ')}`,
      conflicts: [{ name, type, content: [...duplicates] }],
    });
  }
  if (type === 'CNAME' && records.some((record) => record.content.toLowerCase() === name)) {
    violations.push(invalid('cname-self', 'content', `The CNAME at ${name} points to itself`));
  }
  return violations;
}

/** Rules about the types that share one name. */
function nameViolations(
  name: string,
  rrsets: readonly RrsetLike[],
  changed: ReadonlySet<string>,
  apex: string,
): RrsetViolation[] {
  const violations: RrsetViolation[] = [];
  const find = (type: string) => rrsets.find((rrset) => rrset.type === type);
  const isChanged = (rrset: RrsetLike) => changed.has(key(rrset));

  const cname = find('CNAME');
  const others = rrsets.filter((rrset) => rrset.type !== 'CNAME');
  if (cname && others.length > 0 && [cname, ...others].some(isChanged)) {
    const blocking = isChanged(cname) ? others : [cname];
    violations.push({
      rule: 'cname-exclusive',
      code: 'CONFLICT',
      field: 'name',
      message: isChanged(cname)
        ? `${name} already has ${describe(others)}; a CNAME can't share its name with other records`
        : `${name} has a CNAME record; a name with a CNAME can't have other records`,
      conflicts: blocking.map(conflict),
      subjects: (isChanged(cname) ? [cname] : others.filter(isChanged)).map(ref),
    });
  }

  const alias = find('ALIAS');
  const addresses = rrsets.filter((rrset) => rrset.type === 'A' || rrset.type === 'AAAA');
  if (alias && addresses.length > 0 && [alias, ...addresses].some(isChanged)) {
    violations.push({
      rule: 'alias-exclusive',
      code: 'CONFLICT',
      field: 'name',
      message: `${name} can't have both an ALIAS and ${describe(addresses)}: PowerDNS answers A/AAAA queries there from the ALIAS target`,
      conflicts: (isChanged(alias) ? addresses : [alias]).map(conflict),
      subjects: (isChanged(alias) ? [alias] : addresses.filter(isChanged)).map(ref),
    });
  }

  const ds = find('DS');
  const nsDeleted = changed.has(`${name}|NS`);
  if (ds && name !== apex && !find('NS') && (isChanged(ds) || nsDeleted)) {
    violations.push({
      rule: 'ds-without-delegation',
      code: nsDeleted ? 'CONFLICT' : 'BAD_REQUEST',
      field: nsDeleted ? 'name' : 'type',
      message: nsDeleted
        ? `${name} has a DS record; delete it before deleting the delegation's NS records`
        : `A DS record belongs at a delegation: add NS records for ${name} first`,
      conflicts: nsDeleted ? [conflict(ds)] : [],
      subjects: [nsDeleted ? { name, type: 'NS' } : ref(ds)],
    });
  }
  return violations;
}

function ref(rrset: RrsetLike): RrsetRef {
  return { name: rrset.name, type: rrset.type };
}

function key(rrset: RrsetLike): string {
  return `${canonicalName(rrset.name)}|${rrset.type.trim().toUpperCase()}`;
}

function canonicalName(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower : `${lower}.`;
}

function normalized(rrset: RrsetLike): RrsetLike {
  return {
    name: canonicalName(rrset.name),
    type: rrset.type.trim().toUpperCase(),
    records: rrset.records,
  };
}

function conflict(rrset: RrsetLike): RrsetConflict {
  return {
    name: rrset.name,
    type: rrset.type,
    content: rrset.records.map((record) => record.content),
  };
}

function describe(rrsets: readonly RrsetLike[]): string {
  return `records of type ${rrsets.map((rrset) => rrset.type).join(', ')}`;
}

function invalid(
  rule: RrsetRule,
  field: RrsetViolation['field'],
  message: string,
  conflicts: RrsetConflict[] = [],
): Unplaced {
  return { rule, code: 'BAD_REQUEST', field, message, conflicts };
}
