import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PdnsClient, PdnsNotFoundError } from '@app/pdns-client';
import { dig } from './dig';

const ROOT = join(__dirname, '..', '..');
const STACK = join(ROOT, 'scripts/stack.sh');

/** The stack's PowerDNS secondary (scripts/stack.sh): DNS and API addresses, and its API key. */
export const SECONDARY = {
  host: '127.0.0.1',
  port: 5301,
  apiUrl: 'http://127.0.0.1:8082',
  apiKey(): string {
    const secrets = readFileSync(join(ROOT, '.state/secrets.env'), 'utf8');
    const key = /^PDNS_SECONDARY_API_KEY=(.*)$/m.exec(secrets)?.[1];
    if (!key)
      throw new Error('no PDNS_SECONDARY_API_KEY in .state/secrets.env: run scripts/stack.sh up');
    return key.trim();
  },
  /** SECONDARY_PDNS_API_URLS for this secondary. */
  apiUrls(): string {
    return `http://:${this.apiKey()}@127.0.0.1:8082`;
  },
  client(): PdnsClient {
    return new PdnsClient({
      apiUrl: this.apiUrl,
      apiKey: this.apiKey(),
      serverId: 'localhost',
      timeoutMs: 5000,
    });
  },
};

/** Stops or starts the stack's secondary, to see a secondary that is away. */
export function secondary(action: 'stop' | 'start'): void {
  execFileSync('bash', [STACK, `secondary-${action}`], { stdio: 'pipe', timeout: 60_000 });
}

/** Makes the secondary consume `catalog` from the stack's primary (a Consumer zone). */
export async function consumeCatalog(client: PdnsClient, catalog: string): Promise<void> {
  await client.createZone({ name: catalog, kind: 'Consumer', masters: ['127.0.0.1:5300'] });
  await client.retrieveZone(catalog).catch(() => undefined);
}

/**
 * Stops consuming `catalog` and removes the zones it brought (deleting a Consumer zone leaves its
 * members behind, PowerDNS 4.7).
 */
export async function dropCatalog(
  client: PdnsClient,
  catalog: string,
  members: readonly string[],
): Promise<void> {
  for (const zone of [catalog, ...members]) {
    await client.deleteZone(zone).catch((error: unknown) => {
      if (!(error instanceof PdnsNotFoundError)) throw error;
    });
  }
}

/** The SOA serial the secondary serves for `zone`, or null when it does not serve it. */
export function secondarySerial(zone: string): number | null {
  const answer = dig(zone, 'SOA', SECONDARY.host, SECONDARY.port);
  const soa = answer.answers.find((a) => a.type === 'SOA');
  return answer.status === 'NOERROR' && soa ? Number(soa.data.split(' ')[2]) : null;
}
