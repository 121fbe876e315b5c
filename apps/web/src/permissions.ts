import { unwrap } from '@app/api-client';
import { useEffect, useEffectEvent, useState } from 'react';
import type { Me } from './session/session-store';
import { api } from './session/session';

/**
 * Whether the caller holds a permission across their tenant (or the platform), as `/me/context`
 * lists it. The screens offer an action only when the API would allow it.
 */
export function holds(me: Me, permission: string): boolean {
  return me.permissions.includes(permission) || me.platform_permissions.includes(permission);
}

/** API keys manage keys only with a user's token: a key cannot (the API answers 403). */
export function managesKeys(me: Me): boolean {
  return me.auth.kind === 'user';
}

export type ZoneAccess = Readonly<Record<string, boolean>>;

/**
 * What the caller may do on one zone. A permission held tenant-wide holds on each of its zones; any
 * other is asked of `POST /me/permissions/check` (roles scoped to the zone, access grants), so the
 * answer is the API's. Undefined until known: nothing is offered meanwhile.
 */
export function useZoneAccess(
  me: Me,
  domainId: string,
  permissions: readonly string[],
): ZoneAccess | undefined {
  const [access, setAccess] = useState<{ key: string; value: ZoneAccess } | null>(null);
  const key = [
    me.id,
    me.auth.api_key_id,
    me.permissions,
    me.platform_permissions,
    domainId,
    permissions,
  ]
    .map(String)
    .join('|');
  const askAll = useEffectEvent(() =>
    Promise.all(
      permissions.map(async (permission): Promise<[string, boolean]> => {
        if (holds(me, permission)) return [permission, true];
        const answer = await unwrap(
          api.POST('/api/v1/me/permissions/check', { body: { permission, domain_id: domainId } }),
        ).catch(() => ({ allowed: false }));
        return [permission, answer.allowed];
      }),
    ),
  );
  // `key` names everything asked: the caller and what they hold, the zone, the permissions.
  useEffect(() => {
    let current = true;
    void askAll().then((pairs) => {
      if (current) setAccess({ key, value: Object.fromEntries(pairs) });
    });
    return () => {
      current = false;
    };
  }, [key]);
  return access?.key === key ? access.value : undefined;
}
