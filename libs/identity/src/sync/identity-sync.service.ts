import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type AppConfig,
  AppError,
  Group,
  GroupMembership,
  type GroupMemberType,
  InjectConfig,
  Partner,
  Tenant,
  User,
} from '@app/core';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';
import {
  IdentityMirrorService,
  type MirrorContext,
  type MirrorOutcome,
} from '../mirror/identity-mirror.service';
import {
  groupStateOf,
  partnerStateOf,
  tenantStateOf,
  userStateOf,
} from '../mirror/scaikey-records';
import { AccessService } from '../rbac/access.service';
import { ScaiKeyClient } from '../scaikey/scaikey.client';
import type {
  ScaiKeyGroup,
  ScaiKeyGroupMember,
  ScaiKeyPartner,
  ScaiKeyTenant,
  ScaiKeyUser,
} from '../scaikey/scaikey.types';

export const SYNC_KINDS = ['partners', 'tenants', 'users', 'groups', 'memberships'] as const;
export type SyncKind = (typeof SYNC_KINDS)[number];

/** Per kind. `deactivated`: partners deleted, tenants suspended, users switched off, groups and memberships removed. */
export interface SyncCounts {
  created: number;
  updated: number;
  deactivated: number;
}

export interface SyncChange {
  readonly kind: SyncKind;
  readonly outcome: 'created' | 'updated' | 'deactivated';
  /** ScaiKey id (memberships: `<group>/<member>`). */
  readonly scaikeyId: string;
}

/** What a sync fetched so far (reported after every page). */
export interface SyncProgress {
  readonly step: SyncKind | 'assigned users';
  readonly fetched: number;
}

export interface SyncReport {
  readonly dryRun: boolean;
  readonly counts: Record<SyncKind, SyncCounts>;
  readonly changes: readonly SyncChange[];
  /** How many of each ScaiKey returned (`assigned users`: the application's effective users). */
  readonly fetched: Record<SyncKind | 'assigned users', number>;
  readonly warnings: readonly string[];
}

export interface SyncOptions {
  /** Work out every change, write none (the transaction is rolled back). */
  readonly dryRun?: boolean;
  readonly onProgress?: (progress: SyncProgress) => void;
}

/** Everything ScaiKey holds, read before anything is written (no network calls in the transaction). */
interface Snapshot {
  readonly partners: ScaiKeyPartner[];
  readonly tenants: ScaiKeyTenant[];
  readonly users: ScaiKeyUser[];
  readonly groups: ScaiKeyGroup[];
  readonly members: Map<string, ScaiKeyGroupMember[]>;
  /** ScaiKey ids of the users the application is assigned to, in every tenant. */
  readonly assigned: Set<string>;
}

/** MariaDB named lock: one sync at a time across the CLI and every worker. */
const SYNC_LOCK = 'scaidns.identity_sync';
const SYNC_ACTOR = { type: 'system', id: 'scaidns-sync', email: null } as const;

/** What a run changed, per kind and one by one. */
class Tally {
  readonly counts = Object.fromEntries(
    SYNC_KINDS.map((kind) => [kind, { created: 0, updated: 0, deactivated: 0 }]),
  ) as Record<SyncKind, SyncCounts>;
  readonly changes: SyncChange[] = [];

  add(kind: SyncKind, scaikeyId: string, outcome: MirrorOutcome): void {
    if (outcome === 'unchanged' || outcome === 'stale') return;
    this.counts[kind][outcome] += 1;
    this.changes.push({ kind, outcome, scaikeyId });
  }
}

/**
 * `scaidns sync` (and the worker's scheduled sync): mirrors ScaiKey's partners, tenants, users,
 * groups and memberships, and which users the ScaiDNS application is assigned to, into the local
 * cache. Every user is mirrored; those not assigned (or deleted in ScaiKey, or gone from it) are
 * `inactive`. What ScaiKey no longer lists is deactivated: partners `deleted`, tenants `suspended`,
 * users `inactive`, groups and memberships removed. Idempotent: a second run changes nothing.
 * Writes go through IdentityMirrorService (audited as `system`/`scaidns-sync`) in one transaction.
 */
