import type { RoleScopeType } from '@app/core';

/** One role held at one scope (a role assignment, or one implied by a ScaiKey admin role). */
export interface ScopedRole {
  readonly roleId: string;
  readonly roleName: string;
  /** Permission strings; may hold `<resource>:*` and `*`. */
  readonly permissions: readonly string[];
  readonly scopeType: RoleScopeType;
  /** null only for platform scope. */
  readonly scopeId: string | null;
  readonly expiresAt: Date | null;
  /**
   * Where the role comes from: a role_assignments row, or implied by a ScaiKey admin role on the token
   * (see implied-roles.ts). Informational only (e.g. `/me/context`); decisions never look at it.
   */
  readonly source?: 'assignment' | 'scaikey';
}

/** An access grant: a role's permissions on one domain, optionally only for some records. */
export interface DomainGrant {
  readonly grantId: string;
  readonly domainId: string;
  readonly roleName: string;
  readonly permissions: readonly string[];
  /** Glob over record names relative to the zone (`*.dev`, `www`, `@`); null = every name. */
  readonly recordPattern: string | null;
  /** Record types the grant covers; null = every type. */
  readonly recordTypes: readonly string[] | null;
  readonly expiresAt: Date | null;
}

/** Everything that decides what a principal may do: its own and its groups' roles and grants. */
export interface PrincipalAccess {
  readonly roles: readonly ScopedRole[];
  readonly grants: readonly DomainGrant[];
  /** API-key scopes narrowing everything above; null = no narrowing. */
  readonly narrowTo: readonly string[] | null;
}

/** What a permission is checked against. Ids are local UUIDs. */
export interface AccessTarget {
  readonly partnerId?: string | null;
  readonly tenantId?: string | null;
  readonly domainId?: string | null;
  /** Record name relative to the zone (`www`, `@`, `*.dev`), for record-level checks. */
  readonly recordName?: string | null;
  readonly recordType?: string | null;
}
