/**
 * What each platform setting may hold. A key without a rule takes any JSON value; a key that another
 * endpoint owns (because changing it has to do more than store it) is refused here with a pointer.
 */
type Rule = (value: unknown) => string | null;

const MAX_INT = 2_147_483_647;

function integer(min: number, max: number): Rule {
  return (value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? null
      : `must be a whole number from ${min} to ${max}`;
}

function nullable(rule: Rule): Rule {
  return (value) => (value === null ? null : rule(value));
}

/** PowerDNS's SOA-EDIT-API values. */
const SOA_EDIT_API = ['DEFAULT', 'INCREASE', 'EPOCH', 'SOA-EDIT', 'SOA-EDIT-INCREASE'];

const RULES: Record<string, Rule> = {
  default_ttl: integer(1, MAX_INT),
  soa_edit_api: (value) =>
    typeof value === 'string' && SOA_EDIT_API.includes(value)
      ? null
      : `must be one of ${SOA_EDIT_API.join(', ')}`,
  max_records_per_bulk: integer(1, 100_000),
  zone_quota_per_tenant: nullable(integer(0, MAX_INT)),
};

/** Keys whose change must go through their own endpoint. */
const OWNED_ELSEWHERE: Record<string, string> = {
  nameservers: 'PUT /api/v1/admin/nameservers, which also rewrites the NS and SOA of every zone',
  authoritative_domains: 'PUT /api/v1/admin/authoritative-domains, which checks every name',
};

/** Why `value` cannot be stored under `key`, or null when it can. */
export function platformConfigProblem(key: string, value: unknown): string | null {
  const owner = OWNED_ELSEWHERE[key];
  if (owner) return `${key} is changed with ${owner}`;
  const problem = RULES[key]?.(value) ?? null;
  return problem ? `${key} ${problem}` : null;
}
