import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';

/**
 * Records' creation times (record_stamps, written by the zone writer as it commits: see
 * RecordStampRow), by domain, owner name, type and content exactly as PowerDNS holds it.
 */
export type RecordStamps = ReadonlyMap<string, Date>;

const contentHash = (content: string): string => createHash('sha256').update(content).digest('hex');

export function stampKey(domainId: string, fqdn: string, type: string, content: string): string {
  return `${domainId}|${fqdn.toLowerCase()}|${type.toUpperCase()}|${contentHash(content)}`;
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

/** Beyond this many records, the stamps of the whole domain are read (one indexed range). */
const MAX_KEYED_STAMPS = 500;

/** The stamps of these records of one domain (a page of a list): their keys only, on the primary key. */
export async function loadStampsOf(
  dataSource: DataSource,
  domainId: string,
  records: readonly { name: string; type: string; content: string }[],
): Promise<RecordStamps> {
  if (records.length === 0) return new Map();
  if (records.length > MAX_KEYED_STAMPS) return loadRecordStamps(dataSource, [domainId]);
  const out = new Map<string, Date>();
  const params: string[] = [domainId];
  const keys = records.map((r) => {
    params.push(r.name.toLowerCase(), r.type.toUpperCase(), contentHash(r.content));
    return '(?, ?, ?)';
  });
  const rows = await dataSource.query<
    { fqdn: string; type: string; content_hash: string; created_at: Date }[]
  >(
    `SELECT fqdn, type, content_hash, created_at FROM record_stamps WHERE domain_id = ? AND (fqdn, type, content_hash) IN (${keys.join(', ')})`,
    params,
  );
  for (const row of rows) {
    out.set(
      `${domainId}|${row.fqdn.toLowerCase()}|${row.type.toUpperCase()}|${row.content_hash}`,
      row.created_at,
    );
  }
  return out;
}
