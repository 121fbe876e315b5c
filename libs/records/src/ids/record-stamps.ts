import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Records' creation times (record_stamps, written by the zone writer as it commits: see
 * RecordStampRow), by domain, owner name, type and content exactly as PowerDNS holds it.
 */
export type RecordStamps = ReadonlyMap<string, Date>;

export function stampKey(domainId: string, fqdn: string, type: string, content: string): string {
  const hash = createHash('sha256').update(content).digest('hex');
  return `${domainId}|${fqdn.toLowerCase()}|${type.toUpperCase()}|${hash}`;
}

/** The stamps of these domains' records. Plain SQL: record lists read it on every call. */
export async function loadRecordStamps(
  dataSource: DataSource,
  domainIds: readonly string[],
): Promise<RecordStamps> {
  const out = new Map<string, Date>();
  if (domainIds.length === 0) return out;
  const rows = await dataSource.query<
    { domain_id: string; fqdn: string; type: string; content_hash: string; created_at: Date }[]
  >(
    `SELECT domain_id, fqdn, type, content_hash, created_at FROM record_stamps WHERE domain_id IN (${domainIds.map(() => '?').join(', ')})`,
    [...domainIds],
  );
  for (const row of rows) {
    out.set(
      `${row.domain_id}|${row.fqdn.toLowerCase()}|${row.type.toUpperCase()}|${row.content_hash}`,
      row.created_at,
    );
  }
  return out;
}
