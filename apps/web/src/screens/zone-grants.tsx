import { unwrap } from '@app/api-client';
import { type FormEvent, useState } from 'react';
import { ConfirmButton, Status, ScrollRegion, Time } from '../components/controls';
import { Field, FieldMessages, FormProblem, TextField } from '../components/field';
import { LoadState } from '../components/page';
import { useAction, useLoad } from '../data';
import { holds, type ZoneAccess } from '../permissions';
import { PrincipalFields, type PrincipalType, type Principals, usePrincipals } from '../principals';
import { api, useMe } from '../session/session';
import type { Zone } from './zone-model';

/** Who else may work on this zone, and on which of its records (the grant's fence). */
export function GrantsTab({ zone, access }: { zone: Zone; access: ZoneAccess }) {
  const me = useMe();
  const principals = usePrincipals(me);
  const [includeExpired, setIncludeExpired] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const grants = useLoad(`grants:${zone.id}:${includeExpired}`, () =>
    unwrap(
      api.GET('/api/v1/domains/{id}/access-grants', {
        params: {
          path: { id: zone.id },
          query: { include_expired: includeExpired ? 'true' : undefined },
        },
      }),
    ),
  );
  const remove = useAction();
  const revoke = (grantId: string, who: string) =>
    remove.run(async () => {
      await unwrap(
        api.DELETE('/api/v1/domains/{id}/access-grants/{grantId}', {
          params: { path: { id: zone.id, grantId } },
        }),
      );
      setNotice(`Removed the grant of ${who}.`);
      grants.reload();
    });
  return (
    <>
      {access['access_grants:manage'] ? (
        <NewGrant
          zone={zone}
          principals={principals}
          onCreated={(who) => {
            setNotice(`Granted ${who} access.`);
            grants.reload();
          }}
        />
      ) : null}
      {notice ? <Status>{notice}</Status> : null}
      <FormProblem problem={remove.problem} />
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={includeExpired}
            onChange={(e) => setIncludeExpired(e.target.checked)}
          />{' '}
          Show expired grants
        </label>
      </div>
      <LoadState problem={grants.problem} loading={grants.loading && !grants.data} />
      {grants.data?.data.length === 0 ? (
        <p className="empty">No access grants on this zone.</p>
      ) : null}
      {grants.data && grants.data.data.length > 0 ? (
        <ScrollRegion label="Access grants">
          <table>
            <thead>
              <tr>
                <th scope="col">Grantee</th>
                <th scope="col">Role</th>
                <th scope="col">Records</th>
                <th scope="col">Types</th>
                <th scope="col">Expires</th>
                <th scope="col">Notes</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {grants.data.data.map((grant) => {
                const who = `${grant.grantee_type} ${principals.label(grant.grantee_type, grant.grantee_id)}`;
                return (
                  <tr key={grant.id}>
                    <th scope="row">{who}</th>
                    <td>{grant.role}</td>
                    <td>{grant.record_pattern ? <code>{grant.record_pattern}</code> : 'all'}</td>
                    <td>{grant.record_types?.join(', ') || 'all'}</td>
                    <td>
                      <Time value={grant.expires_at} />
                    </td>
                    <td>{grant.notes}</td>
                    <td className="actions">
                      {access['access_grants:manage'] ? (
                        <ConfirmButton
                          label="Remove"
                          ariaLabel={`Remove the grant of ${who}`}
                          question={`Remove the grant of ${who}?`}
                          confirm="Remove grant"
                          onConfirm={() => revoke(grant.id, who)}
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
    </>
  );
}

const GRANT_FIELDS = [
  'grantee_type',
  'grantee_id',
  'role',
  'record_pattern',
  'record_types',
  'expires_at',
  'notes',
];

function NewGrant(props: { zone: Zone; principals: Principals; onCreated: (who: string) => void }) {
  const me = useMe();
  const [type, setType] = useState<PrincipalType>('user');
  const [grantee, setGrantee] = useState('');
  const [role, setRole] = useState('record_editor');
  const [pattern, setPattern] = useState('');
  const [types, setTypes] = useState<readonly string[]>([]);
  const [expires, setExpires] = useState('');
  const [notes, setNotes] = useState('');
  const create = useAction();
  const roles = useLoad(`roles:${holds(me, 'roles:read')}`, () =>
    holds(me, 'roles:read')
      ? unwrap(api.GET('/api/v1/roles')).then((r) => r.data)
      : Promise.resolve([]),
  );
  const recordTypes = useLoad('record-types', () => unwrap(api.GET('/api/v1/domains/types')));
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await create.run(async () => {
      await unwrap(
        api.POST('/api/v1/domains/{id}/access-grants', {
          params: { path: { id: props.zone.id } },
          body: {
            grantee_type: type,
            grantee_id: grantee.trim(),
            role,
            record_pattern: pattern.trim() || null,
            record_types: types.length > 0 ? [...types] : null,
            expires_at: expires ? new Date(expires).toISOString() : null,
            notes: notes.trim() || null,
          },
        }),
      );
      props.onCreated(`${type} ${props.principals.label(type, grantee.trim())}`);
      setGrantee('');
      setPattern('');
      setTypes([]);
      setNotes('');
    });
  };
  return (
    <form
      className="panel stack"
      aria-labelledby="new-grant-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="new-grant-title">Grant access</h3>
      <FormProblem problem={create.problem} fields={GRANT_FIELDS} />
      <div className="row">
        <PrincipalFields
          names={{ type: 'grantee_type', id: 'grantee_id' }}
          typeLabel="Grantee type"
          idHint={props.principals.listed ? undefined : 'Its id'}
          problem={create.problem}
          principals={props.principals}
          type={type}
          id={grantee}
          onType={setType}
          onId={setGrantee}
        />
        <Field label="Role" name="role" problem={create.problem}>
          {(control) =>
            roles.data && roles.data.length > 0 ? (
              <select {...control} value={role} onChange={(e) => setRole(e.target.value)}>
                {roles.data.map((r) => (
                  <option key={r.id} value={r.name}>
                    {r.display_name ?? r.name}
                  </option>
                ))}
              </select>
            ) : (
              <input {...control} value={role} onChange={(e) => setRole(e.target.value)} />
            )
          }
        </Field>
      </div>
      <fieldset>
        <legend>Record fence (optional)</legend>
        <p className="hint">
          Limit the grant to some records: a name pattern (<code>_acme-challenge</code>,{' '}
          <code>*.dev</code>) and record types. Without a fence it covers the whole zone.
        </p>
        <TextField
          label="Record names"
          name="record_pattern"
          problem={create.problem}
          spellCheck={false}
          value={pattern}
          onChange={setPattern}
        />
        <fieldset className="checkboxes">
          <legend>Record types</legend>
          {(recordTypes.data?.types ?? []).map((t) => (
            <label key={t}>
              <input
                type="checkbox"
                checked={types.includes(t)}
                onChange={(e) =>
                  setTypes(e.target.checked ? [...types, t] : types.filter((x) => x !== t))
                }
              />{' '}
              {t}
            </label>
          ))}
          <FieldMessages problem={create.problem} name="record_types" />
        </fieldset>
      </fieldset>
      <div className="row">
        <TextField
          label="Expires (optional)"
          name="expires_at"
          problem={create.problem}
          type="datetime-local"
          value={expires}
          onChange={setExpires}
        />
        <TextField
          label="Notes (optional)"
          name="notes"
          problem={create.problem}
          className="grow"
          value={notes}
          onChange={setNotes}
        />
      </div>
      <button type="submit" className="primary" disabled={create.busy || grantee.trim() === ''}>
        Grant access
      </button>
    </form>
  );
}
