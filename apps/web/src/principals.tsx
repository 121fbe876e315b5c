import { type ApiProblem, type Schemas, unwrap } from '@app/api-client';
import type { ReactNode } from 'react';
import { type ControlProps, Field } from './components/field';
import { useLoad } from './data';
import { holds } from './permissions';
import type { Me } from './session/session-store';
import { api } from './session/session';

export type PrincipalType = 'user' | 'group';

export interface Principals {
  readonly users: readonly Schemas['UserDto'][];
  readonly groups: readonly Schemas['GroupDto'][];
  /** Whether the lists could be read (they need `roles:assign`); otherwise ids are typed in. */
  readonly listed: boolean;
  readonly label: (type: PrincipalType, id: string) => string;
}

/** The tenant's users and groups, to pick a grantee or an assignee and to name them in lists. */
export function usePrincipals(me: Me): Principals {
  const listed = holds(me, 'roles:assign');
  const query = { tenant_id: me.tenant.id, page_size: 100 };
  const users = useLoad(`users:${listed}`, () =>
    listed
      ? unwrap(api.GET('/api/v1/admin/users', { params: { query } })).then((p) => p.data)
      : Promise.resolve([]),
  );
  const groups = useLoad(`groups:${listed}`, () =>
    listed
      ? unwrap(api.GET('/api/v1/admin/groups', { params: { query } })).then((p) => p.data)
      : Promise.resolve([]),
  );
  const userList = users.data ?? [];
  const groupList = groups.data ?? [];
  return {
    users: userList,
    groups: groupList,
    listed,
    label: (type, id) => {
      if (type === 'user') {
        if (id === me.id) return `${me.email} (you)`;
        return userList.find((u) => u.id === id)?.email ?? id;
      }
      return groupList.find((g) => g.id === id)?.name ?? id;
    },
  };
}

/** A user or group of the tenant: a list to choose from, or the id typed in. */
export function PrincipalInput(props: {
  control: ControlProps;
  principals: Principals;
  type: PrincipalType;
  value: string;
  onChange: (id: string) => void;
}): ReactNode {
  const { control, principals, type, value, onChange } = props;
  if (!principals.listed) {
    return (
      <input
        {...control}
        autoComplete="off"
        spellCheck={false}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  const options =
    type === 'user'
      ? principals.users.map((u) => ({
          id: u.id,
          label: `${u.email}${u.name ? ` (${u.name})` : ''}`,
        }))
      : principals.groups.map((g) => ({ id: g.id, label: g.name }));
  return (
    <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">Choose a {type}</option>
      {options.map((o) => (
        <option key={o.id} value={o.id}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/**
 * The two fields that name a principal: user or group, then which one. Changing the kind clears
 * the choice. `names` are the API's fields, so its errors show under them.
 */
export function PrincipalFields(props: {
  names: { readonly type: string; readonly id: string };
  typeLabel: string;
  idHint?: string;
  problem: ApiProblem | null;
  principals: Principals;
  type: PrincipalType;
  id: string;
  onType: (type: PrincipalType) => void;
  onId: (id: string) => void;
}): ReactNode {
  const { names, problem, principals, type, id, onType, onId } = props;
  return (
    <>
      <Field label={props.typeLabel} name={names.type} problem={problem}>
        {(control) => (
          <select
            {...control}
            value={type}
            onChange={(e) => {
              onType(e.target.value as PrincipalType);
              onId('');
            }}
          >
            <option value="user">User</option>
            <option value="group">Group</option>
          </select>
        )}
      </Field>
      <Field
        label={type === 'user' ? 'User' : 'Group'}
        name={names.id}
        problem={problem}
        hint={props.idHint}
        className="grow"
      >
        {(control) => (
          <PrincipalInput
            control={control}
            principals={principals}
            type={type}
            value={id}
            onChange={onId}
          />
        )}
      </Field>
    </>
  );
}
