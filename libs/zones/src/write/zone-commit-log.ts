import { createHash, randomUUID } from 'node:crypto';
import { Injectable, type OnModuleDestroy, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import {
  type AuditLog,
  DbQueryMetrics,
  fitsOneTrip,
  HeldConnections,
  type IntentRRSet,
  isLockContentionError,
  oneTripTransaction,
  rowChunks,
  runStatements,
  type SqlStatement,
} from '@app/core';
import type { DataSource } from 'typeorm';
import { type CommittedRRSets, ZoneBaselines } from '../baseline/zone-baselines';
import { settlingSample } from './commit-outcome';
import type { RecordContentChange } from './zone-working-set';

/** What a committed change did to records, for their creation stamps (record_stamps). */
export interface RecordStamps {
  readonly domainId: string;
  /** When the commit happened: the creation time of every record it added. */
  readonly at: Date;
  readonly changes: readonly RecordContentChange[];
}

const INSERT_INTENT =
  'INSERT INTO zone_commit_intents (id, pdns_zone_id, rrsets, audit_entries, committed_before, created_at) VALUES';
const INTENT_ROW = '(?, ?, ?, ?, ?, ?)';
/** Intent INSERTs and settling transactions in flight at once, and the most each carries. */
const INTENT_WRITERS = 2;
const SETTLERS = 2;
const MAX_BATCH = 200;

interface QueuedIntent {
  readonly row: unknown[];
  /** Its INSERT is on its way; or (refused) it was never sent. */
  readonly sent: () => void;
  readonly refused: (error: unknown) => void;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

interface QueuedSettlement {
  readonly id: string;
  readonly entries: readonly AuditLog[];
  readonly stamps: RecordStamps | null;
  readonly baseline: CommittedRRSets | null;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

const contentHash = (content: string): string => createHash('sha256').update(content).digest('hex');

/** An open intent as the zone writer settles it. */
export interface OpenIntent {
  readonly id: string;
  readonly rrsets: IntentRRSet[];
  readonly entries: AuditLog[];
  /** Earlier intents of the zone this one's writer knew had happened (see ZoneCommitIntent). */
  readonly committedBefore: readonly string[];
  readonly createdAt: Date;
}

/**
 * The durable side of a zone commit (zone_commit_intents): before PowerDNS is asked, the commit's
 * audit entries are committed in MariaDB as an intent; once PowerDNS's answer is known the intent is
 * settled — its entries written to the audit log in the same transaction that removes it if the
 * change happened, or just removed if it did not. So no change PowerDNS commits can lose its entry,
 * and no entry exists for a change that did not happen. Plain SQL: this sits on every record write.
 */
@Injectable()
export class ZoneCommitLog implements OnModuleDestroy {
  private readonly intentQueue: QueuedIntent[] = [];
  private intentWriters = 0;
  private readonly settleQueue: QueuedSettlement[] = [];
  private settlers = 0;
  /** The connections intents and settlements go out on (see HeldConnections). */
  private readonly lines: HeldConnections;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly baselines: ZoneBaselines,
    @Optional() queryMetrics?: DbQueryMetrics,
  ) {
    this.lines = new HeldConnections(
      dataSource,
      queryMetrics && ((ms, ok) => queryMetrics.observe(ms, ok)),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.lines.close();
  }

  /**
   * Starts committing an intent and resolves once its INSERT is on its way to MariaDB (the statement
   * written to a connection: at once when one is held, see HeldConnections), so the caller can ask
   * PowerDNS meanwhile and the two commits overlap; `committed` settles when MariaDB has answered.
   * Rejects, with nothing sent, when no connection can be had. Intents begun while earlier ones are
   * being written share the next INSERT (at most INTENT_WRITERS in flight): commits to many zones at
   * once cost a few statements, not one each.
   */
  begin(
    zoneId: string,
    rrsets: readonly IntentRRSet[],
    entries: readonly AuditLog[],
    committedBefore: readonly string[] = [],
  ): Promise<{ id: string; committed: Promise<void> }> {
    const id = randomUUID();
    const row = this.intentRow(id, zoneId, rrsets, entries, committedBefore);
    return new Promise((sent, refused) => {
      const committed = new Promise<void>((resolve, reject) => {
        this.intentQueue.push({
          row,
          sent: () => sent({ id, committed }),
          refused,
          resolve,
          reject,
        });
      });
      if (this.intentWriters < INTENT_WRITERS) void this.writeIntents();
    });
  }

  private async writeIntents(): Promise<void> {
    this.intentWriters += 1;
    try {
      while (this.intentQueue.length > 0) {
        const batch = this.intentQueue.splice(0, MAX_BATCH);
        const sql = `${INSERT_INTENT} ${batch.map(() => INTENT_ROW).join(', ')}`;
        const params = batch.flatMap((q) => q.row);
        let sent = false;
        const onSent = () => {
          sent = true;
          for (const q of batch) q.sent();
        };
        try {
          // A deadlock victim's INSERT was rolled back, and is sent again.
          await this.lines.query(sql, params, onSent).catch((error: unknown) => {
            if (!sent) throw error;
            return retryOnContention(error, () => this.lines.query(sql, params));
          });
          for (const q of batch) q.resolve();
        } catch (error) {
          for (const q of batch) (sent ? q.reject : q.refused)(error);
        }
      }
    } finally {
      this.intentWriters -= 1;
    }
  }

  /**
   * Writes an intent whose first INSERT failed (or may have: MariaDB can commit a statement whose
   * answer it never sent), so it is settled against what PowerDNS holds; a no-op when it is there.
   */
  async reopen(
    id: string,
    zoneId: string,
    rrsets: readonly IntentRRSet[],
    entries: readonly AuditLog[],
    committedBefore: readonly string[] = [],
  ): Promise<void> {
    await this.dataSource.query(
      `${INSERT_INTENT.replace('INSERT', 'INSERT IGNORE')} ${INTENT_ROW}`,
      this.intentRow(id, zoneId, rrsets, entries, committedBefore),
    );
  }

  private intentRow(
    id: string,
    zoneId: string,
    rrsets: readonly IntentRRSet[],
    entries: readonly AuditLog[],
    committedBefore: readonly string[],
  ): unknown[] {
    return [
      id,
      zoneId,
      JSON.stringify(settlingSample(rrsets)),
      JSON.stringify(this.audit.stored(entries)),
      committedBefore.length > 0 ? JSON.stringify(committedBefore) : null,
      new Date(),
    ];
  }

  /**
   * The change happened: its entries join the audit log, the records it added are stamped (and those
   * it removed unstamped), the rrsets it left join the zone's baseline (what ScaiDNS last committed),
   * and the intent goes, atomically. Settlements asked for while earlier ones are being written
   * share the next transaction (at most SETTLERS in flight); should that fail, each is tried alone,
   * so one that MariaDB refuses fails alone.
   */
  committed(
    id: string,
    entries: readonly AuditLog[],
    stamps: RecordStamps | null,
    baseline: CommittedRRSets | null,
  ): Promise<void> {
    return new Promise((resolve, reject) => {
      this.settleQueue.push({ id, entries, stamps, baseline, resolve, reject });
      if (this.settlers < SETTLERS) void this.writeSettlements();
    });
  }

  private async writeSettlements(): Promise<void> {
    this.settlers += 1;
    try {
      while (this.settleQueue.length > 0) {
        const batch = this.settleQueue.splice(0, MAX_BATCH);
        try {
          await this.settleBatch(batch);
          for (const q of batch) q.resolve();
        } catch (error) {
          if (batch.length === 1) {
            batch[0].reject(error);
            continue;
          }
          for (const q of batch) {
            await this.settleBatch([q]).then(q.resolve, q.reject);
          }
        }
      }
    } finally {
      this.settlers -= 1;
    }
  }

  /**
   * One transaction: the intents still open go (another process's recovery may have settled some
   * already: their entries are written), and the entries and stamps of those join the log. Normally
   * every intent is still open, and the whole transaction is one round trip: it deletes the intents
   * and, only if it deleted all of them, writes the rest and commits. Otherwise (or when it is too
   * large for one trip) it goes statement by statement, writing for the intents it finds.
   */
  private async settleBatch(batch: readonly QueuedSettlement[]): Promise<void> {
    const ids = batch.map((q) => q.id);
    const statements = this.settlementStatements(batch);
    if (fitsOneTrip(statements)) {
      const guard = {
        sql: `DELETE FROM zone_commit_intents WHERE id IN (${ids.map(() => '?').join(', ')})`,
        params: ids,
      };
      if (await oneTripTransaction(this.lines, guard, ids.length, statements)) return;
    }
    // READ COMMITTED: no gap locks, so settling never deadlocks with the INSERTs of new intents.
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      let open: readonly QueuedSettlement[] = batch;
      if (batch.length === 1) {
        const gone = await manager.query<{ affectedRows?: number }>(
          'DELETE FROM zone_commit_intents WHERE id = ?',
          [batch[0].id],
        );
        if (gone.affectedRows === 0) open = [];
      } else {
        const rows = await manager.query<{ id: string }[]>(
          `SELECT id FROM zone_commit_intents FORCE INDEX (PRIMARY) WHERE id IN (${ids.map(() => '?').join(', ')}) FOR UPDATE`,
          ids,
        );
        const present = new Set(rows.map((r) => r.id));
        open = batch.filter((q) => present.has(q.id));
        if (open.length > 0) {
          await manager.query(
            `DELETE FROM zone_commit_intents WHERE id IN (${open.map(() => '?').join(', ')})`,
            open.map((q) => q.id),
          );
        }
      }
      await runStatements(manager, this.settlementStatements(open));
    });
  }

  /** What settling `open` (intents known to be open) writes: entries, stamps, baselines. */
  private settlementStatements(open: readonly QueuedSettlement[]): SqlStatement[] {
    return [
      ...this.audit.insertStatements(open.flatMap((q) => q.entries)),
      ...stampStatements(open.flatMap((q) => (q.stamps ? [q.stamps] : []))),
      ...this.baselines.commitStatements(open.flatMap((q) => (q.baseline ? [q.baseline] : []))),
    ];
  }

  /** The change did not happen: the intent goes, and with it the entries it carried. */
  async aborted(id: string): Promise<void> {
    await this.dataSource.query('DELETE FROM zone_commit_intents WHERE id = ?', [id]);
  }

  /** The zone's open intents, oldest first. */
  async openFor(zoneId: string): Promise<OpenIntent[]> {
    const rows = await this.dataSource.query<
      {
        id: string;
        rrsets: string | IntentRRSet[];
        audit_entries: string | Record<string, unknown>[];
        committed_before: string | string[] | null;
        created_at: Date;
      }[]
    >(
      'SELECT id, rrsets, audit_entries, committed_before, created_at FROM zone_commit_intents WHERE pdns_zone_id = ? ORDER BY created_at, id',
      [zoneId],
    );
    return rows.map((row) => ({
      id: row.id,
      rrsets: json(row.rrsets),
      entries: this.audit.revive(json(row.audit_entries)),
      committedBefore: row.committed_before === null ? [] : json(row.committed_before),
      createdAt: row.created_at,
    }));
  }

  /** Zones with an intent older than `ageMs`: left open by a crash or an outage. */
  async staleZones(ageMs: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ pdns_zone_id: string }[]>(
      'SELECT DISTINCT pdns_zone_id FROM zone_commit_intents WHERE created_at < ?',
      [new Date(Date.now() - ageMs)],
    );
    return rows.map((r) => r.pdns_zone_id);
  }
}

