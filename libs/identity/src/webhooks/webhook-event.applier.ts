import { Injectable } from '@nestjs/common';
import {
  type AppConfig,
  AppError,
  type EpochMicros,
  Group,
  InjectConfig,
  Partner,
  Tenant,
  User,
  type ScaiKeyUserStatus,
} from '@app/core';
import type { EntityManager } from 'typeorm';
import {
  IdentityMirrorService,
  type MirrorContext,
  type MirrorOutcome,
  type PartnerState,
  type TenantState,
} from '../mirror/identity-mirror.service';
import { parseStamp, tenantStatusFor } from '../mirror/mirror-rules';
import {
  groupStateOf,
  partnerStateOf,
  scaikeyStatus,
  tenantStateOf,
  userStateOf,
} from '../mirror/scaikey-records';
import { ScaiKeyClient } from '../scaikey/scaikey.client';
import {
  assignmentOf,
  entityIdOf,
  isKnownEvent,
  membershipOf,
  type ScaiKeyEventType,
  type ScaiKeyWebhookEnvelope,
  text,
} from './webhook-envelope';

/** What applying one event did. */
export interface AppliedEvent {
  readonly status: 'processed' | 'skipped';
  readonly message: string;
  /**
   * Something access or cached callers depend on changed (memberships, groups, a user's, tenant's
   * or partner's state): the RBAC cache must be retired after commit.
   */
  readonly rbacChanged: boolean;
}

const USER_STATUS_OF_EVENT: Partial<Record<ScaiKeyEventType, ScaiKeyUserStatus>> = {
  'user.suspended': 'suspended',
  'user.activated': 'active',
  'user.deleted': 'deleted',
};

function done(message: string, rbacChanged = false): AppliedEvent {
  return { status: 'processed', message, rbacChanged };
}

/**
 * A removal of something not mirrored: nothing to do, yet `processed`, because processed events are
 * the ordering record (see ScaiKeyWebhookService.superseded): a late, older `member_added` or
 * `user.created` about the same thing must find it and stay stale, not re-grant what ScaiKey removed.
 */
function alreadyGone(message: string): AppliedEvent {
  return done(`${message}; nothing to remove`);
}

function skipped(message: string): AppliedEvent {
  return { status: 'skipped', message, rbacChanged: false };
}

function described(what: string, outcome: MirrorOutcome): AppliedEvent {
  if (outcome === 'stale') return skipped(`${what}: newer state is already mirrored`);
  // A changed user, tenant or partner changes the callers built from it (status, email, partner):
  // retiring the cache also retires the callers cached per token (CallerCache).
  return done(`${what}: ${outcome}`, outcome === 'updated' || outcome === 'deactivated');
}

/**
 * The user's ScaiKey roles when the event carries them (`roles`, as ScaiKey's user record has them,
 * or a lone `role`), else undefined: an event that says nothing about roles leaves them alone.
 */
function rolesOf(data: Record<string, unknown>): string[] | undefined {
  if (Array.isArray(data.roles))
    return data.roles.filter((r): r is string => typeof r === 'string');
  return typeof data.role === 'string' ? [data.role] : undefined;
}

/** A field the event carries (even as null), or undefined when it says nothing about it. */
function field(data: Record<string, unknown>, name: string): string | null | undefined {
  if (!(name in data)) return undefined;
  return text(data[name]);
}

/**
 * Applies one ScaiKey event to the local cache, inside the caller's transaction.
 *
 * Events carry part of a record or all of it; what they carry is applied, stamped with the record's
 * `updated_at` (else the event's time) so older state never overwrites newer. When an event refers to
 * something not mirrored yet (a `member_added` before its `user.created`, a user of an unknown tenant,
 * an update whose create has not arrived), the missing record is read from ScaiKey's admin API — the
 * source of truth — and mirrored first; if ScaiKey is unreachable the event fails and is retried, and
 * if ScaiKey no longer knows the thing the event is skipped. A user first seen through an event is
 * taken as assigned to ScaiDNS (ScaiKey sends user events to the applications the user is assigned
 * to); `scaidns sync` corrects that from the application's effective users.
 */
