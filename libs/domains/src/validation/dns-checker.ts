import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Injectable } from '@nestjs/common';
import { AppError, type AppConfig, type HostPort, InjectConfig } from '@app/core';

/** What a TXT ownership check found. */
export type TxtCheckResult =
  | { readonly outcome: 'match' }
  | { readonly outcome: 'mismatch'; readonly found: readonly string[] }
  | { readonly outcome: 'missing' }
  | { readonly outcome: 'nxdomain' }
  | { readonly outcome: 'error'; readonly message: string };

export type TxtCheckFailure = Exclude<TxtCheckResult, { outcome: 'match' }>;

/** What the configured resolvers say about a domain's NS rrset. */
export type NameserverLookup =
  | { readonly outcome: 'found'; readonly nameservers: readonly string[] }
  /** The name exists but has no NS rrset (not a delegated zone: a name inside someone's zone). */
  | { readonly outcome: 'none' }
  | { readonly outcome: 'nxdomain' }
  | { readonly outcome: 'error'; readonly message: string };

/** One TXT question's answer from one server. */
type TxtAnswer =
  | { readonly kind: 'values'; readonly values: readonly string[] }
  | { readonly kind: 'none' }
  | { readonly kind: 'error'; readonly reason: string };

interface AuthoritativeServer {
  readonly address: string;
  /** The NS names that resolve to this address, for messages. */
  readonly names: readonly string[];
}

const TRIES = 2;

/**
 * The message the validation API returns for a failed TXT check; the first three are the documented
 * messages, verbatim.
 */
export function txtFailureMessage(
  result: TxtCheckFailure,
  recordName: string,
  expected: string,
  domain: string,
): string {
  switch (result.outcome) {
    case 'missing':
      return `No DNS record found for ${recordName}`;
    case 'mismatch':
      return `TXT record found but value doesn't match. Expected: ${expected}`;
    case 'nxdomain':
      return `Domain ${domain} does not exist in DNS`;
    case 'error':
      return `Could not check ${recordName} in DNS: ${result.message}`;
  }
}

/**
 * Asks DNS whether a domain's owner published the challenge, the way the rest of the world would see
 * it: the domain's nameservers are found through the configured recursive resolvers, and each
 * authoritative server is then asked directly (so a resolver's cached negative answer can't hide a
 * record just published). Queries are bounded by VALIDATION_DNS_TIMEOUT_MS with two tries each.
 */
@Injectable()
export class DnsChecker {
  /** Reads only `config.validation`, so tests may pass just that part. */
  constructor(@InjectConfig() private readonly config: Pick<AppConfig, 'validation'>) {}

  /**
   * The TXT check of the issue: NS of `domain` via the resolvers → their addresses via the resolvers
   * → TXT `recordName` from each authoritative server on VALIDATION_AUTHORITATIVE_PORT. Any server
   * holding `expected` is a match. Without NS at `domain` (or with none of them resolvable) the
   * resolvers are asked for the TXT instead. Never rejects: failures are an `error` outcome.
   */
  async checkTxt(domain: string, recordName: string, expected: string): Promise<TxtCheckResult> {
    const lookup = await this.lookupNameservers(domain);
    switch (lookup.outcome) {
      case 'nxdomain':
        return { outcome: 'nxdomain' };
      case 'error':
        return { outcome: 'error', message: lookup.message };
      case 'none':
        return this.askResolvers(recordName, expected);
      case 'found': {
        const servers = await this.resolveAddresses(lookup.nameservers);
        if (servers.length === 0) return this.askResolvers(recordName, expected);
        return this.askAuthoritative(servers, recordName, expected, domain);
      }
    }
  }

  /** The NS rrset of `domain` as the resolvers see it, lowercase without trailing dots, sorted. */
  async lookupNameservers(domain: string): Promise<NameserverLookup> {
    const resolver = this.resolverFor(this.config.validation.resolvers);
    if ('error' in resolver) return { outcome: 'error', message: resolver.error };
    try {
      const names = await resolver.resolveNs(domain);
      const nameservers = [...new Set(names.map(canonicalName))].sort();
      return nameservers.length > 0 ? { outcome: 'found', nameservers } : { outcome: 'none' };
    } catch (error) {
      switch (dnsErrorCode(error)) {
        case 'ENODATA':
          return { outcome: 'none' };
        case 'ENOTFOUND':
          return { outcome: 'nxdomain' };
        default:
          return {
            outcome: 'error',
            message: `looking up the nameservers of ${domain} failed: ${describeDnsError(error)}`,
          };
      }
    }
  }

  /**
   * The domain's NS names for the `nameservers` method: empty when the domain has none or does not
   * exist. Rejects with UPSTREAM_UNAVAILABLE when the resolvers can't answer, so a check is retried
   * rather than failed on a DNS outage.
   */
  async findNameservers(domain: string): Promise<string[]> {
    const lookup = await this.lookupNameservers(domain);
    switch (lookup.outcome) {
      case 'found':
        return [...lookup.nameservers];
      case 'none':
      case 'nxdomain':
        return [];
      case 'error':
        throw AppError.upstream(`DNS lookup failed: ${lookup.message}`);
    }
  }

