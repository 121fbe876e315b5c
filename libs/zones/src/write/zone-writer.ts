import { Injectable, Logger } from '@nestjs/common';
import { type AuditEntryInput, AuditService } from '@app/audit';
import {
  type AppConfig,
  AppError,
  type AuditLog,
  errorMessage,
  InjectConfig,
  type IntentRRSet,
  Metrics,
  RequestContext,
  settledOutcome,
} from '@app/core';
import type { ZoneAccess } from '@app/identity';
import { PdnsClient, PdnsInvalidContentError, type PdnsRRSetChange } from '@app/pdns-client';
import {
  PdnsZonePatcher,
  PdnsZoneUpdater,
  type UpdateRRSet,
  type ZoneUpdateOutcome,
} from '@app/pdns-client/zone-patch';
import type { TtlBounds } from '../content/ttl';
import { SecondaryTransfers } from '../secondaries/secondary-transfers';
import { ZoneBaselines } from '../baseline/zone-baselines';
import { INTENT_RRSETS_KEPT, isAmbiguous, pdnsHolds } from './commit-outcome';
import { type RecordStamps, ZoneCommitLog } from './zone-commit-log';
import { zoneFailure } from './zone-failure';
import { type ZoneLease, ZoneLock, type ZoneLockGrant } from './zone-lock';
import {
  rrsetAfter,
  toWorking,
  type WorkingRRSet,
  type ZonePolicy,
  ZoneWorkingSet,
} from './zone-working-set';

/**
 * One change to a zone: the absolute names it reads or writes, what it does to them, and the audit
 * entries it owes once it has happened. `apply` may throw an AppError to refuse the change (a
 * conflict, a missing record); it must not do I/O, and it may run more than once (a commit PowerDNS
 * refuses is retried change by change).
 */
export interface ZoneChange<T, P = undefined> {
  readonly names: readonly string[];
  /** Every name the zone holds is read too (a replacing import), not just `names`. */
  readonly wholeZone?: boolean;
  /**
   * The zone is read from PowerDNS, whatever this process has cached: for a change that undoes an
   * edit made behind ScaiDNS's back (a drift revert), which a cached copy can't have seen. Every
   * process reads the zone afresh after it, too.
   */
  readonly fresh?: boolean;
  /**
   * What `apply` needs read first (a record's id pins, say): read while the writer takes the zone's
   * lock and loads the zone, and handed to `apply`. A rejection refuses this change alone.
   */
  readonly prepared?: Promise<P>;
  apply(zone: ZoneWorkingSet, prepared: P): T;
  /** The change's audit entries, from what `apply` returned (durable before PowerDNS is asked). */
  audit?(result: T): AuditEntryInput[];
}

/** How long a failed PATCH's outcome is looked for by reading the zone back (then the intent waits). */
const READ_BACK_DELAYS_MS = [0, 100, 300, 700, 1500, 3000];

interface Pending {
  readonly change: ZoneChange<unknown, unknown>;
  readonly policy: ZonePolicy;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  result?: unknown;
}

interface ZoneQueue {
  pending: Pending[];
  running: boolean;
  /** The last commit's size and duration, for gathering the next batch (see `gather`). */
  lastBatch?: number;
  lastCommitMs?: number;
  /** The last commit went by RFC 2136 update: its cost grows with its size, gathering saves nothing. */
  lastUpdated?: boolean;
  /** Ends a gathering wait early. */
  wake?: () => void;
}

/**
 * Gathering: a commit slower than GATHER_AFTER_MS (a signed zone's PATCH: PowerDNS rectifies the whole
 * zone in each, whatever its size) costs about as much for one change as for thirty, and the
 * writers the previous commit answered come back within a few milliseconds. So before such a zone's
 * next commit the writer waits a quarter of the last commit's time (at most GATHER_MAX_MS), or until
 * twice the last batch is queued, and commits them together. A lone writer (last batch of one),
 * fast commits and commits by RFC 2136 update (whose cost grows with their size) never wait.
 */
const GATHER_AFTER_MS = 40;
const GATHER_SHARE = 0.25;
const GATHER_MAX_MS = 20;

/** How long a zone writer keeps its lock across commits while changes keep coming (see `handOver`). */
const LEASE_MAX_MS = 200;

/**
 * What a commit leaves to do once the lock is handed on: whether it went by RFC 2136 update, and its
 * settlement (true when the intent is settled; false: left open, and the log entry says so).
 */
interface CommitOutcome {
  readonly updated: boolean;
  readonly settled: Promise<boolean>;
}

/** A commit that leaves no settlement to wait for (nothing reached PowerDNS, or it is settled). */
const NOTHING_TO_SETTLE: CommitOutcome = { updated: false, settled: Promise.resolve(true) };

/** A commit's intent still to be written (see ZoneWriter's `unrecorded`). */
interface OwedIntent {
  readonly intent: string;
  readonly after: readonly WorkingRRSet[];
  readonly entries: readonly AuditLog[];
  readonly committedBefore: readonly string[];
}