@Injectable()
export class WebhookEventApplier {
  constructor(
    @InjectConfig() private readonly config: Pick<AppConfig, 'scaikey'>,
    private readonly scaikey: ScaiKeyClient,
    private readonly mirror: IdentityMirrorService,
  ) {}

  async apply(manager: EntityManager, envelope: ScaiKeyWebhookEnvelope): Promise<AppliedEvent> {
    const ctx: MirrorContext = {
      manager,
      actor: { type: 'webhook', id: envelope.eventId, email: null },
      extra: { event_id: envelope.eventId, event_type: envelope.eventType },
    };
    const type = envelope.eventType;
    if (!isKnownEvent(type)) return skipped(`Event type ${type} is not used by ScaiDNS`);
    switch (type) {
      case 'partner.created':
      case 'partner.updated':
      case 'partner.deleted':
        return this.partnerEvent(ctx, envelope, type === 'partner.deleted');
      case 'tenant.created':
      case 'tenant.updated':
      case 'tenant.deleted':
        return this.tenantEvent(ctx, envelope, type === 'tenant.deleted');
      case 'user.created':
      case 'user.updated':
      case 'user.deleted':
      case 'user.suspended':
      case 'user.activated':
        return this.userEvent(ctx, envelope, USER_STATUS_OF_EVENT[type]);
      case 'group.created':
      case 'group.updated':
        return this.groupEvent(ctx, envelope);
      case 'group.deleted':
        return this.groupDeleted(ctx, envelope);
      case 'group.member_added':
      case 'group.member_removed':
        return this.membershipEvent(ctx, envelope, type === 'group.member_added');
      case 'application.user_assigned':
      case 'application.user_unassigned':
        return this.assignmentEvent(ctx, envelope, type === 'application.user_assigned');
    }
  }

  // --- entities -----------------------------------------------------------------------------------

  private async partnerEvent(
    ctx: MirrorContext,
    envelope: ScaiKeyWebhookEnvelope,
    deleted: boolean,
  ): Promise<AppliedEvent> {
    const id = entityIdOf(envelope);
    if (!id) return skipped('The event names no partner');
    const found = await ctx.manager.findOne(Partner, { where: { scaikeyId: id } });
    const stamp = this.stampOf(envelope);
    if (deleted) {
      if (!found) return alreadyGone(`Partner ${id} is not mirrored`);
      return described(
        `partner ${id}`,
        await this.mirror.upsertPartner(ctx, { scaikeyId: id, status: 'deleted', stamp }),
      );
    }
    const { data } = envelope;
    let state: PartnerState = {
      scaikeyId: id,
      name: text(data.name) ?? undefined,
      slug: field(data, 'slug'),
      status: scaikeyStatus(data.status),
      stamp,
    };
    if (!found && state.name === undefined) {
      const record = await this.fetch(() => this.scaikey.getPartner(id));
      if (!record) return skipped(`ScaiKey no longer knows partner ${id}`);
      state = partnerStateOf(record);
    }
    return described(`partner ${id}`, await this.mirror.upsertPartner(ctx, state));
  }

