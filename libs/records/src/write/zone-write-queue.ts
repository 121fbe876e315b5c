import { Injectable, Logger } from '@nestjs/common';
import { AppError, errorMessage } from '@app/core';
import { PdnsClient, PdnsError, PdnsInvalidContentError } from '@app/pdns-client';
import { ZoneLock } from './zone-lock';
import { type WorkingRRSet, ZoneWorkingSet } from './zone-working-set';

/**
 * One change to a zone: the absolute names it reads or writes, and what it does to them. `apply` may
 * throw an AppError to refuse the change (a conflict, a missing record); it must not do I/O.
 */
export interface ZoneChange<T> {
  readonly names: readonly string[];
  apply(zone: ZoneWorkingSet): T;
}

interface Pending {
  readonly change: ZoneChange<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
  result?: unknown;
}

interface ZoneQueue {
  pending: Pending[];
  running: boolean;
}

/** A zone's rrsets as of a SOA serial, so a commit doesn't re-read a whole (large) zone each time. */
interface ZoneState {
  serial: number;
  readonly rrsets: Map<string, WorkingRRSet>;
}

/** Zones whose state one process keeps; the least recently written is dropped beyond it. */
const CACHED_ZONES = 64;
const rrsetKey = (name: string, type: string): string =>
  `${name.toLowerCase()}|${type.toUpperCase()}`;

/**
 * The only way records are written. Every change to a zone joins the zone's queue; one commit at a
 * time per zone runs under a Redis lock (so across processes too), takes everything queued so far,
 * applies each change in order to what PowerDNS holds, and sends the accepted ones as ONE PATCH (one
 * backend transaction, one SOA serial step). Each caller gets its own result, after the PATCH is
 * committed; a refused change fails alone. Under load, changes that arrive while a commit runs are
 * coalesced into the next one (group commit); alone, a change commits at once.
 */
@Injectable()
export class ZoneWriteQueue {
  private readonly logger = new Logger(ZoneWriteQueue.name);
  private readonly queues = new Map<string, ZoneQueue>();
  private readonly states = new Map<string, ZoneState>();

  constructor(
    private readonly pdns: PdnsClient,
    private readonly lock: ZoneLock,
  ) {}

  submit<T>(zoneId: string, change: ZoneChange<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const queue = this.queues.get(zoneId) ?? { pending: [], running: false };
      this.queues.set(zoneId, queue);
      queue.pending.push({ change, resolve: resolve as (v: unknown) => void, reject });
      if (!queue.running) void this.drain(zoneId, queue);
    });
  }

  private async drain(zoneId: string, queue: ZoneQueue): Promise<void> {
    queue.running = true;
    try {
      while (queue.pending.length > 0) {
        const batch = queue.pending.splice(0, queue.pending.length);
        try {
          await this.lock.hold(zoneId, () => this.commit(zoneId, batch));
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
  private async commit(zoneId: string, batch: Pending[]): Promise<void> {
    const { zone, state } = await this.load(
      zoneId,
      batch.flatMap((p) => p.change.names),
    );
    const accepted: Pending[] = [];
    for (const p of batch) {
      const trial = zone.fork();
      try {
        p.result = p.change.apply(trial);
        zone.adopt(trial);
        accepted.push(p);
      } catch (error) {
        p.reject(error);
      }
    }
    const changes = zone.changes();
    try {
      if (changes.length > 0) await this.pdns.patchRRSets(zoneId, changes);
    } catch (error) {
      this.states.delete(zoneId);
      if (error instanceof PdnsInvalidContentError && accepted.length > 1) {
        // One change PowerDNS refuses must not sink the others: commit them one by one.
        for (const p of accepted) await this.commit(zoneId, [p]);
        return;
      }
      const failure = this.asAppError(error);
      for (const p of accepted) p.reject(failure);
      return;
    }
    if (changes.length > 0) this.remember(zoneId, state, zone);
    for (const p of accepted) p.resolve(p.result);
  }

  /**
   * After a commit: the cached state takes the batch's result, and the serial the PATCH gave it
   * (SOA-EDIT-API INCREASE: exactly one step). Any other writer moves the serial further, and the next
   * commit, seeing a serial it doesn't expect, reads the zone again.
   */
  private remember(zoneId: string, state: ZoneState, zone: ZoneWorkingSet): void {
    const names = new Set(zone.names());
    for (const key of [...state.rrsets.keys()]) {
      if (names.has(key.slice(0, key.lastIndexOf('|')))) state.rrsets.delete(key);
    }
    for (const rrset of zone.all()) state.rrsets.set(rrsetKey(rrset.name, rrset.type), rrset);
    state.serial += 1;
    this.states.delete(zoneId);
    this.states.set(zoneId, state);
    if (this.states.size > CACHED_ZONES)
      this.states.delete(this.states.keys().next().value as string);
  }

  /**
   * The rrsets at the batch's names, from the cached state when the zone's SOA serial is the one it
   * was cached at (one cheap GET), else from the whole zone. Whole, not filtered by name: PowerDNS 4.7
   * leaves disabled records out of a GET filtered with `rrset_name`, and a REPLACE built from that
   * would silently drop them.
   */
  private async load(
    zoneId: string,
    names: readonly string[],
  ): Promise<{ zone: ZoneWorkingSet; state: ZoneState }> {
    const unique = new Set(names.map((n) => n.toLowerCase()));
    try {
      const { serial } = await this.pdns.getZone(zoneId, { rrsets: false });
      let state = this.states.get(zoneId);
      if (!state || state.serial !== serial) {
        const full = await this.pdns.getZone(zoneId, { rrsets: true });
        state = {
          serial: full.serial,
          rrsets: new Map(
            (full.rrsets ?? []).map((r) => [
              rrsetKey(r.name, r.type),
              {
                name: r.name,
                type: r.type,
                ttl: r.ttl,
                records: r.records.map((rec) => ({ content: rec.content, disabled: rec.disabled })),
              },
            ]),
          ),
        };
        this.states.set(zoneId, state);
      }
      const rrsets = [...state.rrsets.values()].filter((r) => unique.has(r.name.toLowerCase()));
      return { zone: ZoneWorkingSet.of(rrsets, [...unique]), state };
    } catch (error) {
      this.states.delete(zoneId);
      throw this.asAppError(error);
    }
  }

  private asAppError(error: unknown): AppError {
    if (error instanceof AppError && !(error instanceof PdnsError)) return error;
    if (error instanceof PdnsInvalidContentError) {
      return new AppError('UNPROCESSABLE', error.detail);
    }
    this.logger.warn(`zone commit failed: ${errorMessage(error)}`);
    return AppError.upstream(
      `PowerDNS did not take the change: ${error instanceof Error ? error.message : String(error)}`,
      error,
    );
  }
}
