import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditLog, RequestContext, type SqlStatement } from '@app/core';
import type { DataSource, EntityManager } from 'typeorm';
import { buildAuditEntry } from './audit-entry';
import type { AuditEntryInput } from './audit.types';

/** Most entries one INSERT of `append` carries; a longer queue is written in several. */
const MAX_APPEND_BATCH = 500;

interface PendingEntry {
  readonly entry: AuditLog;
  readonly resolve: (entry: AuditLog) => void;
  readonly reject: (error: unknown) => void;
}

/** An entry as a JSON document (a zone commit intent keeps its entries so until they are written). */
export type StoredAuditEntry = Record<string, unknown>;

/** Writes the audit log. Entries are only ever inserted, never updated or deleted. */
@Injectable()
export class AuditService {
  private readonly pending: PendingEntry[] = [];
  private flushing = false;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Writes one entry with `manager`, so it commits or rolls back with the change it records: pass
   * the EntityManager of the change's transaction. The request id comes from `input.origin`, else
   * from the current request's context (the API's request-id middleware).
   */
  async record(manager: EntityManager, input: AuditEntryInput): Promise<AuditLog> {
    const entry = this.entryOf(input);
    await this.insert(manager, [entry]);
    return entry;
  }

  /**
   * Writes one entry of a change that has no MariaDB transaction to join (a PowerDNS write that has
   * already committed), and resolves once the entry is committed. Entries other requests append at
   * the same moment share the INSERT (group commit): while one INSERT runs, the next ones queue and
   * go together in the following one, so a burst of writes costs a few commits, not one each.
   */
  append(input: AuditEntryInput): Promise<AuditLog> {
    const entry = this.entryOf(input);
    return new Promise<AuditLog>((resolve, reject) => {
      this.pending.push({ entry, resolve, reject });
      if (!this.flushing) void this.flush();
    });
  }

  private async flush(): Promise<void> {
    this.flushing = true;
    try {
      while (this.pending.length > 0) {
        const batch = this.pending.splice(0, MAX_APPEND_BATCH);
        try {
          await this.insert(
            this.dataSource.manager,
            batch.map((p) => p.entry),
          );
          for (const p of batch) p.resolve(p.entry);
        } catch (error) {
          for (const p of batch) p.reject(error);
        }
      }
    } finally {
      this.flushing = false;
    }
  }

  /** The rows of entries, built now (their ids and timestamps fixed), to write later. */
  build(inputs: readonly AuditEntryInput[]): AuditLog[] {
    return inputs.map((input) => this.entryOf(input));
  }

  /** The statements that write built entries, for a transaction to run (none for no entries). */
  insertStatements(entries: readonly AuditLog[]): SqlStatement[] {
    const statements: SqlStatement[] = [];
    for (let i = 0; i < entries.length; i += MAX_APPEND_BATCH) {
      statements.push(this.insertStatement(entries.slice(i, i + MAX_APPEND_BATCH)));
    }
    return statements;
  }

  /** Built entries as JSON, and back. */
  stored(entries: readonly AuditLog[]): StoredAuditEntry[] {
    return entries.map((e) => ({ ...e, timestamp: e.timestamp.toISOString() }));
  }

  revive(stored: readonly StoredAuditEntry[]): AuditLog[] {
    return stored.map((s) =>
      Object.assign(new AuditLog(), s, { timestamp: new Date(String(s.timestamp)) }),
    );
  }

  private entryOf(input: AuditEntryInput): AuditLog {
    return buildAuditEntry(input, new Date(), RequestContext.requestId());
  }

  /** Writes `entries` with `manager` (one INSERT). */
  private async insert(manager: EntityManager, entries: readonly AuditLog[]): Promise<void> {
    const { sql, params } = this.insertStatement(entries);
    await manager.query(sql, [...params]);
  }

  /**
   * One multi-row INSERT: every column is set here, so nothing is read back. Written as SQL with
   * placeholders (values converted exactly as TypeORM would) because the audit write sits on every
   * record change, and TypeORM's insert builder costs more CPU than the database does.
   */
  private insertStatement(entries: readonly AuditLog[]): SqlStatement {
    const meta = this.dataSource.getMetadata(AuditLog);
    const { driver } = this.dataSource;
    const columns = meta.columns;
    const row = `(${columns.map(() => '?').join(', ')})`;
    const sql = `INSERT INTO ${driver.escape(meta.tableName)} (${columns
      .map((c) => driver.escape(c.databaseName))
      .join(', ')}) VALUES ${entries.map(() => row).join(', ')}`;
    const params = entries.flatMap((entry) =>
      columns.map((c) => driver.preparePersistentValue(c.getEntityValue(entry), c) as unknown),
    );
    return { sql, params };
  }
}
