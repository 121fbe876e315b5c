import { Injectable } from '@nestjs/common';
import { type AppConfig, AppError, InjectConfig } from '@app/core';
import type { ZoneAccess } from '@app/identity';
import { PdnsClient, PdnsInvalidContentError } from '@app/pdns-client';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import type { TtlBounds } from '../content/ttl';
import { zoneFailure } from './zone-failure';
import { ZoneLock, type ZoneLockGrant } from './zone-lock';
import { rrsetAfter, type WorkingRRSet, type ZonePolicy, ZoneWorkingSet } from './zone-working-set';

/**
 * One change to a zone: the absolute names it reads or writes, and what it does to them. `apply` may
 * throw an AppError to refuse the change (a conflict, a missing record); it must not do I/O, and it
 * may run more than once (a commit PowerDNS refuses is retried change by change).
 */
export interface ZoneChange<T> {
  readonly names: readonly string[];
  apply(zone: ZoneWorkingSet): T;
}

interface Pending {
  readonly change: ZoneChange<unknown>;
  readonly policy: ZonePolicy;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  result?: unknown;
}

interface ZoneQueue {
  pending: Pending[];
  running: boolean;
}

/** A zone's rrsets (by lower-case name, then type) as of a SOA serial. */
interface ZoneState {
  serial: number;
  /** The zone's write stamp (see ZoneLock) this state is current for. */
  stamp: string;
  /** When PowerDNS last confirmed the serial (ms since the epoch). */
  verifiedAt: number;
  readonly names: Map<string, Map<string, WorkingRRSet>>;
}

/** Zones whose state one process keeps; the least recently written is dropped beyond it. */
const CACHED_ZONES = 64;
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
  private readonly queues = new Map<string, ZoneQueue>();
  private readonly states = new Map<string, ZoneState>();
  private readonly recheckMs: number;
  private readonly ttl: TtlBounds;
  /** PowerDNS's PATCH: this class alone holds it. */
  private readonly patcher: PdnsZonePatcher;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly pdns: PdnsClient,
    private readonly lock: ZoneLock,
  ) {
    this.patcher = new PdnsZonePatcher(pdns);
    this.recheckMs = config.records.zoneStateRecheckMs;
    this.ttl = { min: config.records.ttlMin, max: config.records.ttlMax };
  }

  /**
   * Commits `change` to the zone `access` is about, as `access`'s actor may: answered once PowerDNS
   * has committed it, with what `apply` returned.
   */
  submit<T>(access: ZoneAccess, change: ZoneChange<T>): Promise<T> {
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
      if (!queue.running) void this.drain(zoneId, queue);
    });
  }

  /**
   * Runs `work` (creating, removing or re-creating the zone in PowerDNS) under the zone's lock, then
   * makes every process read the zone afresh before its next write: a cached copy from before would
   * otherwise write back rrsets of the zone's earlier life.
   */
  async exclusive<T>(zoneId: string, work: () => Promise<T>): Promise<T> {
    return this.lock.hold(zoneId, async (grant) => {
      this.states.delete(zoneId);
      try {
        return await work();
      } finally {
        this.states.delete(zoneId);
        grant.publish({ serialSteps: 0, changes: null });
      }
    });
  }

  private async drain(zoneId: string, queue: ZoneQueue): Promise<void> {
    queue.running = true;
    try {
      while (queue.pending.length > 0) {
        const batch = queue.pending.splice(0, queue.pending.length);
        try {
          await this.lock.hold(zoneId, (grant) => this.commit(zoneId, batch, grant));
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      queue.running = false;
      if (queue.pending.length === 0) this.queues.delete(zoneId);
      else void this.drain(zoneId, queue);
    }
  }

  /** Under the zone's lock: apply the batch and send one PATCH; isolate a change PowerDNS refuses. */
  private async commit(zoneId: string, batch: Pending[], grant: ZoneLockGrant): Promise<void> {
    const { zone, state } = await this.load(
      zoneId,
      batch.flatMap((p) => p.change.names),
      grant,
    );
    const accepted: Pending[] = [];
    for (const p of batch) {
      try {
        p.result = zone.attempt((ws) => p.change.apply(ws), p.policy);
        accepted.push(p);
      } catch (error) {
        p.reject(error);
      }
    }
    const changes = zone.changes();
    try {
      if (changes.length > 0) await this.patcher.patchRRSets(zoneId, changes);
    } catch (error) {
      this.states.delete(zoneId);
      if (error instanceof PdnsInvalidContentError && accepted.length > 1) {
        // One change PowerDNS refuses must not sink the others: commit them one by one. Several
        // PATCHes under one stamp: other processes read the zone again rather than replay them.
        for (const p of accepted) await this.commit(zoneId, [p], grant);
        grant.publish({ serialSteps: 0, changes: null });
        this.states.delete(zoneId);
        return;
      }
      const failure = zoneFailure('write the change to PowerDNS', error);
      for (const p of accepted) p.reject(failure);
      return;
    }
    const logged = changes.map((change) => rrsetAfter(change));
    this.apply(state, logged, changes.length > 0 ? 1 : 0);
    state.stamp = grant.stamp;
    this.touch(zoneId, state);
    grant.publish({
      serialSteps: changes.length > 0 ? 1 : 0,
      changes: logged.length > MAX_LOGGED_RRSETS ? null : logged,
    });
    for (const p of accepted) p.resolve(p.result);
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
    grant: ZoneLockGrant,
  ): Promise<{ zone: ZoneWorkingSet; state: ZoneState }> {
    const unique = [...new Set(names.map((n) => n.toLowerCase()))];
    try {
      const state = (await this.current(zoneId, grant)) ?? (await this.read(zoneId, grant));
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
    if (!state) return undefined;
    const { previousStamp } = grant;
    if (previousStamp !== '' && state.stamp !== previousStamp) {
      // Other processes wrote the zone since this one did: replay their commits.
      const entries = await this.lock.changesBetween(zoneId, state.stamp, previousStamp);
      if (!entries || entries.some((e) => e.changes === null)) return undefined;
      for (const entry of entries) this.apply(state, entry.changes ?? [], entry.serialSteps);
      state.stamp = previousStamp;
    }
    // No stamp at all (a new or flushed Redis): only PowerDNS's serial can tell.
    if (previousStamp === '' || Date.now() - state.verifiedAt >= this.recheckMs) {
      const { serial } = await this.pdns.getZone(zoneId, { rrsets: false });
      if (serial !== state.serial) return undefined;
      state.verifiedAt = Date.now();
    }
    return state;
  }

  private async read(zoneId: string, grant: ZoneLockGrant): Promise<ZoneState> {
    const full = await this.pdns.getZone(zoneId, { rrsets: true });
    const state: ZoneState = {
      serial: full.serial,
      stamp: grant.previousStamp,
      verifiedAt: Date.now(),
      names: new Map(),
    };
    this.apply(
      state,
      (full.rrsets ?? []).map((r) => ({
        name: r.name,
        type: r.type,
        ttl: r.ttl,
        records: r.records.map((rec) => ({ content: rec.content, disabled: rec.disabled })),
      })),
      0,
    );
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

  /** Marks the zone's state most recently used, dropping the least recently used beyond the cap. */
  private touch(zoneId: string, state: ZoneState): void {
    this.states.delete(zoneId);
    this.states.set(zoneId, state);
    if (this.states.size > CACHED_ZONES) {
      this.states.delete(this.states.keys().next().value as string);
    }
  }
}
