/**
 * # RBAC decisions (pure: no I/O, the clock is a parameter)
 *
 * A principal's `PrincipalAccess` holds scoped roles (its own assignments, its groups' assignments, roles
 * implied by ScaiKey admin roles), access grants (its own and its groups'), and an optional API-key
 * narrowing. `isAllowed(access, permission, target, now)` answers one question; everything else here is
 * derived from the same rules.
 *
 * **Permissions.** `permission` is a catalogue permission (`records:create`). A wildcard (`records:*`,
 * `*`) is allowed only when every catalogue permission it stands for is allowed; an unknown string is
 * never allowed (a typo in a route's permission denies everyone, which tests notice at once).
 *
 * **Expiry.** A role or grant with `expiresAt <= now` counts for nothing.
 *
 * **Roles by scope.** A role applies to a target when
 * - platform scope: always, including targets without a tenant (platform/admin routes);
 * - partner scope: `target.partnerId === scopeId`;
 * - tenant scope: `target.tenantId === scopeId`;
 * - domain scope: `target.domainId === scopeId`.
 * A target without `tenantId` is reached only by platform-scope roles, so callers must fill `tenantId`
 * (and `partnerId`, for partner-scope roles to apply) on every tenant, domain and record target. A role
 * that applies confers all of its permissions; record name/type do not restrict roles.
 *
 * **Access grants** apply only to targets with `domainId === grant.domainId` (and a tenant).
 * - An unrestricted grant (no record pattern, no record types) confers every permission of its role on
 *   its domain, like a domain-scope role.
 * - A restricted grant (a pattern and/or types) confers `domains:read` on its domain (so the grantee can
 *   see the zone it may edit) and its role's `records:*` permissions on matching records only. It confers
 *   none of its role's other permissions: `access_grants:manage` would let the grantee give itself an
 *   unrestricted grant, and `domains:delete`/`dnssec:*` act on the whole zone the grant was meant to fence.
 * - Any grant confers `domains:read` on its domain, whatever its role.
 * - Record permissions are decided at record level when the target names a record (`recordName` and/or
 *   `recordType`): a restricted grant counts when every restriction it has is satisfied by a value the
 *   target gives (a pattern needs a `recordName` that matches it, types need a `recordType` among them).
 *   For a domain-level target (no record given), only unrestricted grants confer record permissions;
 *   use `recordAccess()` to list what restricted grants allow, then filter per record.
 * - Non-record permissions ignore `recordName`/`recordType` (they are decided at domain level).
 *
 * **API-key narrowing.** When `narrowTo` is not null, a permission is allowed only if one of `narrowTo`
 * covers it (wildcards allowed) as well as a role or grant conferring it. Narrowing never adds. A
 * record permission in `narrowTo` also lets `domains:read` through: records are reached through
 * their zone, so a key scoped to `records:create` must see the zones it may create records in (an
 * ACME client's key), as any grant confers `domains:read` on its own domain.
 *
 * Record names and patterns: see record-pattern.ts (`*` spans dots and needs at least one character,
 * `@` is the apex only, case-insensitive, relative to the zone).
 */
import type { AccessTarget, DomainGrant, PrincipalAccess, ScopedRole } from './access.types';
import {
  anyPermissionMatches,
  expandPermission,
  expandPermissions,
  isCataloguePermission,
  type Permission,
  PERMISSIONS,
  RECORD_PERMISSIONS,
} from './permissions';
import { recordNameMatches, recordTypeMatches } from './record-pattern';

/** Which domains a caller may act on with one permission (to filter list queries). */
export interface VisibleScope {
  /** A platform-scope role confers the permission: every domain. */
  readonly all: boolean;
  /** Domains of tenants of these partners. */
  readonly partnerIds: readonly string[];
  /** Domains of these tenants. */
  readonly tenantIds: readonly string[];
  /** These domains (domain-scope roles and grants), at domain level. */
  readonly domainIds: readonly string[];
  /**
   * Only for record permissions: domains where restricted grants allow the permission on some records
   * only (filter the records with `recordAccess`). Never repeats a domain of `domainIds`.
   */
  readonly partialDomainIds: readonly string[];
}

/** One restricted grant's fence: the record names and types it covers (null = any). */
export interface RecordRule {
  readonly pattern: string | null;
  readonly types: readonly string[] | null;
}

/** What a caller may do with one permission on the records of one domain. */
export interface RecordAccess {
  /** Every record of the domain. */
  readonly all: boolean;
  /** Otherwise the records matching any of these (empty: none). */
  readonly rules: readonly RecordRule[];
}

