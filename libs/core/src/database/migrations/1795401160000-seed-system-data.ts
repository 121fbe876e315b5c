import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * Seed data as literals: a migration is a frozen snapshot, so nothing here comes from application code.
 * Later changes to roles, templates or defaults go in new migrations, never in this file.
 */

/**
 * Every permission the API checks (API.md), plus `domains:validation_bypass` (create a domain that is
 * active at once, without the ownership challenge). Role permission lists may also hold `<resource>:*`
 * and `*`. There is no permissions table: the catalogue is what the RBAC code knows; this copy is what
 * the seeded roles were checked against (see the database spec).
 */
export const PERMISSION_CATALOGUE = [
  'domains:read',
  'domains:create',
  'domains:update',
  'domains:delete',
  'domains:validation_bypass',
  'records:read',
  'records:create',
  'records:update',
  'records:delete',
  'dnssec:read',
  'dnssec:enable',
  'dnssec:disable',
  'dnssec:rotate',
  'access_grants:read',
  'access_grants:manage',
  'api_keys:read',
  'api_keys:create',
  'api_keys:update',
  'api_keys:delete',
  'audit:read',
  'roles:read',
  'roles:create',
  'roles:update',
  'roles:delete',
  'roles:assign',
  'templates:read',
  'templates:create',
  'templates:update',
  'templates:delete',
  'admin:read',
  'admin:write',
] as const;

const RECORDS_ALL = ['records:read', 'records:create', 'records:update', 'records:delete'];

export interface SeededRole {
  readonly id: string;
  readonly name: string;
  readonly displayName: string;
  readonly description: string;
  readonly permissions: readonly string[];
}