@Injectable()
export class IdentitySyncService {
  constructor(
    @InjectConfig() private readonly config: Pick<AppConfig, 'scaikey'>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scaikey: ScaiKeyClient,
    private readonly mirror: IdentityMirrorService,
    private readonly access: AccessService,
  ) {}

  async run(options: SyncOptions = {}): Promise<SyncReport> {
    const dryRun = options.dryRun === true;
    return this.exclusively(async (runner) => {
      const snapshot = await this.fetch(options.onProgress);
      const result = await this.applyOnce(runner, snapshot, dryRun);
      const { memberships, groups, users, tenants, partners } = result.counts;
      // Memberships and groups change access; users, tenants and partners change the callers
      // cached per token (their status above all).
      const changed =
        memberships.created +
        memberships.deactivated +
        groups.deactivated +
        [users, tenants, partners].reduce((n, c) => n + c.updated + c.deactivated, 0);
      if (!dryRun && changed > 0) await this.access.invalidateAll();
      return {
        ...result,
        dryRun,
        warnings: this.warnings(snapshot),
        fetched: {
          partners: snapshot.partners.length,
          tenants: snapshot.tenants.length,
          users: snapshot.users.length,
          groups: snapshot.groups.length,
          memberships: [...snapshot.members.values()].reduce((n, list) => n + list.length, 0),
          'assigned users': snapshot.assigned.size,
        },
      };
    });
  }

