import { AppError, type Domain, relativeName } from '@app/core';
import type { Caller } from '../auth/caller';
import {
  effectivePermissions,
  isAllowed,
  recordAccess,
  recordAccessAllows,
  type RecordAccess,
} from './access-decision';
import type { AccessTarget, PrincipalAccess } from './access.types';
import { type Permission, PERMISSIONS, RECORD_PERMISSIONS } from './permissions';

/** What may be done to the records of a zone with one permission: every record, or a fence. */
export interface RecordFence {
  /** Every record of the zone. */
  readonly all: boolean;
  /** True for a record (absolute name with the trailing dot, or relative) of a type. */
  admits(name: string, type: string): boolean;
}

const WRITE_PERMISSIONS: readonly Permission[] = [
  'records:create',
  'records:update',
  'records:delete',
];

/**
 * What one actor may do in one zone: the value every zone-scoped service method takes first, built
 * once per request by the API's guard (or by the worker and the CLI), so a check can't be skipped by
 * a new entry point. It answers zone-level questions (`can('domains:update')`: an access grant fenced
 * to some records never confers those) and record-level ones by name and type, and it is what the
 * zone writer checks every changed rrset against.
 *
 * `ZoneAccess.platform()` is ScaiDNS itself acting on the zone (nameserver rollouts, the worker's
 * automatic steps): every permission, including the apex SOA and NS that callers never write.
 */
export class ZoneAccess {
  /** Fences per permission: a bulk write or an import asks the same one thousands of times. */
  private readonly fences = new Map<Permission, RecordFence>();

  private constructor(
    readonly domain: Domain,
    /** Who acts: recorded in the audit log. null only for the platform acting on its own. */
    readonly caller: Caller | null,
    /** null: the platform (everything allowed). */
    private readonly principal: PrincipalAccess | null,
    private readonly clock: () => Date,
  ) {}

  static of(
    caller: Caller,
    access: PrincipalAccess,
    domain: Domain,
    clock: () => Date = () => new Date(),
  ): ZoneAccess {
    return new ZoneAccess(domain, caller, access, clock);
  }

  /** The platform acting on the zone, on behalf of `caller` when a person started it. */
  static platform(domain: Domain, caller: Caller | null = null): ZoneAccess {
    return new ZoneAccess(domain, caller, null, () => new Date());
  }

  /** True for the platform itself: it may write the apex SOA and NS. */
  get isPlatform(): boolean {
    return this.principal === null;
  }

  /** The same actor on the same zone as it now is (a reloaded row). */
  withDomain(domain: Domain): ZoneAccess {
    return new ZoneAccess(domain, this.caller, this.principal, this.clock);
  }

  /**
   * A zone-level permission (`domains:update`, `dnssec:enable`, or `records:read` over the whole
   * zone). A grant fenced to some records confers none of these: it must be unfenced.
   */
  can(permission: Permission): boolean {
    if (!this.principal) return true;
    return isAllowed(this.principal, permission, this.target(), this.clock());
  }

  /** Every permission `can` allows (what the actor could pass on, e.g. in an access grant). */
  permissions(): Set<Permission> {
    if (!this.principal) return new Set(PERMISSIONS);
    return effectivePermissions(this.principal, this.target(), this.clock());
  }

  /** `can`, or 403 naming the permission. */
  assert(permission: Permission): void {
    if (!this.can(permission)) {
      throw new AppError('FORBIDDEN', `Permission ${permission} is required`);
    }
  }

  /** A record permission on one record: `name` absolute (with the dot) or relative to the zone. */
  canRecord(permission: Permission, name: string, type: string): boolean {
    return this.fence(permission).admits(name, type);
  }

  /** `canRecord`, or 403 naming the permission and the record. */
  assertRecord(permission: Permission, name: string, type: string): void {
    if (!this.canRecord(permission, name, type)) {
      throw new AppError(
        'FORBIDDEN',
        `Permission ${permission} is required for ${type.toUpperCase()} ${this.relative(name)}`,
      );
    }
  }

  /** The records a record permission reaches: the one way to check a record or filter a list. */
  fence(permission: Permission): RecordFence {
    let fence = this.fences.get(permission);
    if (!fence) {
      fence = this.computeFence(permission);
      this.fences.set(permission, fence);
    }
    return fence;
  }

  private computeFence(permission: Permission): RecordFence {
    if (!RECORD_PERMISSIONS.includes(permission)) {
      throw new Error(`${permission} is not a record permission`);
    }
    if (!this.principal) return { all: true, admits: () => true };
    const reach: RecordAccess = recordAccess(
      this.principal,
      permission,
      this.target(),
      this.clock(),
    );
    return {
      all: reach.all,
      admits: (name, type) =>
        recordAccessAllows(reach, this.relative(name), type.trim().toUpperCase()),
    };
  }

  /**
   * True when the actor may change the rrset at (name, type) in some way (create, update or delete a
   * record of it). The zone writer refuses any change to an rrset outside this, whatever the code
   * that asked for it meant to do.
   */
  mayChange(name: string, type: string): boolean {
    if (!this.principal) return true;
    return WRITE_PERMISSIONS.some((p) => this.canRecord(p, name, type));
  }

  /** The zone's name relative form of `name` (`@`, `www`), as fences match it. */
  relative(name: string): string {
    return relativeName(name, this.domain.name);
  }

  private target(): AccessTarget {
    return {
      tenantId: this.domain.tenantId,
      partnerId: this.domain.tenant?.partnerId ?? null,
      domainId: this.domain.id,
    };
  }
}
