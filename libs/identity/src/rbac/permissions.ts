import type { SystemRoleName } from '@app/core';

/**
 * Every permission ScaiDNS checks. The seed migration holds a frozen copy (PERMISSION_CATALOGUE); a unit
 * test keeps the two equal. Role permission lists may also hold `<resource>:*` and `*`.
 */
export const PERMISSIONS = [
  'domains:read',
  'domains:create',
  'domains:update',
  'domains:delete',
  'domains:validation_bypass',
  'records:read',
  'records:create',
  'records:update',
  'records:delete',
  'dnssec:read',
  'dnssec:enable',
  'dnssec:disable',
  'dnssec:rotate',
  'access_grants:read',
  'access_grants:manage',
  'api_keys:read',
  'api_keys:create',
  'api_keys:update',
  'api_keys:delete',
  'audit:read',
  'roles:read',
  'roles:create',
  'roles:update',
  'roles:delete',
  'roles:assign',
  'templates:read',
  'templates:create',
  'templates:update',
  'templates:delete',
  'admin:read',
  'admin:write',
] as const;

/** A concrete catalogue permission (never a wildcard). */
export type Permission = (typeof PERMISSIONS)[number];

/** The part before the colon: `domains`, `records`, … */
export type PermissionResource = Permission extends `${infer R}:${string}` ? R : never;

export const PERMISSION_RESOURCES: readonly PermissionResource[] = [
  ...new Set(PERMISSIONS.map((p) => resourceOf(p) as PermissionResource)),
];

/** The permissions that act on records and that an access grant's record pattern/types restrict. */
export const RECORD_PERMISSIONS: readonly Permission[] = PERMISSIONS.filter((p) =>
  p.startsWith('records:'),
);

/** The system roles, in seed order. */
export const SYSTEM_ROLE_NAMES = [
  'platform_admin',
  'tenant_admin',
  'domain_admin',
  'domain_manager',
  'record_editor',
  'read_only',
  'validation_bypass',
] as const satisfies readonly SystemRoleName[];

const TENANT_LEVEL = PERMISSIONS.filter(
  (p) => !p.startsWith('admin:') && p !== 'domains:validation_bypass',
);
const RECORDS_ALL = RECORD_PERMISSIONS;

/**
 * The permission lists the seed migration gives the system roles (tests keep them equal). System roles
 * cannot be edited through the API, so these lists are what the database holds.
 */
export const SYSTEM_ROLE_PERMISSIONS: Readonly<Record<SystemRoleName, readonly string[]>> = {
  platform_admin: ['*'],
  tenant_admin: TENANT_LEVEL,
  domain_admin: [
    'domains:read',
    'domains:update',
    'domains:delete',
    ...RECORDS_ALL,
    'dnssec:read',
    'dnssec:enable',
    'dnssec:disable',
    'dnssec:rotate',
    'access_grants:read',
    'access_grants:manage',
    'audit:read',
    'templates:read',
  ],
  domain_manager: [
    'domains:read',
    'domains:update',
    'domains:delete',
    ...RECORDS_ALL,
    'dnssec:read',
    'access_grants:read',
    'audit:read',
    'templates:read',
  ],
  record_editor: ['domains:read', 'records:read', 'records:create', 'records:update'],
  read_only: PERMISSIONS.filter((p) => p.endsWith(':read') && p !== 'admin:read'),
  validation_bypass: ['domains:create', 'domains:validation_bypass'],
};

const CATALOGUE: ReadonlySet<string> = new Set(PERMISSIONS);
const RESOURCES: ReadonlySet<string> = new Set(PERMISSION_RESOURCES);

function resourceOf(permission: string): string {
  const colon = permission.indexOf(':');
  return colon < 0 ? permission : permission.slice(0, colon);
}

/** A concrete permission of the catalogue (`domains:read`), not a wildcard. */
export function isCataloguePermission(permission: string): permission is Permission {
  return CATALOGUE.has(permission);
}

/** What a role may hold: a catalogue permission, `<resource>:*` for a known resource, or `*`. */
export function isKnownPermission(permission: string): boolean {
  if (permission === '*' || CATALOGUE.has(permission)) return true;
  return permission.endsWith(':*') && RESOURCES.has(permission.slice(0, -2));
}

/**
 * True when holding `granted` covers `wanted`: equal strings; `*` covers everything; `<resource>:*`
 * covers every `<resource>:<action>` (and `<resource>:*` itself). Exact, case-sensitive strings:
 * permissions are stored in their canonical lowercase form.
 */
export function permissionMatches(granted: string, wanted: string): boolean {
  if (granted === wanted || granted === '*') return true;
  if (!granted.endsWith(':*')) return false;
  const resource = granted.slice(0, -1); // `records:`
  return wanted.startsWith(resource) && wanted.length > resource.length;
}

/** True when any of `granted` covers `wanted`. */
export function anyPermissionMatches(granted: readonly string[], wanted: string): boolean {
  return granted.some((g) => permissionMatches(g, wanted));
}

/**
 * The concrete catalogue permissions a permission string stands for: itself, the catalogue entries of
 * its resource for `<resource>:*`, the whole catalogue for `*`, nothing for an unknown string.
 */
export function expandPermission(permission: string): Permission[] {
  return PERMISSIONS.filter((p) => permissionMatches(permission, p));
}

/** The concrete catalogue permissions a list of permission strings stands for. */
export function expandPermissions(permissions: Iterable<string>): Set<Permission> {
  const result = new Set<Permission>();
  for (const permission of permissions) {
    for (const p of expandPermission(permission)) result.add(p);
  }
  return result;
}

/**
 * True when every permission of `perms` is held by `ofPerms` (which may be wildcards or an expanded
 * effective set). A permission is held when a member of `ofPerms` covers it (`domains:read` ⊆
 * `domains:*`, `domains:*` ⊆ `*`), or, for a known wildcard, when `ofPerms` covers every catalogue
 * permission it stands for today (`records:*` ⊆ the four `records:` permissions). An unknown permission
 * is held only when a wildcard of `ofPerms` covers it literally (so `*` holds anything).
 *
 * Used for "a custom role may only hold a subset of its creator's effective permissions". Note that a
 * stored wildcard also covers permissions added to the catalogue later.
 */
export function isSubsetOf(perms: readonly string[], ofPerms: Iterable<string>): boolean {
  const held = [...ofPerms];
  return perms.every((p) => {
    if (anyPermissionMatches(held, p)) return true;
    const expanded = isKnownPermission(p) ? expandPermission(p) : [];
    return expanded.length > 0 && expanded.every((e) => anyPermissionMatches(held, e));
  });
}