/**
 * The statements that stamp records: carried records keep their stamp under their new content;
 * removed contents lose theirs; added contents (the rrset did not hold them: new records) get the
 * commit's time, replacing any stamp a record of that content removed behind ScaiDNS's back left.
 * Several commits' stamps, in order, go in a few statements.
 */
function stampStatements(all: readonly RecordStamps[]): SqlStatement[] {
  const statements: SqlStatement[] = [];
  const carriedTo = new Set<string>();
  for (const { domainId, changes } of all) {
    for (const c of changes) {
      for (const carry of c.carried) {
        carriedTo.add(`${domainId}|${c.name}|${c.type}|${carry.to}`);
        const [from, to] = [contentHash(carry.from), contentHash(carry.to)];
        statements.push(
          {
            sql: 'DELETE FROM record_stamps WHERE domain_id = ? AND fqdn = ? AND type = ? AND content_hash = ?',
            params: [domainId, c.name, c.type, to],
          },
          {
            sql: 'UPDATE record_stamps SET content_hash = ? WHERE domain_id = ? AND fqdn = ? AND type = ? AND content_hash = ?',
            params: [to, domainId, c.name, c.type, from],
          },
        );
      }
    }
  }
  const removed = all.flatMap(({ domainId, changes }) =>
    changes.flatMap((c) =>
      c.removed.map((content) => [domainId, c.name, c.type, contentHash(content)]),
    ),
  );
  for (const rows of rowChunks(removed)) {
    statements.push({
      sql: `DELETE FROM record_stamps WHERE (domain_id, fqdn, type, content_hash) IN (${rows.map(() => '(?, ?, ?, ?)').join(', ')})`,
      params: rows.flat(),
    });
  }
  const added = all.flatMap(({ domainId, at, changes }) =>
    changes.flatMap((c) =>
      c.added
        .filter((content) => !carriedTo.has(`${domainId}|${c.name}|${c.type}|${content}`))
        .map((content) => [domainId, c.name, c.type, contentHash(content), at]),
    ),
  );
  for (const rows of rowChunks(added)) {
    statements.push({
      sql: `INSERT INTO record_stamps (domain_id, fqdn, type, content_hash, created_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')} ON DUPLICATE KEY UPDATE created_at = VALUES(created_at)`,
      params: rows.flat(),
    });
  }
  return statements;
}

/** Runs `again` (at most twice more) when `error` is a deadlock or lock wait timeout; else throws it. */
async function retryOnContention<T>(error: unknown, again: () => Promise<T>): Promise<T> {
  let last = error;
  for (let attempt = 0; attempt < 2 && isLockContentionError(last); attempt += 1) {
    try {
      return await again();
    } catch (next) {
      last = next;
    }
  }
  throw last;
}

/** mysql2 hands JSON columns back parsed on MySQL, as text on MariaDB (a LONGTEXT alias). */
function json<T>(value: string | T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