export function isLive(expiresAt: Date | null, now: Date): boolean {
  return expiresAt === null || expiresAt.getTime() > now.getTime();
}

export function isRecordPermission(permission: string): boolean {
  return permission.startsWith('records:');
}

export function isRestricted(grant: DomainGrant): boolean {
  return grant.recordPattern !== null || grant.recordTypes !== null;
}

export function narrowingAllows(access: PrincipalAccess, permission: string): boolean {
  if (access.narrowTo === null || anyPermissionMatches(access.narrowTo, permission)) return true;
  return (
    permission === 'domains:read' &&
    RECORD_PERMISSIONS.some((p) => anyPermissionMatches(access.narrowTo ?? [], p))
  );
}

/** True when the role's scope contains the target (see the rules above). */
export function roleAppliesTo(role: ScopedRole, target: AccessTarget): boolean {
  switch (role.scopeType) {
    case 'platform':
      return true;
    case 'partner':
      return !!target.tenantId && role.scopeId !== null && target.partnerId === role.scopeId;
    case 'tenant':
      return !!target.tenantId && role.scopeId !== null && target.tenantId === role.scopeId;
    case 'domain':
      return !!target.tenantId && role.scopeId !== null && target.domainId === role.scopeId;
  }
}

/** The grant's record fence admits the record the target names (see the rules above). */
function fenceAdmits(grant: DomainGrant, target: AccessTarget): boolean {
  const name = target.recordName ?? null;
  const type = target.recordType ?? null;
  const nameOk =
    grant.recordPattern === null || (name !== null && recordNameMatches(grant.recordPattern, name));
  const typeOk =
    grant.recordTypes === null || (type !== null && recordTypeMatches(grant.recordTypes, type));
  return nameOk && typeOk;
}

function grantConfers(grant: DomainGrant, permission: string, target: AccessTarget): boolean {
  if (!target.tenantId || target.domainId !== grant.domainId) return false;
  return grantConfersOnItsDomain(grant, permission, target);
}

/** The grant rules, the target being known to lie in the grant's domain. */
function grantConfersOnItsDomain(
  grant: DomainGrant,
  permission: string,
  target: AccessTarget,
): boolean {
  if (!isRecordPermission(permission)) {
    if (permission === 'domains:read') return true;
    return !isRestricted(grant) && anyPermissionMatches(grant.permissions, permission);
  }
  if (!anyPermissionMatches(grant.permissions, permission)) return false;
  // A domain-level target names no record, so a fence never admits it.
  return fenceAdmits(grant, target);
}

function isAllowedConcrete(
  access: PrincipalAccess,
  permission: Permission,
  target: AccessTarget,
  now: Date,
): boolean {
  if (!narrowingAllows(access, permission)) return false;
  const byRole = access.roles.some(
    (role) =>
      isLive(role.expiresAt, now) &&
      roleAppliesTo(role, target) &&
      anyPermissionMatches(role.permissions, permission),
  );
  if (byRole) return true;
  return access.grants.some(
    (grant) => isLive(grant.expiresAt, now) && grantConfers(grant, permission, target),
  );
}

/**
 * May the principal do `permission` on `target` at `now`? `permission` is a catalogue permission; a
 * wildcard needs every permission it stands for; anything else is denied.
 */
export function isAllowed(
  access: PrincipalAccess,
  permission: string,
  target: AccessTarget,
  now: Date,
): boolean {
  if (isCataloguePermission(permission)) {
    return isAllowedConcrete(access, permission, target, now);
  }
  const expanded = expandPermission(permission);
  return expanded.length > 0 && expanded.every((p) => isAllowedConcrete(access, p, target, now));
}

/** Every catalogue permission `isAllowed` grants on `target` (for `/me/context`). */
export function effectivePermissions(
  access: PrincipalAccess,
  target: AccessTarget,
  now: Date,
): Set<Permission> {
  return new Set(PERMISSIONS.filter((p) => isAllowedConcrete(access, p, target, now)));
}

/**
 * Every catalogue permission the principal holds somewhere at `now`: on some scope through a role, on
 * its domain through a grant (`domains:read`, and the role's permissions — only its record
 * permissions when the grant is fenced, on the fenced records), as narrowing allows. What an API key
 * carrying this access may be scoped to: scopes only narrow, so a scope held nowhere is refused, and
 * one held only on some domains or records is fine (`records:create` for a key whose access is a
 * grant fenced to `_acme-challenge` TXT).
 */