/** The first and longest wait between attempts to write an owed intent. */
const OWED_RETRY_MS = 250;
const OWED_RETRY_MAX_MS = 5000;

/** A zone's rrsets (by lower-case name, then type) as of a SOA serial. */
interface ZoneState {
  serial: number;
  /** The zone's write stamp (see ZoneLock) this state is current for. */
  stamp: string;
  /** When PowerDNS last confirmed the serial (ms since the epoch). */
  verifiedAt: number;
  readonly names: Map<string, Map<string, WorkingRRSet>>;
}

/**
 * Zones whose state one process keeps, and owner names they may hold together; the least recently
 * written go first beyond either (the zone just written always stays).
 */
const CACHED_ZONES = 64;
const CACHED_NAMES = 250_000;
/** A commit changing more rrsets than this is not logged: other processes read the zone again. */
const MAX_LOGGED_RRSETS = 1000;

/**
 * The one writer of zones: the only code that sends PowerDNS's PATCH (the layering check refuses any
 * other importer of it). Every change to a zone's rrsets — records, imports, PTRs, the platform's
 * NS/SOA rewrite — joins the zone's queue; one commit at a time per zone runs under a Redis lock (so
 * across processes too), takes everything queued so far, applies each change in order to what
 * PowerDNS holds, checks each against its actor's access and the rrset rules (ZoneWorkingSet), and
 * sends the accepted ones as ONE PATCH (one backend transaction, one SOA serial step). Each caller
 * gets its own result, after the PATCH is committed; a refused change fails alone. Under load, changes
 * that arrive while a commit runs are coalesced into the next one (group commit); alone, a change
 * commits at once.
 *
 * What PowerDNS holds is cached per process and kept current without reading the zone: other
 * processes' commits are replayed from the zone's log (ZoneLock), and PowerDNS's SOA serial is
 * checked at most every ZONE_STATE_RECHECK_MS to catch edits made outside ScaiDNS. Creating,
 * removing or re-creating a zone runs through `exclusive`, which every process's cache notices.
 */
