import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type IntentRRSet, rowChunks, runStatements, type SqlStatement } from '@app/core';
import type { DataSource } from 'typeorm';
import { type BaselineRRSet, isGeneratedType, rrsetKey, toBaseline } from './baseline-rrsets';

/** A zone's baseline bookkeeping (zone_baselines). */
export interface BaselineMeta {
  readonly zoneId: string;
  readonly revision: number;
  /** Null: the rrsets are not known whole; a scan takes them first. */
  readonly takenAt: Date | null;
  readonly checkedRevision: number | null;
  readonly checkedFingerprint: string | null;
}

/** What one commit left, for its zone's baseline. */
export interface CommittedRRSets {
  readonly zoneId: string;
  readonly rrsets: readonly IntentRRSet[];
}

interface MetaRow {
  pdns_zone_id: string;
  revision: string | number;
  taken_at: Date | null;
  checked_revision: string | number | null;
  checked_fingerprint: string | null;
}

const toMeta = (row: MetaRow): BaselineMeta => ({
  zoneId: row.pdns_zone_id,
  revision: Number(row.revision),
  takenAt: row.taken_at,
  checkedRevision: row.checked_revision === null ? null : Number(row.checked_revision),
  checkedFingerprint: row.checked_fingerprint,
});

/**
 * What ScaiDNS last committed to each zone (zone_baseline_rrsets), kept by the zone writer in the
 * transaction that settles each commit, so it is exactly what PowerDNS was told: the "before" of a
 * drift finding and what a revert puts back. A zone's whole content is taken from PowerDNS when it
 * is created (and by a drift scan when it was never taken, as for zones older than this table);
 * each commit then replaces the rrsets it wrote and moves the zone's revision on.
 */
@Injectable()
export class ZoneBaselines {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * The statements by which, in a settlement's transaction, the commits' rrsets (in order) replace
   * the baseline's.
   */
  commitStatements(commits: readonly CommittedRRSets[]): SqlStatement[] {
    if (commits.length === 0) return [];
    const last = new Map<
      string,
      { zoneId: string; name: string; type: string; rrset: BaselineRRSet | null }
    >();
    for (const { zoneId, rrsets } of commits) {
      for (const r of rrsets) {
        if (isGeneratedType(r.type)) continue;
        const [rrset] = toBaseline([r]);
        const name = r.name.toLowerCase().replace(/\.?$/, '.');
        last.set(`${zoneId}|${rrsetKey(name, r.type)}`, {
          zoneId,
          name,
          type: r.type.toUpperCase(),
          rrset: rrset ?? null,
        });
      }
    }
    const ordered = [...last.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const kept = ordered.filter(([, v]) => v.rrset !== null).map(([, v]) => v);
    const gone = ordered.filter(([, v]) => v.rrset === null).map(([, v]) => v);
    const statements = this.upsertStatements(
      kept.map((v) => ({ zoneId: v.zoneId, rrset: v.rrset as BaselineRRSet })),
    );
    for (const rows of rowChunks(gone)) {
      statements.push({
        sql: `DELETE FROM zone_baseline_rrsets WHERE (pdns_zone_id, fqdn, type) IN (${rows.map(() => '(?, ?, ?)').join(', ')})`,
        params: rows.flatMap((v) => [v.zoneId, v.name, v.type]),
      });
    }
    const zones = [...new Set(commits.map((c) => c.zoneId))].sort();
    statements.push({
      sql: `INSERT INTO zone_baselines (pdns_zone_id, revision) VALUES ${zones.map(() => '(?, 1)').join(', ')} ON DUPLICATE KEY UPDATE revision = revision + 1`,
      params: zones,
    });
    return statements;
  }

  /**
   * The zone's whole content, as PowerDNS lists it now, becomes its baseline. Callers hold the
   * zone's lock, so no commit interleaves.
   */
  async take(
    zoneId: string,
    rrsets: Parameters<typeof toBaseline>[0],
    checked: { fingerprint: string | null } | null = null,
  ): Promise<void> {
    const baseline = toBaseline(rrsets);
    await this.dataSource.transaction('READ COMMITTED', async (manager) => {
      await manager.query('DELETE FROM zone_baseline_rrsets WHERE pdns_zone_id = ?', [zoneId]);
      await runStatements(
        manager,
        this.upsertStatements(baseline.map((rrset) => ({ zoneId, rrset }))),
      );
      await manager.query(
        `INSERT INTO zone_baselines (pdns_zone_id, revision, taken_at, checked_revision, checked_fingerprint, checked_at)
         VALUES (?, 1, ?, ?, ?, ?)
         ON DUPLICATE KEY UPDATE revision = revision + 1, taken_at = VALUES(taken_at),
           checked_revision = IF(VALUES(checked_revision) IS NULL, NULL, revision),
           checked_fingerprint = VALUES(checked_fingerprint), checked_at = VALUES(checked_at)`,
        [
          zoneId,
          new Date(),
          checked ? 1 : null,
          checked?.fingerprint ?? null,
          checked ? new Date() : null,
        ],
      );
    });
  }

  /** The baseline is no longer known whole (a commit too large to settle by): a scan takes it again. */
  async invalidate(zoneId: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO zone_baselines (pdns_zone_id, revision) VALUES (?, 1) ON DUPLICATE KEY UPDATE revision = revision + 1, taken_at = NULL',
      [zoneId],
    );
  }