  /** Each distinct IPv4 and IPv6 address of the NS names, through the resolvers; unresolvable names drop out. */
  private async resolveAddresses(nameservers: readonly string[]): Promise<AuthoritativeServer[]> {
    const resolver = this.resolverFor(this.config.validation.resolvers);
    if ('error' in resolver) return [];
    const byAddress = new Map<string, string[]>();
    await Promise.all(
      nameservers.map(async (name) => {
        const [v4, v6] = await Promise.all([
          resolver.resolve4(name).catch(() => [] as string[]),
          resolver.resolve6(name).catch(() => [] as string[]),
        ]);
        for (const address of [...v4, ...v6]) {
          byAddress.set(address, [...(byAddress.get(address) ?? []), name]);
        }
      }),
    );
    return [...byAddress].map(([address, names]) => ({ address, names }));
  }

  /** Resolves as soon as one server holds the value; otherwise combines every server's answer. */
  private askAuthoritative(
    servers: readonly AuthoritativeServer[],
    recordName: string,
    expected: string,
    domain: string,
  ): Promise<TxtCheckResult> {
    const port = this.config.validation.authoritativePort;
    if (servers.length === 0) return this.askResolvers(recordName, expected);
    return new Promise((resolve) => {
      const answers: { server: AuthoritativeServer; answer: TxtAnswer }[] = [];
      for (const server of servers) {
        void this.askTxt([{ host: server.address, port }], recordName).then((answer) => {
          answers.push({ server, answer });
          if (answer.kind === 'values' && answer.values.includes(expected)) {
            resolve({ outcome: 'match' });
          } else if (answers.length === servers.length) {
            resolve(
              combine(
                answers.map((a) => a.answer),
                expected,
                () =>
                  `no nameserver of ${domain} answered: ${answers
                    .map(
                      (a) =>
                        `${a.server.names.join('/')} (${a.server.address}): ${errorReason(a.answer)}`,
                    )
                    .join('; ')}`,
              ),
            );
          }
        });
      }
    });
  }

  private async askResolvers(recordName: string, expected: string): Promise<TxtCheckResult> {
    const answer = await this.askTxt(this.config.validation.resolvers, recordName);
    return combine(
      [answer],
      expected,
      () => `the resolvers did not answer: ${errorReason(answer)}`,
    );
  }

  /** The TXT values at `name` (each record's strings joined) from `servers`; never rejects. */
  private async askTxt(servers: readonly HostPort[], name: string): Promise<TxtAnswer> {
    const resolver = this.resolverFor(servers);
    if ('error' in resolver) return { kind: 'error', reason: resolver.error };
    try {
      const records = await resolver.resolveTxt(name);
      return { kind: 'values', values: records.map((chunks) => chunks.join('')) };
    } catch (error) {
      const code = dnsErrorCode(error);
      // NXDOMAIN for the record name only says the record is missing: the domain itself exists.
      if (code === 'ENODATA' || code === 'ENOTFOUND') return { kind: 'none' };
      return { kind: 'error', reason: describeDnsError(error) };
    }
  }

  private resolverFor(servers: readonly HostPort[]): Resolver | { error: string } {
    const resolver = new Resolver({ timeout: this.config.validation.dnsTimeoutMs, tries: TRIES });
    try {
      resolver.setServers(servers.map(serverAddress));
    } catch {
      return {
        error: `unusable DNS server list ${servers.map(serverAddress).join(', ')} (IP addresses are required)`,
      };
    }
    return resolver;
  }
}

/** Any server holding the value wins; then any value at all is a mismatch; then any clean "no record". */
function combine(
  answers: readonly TxtAnswer[],
  expected: string,
  allFailed: () => string,
): TxtCheckResult {
  const found = [...new Set(answers.flatMap((a) => (a.kind === 'values' ? a.values : [])))];
  if (found.includes(expected)) return { outcome: 'match' };
  if (found.length > 0) return { outcome: 'mismatch', found };
  if (answers.some((a) => a.kind !== 'error')) return { outcome: 'missing' };
  return { outcome: 'error', message: allFailed() };
}

function errorReason(answer: TxtAnswer): string {
  return answer.kind === 'error' ? answer.reason : 'answered';
}

function serverAddress({ host, port }: HostPort): string {
  return isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
}

function canonicalName(name: string): string {
  const lower = name.toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

function dnsErrorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

const DNS_ERROR_TEXT: Record<string, string> = {
  ETIMEOUT: 'timed out',
  ECONNREFUSED: 'connection refused',
  ESERVFAIL: 'server failure (SERVFAIL)',
  EREFUSED: 'query refused (REFUSED)',
  EBADRESP: 'malformed reply',
  EFORMERR: 'query format error (FORMERR)',
  ENOTIMP: 'query not implemented (NOTIMP)',
  ECANCELLED: 'query cancelled',
};

function describeDnsError(error: unknown): string {
  const code = dnsErrorCode(error);
  if (code !== undefined && DNS_ERROR_TEXT[code]) return DNS_ERROR_TEXT[code];
  return code ?? (error instanceof Error ? error.message : String(error));
}
