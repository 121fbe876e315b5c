import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createPool, type Pool, type RowDataPacket } from 'mysql2/promise';
import { type AppConfig, InjectConfig } from '@app/core';

/** One statement's bound: the fingerprint query reads the whole records table. */
const QUERY_TIMEOUT_MS = 120_000;

/**
 * Per zone, a fingerprint of its records as PowerDNS's generic MySQL backend stores them: the count
 * and an exact (DECIMAL) sum of a 60-bit hash of each record's name, type, content, TTL and disabled flag (the SOA without
 * its serial, which SOA-EDIT-API moves on every commit). MariaDB computes it over the records table
 * and returns one row per zone, so a scan learns which zones changed since it last looked, however
 * they were changed (API, pdnsutil, SQL) and whether or not the serial moved, without reading them.
 * A sum, not an XOR: two identical rows must not cancel out. Names are PowerDNS's (no trailing dot).
 */
const FINGERPRINTS = `
SELECT d.name AS zone,
  CONCAT(COUNT(r.id), ':', COALESCE(SUM(CAST(CONV(LEFT(MD5(CONCAT_WS(CHAR(31), r.name, r.type,
    IF(r.type = 'SOA',
       CONCAT(SUBSTRING_INDEX(r.content, ' ', 2), ' ', SUBSTRING_INDEX(r.content, ' ', -4)),
       r.content),
    r.ttl, r.disabled)), 15), 16, 10) AS UNSIGNED)), 0)) AS fingerprint
FROM domains d LEFT JOIN records r ON r.domain_id = d.id AND r.type IS NOT NULL
GROUP BY d.id, d.name`;

/**
 * Read-only access to PowerDNS's own database (PDNS_DATABASE_URL, optional; gmysql only), for drift
 * scans: fingerprints of every zone's records in one query. ScaiDNS never writes it; everything
 * else about zones goes through the HTTP API.
 */
@Injectable()
export class PdnsDatabase implements OnModuleDestroy {
  private pool: Pool | null = null;

  constructor(@InjectConfig() private readonly config: AppConfig) {}

  /** Whether PDNS_DATABASE_URL is set. */
  get configured(): boolean {
    return this.config.drift.pdnsDatabase !== null;
  }

  /** Every zone's fingerprint, by canonical name (trailing dot); null when not configured. */
  async fingerprints(): Promise<Map<string, string> | null> {
    const pool = this.connect();
    if (!pool) return null;
    const [rows] = await pool.query<RowDataPacket[]>({
      sql: FINGERPRINTS,
      timeout: QUERY_TIMEOUT_MS,
    });
    return new Map(
      rows.map((row) => [`${String(row.zone).toLowerCase()}.`, String(row.fingerprint)]),
    );
  }

  async onModuleDestroy(): Promise<void> {
    await this.pool?.end();
    this.pool = null;
  }

  private connect(): Pool | null {
    const db = this.config.drift.pdnsDatabase;
    if (!db) return null;
    this.pool ??= createPool({
      host: db.host,
      port: db.port,
      user: db.username,
      password: db.password,
      database: db.database,
      connectionLimit: 2,
      connectTimeout: this.config.database.timeoutMs,
    });
    return this.pool;
  }
}