  private async tenantEvent(
    ctx: MirrorContext,
    envelope: ScaiKeyWebhookEnvelope,
    deleted: boolean,
  ): Promise<AppliedEvent> {
    const id = entityIdOf(envelope);
    if (!id) return skipped('The event names no tenant');
    const found = await ctx.manager.findOne(Tenant, { where: { scaikeyId: id } });
    const stamp = this.stampOf(envelope);
    if (deleted) {
      if (!found) return alreadyGone(`Tenant ${id} is not mirrored`);
      return described(
        `tenant ${id}`,
        await this.mirror.upsertTenant(ctx, { scaikeyId: id, status: 'suspended', stamp }),
      );
    }
    const { data } = envelope;
    const status = scaikeyStatus(data.status);
    const partnerRef = text(data.partner_id);
    const partner = partnerRef ? await this.partner(ctx, partnerRef) : undefined;
    let state: TenantState = {
      scaikeyId: id,
      partnerId: partner === undefined ? undefined : (partner?.id ?? null),
      name: text(data.name) ?? undefined,
      slug: field(data, 'slug'),
      status: status && tenantStatusFor(status),
      stamp,
    };
    if (!found && state.name === undefined) {
      const record = await this.fetch(() => this.scaikey.getTenant(id));
      if (!record) return skipped(`ScaiKey no longer knows tenant ${id}`);
      state = tenantStateOf(record, (await this.partner(ctx, record.partner_id))?.id ?? null);
    }
    return described(`tenant ${id}`, await this.mirror.upsertTenant(ctx, state));
  }

  private async userEvent(
    ctx: MirrorContext,
    envelope: ScaiKeyWebhookEnvelope,
    statusOfEvent: ScaiKeyUserStatus | undefined,
  ): Promise<AppliedEvent> {
    const id = entityIdOf(envelope);
    if (!id) return skipped('The event names no user');
    const found = await ctx.manager.findOne(User, { where: { scaikeyId: id } });
    const { data } = envelope;
    const scaikeyStatusNow = statusOfEvent ?? scaikeyStatus(data.status);
    if (!found) {
      // A deleted user never mirrored needs no row; a later, older event about them is stale.
      if (scaikeyStatusNow === 'deleted') return alreadyGone(`User ${id} is not mirrored`);
      const email = text(data.email);
      const tenantRef = text(data.tenant_id) ?? envelope.tenantId;
      if (!email || !tenantRef) {
        const user = await this.user(ctx, id);
        return user ? done(`user ${id}: created`) : skipped(`ScaiKey no longer knows user ${id}`);
      }
      const tenant = await this.tenant(ctx, tenantRef);
      if (!tenant) return skipped(`ScaiKey no longer knows tenant ${tenantRef} of user ${id}`);
      const outcome = await this.mirror.upsertUser(ctx, {
        scaikeyId: id,
        tenantId: tenant.id,
        email,
        displayName: field(data, 'display_name') ?? null,
        scaikeyStatus: scaikeyStatusNow,
        assigned: true,
        scaikeyRoles: rolesOf(data),
        stamp: this.stampOf(envelope),
      });
      return described(`user ${id}`, outcome);
    }
    const outcome = await this.mirror.upsertUser(ctx, {
      scaikeyId: id,
      tenantId: found.tenantId,
      email: text(data.email) ?? undefined,
      displayName: field(data, 'display_name'),
      scaikeyStatus: scaikeyStatusNow,
      scaikeyRoles: rolesOf(data),
      stamp: this.stampOf(envelope),
    });
    return described(`user ${id}`, outcome);
  }

  private async groupEvent(
    ctx: MirrorContext,
    envelope: ScaiKeyWebhookEnvelope,
  ): Promise<AppliedEvent> {
    const id = entityIdOf(envelope);
    if (!id) return skipped('The event names no group');
    const found = await ctx.manager.findOne(Group, { where: { scaikeyId: id } });
    const { data } = envelope;
    if (!found) {
      const name = text(data.name);
      const tenantRef = text(data.tenant_id) ?? envelope.tenantId;
      if (!name || !tenantRef) {
        const group = await this.group(ctx, id);
        return group
          ? done(`group ${id}: created`)
          : skipped(`ScaiKey no longer knows group ${id}`);
      }
      const tenant = await this.tenant(ctx, tenantRef);
      if (!tenant) return skipped(`ScaiKey no longer knows tenant ${tenantRef} of group ${id}`);
      const outcome = await this.mirror.upsertGroup(ctx, {
        scaikeyId: id,
        tenantId: tenant.id,
        name,
        description: field(data, 'description') ?? null,
        stamp: this.stampOf(envelope),
      });
      return described(`group ${id}`, outcome);
    }
    const outcome = await this.mirror.upsertGroup(ctx, {
      scaikeyId: id,
      tenantId: found.tenantId,
      name: text(data.name) ?? undefined,
      description: field(data, 'description'),
      stamp: this.stampOf(envelope),
    });
    return described(`group ${id}`, outcome);
  }

