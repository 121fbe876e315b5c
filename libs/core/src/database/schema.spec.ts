import 'reflect-metadata';
import { getMetadataArgsStorage } from 'typeorm';
import {
  ENTITIES,
  SYSTEM_ROLE_IDS,
  SYSTEM_TEMPLATE_IDS,
  type TemplateRecord,
  type TemplateVariable,
} from './entities';
import { MIGRATIONS } from './migrations';
import {
  PERMISSION_CATALOGUE,
  PLATFORM_CONFIG_DEFAULTS,
  SYSTEM_ROLES,
  SYSTEM_TEMPLATES,
} from './migrations/1795401160000-seed-system-data';
import { MAIL_AND_CAA_TEMPLATES } from './migrations/1795600000002-mail-and-caa-templates';

const SEEDED_TEMPLATES = [...SYSTEM_TEMPLATES, ...MAIL_AND_CAA_TEMPLATES];

const SNAKE_CASE = /^[a-z][a-z0-9]*(_[a-z0-9]+)*$/;
const catalogue: ReadonlySet<string> = new Set(PERMISSION_CATALOGUE);
const resources = new Set(PERMISSION_CATALOGUE.map((p) => p.split(':')[0]));

/** A role permission is a catalogue entry, `<resource>:*` for a known resource, or `*`. */
function isKnownPermission(permission: string): boolean {
  if (permission === '*' || catalogue.has(permission)) return true;
  const [resource, action] = permission.split(':');
  return action === '*' && resources.has(resource);
}

function permissionsOf(name: string): readonly string[] {
  const role = SYSTEM_ROLES.find((r) => r.name === name);
  if (!role) throw new Error(`no system role ${name}`);
  return role.permissions;
}

/** The classes a class inherits from, itself included (columns of UuidPrimaryEntity belong to all). */
function lineage(target: Function): Function[] {
  const chain: Function[] = [];
  for (let t: unknown = target; typeof t === 'function' && t !== Function.prototype;) {
    chain.push(t);
    t = Object.getPrototypeOf(t);
  }
  return chain;
}

describe('database schema metadata', () => {
  const storage = getMetadataArgsStorage();

  it.each(ENTITIES.map((entity) => [entity.name, entity]))(
    '%s is an @Entity with an explicit plural snake_case table name',
    (_name, entity) => {
      const table = storage.tables.find((t) => t.target === entity);
      expect(table?.name).toMatch(SNAKE_CASE);
    },
  );

  it('gives every table a distinct name', () => {
    const names = ENTITIES.map((e) => storage.tables.find((t) => t.target === e)?.name);
    expect(new Set(names).size).toBe(ENTITIES.length);
  });

  it.each(ENTITIES.map((entity) => [entity.name, entity]))(
    '%s names each column explicitly in snake_case',
    (_name, entity) => {
      const chain = lineage(entity);
      const columns = storage.columns.filter((c) => chain.includes(c.target as Function));
      expect(columns.length).toBeGreaterThan(0);
      for (const column of columns) {
        expect({ property: column.propertyName, name: column.options.name }).toEqual({
          property: column.propertyName,
          name: expect.stringMatching(SNAKE_CASE),
        });
      }
    },
  );

  it('lists migrations with strictly increasing timestamps in their class names', () => {
    const stamps = MIGRATIONS.map((m) => Number(/(\d{13})$/.exec(m.name)?.[1]));
    expect(stamps.every((s) => Number.isFinite(s))).toBe(true);
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });
});

describe('seeded system roles', () => {
  it('are exactly the roles the API documents, with the ids the entities export', () => {
    const seeded = Object.fromEntries(SYSTEM_ROLES.map((r) => [r.name, r.id]));
    expect(seeded).toEqual(SYSTEM_ROLE_IDS);
  });

  it.each(SYSTEM_ROLES.map((r) => [r.name, r]))(
    '%s uses only permissions from the catalogue, without duplicates',
    (_name, role) => {
      expect(role.permissions.filter((p) => !isKnownPermission(p))).toEqual([]);
      expect(new Set(role.permissions).size).toBe(role.permissions.length);
      expect(role.description.length).toBeGreaterThan(0);
    },
  );

  it('keeps platform administration to platform_admin', () => {
    for (const role of SYSTEM_ROLES.filter((r) => r.name !== 'platform_admin')) {
      expect(role.permissions.filter((p) => p === '*' || p.startsWith('admin:'))).toEqual([]);
    }
    expect(permissionsOf('platform_admin')).toEqual(['*']);
  });

  it('lets only validation_bypass skip ownership validation', () => {
    const holders = SYSTEM_ROLES.filter((r) =>
      r.permissions.includes('domains:validation_bypass'),
    ).map((r) => r.name);
    expect(holders).toEqual(['validation_bypass']);
  });

  it('gives tenant_admin every tenant-level permission', () => {
    const tenantLevel = PERMISSION_CATALOGUE.filter(
      (p) => !p.startsWith('admin:') && p !== 'domains:validation_bypass',
    );
    expect([...permissionsOf('tenant_admin')].sort()).toEqual([...tenantLevel].sort());
  });

  it('keeps domain_manager away from DNSSEC changes and delegation, but lets it read them', () => {
    const manager = permissionsOf('domain_manager');
    for (const p of ['dnssec:enable', 'dnssec:disable', 'dnssec:rotate', 'access_grants:manage']) {
      expect(manager).not.toContain(p);
      expect(permissionsOf('domain_admin')).toContain(p);
    }
    expect(manager).toEqual(expect.arrayContaining(['dnssec:read', 'access_grants:read']));
  });

  it('lets record_editor create and modify records but not delete them', () => {
    const editor = permissionsOf('record_editor');
    expect(editor).toEqual(expect.arrayContaining(['records:create', 'records:update']));
    expect(editor.filter((p) => p.endsWith(':delete') || p.endsWith(':*'))).toEqual([]);
  });

  it('gives read_only nothing but reads', () => {
    const readOnly = permissionsOf('read_only');
    expect(readOnly.every((p) => p.endsWith(':read'))).toBe(true);
    expect(readOnly).toEqual(
      expect.arrayContaining(['domains:read', 'records:read', 'audit:read']),
    );
  });
});

describe('seeded system templates and platform config', () => {
  it('uses the ids the entities export', () => {
    expect(SEEDED_TEMPLATES.map((t) => t.id).sort()).toEqual(
      Object.values(SYSTEM_TEMPLATE_IDS).sort(),
    );
  });

  it.each(SEEDED_TEMPLATES.map((t) => [t.name, t.records, t.variables] as const))(
    '%s declares exactly the variables its records use',
    (_name, records: readonly TemplateRecord[], variables: readonly TemplateVariable[]) => {
      const used = new Set(
        records.flatMap((r) =>
          [...`${r.name} ${r.content}`.matchAll(/\$\{([a-z0-9_]+)\}/g)].map((m) => m[1]),
        ),
      );
      expect([...used].sort()).toEqual(variables.map((v) => v.name).sort());
      for (const record of records) expect(record.ttl).toBeGreaterThan(0);
    },
  );

  it('seeds each platform config key once, with a description', () => {
    const keys = PLATFORM_CONFIG_DEFAULTS.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toEqual(expect.arrayContaining(['nameservers', 'default_ttl']));
    for (const entry of PLATFORM_CONFIG_DEFAULTS) expect(entry.description).not.toBe('');
  });
});
