import { PdnsClient } from '@app/pdns-client';

/** A client of the stack's PowerDNS (PDNS_API_URL, PDNS_API_KEY), for the benchmarks' raw anchors. */
export function benchPdnsClient(connections = 64): PdnsClient {
  return new PdnsClient({
    apiUrl: process.env.PDNS_API_URL ?? '',
    apiKey: process.env.PDNS_API_KEY ?? '',
    serverId: 'localhost',
    timeoutMs: 60_000,
    connections,
  });
}