  private async groupDeleted(
    ctx: MirrorContext,
    envelope: ScaiKeyWebhookEnvelope,
  ): Promise<AppliedEvent> {
    const id = entityIdOf(envelope);
    if (!id) return skipped('The event names no group');
    const found = await ctx.manager.findOne(Group, { where: { scaikeyId: id } });
    if (!found) return alreadyGone(`Group ${id} is not mirrored`);
    await this.mirror.removeGroup(ctx, found);
    return done(`group ${id}: deleted`, true);
  }

  // --- relations ----------------------------------------------------------------------------------

  private async membershipEvent(
    ctx: MirrorContext,
    envelope: ScaiKeyWebhookEnvelope,
    added: boolean,
  ): Promise<AppliedEvent> {
    const ref = membershipOf(envelope);
    if (!ref) return skipped('The event names no group and member');
    const what = `membership of ${ref.memberType} ${ref.memberId} in group ${ref.groupId}`;
    // Removing needs nothing from ScaiKey: what is not mirrored is not a member here either.
    const group = added
      ? await this.group(ctx, ref.groupId)
      : await ctx.manager.findOne(Group, { where: { scaikeyId: ref.groupId } });
    if (!group) {
      return added
        ? skipped(`${what}: group not known to ScaiKey`)
        : alreadyGone(`${what}: group not mirrored`);
    }
    let member: User | Group | null;
    if (ref.memberType === 'user') {
      member = added
        ? await this.user(ctx, ref.memberId)
        : await ctx.manager.findOne(User, { where: { scaikeyId: ref.memberId } });
    } else {
      member = added
        ? await this.group(ctx, ref.memberId)
        : await ctx.manager.findOne(Group, { where: { scaikeyId: ref.memberId } });
    }
    if (!member) {
      return added
        ? skipped(`${what}: member not known to ScaiKey`)
        : alreadyGone(`${what}: member not mirrored`);
    }
    const changed = await this.mirror.setMembership(ctx, group, ref.memberType, member, added);
    return done(`${what}: ${changed ? (added ? 'added' : 'removed') : 'unchanged'}`, changed);
  }

  private async assignmentEvent(
    ctx: MirrorContext,
    envelope: ScaiKeyWebhookEnvelope,
    assigned: boolean,
  ): Promise<AppliedEvent> {
    const ref = assignmentOf(envelope);
    if (!ref) return skipped('The event names no user or group');
    const ours = this.config.scaikey.applicationId;
    if (ref.applicationId && ours && ref.applicationId !== ours) {
      return skipped(`The event is about application ${ref.applicationId}, not ScaiDNS's`);
    }
    if (ref.principalType === 'user') {
      const user = await this.user(ctx, ref.principalId, assigned);
      if (!user) return skipped(`ScaiKey no longer knows user ${ref.principalId}`);
      const outcome = await this.mirror.upsertUser(ctx, {
        scaikeyId: user.scaikeyId,
        tenantId: user.tenantId,
        assigned,
        stamp: null,
      });
      return described(`assignment of user ${ref.principalId}`, outcome);
    }
    // A group's users are assigned through it: ask ScaiKey who is assigned in that tenant now.
    const group = await this.group(ctx, ref.principalId);
    if (!group) return skipped(`ScaiKey no longer knows group ${ref.principalId}`);
    const tenant = await ctx.manager.findOneOrFail(Tenant, { where: { id: group.tenantId } });
    const changes = await this.reconcileAssignments(ctx, tenant);
    return done(
      `assignment of group ${ref.principalId}: ${changes} user(s) of tenant ${tenant.scaikeyId} changed`,
      changes > 0,
    );
  }