  /** The zone is gone from PowerDNS for good. */
  async forget(zoneId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query('DELETE FROM zone_baseline_rrsets WHERE pdns_zone_id = ?', [zoneId]);
      await manager.query('DELETE FROM zone_baselines WHERE pdns_zone_id = ?', [zoneId]);
    });
  }

  /** The zone's bookkeeping and rrsets; `meta` null when it has none. */
  async read(zoneId: string): Promise<{ meta: BaselineMeta | null; rrsets: BaselineRRSet[] }> {
    const [metaRows, rows] = await Promise.all([
      this.dataSource.query<MetaRow[]>(
        'SELECT pdns_zone_id, revision, taken_at, checked_revision, checked_fingerprint FROM zone_baselines WHERE pdns_zone_id = ?',
        [zoneId],
      ),
      this.dataSource.query<
        { fqdn: string; type: string; ttl: number; records: string | BaselineRRSet['records'] }[]
      >(
        'SELECT fqdn, type, ttl, records FROM zone_baseline_rrsets WHERE pdns_zone_id = ? ORDER BY fqdn, type',
        [zoneId],
      ),
    ]);
    return {
      meta: metaRows[0] ? toMeta(metaRows[0]) : null,
      rrsets: rows.map((r) => ({
        name: r.fqdn,
        type: r.type,
        ttl: Number(r.ttl),
        records:
          typeof r.records === 'string'
            ? (JSON.parse(r.records) as BaselineRRSet['records'])
            : r.records,
      })),
    };
  }

  /** Every zone's bookkeeping, by zone id. */
  async metas(): Promise<Map<string, BaselineMeta>> {
    const rows = await this.dataSource.query<MetaRow[]>(
      'SELECT pdns_zone_id, revision, taken_at, checked_revision, checked_fingerprint FROM zone_baselines',
    );
    return new Map(rows.map((r) => [r.pdns_zone_id, toMeta(r)]));
  }

  /** A scan found PowerDNS holding the baseline at `revision`, with this fingerprint. */
  async markChecked(zoneId: string, revision: number, fingerprint: string | null): Promise<void> {
    await this.dataSource.query(
      'UPDATE zone_baselines SET checked_revision = ?, checked_fingerprint = ?, checked_at = ? WHERE pdns_zone_id = ?',
      [revision, fingerprint, new Date(), zoneId],
    );
  }

  private upsertStatements(
    rows: readonly { zoneId: string; rrset: BaselineRRSet }[],
  ): SqlStatement[] {
    return rowChunks(rows).map((part) => ({
      sql: `INSERT INTO zone_baseline_rrsets (pdns_zone_id, fqdn, type, ttl, records) VALUES ${part.map(() => '(?, ?, ?, ?, ?)').join(', ')} ON DUPLICATE KEY UPDATE ttl = VALUES(ttl), records = VALUES(records)`,
      params: part.flatMap(({ zoneId, rrset }) => [
        zoneId,
        rrset.name,
        rrset.type,
        rrset.ttl,
        JSON.stringify(rrset.records),
      ]),
    }));
  }
}