@Injectable()
export class ZoneWriter {
  private readonly logger = new Logger(ZoneWriter.name);
  private readonly queues = new Map<string, ZoneQueue>();
  private readonly states = new Map<string, ZoneState>();
  /** Zones whose last commit's intent this process could not settle: settle before writing again. */
  private readonly unsettled = new Set<string>();
  /** Intents whose INSERT failed where the change may stand (see `unrecorded`), by zone. */
  private readonly owed = new Map<string, OwedIntent[]>();
  /**
   * Intents whose PATCH committed and whose settlement is not confirmed yet, by zone. Every later
   * intent of the zone lists them (ZoneCommitIntent's committed_before), so they are settled as
   * having happened whatever PowerDNS holds by then: the next commit may already have changed the
   * same rrsets (see `handOver`).
   */
  private readonly happened = new Map<string, Set<string>>();
  /** The zone's latest settlement: a zone's settlements are written in order (see `settleInTurn`). */
  private readonly settlements = new Map<string, Promise<boolean>>();
  /** Zones whose SOA serial this process found moved by an edit outside ScaiDNS (see ZoneLogEntry). */
  private readonly outsideEdits = new Set<string>();
  private readonly recheckMs: number;
  private readonly ttl: TtlBounds;
  /** PowerDNS's PATCH: this class alone holds it. */
  private readonly patcher: PdnsZonePatcher;
  /** RFC 2136 updates for signed zones (PDNS_DNS_UPDATE_ADDRESS); null: PATCH only. */
  private readonly updater: PdnsZoneUpdater | null;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly pdns: PdnsClient,
    private readonly lock: ZoneLock,
    private readonly intents: ZoneCommitLog,
    private readonly audit: AuditService,
    private readonly metrics: Metrics,
    private readonly transfers: SecondaryTransfers,
    private readonly baselines: ZoneBaselines,
  ) {
    this.patcher = new PdnsZonePatcher(pdns);
    const dnsUpdate = config.pdns.dnsUpdate;
    this.updater = dnsUpdate
      ? new PdnsZoneUpdater(pdns, {
          host: dnsUpdate.address.host,
          port: dnsUpdate.address.port,
          keyName: dnsUpdate.keyName,
          allowFrom: dnsUpdate.allowFrom,
          timeoutMs: config.pdns.timeoutMs,
        })
      : null;
    this.recheckMs = config.records.zoneStateRecheckMs;
    this.ttl = { min: config.records.ttlMin, max: config.records.ttlMax };
  }

  /**
   * Commits `change` to the zone `access` is about, as `access`'s actor may: answered once PowerDNS
   * has committed it, with what `apply` returned.
   */
  submit<T, P = undefined>(access: ZoneAccess, change: ZoneChange<T, P>): Promise<T> {
    // Awaited in the commit; until then (or if the change never gets there) a rejection is handled.
    change.prepared?.catch(() => undefined);
    const zoneId = access.domain.pdnsZoneId;
    if (!zoneId) {
      return Promise.reject(
        AppError.conflict(`Domain is ${access.domain.status}: it has no zone in PowerDNS yet`),
      );
    }
    const policy: ZonePolicy = { zone: access.domain.name, access, ttl: this.ttl };
    return new Promise<T>((resolve, reject) => {
      const queue = this.queues.get(zoneId) ?? { pending: [], running: false };
      this.queues.set(zoneId, queue);
      queue.pending.push({ change, policy, resolve: resolve as (v: unknown) => void, reject });
      if (queue.wake && queue.pending.length >= 2 * (queue.lastBatch ?? 1)) queue.wake();
      if (!queue.running) void this.drain(zoneId, queue);
    });
  }

  /**
   * Runs `work` (creating, removing or re-creating the zone in PowerDNS) under the zone's lock, then
   * makes every process read the zone afresh before its next write: a cached copy from before would
   * otherwise write back rrsets of the zone's earlier life.
   */
  async exclusive<T>(
    zoneId: string,
    work: () => Promise<T>,
    options: { settleFirst?: boolean } = {},
  ): Promise<T> {
    return this.lock.hold(zoneId, async (grant) => {
      this.states.delete(zoneId);
      try {
        if (options.settleFirst !== false) await this.settleLeftovers(zoneId);
        return await work();
      } finally {
        this.states.delete(zoneId);
        this.updater?.forget(zoneId);
        grant.publish({ serialSteps: 0, changes: null });
      }
    });
  }

  /**
   * Runs `work` (reads only: it must not write the zone) under the zone's lock, once whatever an
   * earlier writer left open is settled: a drift scan's look at the zone and its baseline can't
   * catch a commit halfway. Every process's copy of the zone stays good (an empty log entry).
   */
  async whileLocked<T>(zoneId: string, work: () => Promise<T>): Promise<T> {
    return this.lock.hold(zoneId, async (grant) => {
      grant.publish({ serialSteps: 0, changes: [] });
      if ((await this.settleLeftovers(zoneId)) > 0) this.states.delete(zoneId);
      return work();
    });
  }

  private async drain(zoneId: string, queue: ZoneQueue): Promise<void> {
    queue.running = true;
    let lease: ZoneLease | null = null;
    try {
      while (queue.pending.length > 0) {
        await gather(queue);
        const batch = queue.pending.splice(0, queue.pending.length);
        const started = performance.now();
        // Answers go out once the commit's log entry is in Redis (the lock renewed or released), so
        // a read its writers make next, in any process, finds it (ZoneReadSync), and once its
        // settlement is written, so the audit log they read next holds their entries.
        const answers: (() => void)[] = [];
        const deferred = batch.map((p) => ({
          ...p,
          resolve: (value: unknown) => answers.push(() => p.resolve(value)),
          reject: (error: unknown) => answers.push(() => p.reject(error)),
        }));
        let outcome: CommitOutcome | null = null;
        let failure: { error: unknown } | null = null;
        try {
          lease ??= await this.lock.take(zoneId);
          outcome = await this.commit(zoneId, deferred, lease.grant);
        } catch (error) {
          failure = { error };
        }
        lease = await this.handOver(zoneId, lease, queue, outcome);
        const answer = () => {
          for (const each of answers) each();
          if (failure) for (const p of batch) p.reject(failure.error);
        };
        if (outcome) void outcome.settled.then(answer);
        else answer();
        queue.lastBatch = batch.length;
        queue.lastCommitMs = performance.now() - started;
        queue.lastUpdated = outcome?.updated ?? false;
      }
    } finally {
      if (lease) {
        await this.settlements.get(zoneId);
        await lease.release();
      }
      queue.running = false;
      if (queue.pending.length === 0) this.queues.delete(zoneId);
      else void this.drain(zoneId, queue);
    }
  }

  /**
   * After a commit: keeps the lock for the changes queued meanwhile (a renewal: one round trip where
   * letting go and taking it again are two, and no other writer's turn between), or lets it go once
   * every settlement of the zone is written. A renewed lease's next commit does not wait for the
   * settlement: its PATCH goes while the settlement is written (the settlement's intent is listed in
   * the next intent, see `happened`). A lease is renewed for LEASE_MAX_MS at most, and not at all once
   * a writer in another process waits (see ZoneLock's `acquire`). Null: the lock is no longer held.
   */
  private async handOver(
    zoneId: string,
    lease: ZoneLease | null,
    queue: ZoneQueue,
    outcome: CommitOutcome | null,
  ): Promise<ZoneLease | null> {
    if (!lease) return null;
    if (
      outcome !== null &&
      queue.pending.length > 0 &&
      performance.now() - lease.since < LEASE_MAX_MS
    ) {
      // Should the settlement fail, the log entry just written says otherwise; but the holders
      // until the lock is let go are this process, whose next commit after the failure reads the
      // zone and settles what is open first (`unsettled`), the failed one as having happened.
      const renewed = await lease.renew();
      if (renewed === 'renewed') return lease;
      if (renewed === 'lost') return null;
      // Another process waits for the lock: it goes to that one now.
    }
    await this.settlements.get(zoneId);
    await lease.release();
    return null;
  }

  /**
   * Settles a commit whose PATCH committed, after the zone's settlements before it: a later commit's
   * intent is never settled (and its list of what happened before it gone) while an earlier one is
   * open. Until it is settled, the intent counts among those that happened (`happened`). False when
   * it stays open: MariaDB refused it, or an earlier one (then the next writer settles both).
   */
  private settleInTurn(
    zoneId: string,
    intent: string,
    settle: () => Promise<boolean>,
  ): Promise<boolean> {
    const happened = this.happened.get(zoneId) ?? new Set<string>();
    this.happened.set(zoneId, happened);
    happened.add(intent);
    const before = this.settlements.get(zoneId) ?? Promise.resolve(true);
    const settled = before.then(async (ok) => {
      const done = ok && (await settle());
      if (done) happened.delete(intent);
      if (happened.size === 0 && this.happened.get(zoneId) === happened) {
        this.happened.delete(zoneId);
      }
      if (this.settlements.get(zoneId) === settled) this.settlements.delete(zoneId);
      return done;
    });
    this.settlements.set(zoneId, settled);
    return settled;
  }

  /**
   * Settles intents a crash or an outage left open for zones nobody has written since (the worker's
   * sweep): each under its zone's lock, against what PowerDNS holds. Returns how many it settled.
   */
  async settleStale(ageMs: number): Promise<number> {
    let settled = 0;
    for (const zoneId of await this.intents.staleZones(ageMs)) {
      settled += await this.lock.hold(zoneId, async (grant) => {
        this.states.delete(zoneId);
        grant.publish({ serialSteps: 0, changes: null });
        return this.settleLeftovers(zoneId);
      });
    }
    return settled;
  }

  /**
   * Under the zone's lock: apply the batch, commit its audit intent, send one PATCH, settle the
   * intent by PowerDNS's answer (or, when no answer came, by reading the zone back); isolate a
   * change PowerDNS refuses.
   */
  private async commit(
    zoneId: string,
    batch: Pending[],
    grant: ZoneLockGrant,
  ): Promise<CommitOutcome> {
    const fresh = batch.some((p) => p.change.fresh === true);
    if (fresh) {
      this.states.delete(zoneId);
      this.outsideEdits.add(zoneId);
    }
    const [{ zone, state }, prepared] = await Promise.all([
      this.load(
        zoneId,
        batch.flatMap((p) => p.change.names),
        batch.some((p) => p.change.wholeZone === true),
        grant,
      ),
      Promise.all(batch.map((p) => settledOutcome(p.change.prepared))),
    ]);
    const accepted: Pending[] = [];
    for (const [i, p] of batch.entries()) {
      const ready = prepared[i];
      if ('error' in ready) {
        p.reject(ready.error);
        continue;
      }
      try {
        p.result = zone.attempt((ws) => p.change.apply(ws, ready.value), p.policy);
        accepted.push(p);
      } catch (error) {
        p.reject(error);
      }
    }
    const changes = zone.changes();
    const outsideEdit = this.outsideEdits.delete(zoneId) || undefined;
    grant.publish({ serialSteps: 0, changes: [], outsideEdit });
    if (changes.length === 0) {
      // Nothing for PowerDNS to do (an import of what the zone holds): the entries are written now.
      await this.recordUnchanged(accepted);
      return NOTHING_TO_SETTLE;
    }
    const after = changes.map((change) => rrsetAfter(change));
    const stamps: RecordStamps = {
      domainId: batch[0].policy.access.domain.id,
      at: zone.now,
      changes: zone.contentChanges(),
    };
    let entries: ReturnType<AuditService['build']>;
    let intent: { id: string; committed: Promise<void> };
    const committedBefore = [...(this.happened.get(zoneId) ?? [])];
    const opened = performance.now();
    try {
      entries = this.audit.build(accepted.flatMap((p) => p.change.audit?.(p.result) ?? []));
      // The intent's INSERT is on its way to MariaDB before PowerDNS is asked, and the two commit
      // side by side; the answer waits for both. Should the intent fail where PowerDNS committed,
      // the change is undone (see `unrecorded`): no change stands without its entries, nor without
      // its place in the zone's baseline (a commit that owes no entries has an intent too).
      intent = await this.intents.begin(zoneId, after, entries, committedBefore);
    } catch (error) {
      for (const p of accepted) p.reject(error);
      return NOTHING_TO_SETTLE;
    }
    const plan = this.updatePlan(batch[0].policy, state, changes);
    const [outcome, unrecorded] = await Promise.all([
      this.send(zoneId, batch[0].policy.zone, changes, after, plan),
      intent.committed.then(
        () => {
          this.auditWritten(opened);
          return null;
        },
        (error: unknown) => ({ error }),
      ),
    ]);
    if (unrecorded) {
      await this.unrecorded(
        zoneId,
        { intent: intent.id, after, entries, committedBefore },
        outcome,
        state,
        grant,
      );
      for (const p of accepted) p.reject(unrecorded.error);
      return NOTHING_TO_SETTLE;
    }
    this.metrics.zoneCommits.labels(outcome.kind).inc();
    if (outcome.kind === 'committed') {
      this.metrics.zoneCommitBatch.observe(accepted.length);
      this.apply(state, after, 1);
      state.stamp = grant.stamp;
      this.touch(zoneId, state);
      // Settled before the answer (see `drain`), so whoever reads the audit log next sees the
      // entries. Should MariaDB refuse now, the answer still stands: the intent is durable, the log
      // entry says it is open, and the next writer settles it first.
      const entry = {
        serialSteps: 1,
        changes: after.length > MAX_LOGGED_RRSETS ? null : after,
        outsideEdit,
      };
      grant.publish(entry);
      const settled = this.settleInTurn(zoneId, intent.id, () =>
        this.settle(zoneId, intent.id, entries, stamps, after),
      ).then((ok) => {
        if (!ok) grant.publish({ ...entry, unsettled: true });
        return ok;
      });
      for (const p of accepted) p.resolve(p.result);
      this.transfers.zoneChanged(batch[0].policy.zone);
      return { updated: outcome.updated, settled };
    }
    this.states.delete(zoneId);
    if (outcome.kind === 'unknown') {
      // Nobody can tell yet whether PowerDNS applied it: the intent stays, and the next write to
      // this zone (or the worker's sweep) settles it against what PowerDNS then holds.
      this.unsettled.add(zoneId);
      grant.publish({ serialSteps: 0, changes: null, unsettled: true });
      const failure = AppError.upstream(
        `PowerDNS did not answer (${outcome.reason}); whether the change was applied will be settled from what PowerDNS holds`,
        outcome.error,
      );
      for (const p of accepted) p.reject(failure);
      return NOTHING_TO_SETTLE;
    }
    await this.settle(zoneId, intent.id, null);
    if (outcome.error instanceof PdnsInvalidContentError && accepted.length > 1) {
      // One change PowerDNS refuses must not sink the others: commit them one by one. Several
      // PATCHes under one stamp: other processes read the zone again rather than replay them.
      for (const p of accepted) await (await this.commit(zoneId, [p], grant)).settled;
      grant.publish({ serialSteps: 0, changes: null });
      this.states.delete(zoneId);
      return NOTHING_TO_SETTLE;
    }
    grant.publish({ serialSteps: 0, changes: null });
    const failure = zoneFailure('write the change to PowerDNS', outcome.error);
    for (const p of accepted) p.reject(failure);
    return NOTHING_TO_SETTLE;
  }

  /**
   * The intent's INSERT failed while PowerDNS was asked. Where PowerDNS refused, nothing happened.
   * Where it committed, the change is undone by PATCHing back what the zone held, so it does not
   * stand without its entries; where that fails too, or PowerDNS's answer was lost, the intent is
   * owed: written again in the background until MariaDB takes it, and before this process writes
   * the zone again. Every process reads the zone afresh and settles what is open before its next
   * write (a failed INSERT may yet have committed: it is then settled as not applied).
   */
  private async unrecorded(
    zoneId: string,
    owed: OwedIntent,
    outcome: { kind: 'committed' | 'refused' | 'unknown' },
    state: ZoneState,
    grant: ZoneLockGrant,
  ): Promise<void> {
    this.states.delete(zoneId);
    this.unsettled.add(zoneId);
    grant.publish({ serialSteps: 0, changes: null, unsettled: true });
    if (outcome.kind === 'refused') return;
    if (outcome.kind === 'committed') {
      try {
        await this.patcher.patchRRSets(zoneId, undoing(owed.after, state));
        this.logger.warn(
          `the audit intent of a commit to ${zoneId} could not be written: the change was undone`,
        );
        return;
      } catch (error) {
        this.logger.error(
          `the audit intent of a commit to ${zoneId} could not be written and the change could not be undone (${errorMessage(error)}): the intent is written once MariaDB takes it`,
        );
      }
    }
    this.owe(zoneId, owed);
  }

  /** Keeps `owed` until MariaDB takes it, retrying in the background (see `unrecorded`). */
  private owe(zoneId: string, owed: OwedIntent): void {
    const list = this.owed.get(zoneId) ?? [];
    list.push(owed);
    this.owed.set(zoneId, list);
    const retry = (delay: number) => {
      const timer = setTimeout(() => {
        this.payOwed(zoneId).catch(() => retry(Math.min(delay * 2, OWED_RETRY_MAX_MS)));
      }, delay);
      timer.unref();
    };
    retry(OWED_RETRY_MS);
  }

  /** Writes the zone's owed intents; throws while MariaDB refuses them. */
  private async payOwed(zoneId: string): Promise<void> {
    const list = this.owed.get(zoneId) ?? [];
    while (list.length > 0) {
      const owed = list[0];
      await this.intents.reopen(
        owed.intent,
        zoneId,
        owed.after,
        owed.entries,
        owed.committedBefore,
      );
      list.shift();
      this.logger.warn(`wrote the owed audit intent ${owed.intent} of ${zoneId}`);
    }
    this.owed.delete(zoneId);
  }

  /** An audit write (the intent, or its settlement) that began at `started` is durable now. */
  private auditWritten(started: number): void {
    const ms = performance.now() - started;
    RequestContext.addTiming('audit', ms);
    this.metrics.auditWriteDuration.observe(ms / 1000);
  }

  /** Accepted changes that changed nothing: their entries go straight to the audit log. */
  private async recordUnchanged(accepted: readonly Pending[]): Promise<void> {
    await Promise.all(
      accepted.map(async (p) => {
        try {
          await Promise.all((p.change.audit?.(p.result) ?? []).map((e) => this.audit.append(e)));
          p.resolve(p.result);
        } catch (error) {
          p.reject(error);
        }
      }),
    );
  }

  /**
   * Which way a commit goes to PowerDNS. A signed zone's change goes by RFC 2136 update when it can:
   * a PATCH of a zone with api_rectify rebuilds the NSEC data of the whole zone (on a 10k-record
   * zone, 14x an unsigned PATCH), an update only that of the names it touches. An update can't carry
   * disabled records (nor leave them in place when it replaces an rrset), nor the apex's SOA and NS
   * (RFC 2136 §3.4.2 keeps those): such commits, unsigned zones, and contents without an exact wire
   * form go by PATCH. Null: PATCH.
   */
  private updatePlan(
    policy: ZonePolicy,
    state: ZoneState,
    changes: readonly PdnsRRSetChange[],
  ): UpdateRRSet[] | null {
    if (!this.updater || !policy.access.domain.dnssecEnabled) return null;
    const apex = `${policy.zone.toLowerCase().replace(/\.$/, '')}.`;
    const plan: UpdateRRSet[] = [];
    for (const change of changes) {
      const name = change.name.toLowerCase();
      const type = change.type.toUpperCase();
      if (type === 'SOA' || (type === 'NS' && name === apex)) return null;
      const before = state.names.get(name)?.get(type);
      const after = rrsetAfter(change);
      if ([...(before?.records ?? []), ...after.records].some((r) => r.disabled)) return null;
      plan.push({
        name,
        type,
        ttl: after.ttl,
        records: after.records.map((r) => r.content),
        exists: before !== undefined,
      });
    }
    return plan;
  }

  /**
   * Sends the commit: by update when there is a plan and PowerDNS applies it, else by PATCH. An
   * ambiguous failure of either is resolved by reading the zone back.
   */
  private async send(
    zoneId: string,
    zone: string,
    changes: readonly PdnsRRSetChange[],
    after: readonly IntentRRSet[],
    plan: readonly UpdateRRSet[] | null,
  ): Promise<
    | { kind: 'committed'; updated: boolean }
    | { kind: 'refused'; error: unknown }
    | { kind: 'unknown'; error: unknown; reason: string }
  > {
    const updated = plan && this.updater ? await this.updater.update(zoneId, zone, plan) : null;
    if (updated) {
      this.metrics.zoneUpdates.labels(updated.kind.replace('-', '_')).inc();
      const settled = await this.updateSettled(zoneId, updated, after);
      if (settled?.kind === 'committed') return { kind: 'committed', updated: true };
      if (settled) return settled;
    }
    try {
      await this.patcher.patchRRSets(zoneId, changes);
      return { kind: 'committed', updated: false };
    } catch (error) {
      if (!isAmbiguous(error)) return { kind: 'refused', error };
      const reason = errorMessage(error);
      const held = await this.readBack(zoneId, after, `PATCH failed ambiguously (${reason})`);
      if (held === undefined) return { kind: 'unknown', error, reason };
      return held ? { kind: 'committed', updated: false } : { kind: 'refused', error };
    }
  }

  /** What an update's outcome settles; null: nothing was applied, a PATCH follows. */
  private async updateSettled(
    zoneId: string,
    updated: ZoneUpdateOutcome,
    after: readonly IntentRRSet[],
  ): Promise<{ kind: 'committed' } | { kind: 'unknown'; error: unknown; reason: string } | null> {
    if (updated.kind === 'committed') return updated;
    if (updated.kind === 'not-applied') {
      this.logger.warn(
        `update of ${zoneId} not applied (${updated.reason}): sending a PATCH; its changes go by PATCH for a minute`,
      );
      return null;
    }
    const held = await this.readBack(zoneId, after, `update got ${updated.reason}`);
    if (held === undefined)
      return { kind: 'unknown', error: updated.error, reason: updated.reason };
    return held ? { kind: 'committed' } : null;
  }

  /**
   * Whether PowerDNS holds `after`, read back for a while after a write whose outcome is unknown;
   * undefined when PowerDNS could not be read (the intent then waits for the next writer).
   */
  private async readBack(
    zoneId: string,
    after: readonly IntentRRSet[],
    what: string,
  ): Promise<boolean | undefined> {
    for (const delay of READ_BACK_DELAYS_MS) {
      if (delay > 0) await new Promise((r) => setTimeout(r, delay));
      try {
        const zone = await this.pdns.getZone(zoneId, { rrsets: true });
        const held = pdnsHolds(zone.rrsets ?? [], after);
        this.logger.warn(`${what} for ${zoneId}; read back: ${held ? 'committed' : 'not applied'}`);
        return held;
      } catch {
        // PowerDNS is still away: try again, then leave it to the next writer.
      }
    }
    return undefined;
  }

  /**
   * Settles an intent: `entries` (the change happened) join the audit log, or (null) the intent
   * just goes. True when that is done; false (logged, and the zone marked) when MariaDB refused, so
   * the next write settles it first.
   */
  private async settle(
    zoneId: string,
    intent: string,
    entries: ReturnType<AuditService['build']> | null,
    stamps: RecordStamps | null = null,
    after: readonly IntentRRSet[] = [],
  ): Promise<boolean> {
    const started = performance.now();
    try {
      if (entries) {
        await this.intents.committed(intent, entries, stamps, { zoneId, rrsets: after });
      } else await this.intents.aborted(intent);
      this.auditWritten(started);
      return true;
    } catch (error) {
      this.unsettled.add(zoneId);
      this.logger.warn(
        `could not settle zone commit ${intent} of ${zoneId}: ${errorMessage(error)}`,
      );
      return false;
    }
  }

  /**
   * Settles every intent left open for the zone against what PowerDNS holds now (nobody has written
   * the zone since: callers hold its lock, and every writer settles before writing). Throws when that
   * can't be done, so no new commit buries an unsettled one.
   */
  private async settleLeftovers(zoneId: string, held?: readonly WorkingRRSet[]): Promise<number> {
    // This process's own settlements go first, in order (they may be under way: see `handOver`).
    await this.settlements.get(zoneId);
    await this.payOwed(zoneId);
    const open = await this.intents.openFor(zoneId);
    if (open.length > 0) {
      // What happened for certain: this process saw the PATCH commit, or a later intent says so.
      const known = new Set([
        ...(this.happened.get(zoneId) ?? []),
        ...open.flatMap((intent) => intent.committedBefore),
      ]);
      const rrsets = held ?? (await this.readRRSets(zoneId));
      for (const intent of open) {
        const happened =
          known.has(intent.id) || (rrsets !== null && pdnsHolds(rrsets, intent.rrsets));
        if (happened) {
          await this.intents.committed(intent.id, intent.entries, null, {
            zoneId,
            rrsets: intent.rrsets,
          });
          // An intent keeps only part of a very large commit: the rest of the zone's baseline is
          // taken again from PowerDNS by the next drift scan.
          if (intent.rrsets.length >= INTENT_RRSETS_KEPT) await this.baselines.invalidate(zoneId);
        } else await this.intents.aborted(intent.id);
        this.logger.warn(
          `settled zone commit ${intent.id} of ${zoneId} left open since ${intent.createdAt.toISOString()}: ${happened ? 'committed' : 'not applied'}`,
        );
      }
    }
    this.unsettled.delete(zoneId);
    this.happened.delete(zoneId);
    return open.length;
  }

  /** The zone's rrsets; null when PowerDNS no longer has the zone. */
  private async readRRSets(zoneId: string): Promise<WorkingRRSet[] | null> {
    try {
      return toWorking((await this.pdns.getZone(zoneId, { rrsets: true })).rrsets ?? []);
    } catch (error) {
      if ((error as { code?: string }).code === 'NOT_FOUND') return null;
      throw error;
    }
  }

  /**
   * The rrsets at the batch's names, from the cached state when it is current, else from the whole
   * zone. Current: the write stamp the lock holder before us left is the one the state carries, or
   * the state catches up to it by replaying the zone's log; and PowerDNS confirmed the SOA serial less
   * than ZONE_STATE_RECHECK_MS ago, or confirms it now (one cheap GET). Whole, not filtered by name:
   * PowerDNS 4.7 leaves disabled records out of a GET filtered with `rrset_name`, and a REPLACE built
   * from that would silently drop them.
   */
  private async load(
    zoneId: string,
    names: readonly string[],
    wholeZone: boolean,
    grant: ZoneLockGrant,
  ): Promise<{ zone: ZoneWorkingSet; state: ZoneState }> {
    try {
      const state = (await this.current(zoneId, grant)) ?? (await this.read(zoneId, grant));
      const unique = [
        ...new Set([
          ...names.map((n) => n.toLowerCase()),
          ...(wholeZone ? state.names.keys() : []),
        ]),
      ];
      const rrsets = unique.flatMap((name) => [...(state.names.get(name)?.values() ?? [])]);
      return { zone: ZoneWorkingSet.of(rrsets, unique, state.serial), state };
    } catch (error) {
      this.states.delete(zoneId);
      throw zoneFailure('read the zone from PowerDNS', error);
    }
  }

  /** The cached state, brought up to date, or undefined when only reading the zone will do. */
  private async current(zoneId: string, grant: ZoneLockGrant): Promise<ZoneState | undefined> {
    const state = this.states.get(zoneId);
    if (!state || this.unsettled.has(zoneId)) return undefined;
    const { previousStamp } = grant;
    if (previousStamp !== '' && state.stamp !== previousStamp) {
      // Other processes wrote the zone since this one did: replay their commits.
      const entries = await this.lock.changesBetween(zoneId, state.stamp, previousStamp);
      if (!entries || entries.some((e) => e.changes === null || e.unsettled)) return undefined;
      for (const entry of entries) this.apply(state, entry.changes ?? [], entry.serialSteps);
      state.stamp = previousStamp;
    }
    // No stamp at all (a new or flushed Redis): only PowerDNS's serial can tell.
    if (previousStamp === '' || Date.now() - state.verifiedAt >= this.recheckMs) {
      const { serial } = await this.pdns.getZone(zoneId, { rrsets: false });
      if (serial !== state.serial) {
        this.outsideEdits.add(zoneId);
        return undefined;
      }
      state.verifiedAt = Date.now();
    }
    return state;
  }

  /**
   * Reads the whole zone, and settles what an earlier writer left open against it (a fresh read is
   * what follows a crash, an unanswered PATCH or a failed settle).
   */
  private async read(zoneId: string, grant: ZoneLockGrant): Promise<ZoneState> {
    const full = await this.pdns.getZone(zoneId, { rrsets: true });
    const rrsets = toWorking(full.rrsets ?? []);
    await this.settleLeftovers(zoneId, rrsets);
    const state: ZoneState = {
      serial: full.serial,
      stamp: grant.previousStamp,
      verifiedAt: Date.now(),
      names: new Map(),
    };
    this.apply(state, rrsets, 0);
    this.touch(zoneId, state);
    return state;
  }

  /** Puts rrsets (as they now are; no records: gone) into the state, and moves its serial. */
  private apply(state: ZoneState, rrsets: readonly WorkingRRSet[], serialSteps: number): void {
    for (const rrset of rrsets) {
      const name = rrset.name.toLowerCase();
      const type = rrset.type.toUpperCase();
      const types = state.names.get(name) ?? new Map<string, WorkingRRSet>();
      if (rrset.records.length === 0) types.delete(type);
      else types.set(type, rrset);
      if (types.size === 0) state.names.delete(name);
      else state.names.set(name, types);
    }
    state.serial += serialSteps;
  }

  /** Marks the zone's state most recently used, dropping the least recently used beyond the caps. */
  private touch(zoneId: string, state: ZoneState): void {
    this.states.delete(zoneId);
    this.states.set(zoneId, state);
    let names = 0;
    for (const held of this.states.values()) names += held.names.size;
    for (const [id, held] of this.states) {
      if (this.states.size <= CACHED_ZONES && names <= CACHED_NAMES) break;
      if (id === zoneId) continue;
      this.states.delete(id);
      names -= held.names.size;
    }
  }
}