  /** Sets `assigned` on the tenant's users from ScaiKey's effective users; returns how many changed. */
  private async reconcileAssignments(ctx: MirrorContext, tenant: Tenant): Promise<number> {
    const effective = await this.scaikey.effectiveUsers(tenant.scaikeyId);
    const assignedIds = new Set(effective.map((u) => u.id));
    const local = await ctx.manager.find(User, { where: { tenantId: tenant.id } });
    const known = new Set(local.map((u) => u.scaikeyId));
    const outcomes: MirrorOutcome[] = [];
    for (const record of effective) {
      if (!known.has(record.id)) {
        outcomes.push(await this.mirror.upsertUser(ctx, userStateOf(record, tenant.id, true)));
      }
    }
    for (const user of local) {
      const assigned = assignedIds.has(user.scaikeyId);
      const state = { scaikeyId: user.scaikeyId, tenantId: tenant.id, assigned, stamp: null };
      outcomes.push(await this.mirror.upsertUser(ctx, state));
    }
    return outcomes.filter((o) => o !== 'unchanged' && o !== 'stale').length;
  }

  // --- references, mirrored from ScaiKey on first sight -------------------------------------------

  private async partner(ctx: MirrorContext, scaikeyId: string): Promise<Partner | null> {
    const found = await ctx.manager.findOne(Partner, { where: { scaikeyId } });
    if (found) return found;
    const record = await this.fetch(() => this.scaikey.getPartner(scaikeyId));
    if (!record) return null;
    await this.mirror.upsertPartner(ctx, partnerStateOf(record));
    return ctx.manager.findOne(Partner, { where: { scaikeyId } });
  }

  private async tenant(ctx: MirrorContext, scaikeyId: string): Promise<Tenant | null> {
    const found = await ctx.manager.findOne(Tenant, { where: { scaikeyId } });
    if (found) return found;
    const record = await this.fetch(() => this.scaikey.getTenant(scaikeyId));
    if (!record) return null;
    const partner = await this.partner(ctx, record.partner_id);
    await this.mirror.upsertTenant(ctx, tenantStateOf(record, partner?.id ?? null));
    return ctx.manager.findOne(Tenant, { where: { scaikeyId } });
  }

  /** The mirrored user, mirroring them first (`assigned` for a new row) when needed. */
  private async user(ctx: MirrorContext, scaikeyId: string, assigned = true): Promise<User | null> {
    const found = await ctx.manager.findOne(User, { where: { scaikeyId } });
    if (found) return found;
    const record = await this.fetch(() => this.scaikey.getUser(scaikeyId));
    if (!record) return null;
    const tenant = await this.tenant(ctx, record.tenant_id);
    if (!tenant) return null;
    await this.mirror.upsertUser(ctx, userStateOf(record, tenant.id, assigned));
    return ctx.manager.findOne(User, { where: { scaikeyId } });
  }

  private async group(ctx: MirrorContext, scaikeyId: string): Promise<Group | null> {
    const found = await ctx.manager.findOne(Group, { where: { scaikeyId } });
    if (found) return found;
    const record = await this.fetch(() => this.scaikey.getGroup(scaikeyId));
    if (!record) return null;
    const tenant = await this.tenant(ctx, record.tenant_id);
    if (!tenant) return null;
    await this.mirror.upsertGroup(ctx, groupStateOf(record, tenant.id));
    return ctx.manager.findOne(Group, { where: { scaikeyId } });
  }

  /** A ScaiKey read; null when ScaiKey answers 404. Anything else fails the event (it is retried). */
  private async fetch<T>(read: () => Promise<T>): Promise<T | null> {
    try {
      return await read();
    } catch (error) {
      if (error instanceof AppError && error.code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /** The record's own `updated_at` when the event carries it, else when the event was emitted. */
  private stampOf(envelope: ScaiKeyWebhookEnvelope): EpochMicros {
    return parseStamp(envelope.data.updated_at) ?? envelope.timestamp;
  }
}
