import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import type { AuditLog, IntentRRSet } from '@app/core';
import type { DataSource, EntityManager } from 'typeorm';
import type { RecordContentChange } from './zone-working-set';

/** What a committed change did to records, for their creation stamps (record_stamps). */
export interface RecordStamps {
  readonly domainId: string;
  /** When the commit happened: the creation time of every record it added. */
  readonly at: Date;
  readonly changes: readonly RecordContentChange[];
}

/** Rows per statement: a 20 000-record import stays far below MariaDB's 65 535 placeholders. */
const STAMP_CHUNK = 1000;

const contentHash = (content: string): string => createHash('sha256').update(content).digest('hex');

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += STAMP_CHUNK) out.push(items.slice(i, i + STAMP_CHUNK));
  return out;
}

/** An open intent as the zone writer settles it. */
export interface OpenIntent {
  readonly id: string;
  readonly rrsets: IntentRRSet[];
  readonly entries: AuditLog[];
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
export class ZoneCommitLog {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  /** Commits an intent; returns its id. */
  async open(
    zoneId: string,
    rrsets: readonly IntentRRSet[],
    entries: readonly AuditLog[],
  ): Promise<string> {
    const id = randomUUID();
    await this.dataSource.query(
      'INSERT INTO zone_commit_intents (id, pdns_zone_id, rrsets, audit_entries, created_at) VALUES (?, ?, ?, ?, ?)',
      [id, zoneId, JSON.stringify(rrsets), JSON.stringify(this.audit.stored(entries)), new Date()],
    );
    return id;
  }

  /**
   * The change happened: its entries join the audit log, the records it added are stamped (and those
   * it removed unstamped), and the intent goes, atomically.
   */
  async committed(
    id: string,
    entries: readonly AuditLog[],
    stamps: RecordStamps | null = null,
  ): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const gone = await manager.query<{ affectedRows?: number }>(
        'DELETE FROM zone_commit_intents WHERE id = ?',
        [id],
      );
      // Settled already (by another process's recovery): its entries are written.
      if (gone.affectedRows === 0) return;
      await this.audit.insertBuilt(manager, entries);
      if (stamps) await this.writeStamps(manager, stamps);
    });
  }

  /** Stamps of a commit that had no intent (no audit entries to make durable first). */
  async stamp(stamps: RecordStamps): Promise<void> {
    await this.dataSource.transaction((manager) => this.writeStamps(manager, stamps));
  }

  /**
   * Carried records keep their stamp under their new content; removed contents lose theirs; added
   * contents (the rrset did not hold them: new records) get the commit's time, replacing any stamp
   * a record of that content removed behind ScaiDNS's back left.
   */
  private async writeStamps(manager: EntityManager, stamps: RecordStamps): Promise<void> {
    const { domainId, at } = stamps;
    const carriedTo = new Set<string>();
    for (const c of stamps.changes) {
      for (const carry of c.carried) {
        carriedTo.add(`${c.name}|${c.type}|${carry.to}`);
        const [from, to] = [contentHash(carry.from), contentHash(carry.to)];
        await manager.query(
          'DELETE FROM record_stamps WHERE domain_id = ? AND fqdn = ? AND type = ? AND content_hash = ?',
          [domainId, c.name, c.type, to],
        );
        await manager.query(
          'UPDATE record_stamps SET content_hash = ? WHERE domain_id = ? AND fqdn = ? AND type = ? AND content_hash = ?',
          [to, domainId, c.name, c.type, from],
        );
      }
    }
    const removed = stamps.changes.flatMap((c) =>
      c.removed.map((content) => [c.name, c.type, contentHash(content)]),
    );
    for (const rows of chunks(removed)) {
      await manager.query(
        `DELETE FROM record_stamps WHERE domain_id = ? AND (fqdn, type, content_hash) IN (${rows.map(() => '(?, ?, ?)').join(', ')})`,
        [domainId, ...rows.flat()],
      );
    }
    const added = stamps.changes.flatMap((c) =>
      c.added
        .filter((content) => !carriedTo.has(`${c.name}|${c.type}|${content}`))
        .map((content) => [domainId, c.name, c.type, contentHash(content), at]),
    );
    for (const rows of chunks(added)) {
      await manager.query(
        `INSERT INTO record_stamps (domain_id, fqdn, type, content_hash, created_at) VALUES ${rows.map(() => '(?, ?, ?, ?, ?)').join(', ')} ON DUPLICATE KEY UPDATE created_at = VALUES(created_at)`,
        rows.flat(),
      );
    }
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
        created_at: Date;
      }[]
    >(
      'SELECT id, rrsets, audit_entries, created_at FROM zone_commit_intents WHERE pdns_zone_id = ? ORDER BY created_at, id',
      [zoneId],
    );
    return rows.map((row) => ({
      id: row.id,
      rrsets: json(row.rrsets),
      entries: this.audit.revive(json(row.audit_entries)),
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

/** mysql2 hands JSON columns back parsed on MySQL, as text on MariaDB (a LONGTEXT alias). */
function json<T>(value: string | T): T {
  return typeof value === 'string' ? (JSON.parse(value) as T) : value;
}
