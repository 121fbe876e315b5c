import 'reflect-metadata';
import { getMetadataStorage } from 'class-validator';
import { getMetadataArgsStorage } from 'typeorm';
import { AccessGrant, ApiKey, Domain, Group, Role, Tenant, User } from '@app/core';
import { CreateAccessGrantDto, UpdateAccessGrantDto } from '../access-grants/access-grant.dto';
import {
  AddTenantDto,
  CreateGroupDto,
  CreateUserDto,
  InviteUserDto,
  UpdateTenantDto,
  UpdateUserDto,
} from '../admin/identity-admin.dto';
import { CreateApiKeyDto, RevokeApiKeyDto, UpdateApiKeyDto } from '../api-keys/api-key.dto';
import { CreateDomainDto, UpdateDomainDto } from '../domains/domain.dto';
import { CidrDto, CreateReverseZoneDto } from '../domains/reverse-zone.dto';
import { CreateRoleDto, UpdateRoleDto } from '../roles/role.dto';

/** Largest number of bytes one character takes in utf8mb4. */
const MAX_CHAR_BYTES = 4;
const TEXT_BYTES = 65_535;

type Class = abstract new (...args: never[]) => unknown;

/** Every DTO string that is stored as it comes (or shorter), and the column it is stored in. */
const STORED: [dto: Class, field: string, entity: Class, property: string][] = [
  [CreateDomainDto, 'description', Domain, 'description'],
  [UpdateDomainDto, 'description', Domain, 'description'],
  [CreateReverseZoneDto, 'description', Domain, 'description'],
  [CidrDto, 'cidr', Domain, 'cidr'],
  [CreateApiKeyDto, 'name', ApiKey, 'name'],
  [CreateApiKeyDto, 'description', ApiKey, 'description'],
  [UpdateApiKeyDto, 'name', ApiKey, 'name'],
  [UpdateApiKeyDto, 'description', ApiKey, 'description'],
  [RevokeApiKeyDto, 'reason', ApiKey, 'revokedReason'],
  [CreateRoleDto, 'name', Role, 'name'],
  [CreateRoleDto, 'display_name', Role, 'displayName'],
  [CreateRoleDto, 'description', Role, 'description'],
  [UpdateRoleDto, 'name', Role, 'name'],
  [UpdateRoleDto, 'display_name', Role, 'displayName'],
  [UpdateRoleDto, 'description', Role, 'description'],
  [CreateAccessGrantDto, 'record_pattern', AccessGrant, 'recordPattern'],
  [CreateAccessGrantDto, 'notes', AccessGrant, 'notes'],
  [UpdateAccessGrantDto, 'record_pattern', AccessGrant, 'recordPattern'],
  [UpdateAccessGrantDto, 'notes', AccessGrant, 'notes'],
  [AddTenantDto, 'scaikey_tenant_id', Tenant, 'scaikeyId'],
  [AddTenantDto, 'name', Tenant, 'name'],
  [AddTenantDto, 'slug', Tenant, 'slug'],
  [UpdateTenantDto, 'name', Tenant, 'name'],
  [UpdateTenantDto, 'slug', Tenant, 'slug'],
  [InviteUserDto, 'email', User, 'email'],
  [InviteUserDto, 'display_name', User, 'displayName'],
  [CreateGroupDto, 'name', Group, 'name'],
  [CreateGroupDto, 'description', Group, 'description'],
  [CreateUserDto, 'email', User, 'email'],
  [CreateUserDto, 'display_name', User, 'displayName'],
  [UpdateUserDto, 'email', User, 'email'],
  [UpdateUserDto, 'display_name', User, 'displayName'],
];

/** The most characters the DTO admits for `field`, from its length or pattern constraint. */
function dtoMaxChars(dto: Class, field: string): number {
  const rules = getMetadataStorage()
    .getTargetValidationMetadatas(dto as never, '', true, false)
    .filter((m) => m.propertyName === field);
  const bounds = rules.flatMap((m) => {
    const c = (m.constraints ?? []) as unknown[];
    if (m.name === 'maxLength') return [Number(c[0])];
    if (m.name === 'isLength') return [Number(c[1])];
    if (m.name === 'matches' && c[0] instanceof RegExp) {
      // `^x{m,n}$`-shaped patterns: one leading character and a bounded run.
      const run = /\{\d+,(\d+)\}\$$/.exec(c[0].source);
      if (run) return [Number(run[1]) + (c[0].source.startsWith('^[') ? 1 : 0)];
    }
    return [];
  });
  if (bounds.length === 0) throw new Error(`${dto.name}.${field} has no length bound`);
  return Math.min(...bounds);
}

function column(entity: Class, property: string): { type: string; length: number | null } {
  const found = getMetadataArgsStorage().columns.find(
    (c) => c.target === entity && c.propertyName === property,
  );
  if (!found) throw new Error(`${entity.name}.${property} is not a column`);
  return {
    type: String(found.options.type),
    length: found.options.length === undefined ? null : Number(found.options.length),
  };
}

describe('DTO strings fit their columns', () => {
  it.each(STORED.map(([d, f, e, p]) => [`${d.name}.${f} → ${e.name}.${p}`, d, f, e, p]))(
    '%s',
    (_label, dto, field, entity, property) => {
      const max = dtoMaxChars(dto, field);
      const col = column(entity, property);
      if (col.type === 'varchar' || col.type === 'char') {
        // varchar(n) counts characters: the DTO may not admit more.
        expect(max).toBeLessThanOrEqual(col.length ?? 0);
      } else if (col.type === 'text') {
        // TEXT counts bytes: the DTO's characters at 4 bytes each must fit.
        expect(max * MAX_CHAR_BYTES).toBeLessThanOrEqual(TEXT_BYTES);
      } else {
        throw new Error(`no rule for a ${col.type} column`);
      }
    },
  );
});
