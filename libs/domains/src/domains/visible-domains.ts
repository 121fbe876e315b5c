import type { Domain } from '@app/core';
import { type PrincipalAccess, visibleScope } from '@app/identity';
import { Brackets, type SelectQueryBuilder } from 'typeorm';

/**
 * Narrows a query over domains `d` (joined with their tenant as `t`) to the ones the caller may
 * read: their tenants', their partners' tenants', and single domains they hold roles or grants on.
 */
export function onlyVisible(
  qb: SelectQueryBuilder<Domain>,
  access: PrincipalAccess,
): SelectQueryBuilder<Domain> {
  const scope = visibleScope(access, 'domains:read', new Date());
  if (scope.all) return qb;
  return qb.andWhere(
    new Brackets((w) => {
      w.where('1 = 0');
      if (scope.tenantIds.length)
        w.orWhere('d.tenant_id IN (:...tenantIds)', { tenantIds: scope.tenantIds });
      if (scope.partnerIds.length)
        w.orWhere('t.partner_id IN (:...partnerIds)', { partnerIds: scope.partnerIds });
      if (scope.domainIds.length)
        w.orWhere('d.id IN (:...domainIds)', { domainIds: scope.domainIds });
    }),
  );
}
