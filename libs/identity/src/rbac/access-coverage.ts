/**
 * # Does one principal's access cover another's? (pure: no I/O, the clock is a parameter)
 *
 * Used when someone hands out access they don't hold through a principal of their own: a tenant
 * admin making an API key that carries a group's or a service user's permissions. The rule is "no one
 * hands out more than they hold now": everything the source holds at `now` must be held by the
 * holder at `now`, where the source holds it.
 *
 * **Roles by scope.** Each live role of the source confers its permissions on its scope; the holder
 * must hold each of them on that whole scope:
 * - platform scope: through a platform-scope role;
 * - partner P: through a platform role or a partner-scope role at P (a tenant role covers one tenant,
 *   not the partner's);
 * - tenant T: as `isAllowed` decides at tenant level (platform, T's partner, or T);
 * - domain D: as `isAllowed` decides at domain level (a role of D's tenant or partner, a role at D,
 *   an unfenced grant on D).
 *
 * **Grants by domain and fence.** Each live grant of the source confers, on its domain D,
 * `domains:read`, its role's other permissions when it is unfenced, and its role's record permissions
 * on the records its fence admits. The holder must hold the non-record ones on D (domain level) and
 * each record permission either on all of D's records, or through one live grant of its own on D
 * whose role holds it and whose fence contains the source's fence: types a superset (no types: all),
 * and a record pattern that matches the source's pattern read as a literal name (no pattern: all).
 * That containment is exact for globs whose only wildcard is `*` (every name the source pattern
 * matches, the holder's matches too); a fence covered only by several holder grants together is
 * refused (conservatively).
 *
 * Expired roles and grants count for nothing on either side; a holder's API-key narrowing applies
 * (the source's, too). A grant on a domain that no longer exists confers nothing and needs no cover;
 * a role whose tenant or domain is unknown can't be proven covered and is not.
 */
import {
  isAllowed,
  isLive,
  isRestricted,
  isRecordPermission,
  narrowingAllows,
} from './access-decision';
import type { AccessTarget, DomainGrant, PrincipalAccess, ScopedRole } from './access.types';
import { anyPermissionMatches, expandPermissions, type Permission } from './permissions';
import { recordNameMatches, recordTypeMatches } from './record-pattern';

/** Where the source's scopes lie: each domain's tenant and partner, each tenant's partner. */
export interface AccessPlaces {
  readonly domains: ReadonlyMap<
    string,
    { readonly tenantId: string; readonly partnerId: string | null }
  >;
  /** Tenant id → its partner's id (null: none). */
  readonly tenants: ReadonlyMap<string, string | null>;
}

/** True when `holder` holds at `now` everything `source` holds at `now` (see the rules above). */
export function accessCovers(
  holder: PrincipalAccess,
  source: PrincipalAccess,
  now: Date,
  places: AccessPlaces,
): boolean {
  return accessNotCovered(holder, source, now, places).length === 0;
}

/**
 * What of `source`'s access `holder` does not hold, one line each (`tenant_admin at tenant <id>:
 * roles:delete`, `grant record_editor on domain <id> (_acme-challenge TXT): records:delete`); empty
 * when `accessCovers`.
 */
export function accessNotCovered(
  holder: PrincipalAccess,
  source: PrincipalAccess,
  now: Date,
  places: AccessPlaces,
): string[] {
  const missing: string[] = [];
  const conferred = (permissions: readonly string[]): Permission[] =>
    [...expandPermissions(permissions)].filter((p) => narrowingAllows(source, p));

  for (const role of source.roles) {
    if (!isLive(role.expiresAt, now)) continue;
    for (const p of conferred(role.permissions)) {
      if (!holdsOnScope(holder, p, role, places, now)) {
        missing.push(`${role.roleName} at ${scopeName(role)}: ${p}`);
      }
    }
  }

  for (const grant of source.grants) {
    if (!isLive(grant.expiresAt, now)) continue;
    const place = places.domains.get(grant.domainId);
    if (!place) continue;
    const target: AccessTarget = { ...place, domainId: grant.domainId };
    const perms = new Set<Permission>(['domains:read', ...conferred(grant.permissions)]);
    for (const p of perms) {
      if (!isRecordPermission(p) && isRestricted(grant) && p !== 'domains:read') continue;
      if (!narrowingAllows(source, p)) continue;
      const covered =
        isAllowed(holder, p, target, now) ||
        (isRecordPermission(p) && holderFenceCovers(holder, grant, p, now));
      if (!covered) missing.push(`grant ${grant.roleName} on domain ${grantName(grant)}: ${p}`);
    }
  }
  return missing;
}

function holdsOnScope(
  holder: PrincipalAccess,
  permission: Permission,
  role: ScopedRole,
  places: AccessPlaces,
  now: Date,
): boolean {
  switch (role.scopeType) {
    case 'platform':
      // Only platform-scope roles apply to a target without a tenant.
      return isAllowed(holder, permission, {}, now);
    case 'partner':
      return (
        narrowingAllows(holder, permission) &&
        holder.roles.some(
          (h) =>
            isLive(h.expiresAt, now) &&
            (h.scopeType === 'platform' ||
              (h.scopeType === 'partner' && h.scopeId !== null && h.scopeId === role.scopeId)) &&
            anyPermissionMatches(h.permissions, permission),
        )
      );
    case 'tenant': {
      const partnerId = role.scopeId === null ? undefined : places.tenants.get(role.scopeId);
      if (partnerId === undefined) return false;
      return isAllowed(holder, permission, { tenantId: role.scopeId, partnerId }, now);
    }
    case 'domain': {
      const place = role.scopeId === null ? undefined : places.domains.get(role.scopeId);
      if (!place) return false;
      return isAllowed(holder, permission, { ...place, domainId: role.scopeId }, now);
    }
  }
}

/** A live grant of the holder on the same domain, holding `permission`, whose fence contains `fenced`'s. */
function holderFenceCovers(
  holder: PrincipalAccess,
  fenced: DomainGrant,
  permission: Permission,
  now: Date,
): boolean {
  return (
    narrowingAllows(holder, permission) &&
    holder.grants.some(
      (h) =>
        isLive(h.expiresAt, now) &&
        h.domainId === fenced.domainId &&
        anyPermissionMatches(h.permissions, permission) &&
        fenceContains(h, fenced),
    )
  );
}

/** Every record `inner`'s fence admits, `outer`'s admits too (see the rules above). */
export function fenceContains(
  outer: Pick<DomainGrant, 'recordPattern' | 'recordTypes'>,
  inner: Pick<DomainGrant, 'recordPattern' | 'recordTypes'>,
): boolean {
  const names =
    outer.recordPattern === null ||
    (inner.recordPattern !== null && recordNameMatches(outer.recordPattern, inner.recordPattern));
  const types =
    outer.recordTypes === null ||
    (inner.recordTypes !== null &&
      inner.recordTypes.every((t) => recordTypeMatches(outer.recordTypes, t)));
  return names && types;
}

function scopeName(role: ScopedRole): string {
  return role.scopeId === null ? role.scopeType : `${role.scopeType} ${role.scopeId}`;
}

function grantName(grant: DomainGrant): string {
  const fence = [grant.recordPattern, grant.recordTypes?.join(',')].filter(Boolean).join(' ');
  return fence ? `${grant.domainId} (${fence})` : grant.domainId;
}