/** The PATCH that puts back what `state` held where a commit wrote `after`. */
function undoing(after: readonly WorkingRRSet[], state: ZoneState): PdnsRRSetChange[] {
  return after.map((rrset) => {
    const before = state.names.get(rrset.name.toLowerCase())?.get(rrset.type.toUpperCase());
    if (!before) return { name: rrset.name, type: rrset.type, changetype: 'DELETE' };
    return {
      name: before.name,
      type: before.type,
      changetype: 'REPLACE',
      ttl: before.ttl,
      records: before.records.map((r) => ({ content: r.content, disabled: r.disabled })),
    };
  });
}

/** Waits (see GATHER_AFTER_MS) for more writers to join the zone's next commit, when worth it. */
function gather(queue: ZoneQueue): Promise<void> {
  const batch = queue.lastBatch ?? 1;
  const took = queue.lastCommitMs ?? 0;
  if (
    queue.lastUpdated ||
    batch < 2 ||
    took < GATHER_AFTER_MS ||
    queue.pending.length >= 2 * batch
  ) {
    return Promise.resolve();
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      queue.wake = undefined;
      resolve();
    };
    const timer = setTimeout(done, Math.min(took * GATHER_SHARE, GATHER_MAX_MS));
    queue.wake = done;
  });
}
