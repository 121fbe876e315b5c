import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import type { AuditLog, IntentRRSet } from '@app/core';
import type { DataSource } from 'typeorm';

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

  /** The change happened: its entries join the audit log and the intent goes, atomically. */
  async committed(id: string, entries: readonly AuditLog[]): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const gone = await manager.query<{ affectedRows?: number }>(
        'DELETE FROM zone_commit_intents WHERE id = ?',
        [id],
      );
      // Settled already (by another process's recovery): its entries are written.
      if (gone.affectedRows === 0) return;
      await this.audit.insertBuilt(manager, entries);
    });
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