/** System roles (tenant_id NULL, is_system 1) with fixed ids that code and tests refer to. */
export const SYSTEM_ROLES: readonly SeededRole[] = [
  {
    id: '00000000-0000-4000-8000-000000000001',
    name: 'platform_admin',
    displayName: 'Platform admin',
    description: 'Everything on every tenant, including platform administration (/admin).',
    permissions: ['*'],
  },
  {
    id: '00000000-0000-4000-8000-000000000002',
    name: 'tenant_admin',
    displayName: 'Tenant admin',
    description:
      "Everything within the tenant: domains, records, DNSSEC, delegation, API keys, roles, templates and the tenant's audit log. No platform administration, and no skipping of domain ownership validation (that is the validation_bypass role).",
    permissions: PERMISSION_CATALOGUE.filter(
      (p) => !p.startsWith('admin:') && p !== 'domains:validation_bypass',
    ),
  },
  {
    id: '00000000-0000-4000-8000-000000000003',
    name: 'domain_admin',
    displayName: 'Domain admin',
    description:
      'Full control of the domains in scope: settings, deletion, records, DNSSEC and access grants (delegation); reads the audit log and templates.',
    permissions: [
      'domains:read',
      'domains:update',
      'domains:delete',
      ...RECORDS_ALL,
      'dnssec:read',
      'dnssec:enable',
      'dnssec:disable',
      'dnssec:rotate',
      'access_grants:read',
      'access_grants:manage',
      'audit:read',
      'templates:read',
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000004',
    name: 'domain_manager',
    displayName: 'Domain manager',
    description:
      'Manages the domains in scope and all their records, but cannot change DNSSEC or delegate access (reads both).',
    permissions: [
      'domains:read',
      'domains:update',
      'domains:delete',
      ...RECORDS_ALL,
      'dnssec:read',
      'access_grants:read',
      'audit:read',
      'templates:read',
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000005',
    name: 'record_editor',
    displayName: 'Record editor',
    description: 'Creates and modifies records of the domains in scope; cannot delete records.',
    permissions: ['domains:read', 'records:read', 'records:create', 'records:update'],
  },
  {
    id: '00000000-0000-4000-8000-000000000006',
    name: 'read_only',
    displayName: 'Read only',
    description:
      'Reads everything in scope (domains, records, DNSSEC, access grants, API keys, roles, templates, audit log); changes nothing. Platform administration (admin:read) is not included.',
    permissions: PERMISSION_CATALOGUE.filter((p) => p.endsWith(':read') && p !== 'admin:read'),
  },
  {
    id: '00000000-0000-4000-8000-000000000007',
    name: 'validation_bypass',
    displayName: 'Validation bypass',
    description:
      'Creates domains that are active at once, without the DNS ownership challenge. Granted by platform admins to trusted tenants.',
    permissions: ['domains:create', 'domains:validation_bypass'],
  },
];

/** Platform defaults; `value` is JSON and SQL NULL means "not set here: use the environment". */
export const PLATFORM_CONFIG_DEFAULTS: readonly {
  key: string;
  value: unknown;
  description: string;
}[] = [
  {
    key: 'nameservers',
    value: ['ns1.scaidns.local.', 'ns2.scaidns.local.'],
    description:
      'Authoritative nameservers (FQDNs with trailing dot) written as the NS records and SOA primary of every zone. Placeholders: set the real ones with PUT /admin/nameservers.',
  },
  {
    key: 'default_ttl',
    value: 3600,
    description: 'TTL in seconds for new zones, and for records created without one.',
  },
  {
    key: 'soa_edit_api',
    value: 'DEFAULT',
    description:
      'PowerDNS SOA-EDIT-API of the zones ScaiDNS creates. DEFAULT: the SOA serial becomes date-based (YYYYMMDDnn) and is bumped on every change made through the API; INCREASE would add one per change instead.',
  },
  {
    key: 'max_records_per_bulk',
    value: 1000,
    description: 'Largest number of records accepted by one bulk create, bulk delete or import.',
  },
  {
    key: 'zone_quota_per_tenant',
    value: null,
    description:
      "Maximum number of zones per tenant. null: use the environment's setting (unlimited if it has none).",
  },
];

interface SeededTemplate {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly records: readonly { name: string; type: string; content: string; ttl: number }[];
  readonly variables: readonly { name: string; description: string; required: boolean }[];
}

/**
 * System templates (template_type system, tenant_id NULL). Record content is zone-file syntax; `@` is the
 * zone apex and `${name}` a variable filled in when the template is applied.
 */
export const SYSTEM_TEMPLATES: readonly SeededTemplate[] = [
  {
    id: '00000000-0000-4000-8000-000000000101',
    name: 'Google Workspace',
    description:
      'Mail for Google Workspace: the MX record and an SPF record allowing Google to send.',
    records: [
      { name: '@', type: 'MX', content: '1 smtp.google.com.', ttl: 3600 },
      { name: '@', type: 'TXT', content: '"v=spf1 include:_spf.google.com ~all"', ttl: 3600 },
    ],
    variables: [],
  },
  {
    id: '00000000-0000-4000-8000-000000000102',
    name: 'Microsoft 365',
    description:
      'Mail for Microsoft 365 (Exchange Online): MX, Autodiscover and SPF. Needs the MX host prefix Microsoft shows for the domain.',
    records: [
      {
        name: '@',
        type: 'MX',
        content: '0 ${tenant_prefix}.mail.protection.outlook.com.',
        ttl: 3600,
      },
      { name: 'autodiscover', type: 'CNAME', content: 'autodiscover.outlook.com.', ttl: 3600 },
      {
        name: '@',
        type: 'TXT',
        content: '"v=spf1 include:spf.protection.outlook.com -all"',
        ttl: 3600,
      },
    ],
    variables: [
      {
        name: 'tenant_prefix',
        description:
          'The MX host prefix from the Microsoft 365 admin centre: usually the domain with dots replaced by hyphens (example-com for example.com).',
        required: true,
      },
    ],
  },
  {
    id: '00000000-0000-4000-8000-000000000103',
    name: 'Basic website',
    description:
      'A website on one IPv4 address: the apex points at it and www is an alias of the apex.',
    records: [
      { name: '@', type: 'A', content: '${ipv4}', ttl: 3600 },
      { name: 'www', type: 'CNAME', content: '@', ttl: 3600 },
    ],
    variables: [{ name: 'ipv4', description: 'IPv4 address of the web server.', required: true }],
  },
];

/**
 * Seeds the permission-bearing system roles, the platform configuration defaults and the system
 * templates. Separate from the schema so that the schema migration stays exactly what
 * `migration:generate` produced, and so the seed can be reverted on its own.
 */
export class SeedSystemData1795401160000 implements MigrationInterface {
  name = 'SeedSystemData1795401160000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const role of SYSTEM_ROLES) {
      await queryRunner.query(
        'INSERT INTO `roles` (`id`, `tenant_id`, `name`, `display_name`, `description`, `is_system`, `permissions`, `created_by`) VALUES (?, NULL, ?, ?, ?, 1, ?, NULL)',
        [role.id, role.name, role.displayName, role.description, JSON.stringify(role.permissions)],
      );
    }
    for (const entry of PLATFORM_CONFIG_DEFAULTS) {
      await queryRunner.query(
        'INSERT INTO `platform_config` (`key`, `value`, `description`, `updated_by`) VALUES (?, ?, ?, NULL)',
        [entry.key, entry.value === null ? null : JSON.stringify(entry.value), entry.description],
      );
    }
    for (const template of SYSTEM_TEMPLATES) {
      await queryRunner.query(
        "INSERT INTO `templates` (`id`, `tenant_id`, `name`, `description`, `template_type`, `records`, `variables`, `created_by`) VALUES (?, NULL, ?, ?, 'system', ?, ?, NULL)",
        [
          template.id,
          template.name,
          template.description,
          JSON.stringify(template.records),
          JSON.stringify(template.variables),
        ],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const roleIds = SYSTEM_ROLES.map((role) => role.id);
    const marks = roleIds.map(() => '?').join(', ');
    const [inUse] = (await queryRunner.query(
      `SELECT (SELECT COUNT(*) FROM \`role_assignments\` WHERE \`role_id\` IN (${marks})) + (SELECT COUNT(*) FROM \`access_grants\` WHERE \`role_id\` IN (${marks})) AS \`n\``,
      [...roleIds, ...roleIds],
    )) as { n: number | string }[];
    if (Number(inUse.n) > 0) {
      throw new Error(
        `Cannot remove the system roles: ${inUse.n} role assignments or access grants still use them. Revoke those first.`,
      );
    }
    await queryRunner.query(
      `DELETE FROM \`templates\` WHERE \`id\` IN (${SYSTEM_TEMPLATES.map(() => '?').join(', ')})`,
      SYSTEM_TEMPLATES.map((template) => template.id),
    );
    await queryRunner.query(
      `DELETE FROM \`platform_config\` WHERE \`key\` IN (${PLATFORM_CONFIG_DEFAULTS.map(() => '?').join(', ')})`,
      PLATFORM_CONFIG_DEFAULTS.map((entry) => entry.key),
    );
    await queryRunner.query(`DELETE FROM \`roles\` WHERE \`id\` IN (${marks})`, roleIds);
  }
}
