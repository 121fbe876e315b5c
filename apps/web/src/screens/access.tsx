import { type Schemas, unwrap } from '@app/api-client';
import { type FormEvent, useState } from 'react';
import { ConfirmButton, Status, ScrollRegion, Time } from '../components/controls';
import { Field, FieldMessages, FormProblem, TextField } from '../components/field';
import { LoadState, Page } from '../components/page';
import { useAction, useLoad } from '../data';
import { holds } from '../permissions';
import { PrincipalFields, type PrincipalType, type Principals, usePrincipals } from '../principals';
import { api, session, useMe } from '../session/session';

type Role = Schemas['RoleDto'];
type ScopeType = NonNullable<Schemas['CreateRoleAssignmentDto']['scope_type']>;

/** Roles and who holds them where; custom roles. Grants on one zone are on the zone's screen. */
export function AccessScreen() {
  const me = useMe();
  const principals = usePrincipals(me);
  const roles = useLoad('roles', () => unwrap(api.GET('/api/v1/roles')));
  const assignments = useLoad('assignments', () => unwrap(api.GET('/api/v1/roles/assignments')));
  const zones = useLoad('zones-for-scopes', () =>
    unwrap(api.GET('/api/v1/domains', { params: { query: { page_size: 100 } } })),
  );
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useAction();
  const zoneName = (id: string | null) =>
    zones.data?.data.find((z) => z.id === id)?.name ?? id ?? '';
  const changed = (message: string) => {
    setNotice(message);
    assignments.reload();
    roles.reload();
    // The caller's own permissions may have changed with it.
    void session.reloadContext().catch(() => undefined);
  };
  const revoke = (assignment: Schemas['RoleAssignmentDto'], who: string) =>
    remove.run(async () => {
      await unwrap(
        api.DELETE('/api/v1/roles/assignments/{id}', { params: { path: { id: assignment.id } } }),
      );
      changed(`Revoked ${assignment.role} from ${who}.`);
    });
  const deleteRole = (role: Role) =>
    remove.run(async () => {
      await unwrap(api.DELETE('/api/v1/roles/{id}', { params: { path: { id: role.id } } }));
      changed(`Deleted the role ${role.name}.`);
    });

  return (
    <Page title="Access">
      {notice ? <Status>{notice}</Status> : null}
      <FormProblem problem={remove.problem} />
      <section aria-labelledby="assignments-title">
        <h2 id="assignments-title">Role assignments</h2>
        {holds(me, 'roles:assign') && roles.data ? (
          <AssignRole
            me={me}
            roles={roles.data.data}
            principals={principals}
            zones={zones.data?.data ?? []}
            onAssigned={(text) => changed(text)}
          />
        ) : null}
        <LoadState
          problem={assignments.problem}
          loading={assignments.loading && !assignments.data}
        />
        {assignments.data ? (
          <ScrollRegion label="Role assignments">
            <table>
              <thead>
                <tr>
                  <th scope="col">Who</th>
                  <th scope="col">Role</th>
                  <th scope="col">Where</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {assignments.data.data.map((a) => {
                  const who = `${a.principal_type} ${principals.label(a.principal_type, a.principal_id)}`;
                  return (
                    <tr key={a.id}>
                      <th scope="row">{who}</th>
                      <td>{a.role}</td>
                      <td>
                        {a.scope_type === 'domain' ? `zone ${zoneName(a.scope_id)}` : a.scope_type}
                      </td>
                      <td>
                        <Time value={a.expires_at} />
                      </td>
                      <td className="actions">
                        {holds(me, 'roles:assign') ? (
                          <ConfirmButton
                            label="Revoke"
                            ariaLabel={`Revoke ${a.role} from ${who}`}
                            question={`Revoke ${a.role} from ${who}?`}
                            confirm="Revoke"
                            onConfirm={() => revoke(a, who)}
                          />
                        ) : null}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
      </section>
      <section aria-labelledby="roles-title">
        <h2 id="roles-title">Roles</h2>
        {holds(me, 'roles:create') ? (
          <NewRole me={me} onCreated={(name) => changed(`Created the role ${name}.`)} />
        ) : null}
        <LoadState problem={roles.problem} loading={roles.loading && !roles.data} />
        {roles.data ? (
          <ScrollRegion label="Roles">
            <table>
              <thead>
                <tr>
                  <th scope="col">Role</th>
                  <th scope="col">Description</th>
                  <th scope="col">Permissions</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {roles.data.data.map((role) => (
                  <tr key={role.id}>
                    <th scope="row">
                      {role.display_name ?? role.name}
                      <div className="muted small">
                        {role.name}
                        {role.is_system ? ' · system' : ' · custom'}
                      </div>
                    </th>
                    <td>{role.description}</td>
                    <td>
                      <details>
                        <summary>
                          {role.permissions.length === 1
                            ? '1 permission'
                            : `${role.permissions.length} permissions`}
                        </summary>
                        <ul className="permissions">
                          {role.permissions.map((p) => (
                            <li key={p}>
                              <code>{p}</code>
                            </li>
                          ))}
                        </ul>
                      </details>
                    </td>
                    <td className="actions">
                      {!role.is_system && holds(me, 'roles:delete') ? (
                        <ConfirmButton
                          label="Delete"
                          ariaLabel={`Delete the role ${role.name}`}
                          question={`Delete the role ${role.name}?`}
                          confirm="Delete role"
                          onConfirm={() => deleteRole(role)}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
      </section>
    </Page>
  );
}

const ASSIGN_FIELDS = [
  'principal_type',
  'principal_id',
  'role_id',
  'role',
  'scope_type',
  'scope_id',
  'expires_at',
];

interface AssignRoleProps {
  readonly me: ReturnType<typeof useMe>;
  readonly roles: readonly Role[];
  readonly principals: Principals;
  readonly zones: readonly Schemas['DomainDto'][];
  readonly onAssigned: (text: string) => void;
}

function AssignRole({ me, roles, principals, zones, onAssigned }: AssignRoleProps) {
  const [type, setType] = useState<PrincipalType>('user');
  const [principal, setPrincipal] = useState('');
  const [roleId, setRoleId] = useState(
    roles.find((r) => r.name === 'read_only')?.id ?? roles[0]?.id ?? '',
  );
  const [scope, setScope] = useState<ScopeType>('tenant');
  const [zoneId, setZoneId] = useState('');
  const [expires, setExpires] = useState('');
  const assign = useAction();
  const scopes: ScopeType[] = me.platform_permissions.includes('roles:assign')
    ? ['tenant', 'domain', 'platform']
    : ['tenant', 'domain'];
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await assign.run(async () => {
      const created = await unwrap(
        api.POST('/api/v1/roles/assignments', {
          body: {
            principal_type: type,
            principal_id: principal.trim(),
            role_id: roleId,
            scope_type: scope,
            ...(scope === 'domain' ? { scope_id: zoneId } : {}),
            ...(expires ? { expires_at: new Date(expires).toISOString() } : {}),
          },
        }),
      );
      onAssigned(
        `Assigned ${created.role} to ${type} ${principals.label(type, created.principal_id)}.`,
      );
      setPrincipal('');
    });
  };
  return (
    <form
      className="panel stack"
      aria-labelledby="assign-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="assign-title">Assign a role</h3>
      <FormProblem problem={assign.problem} fields={ASSIGN_FIELDS} />
      <div className="row">
        <PrincipalFields
          names={{ type: 'principal_type', id: 'principal_id' }}
          typeLabel="To a"
          problem={assign.problem}
          principals={principals}
          type={type}
          id={principal}
          onType={setType}
          onId={setPrincipal}
        />
        <Field label="Role" name="role_id" problem={assign.problem}>
          {(control) => (
            <select {...control} value={roleId} onChange={(e) => setRoleId(e.target.value)}>
              {roles.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.display_name ?? r.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="row">
        <Field label="Where" name="scope_type" problem={assign.problem}>
          {(control) => (
            <select
              {...control}
              value={scope}
              onChange={(e) => setScope(e.target.value as ScopeType)}
            >
              {scopes.map((s) => (
                <option key={s} value={s}>
                  {s === 'tenant'
                    ? 'The whole tenant'
                    : s === 'domain'
                      ? 'One zone'
                      : 'The platform'}
                </option>
              ))}
            </select>
          )}
        </Field>
        {scope === 'domain' ? (
          <Field label="Zone" name="scope_id" problem={assign.problem}>
            {(control) => (
              <select {...control} value={zoneId} onChange={(e) => setZoneId(e.target.value)}>
                <option value="">Choose a zone</option>
                {zones.map((z) => (
                  <option key={z.id} value={z.id}>
                    {z.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        ) : null}
        <TextField
          label="Expires (optional)"
          name="expires_at"
          problem={assign.problem}
          type="datetime-local"
          value={expires}
          onChange={setExpires}
        />
      </div>
      <button type="submit" className="primary" disabled={assign.busy || principal.trim() === ''}>
        Assign role
      </button>
    </form>
  );
}

function NewRole({
  me,
  onCreated,
}: {
  me: ReturnType<typeof useMe>;
  onCreated: (name: string) => void;
}) {
  const [name, setName] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [description, setDescription] = useState('');
  const [permissions, setPermissions] = useState<readonly string[]>([]);
  const create = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await create.run(async () => {
      const role = await unwrap(
        api.POST('/api/v1/roles', {
          body: {
            name: name.trim(),
            permissions: [...permissions],
            ...(displayName.trim() ? { display_name: displayName.trim() } : {}),
            ...(description.trim() ? { description: description.trim() } : {}),
          },
        }),
      );
      onCreated(role.name);
      setName('');
      setDisplayName('');
      setDescription('');
      setPermissions([]);
    });
  };
  return (
    <details className="panel">
      <summary>Create a custom role</summary>
      <form className="stack" onSubmit={(e) => void submit(e)} noValidate>
        <FormProblem
          problem={create.problem}
          fields={['name', 'display_name', 'description', 'permissions']}
        />
        <div className="row">
          <TextField
            label="Name"
            name="name"
            problem={create.problem}
            hint="Lowercase, e.g. dns_operator"
            value={name}
            onChange={setName}
          />
          <TextField
            label="Display name"
            name="display_name"
            problem={create.problem}
            value={displayName}
            onChange={setDisplayName}
          />
        </div>
        <TextField
          label="Description"
          name="description"
          problem={create.problem}
          value={description}
          onChange={setDescription}
        />
        <fieldset className="checkboxes">
          <legend>Permissions (a role holds only permissions you hold)</legend>
          {me.permissions.map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                checked={permissions.includes(p)}
                onChange={(e) =>
                  setPermissions(
                    e.target.checked ? [...permissions, p] : permissions.filter((x) => x !== p),
                  )
                }
              />{' '}
              <code>{p}</code>
            </label>
          ))}
          <FieldMessages problem={create.problem} name="permissions" />
        </fieldset>
        <button type="submit" className="primary" disabled={create.busy}>
          Create role
        </button>
      </form>
    </details>
  );
}