export function heldPermissions(access: PrincipalAccess, now: Date): Set<Permission> {
  const held = new Set<Permission>();
  for (const role of access.roles) {
    if (!isLive(role.expiresAt, now)) continue;
    for (const p of expandPermissions(role.permissions)) held.add(p);
  }
  for (const grant of access.grants) {
    if (!isLive(grant.expiresAt, now)) continue;
    held.add('domains:read');
    for (const p of expandPermissions(grant.permissions)) {
      if (!isRestricted(grant) || isRecordPermission(p)) held.add(p);
    }
  }
  return new Set([...held].filter((p) => narrowingAllows(access, p)));
}

const NOTHING_VISIBLE: VisibleScope = {
  all: false,
  partnerIds: [],
  tenantIds: [],
  domainIds: [],
  partialDomainIds: [],
};

/**
 * Where `permission` holds at domain level, for filtering list queries: a domain is visible when
 * `all`, or its tenant's partner is in `partnerIds`, or its tenant in `tenantIds`, or it is in
 * `domainIds`. Exactly the domains for which `isAllowed` (domain-level target) says yes.
 */
export function visibleScope(access: PrincipalAccess, permission: string, now: Date): VisibleScope {
  if (!isCataloguePermission(permission) || !narrowingAllows(access, permission)) {
    return NOTHING_VISIBLE;
  }
  let all = false;
  const partnerIds = new Set<string>();
  const tenantIds = new Set<string>();
  const domainIds = new Set<string>();
  const partialDomainIds = new Set<string>();

  for (const role of access.roles) {
    if (!isLive(role.expiresAt, now) || !anyPermissionMatches(role.permissions, permission))
      continue;
    if (role.scopeType === 'platform') all = true;
    else if (role.scopeId === null) continue;
    else if (role.scopeType === 'partner') partnerIds.add(role.scopeId);
    else if (role.scopeType === 'tenant') tenantIds.add(role.scopeId);
    else domainIds.add(role.scopeId);
  }
  for (const grant of access.grants) {
    if (!isLive(grant.expiresAt, now)) continue;
    if (grantConfersOnItsDomain(grant, permission, {})) domainIds.add(grant.domainId);
    else if (
      isRecordPermission(permission) &&
      anyPermissionMatches(grant.permissions, permission)
    ) {
      partialDomainIds.add(grant.domainId);
    }
  }
  for (const id of domainIds) partialDomainIds.delete(id);

  const sorted = (s: Set<string>) => [...s].sort();
  return {
    all,
    partnerIds: sorted(partnerIds),
    tenantIds: sorted(tenantIds),
    domainIds: sorted(domainIds),
    partialDomainIds: sorted(partialDomainIds),
  };
}

/**
 * What `permission` (a record permission) allows on the records of the domain `target` names: all of
 * them when `isAllowed` holds at domain level, else the fences of the live restricted grants on that
 * domain whose role holds the permission. A caller may list a domain's records when `all` or `rules`
 * is not empty, and keeps the records `recordAccessAllows` admits.
 */
export function recordAccess(
  access: PrincipalAccess,
  permission: string,
  target: AccessTarget,
  now: Date,
): RecordAccess {
  const domainLevel: AccessTarget = { ...target, recordName: null, recordType: null };
  if (isAllowed(access, permission, domainLevel, now)) return { all: true, rules: [] };
  if (!isCataloguePermission(permission) || !narrowingAllows(access, permission)) {
    return { all: false, rules: [] };
  }
  const rules = access.grants
    .filter(
      (g) =>
        isLive(g.expiresAt, now) &&
        !!target.tenantId &&
        target.domainId === g.domainId &&
        isRecordPermission(permission) &&
        anyPermissionMatches(g.permissions, permission),
    )
    .map((g) => ({ pattern: g.recordPattern, types: g.recordTypes }));
  return { all: false, rules };
}

/** True when `recordAccess` admits the record `name` (relative) of `type`. */
export function recordAccessAllows(access: RecordAccess, name: string, type: string): boolean {
  return (
    access.all ||
    access.rules.some((r) => recordNameMatches(r.pattern, name) && recordTypeMatches(r.types, type))
  );
}

/** True when `recordAccess` admits at least some record (e.g. to let a list route through). */
export function hasRecordAccess(access: RecordAccess): boolean {
  return access.all || access.rules.length > 0;
}
