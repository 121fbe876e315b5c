import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const STACK = join(__dirname, '../../scripts/stack.sh');

/** Stops or starts the local PowerDNS (scripts/stack.sh), to test how ScaiDNS behaves in an outage. */
export function pdns(action: 'stop' | 'start'): void {
  execFileSync('bash', [STACK, `pdns-${action}`], { stdio: 'pipe', timeout: 60_000 });
}