  /** Runs `work` holding the sync lock, on the connection that holds it. */
  private async exclusively<T>(work: (runner: QueryRunner) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      const [lock] = (await runner.query('SELECT GET_LOCK(?, 0) AS got', [SYNC_LOCK])) as {
        got: number | string | null;
      }[];
      if (Number(lock?.got) !== 1) throw AppError.conflict('Another identity sync is running');
      try {
        return await work(runner);
      } finally {
        await runner.query('SELECT RELEASE_LOCK(?)', [SYNC_LOCK]);
      }
    } finally {
      await runner.release();
    }
  }

  /** Applies the snapshot in one transaction: committed, or rolled back for a dry run. */
  private async applyOnce(
    runner: QueryRunner,
    snapshot: Snapshot,
    dryRun: boolean,
  ): Promise<Pick<SyncReport, 'counts' | 'changes'>> {
    await runner.startTransaction();
    try {
      const result = await this.apply(runner.manager, snapshot);
      if (dryRun) await runner.rollbackTransaction();
      else await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    }
  }

  // --- fetching -----------------------------------------------------------------------------------

  private async fetch(onProgress: SyncOptions['onProgress']): Promise<Snapshot> {
    const report = onProgress ?? (() => undefined);
    const all = async <T>(step: SyncKind, items: AsyncIterable<T>): Promise<T[]> => {
      const list: T[] = [];
      for await (const item of items) {
        list.push(item);
        if (list.length % 100 === 0) report({ step, fetched: list.length });
      }
      report({ step, fetched: list.length });
      return list;
    };
    const partners = await all('partners', this.scaikey.listPartners());
    const tenants = await all('tenants', this.scaikey.listTenants());
    const users = await all('users', this.scaikey.listUsers());
    const groups = await all('groups', this.scaikey.listGroups());
    const members = new Map<string, ScaiKeyGroupMember[]>();
    let memberCount = 0;
    for (const group of groups) {
      const list = await this.scaikey.groupMembers(group.id);
      members.set(group.id, list);
      memberCount += list.length;
      report({ step: 'memberships', fetched: memberCount });
    }
    const assigned = new Set<string>();
    for (const tenant of tenants) {
      for (const user of await this.effectiveUsers(tenant.id)) assigned.add(user.id);
      report({ step: 'assigned users', fetched: assigned.size });
    }
    return { partners, tenants, users, groups, members, assigned };
  }

  private async effectiveUsers(tenantId: string): Promise<ScaiKeyUser[]> {
    try {
      return await this.scaikey.effectiveUsers(tenantId);
    } catch (error) {
      // The tenant was just listed, so a 404 is about the application.
      if (error instanceof AppError && error.code === 'NOT_FOUND') {
        throw AppError.badRequest(
          `ScaiKey knows no application ${this.config.scaikey.applicationId} ` +
            '(SCAIKEY_APPLICATION_ID): check the id ScaiKey gave ScaiDNS at registration',
        );
      }
      throw error;
    }
  }

  private warnings(snapshot: Snapshot): string[] {
    if (snapshot.assigned.size > 0 || snapshot.users.length === 0) return [];
    return [
      `No user of any tenant is assigned to ScaiKey application ${this.config.scaikey.applicationId} ` +
        '(SCAIKEY_APPLICATION_ID): check the id, and assign users or groups to the application in ' +
        'ScaiKey. Users already mirrored keep their assignment; new ones are mirrored as inactive.',
    ];
  }

  // --- applying -----------------------------------------------------------------------------------

  /** Partners, then tenants (they point at partners), then users and groups (at tenants), then members. */
  private async apply(
    manager: EntityManager,
    snapshot: Snapshot,
  ): Promise<Pick<SyncReport, 'counts' | 'changes'>> {
    const ctx: MirrorContext = { manager, actor: SYNC_ACTOR };
    const tally = new Tally();
    await this.applyPartners(ctx, snapshot, tally);
    const tenantOf = await this.applyTenants(ctx, snapshot, tally);
    await this.applyUsers(ctx, snapshot, tenantOf, tally);
    await this.applyGroups(ctx, snapshot, tenantOf, tally);
    await this.applyMemberships(ctx, snapshot, tally);
    return { counts: tally.counts, changes: tally.changes };
  }

  private async applyPartners(ctx: MirrorContext, snapshot: Snapshot, tally: Tally): Promise<void> {
    const listed = new Set(snapshot.partners.map((p) => p.id));
    for (const record of snapshot.partners) {
      tally.add(
        'partners',
        record.id,
        await this.mirror.upsertPartner(ctx, partnerStateOf(record)),
      );
    }
    for (const local of await ctx.manager.find(Partner)) {
      if (listed.has(local.scaikeyId) || local.status === 'deleted') continue;
      const gone = { scaikeyId: local.scaikeyId, status: 'deleted' as const, stamp: null };
      tally.add('partners', local.scaikeyId, await this.mirror.upsertPartner(ctx, gone));
    }
  }

  /** Returns local tenant ids by ScaiKey id. */
  private async applyTenants(
    ctx: MirrorContext,
    snapshot: Snapshot,
    tally: Tally,
  ): Promise<Map<string, string>> {
    const partnerOf = new Map((await ctx.manager.find(Partner)).map((p) => [p.scaikeyId, p.id]));
    const listed = new Set(snapshot.tenants.map((t) => t.id));
    for (const record of snapshot.tenants) {
      const state = tenantStateOf(record, partnerOf.get(record.partner_id) ?? null);
      tally.add('tenants', record.id, await this.mirror.upsertTenant(ctx, state));
    }
    for (const local of await ctx.manager.find(Tenant)) {
      if (listed.has(local.scaikeyId) || local.status !== 'active') continue;
      const gone = { scaikeyId: local.scaikeyId, status: 'suspended' as const, stamp: null };
      tally.add('tenants', local.scaikeyId, await this.mirror.upsertTenant(ctx, gone));
    }
    return new Map((await ctx.manager.find(Tenant)).map((t) => [t.scaikeyId, t.id]));
  }

  private async applyUsers(
    ctx: MirrorContext,
    snapshot: Snapshot,
    tenantOf: Map<string, string>,
    tally: Tally,
  ): Promise<void> {
    // With nobody assigned at all the application id is more likely wrong than everyone
    // unassigned: leave mirrored users' assignment alone rather than lock everyone out.
    const assignmentKnown = snapshot.assigned.size > 0;
    const known = new Set(
      (await ctx.manager.find(User, { select: { scaikeyId: true } })).map((u) => u.scaikeyId),
    );
    const listed = new Set(snapshot.users.map((u) => u.id));
    for (const record of snapshot.users) {
      const tenantId = tenantOf.get(record.tenant_id);
      const isKnown = known.has(record.id);
      // A deleted user ScaiDNS never knew needs no row.
      if (!tenantId || (!isKnown && record.status === 'deleted')) continue;
      let assigned: boolean | undefined = snapshot.assigned.has(record.id);
      if (!assignmentKnown) assigned = isKnown ? undefined : false;
      const outcome = await this.mirror.upsertUser(ctx, userStateOf(record, tenantId, assigned));
      tally.add('users', record.id, outcome);
    }
    for (const local of await ctx.manager.find(User)) {
      if (listed.has(local.scaikeyId) || local.scaikeyStatus === 'deleted') continue;
      const outcome = await this.mirror.upsertUser(ctx, {
        scaikeyId: local.scaikeyId,
        tenantId: local.tenantId,
        scaikeyStatus: 'deleted',
        stamp: null,
      });
      tally.add('users', local.scaikeyId, outcome);
    }
  }

  private async applyGroups(
    ctx: MirrorContext,
    snapshot: Snapshot,
    tenantOf: Map<string, string>,
    tally: Tally,
  ): Promise<void> {
    const listed = new Set(snapshot.groups.map((g) => g.id));
    for (const record of snapshot.groups) {
      const tenantId = tenantOf.get(record.tenant_id);
      if (!tenantId) continue;
      const outcome = await this.mirror.upsertGroup(ctx, groupStateOf(record, tenantId));
      tally.add('groups', record.id, outcome);
    }
    for (const local of await ctx.manager.find(Group)) {
      if (listed.has(local.scaikeyId)) continue;
      await this.mirror.removeGroup(ctx, local);
      tally.add('groups', local.scaikeyId, 'deactivated');
    }
  }

  /** Makes every mirrored group's direct members exactly what ScaiKey lists. */
  private async applyMemberships(
    ctx: MirrorContext,
    snapshot: Snapshot,
    tally: Tally,
  ): Promise<void> {
    const { manager } = ctx;
    const groups = new Map((await manager.find(Group)).map((g) => [g.scaikeyId, g]));
    const groupsById = new Map([...groups.values()].map((g) => [g.id, g]));
    const users = new Map((await manager.find(User)).map((u) => [u.scaikeyId, u]));
    const usersById = new Map([...users.values()].map((u) => [u.id, u]));
    const key = (groupId: string, type: GroupMemberType, memberId: string) =>
      `${groupId}|${type}|${memberId}`;

    const existing = new Set(
      (await manager.find(GroupMembership)).map((m) => key(m.groupId, m.memberType, m.memberId)),
    );
    const wanted = new Set<string>();
    for (const [groupScaikeyId, members] of snapshot.members) {
      const group = groups.get(groupScaikeyId);
      if (!group) continue;
      for (const member of members) {
        const local = member.type === 'user' ? users.get(member.id) : groups.get(member.id);
        if (!local) continue;
        const k = key(group.id, member.type, local.id);
        wanted.add(k);
        if (existing.has(k)) continue;
        await this.mirror.setMembership(ctx, group, member.type, local, true);
        tally.add('memberships', `${groupScaikeyId}/${member.id}`, 'created');
      }
    }
    for (const k of existing) {
      if (wanted.has(k)) continue;
      const [groupId, type, memberId] = k.split('|') as [string, GroupMemberType, string];
      const group = groupsById.get(groupId);
      const member = type === 'user' ? usersById.get(memberId) : groupsById.get(memberId);
      if (!group || !member) continue;
      await this.mirror.setMembership(ctx, group, type, member, false);
      tally.add('memberships', `${group.scaikeyId}/${member.scaikeyId}`, 'deactivated');
    }
  }
}

/** Rows a sync created, updated or deactivated, all kinds together. */
export function syncChangeCount(report: SyncReport): number {
  return SYNC_KINDS.reduce((n, kind) => {
    const c = report.counts[kind];
    return n + c.created + c.updated + c.deactivated;
  }, 0);
}

/** One line: `partners +1 ~0 -0, tenants …` (created, updated, deactivated). */
export function syncSummary(report: SyncReport): string {
  return SYNC_KINDS.map((kind) => {
    const c = report.counts[kind];
    return `${kind} +${c.created} ~${c.updated} -${c.deactivated}`;
  }).join(', ');
}
