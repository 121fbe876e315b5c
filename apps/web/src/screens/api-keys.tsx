import { type Schemas, unwrap } from '@app/api-client';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import {
  Badge,
  ConfirmButton,
  CopyButton,
  Pager,
  Status,
  ScrollRegion,
  Time,
} from '../components/controls';
import { Field, FieldMessages, FormProblem, TextField, messagesFor } from '../components/field';
import { LoadState, Page } from '../components/page';
import { useAction, useLoad } from '../data';
import { holds } from '../permissions';
import { PrincipalInput, type PrincipalType, type Principals, usePrincipals } from '../principals';
import { api, useMe } from '../session/session';

type ApiKey = Schemas['ApiKeyDto'];
type Secret = Schemas['ApiKeySecretDto'];
const PAGE_SIZE = 25;

/** API keys for scripts and services: create (the secret shown once), revoke, regenerate, delete. */
export function ApiKeysScreen() {
  const me = useMe();
  const principals = usePrincipals(me);
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const [page, setPage] = useState(1);
  const [secret, setSecret] = useState<Secret | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const keys = useLoad(`${includeRevoked}|${page}`, () =>
    unwrap(
      api.GET('/api/v1/api-keys', {
        params: {
          query: {
            include_revoked: includeRevoked ? 'true' : undefined,
            page,
            page_size: PAGE_SIZE,
          },
        },
      }),
    ),
  );
  const act = useAction();
  const canUpdate = holds(me, 'api_keys:update');
  const changed = (message: string) => {
    setNotice(message);
    keys.reload();
  };
  const keyAction = (key: ApiKey, what: 'revoke' | 'activate' | 'regenerate' | 'delete') =>
    act.run(async () => {
      const path = { params: { path: { id: key.id } } };
      if (what === 'revoke') {
        await unwrap(api.POST('/api/v1/api-keys/{id}/revoke', { ...path, body: {} }));
        changed(`Revoked ${key.name}.`);
      } else if (what === 'activate') {
        await unwrap(api.POST('/api/v1/api-keys/{id}/activate', path));
        changed(`Activated ${key.name}.`);
      } else if (what === 'regenerate') {
        setSecret(await unwrap(api.POST('/api/v1/api-keys/{id}/regenerate', path)));
        changed(`Regenerated ${key.name}: the old secret no longer works.`);
      } else {
        await unwrap(api.DELETE('/api/v1/api-keys/{id}', path));
        changed(`Deleted ${key.name}.`);
      }
    });

  return (
    <Page title="API keys">
      {secret ? <SecretPanel secret={secret} onDone={() => setSecret(null)} /> : null}
      {holds(me, 'api_keys:create') && !secret ? (
        <NewKey
          me={me}
          principals={principals}
          onCreated={(created) => {
            setSecret(created);
            changed(`Created ${created.name}.`);
          }}
        />
      ) : null}
      {notice ? <Status>{notice}</Status> : null}
      <FormProblem problem={act.problem} />
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={includeRevoked}
            onChange={(e) => {
              setIncludeRevoked(e.target.checked);
              setPage(1);
            }}
          />{' '}
          Show revoked keys
        </label>
      </div>
      <LoadState problem={keys.problem} loading={keys.loading && !keys.data} />
      {keys.data?.data.length === 0 ? <p className="empty">No API keys.</p> : null}
      {keys.data && keys.data.data.length > 0 ? (
        <>
          <ScrollRegion label="API keys">
            <table>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Key</th>
                  <th scope="col">Status</th>
                  <th scope="col">Permissions of</th>
                  <th scope="col">Scopes</th>
                  <th scope="col">Last used</th>
                  <th scope="col">Expires</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {keys.data.data.map((key) => (
                  <tr key={key.id}>
                    <th scope="row">
                      {key.name}
                      {key.description ? (
                        <div className="muted small">{key.description}</div>
                      ) : null}
                    </th>
                    <td>
                      <code>{key.key_prefix}…</code>
                    </td>
                    <td>
                      <Badge value={key.status} />
                    </td>
                    <td>
                      {key.permission_source}{' '}
                      {principals.label(key.permission_source, key.permission_source_id)}
                    </td>
                    <td>{key.scopes?.join(', ') ?? 'all of the source'}</td>
                    <td>
                      <Time value={key.last_used_at} />
                      {key.use_count > 0 ? (
                        <div className="muted small">{key.use_count} uses</div>
                      ) : null}
                    </td>
                    <td>
                      <Time value={key.expires_at} />
                    </td>
                    <td className="actions">
                      {canUpdate && key.status === 'active' ? (
                        <ConfirmButton
                          label="Revoke"
                          ariaLabel={`Revoke ${key.name}`}
                          question={`Revoke ${key.name}? It stops working at once.`}
                          confirm="Revoke key"
                          onConfirm={() => keyAction(key, 'revoke')}
                        />
                      ) : null}
                      {canUpdate && key.status === 'revoked' ? (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={`Activate ${key.name}`}
                          onClick={() => void keyAction(key, 'activate')}
                        >
                          Activate
                        </button>
                      ) : null}
                      {canUpdate ? (
                        <ConfirmButton
                          label="Regenerate"
                          className="secondary"
                          ariaLabel={`Regenerate ${key.name}`}
                          question={`Regenerate ${key.name}? The current secret stops working at once.`}
                          confirm="Regenerate"
                          onConfirm={() => keyAction(key, 'regenerate')}
                        />
                      ) : null}
                      {holds(me, 'api_keys:delete') ? (
                        <ConfirmButton
                          label="Delete"
                          ariaLabel={`Delete ${key.name}`}
                          question={`Delete ${key.name} for good?`}
                          confirm="Delete key"
                          onConfirm={() => keyAction(key, 'delete')}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pager label="API key pages" of={keys.data} onPage={setPage} />
        </>
      ) : null}
    </Page>
  );
}

/** The new secret, shown this once, with a copy button; focus goes to it. */
function SecretPanel({ secret, onDone }: { secret: Secret; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [secret.key]);
  return (
    <section className="panel secret" aria-labelledby="secret-title">
      <h2 id="secret-title" ref={heading} tabIndex={-1}>
        Copy the key {secret.name} now
      </h2>
      <p>This is the only time ScaiDNS shows it: it keeps a hash, never the key itself.</p>
      <Field label="New API key" name="key">
        {(control) => (
          <input
            {...control}
            readOnly
            className="secret-value"
            value={secret.key}
            onFocus={(e) => e.target.select()}
          />
        )}
      </Field>
      <div className="form-actions">
        <CopyButton value={secret.key} label="Copy key" />
        <button type="button" className="primary" onClick={onDone}>
          I have stored it
        </button>
      </div>
    </section>
  );
}

const KEY_FIELDS = [
  'name',
  'description',
  'permission_source',
  'permission_source_id',
  'scopes',
  'rate_limit',
  'ip_whitelist',
  'expires_at',
];

function NewKey(props: {
  me: ReturnType<typeof useMe>;
  principals: Principals;
  onCreated: (s: Secret) => void;
}) {
  const { me, principals } = props;
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [source, setSource] = useState<PrincipalType>('user');
  const [sourceId, setSourceId] = useState(me.id);
  const [scopes, setScopes] = useState<readonly string[]>([]);
  const [rateLimit, setRateLimit] = useState('');
  const [allowList, setAllowList] = useState('');
  const [expires, setExpires] = useState('');
  const create = useAction();
  // A refusal about a limit opens the part that shows it.
  const limitRefused = ['scopes', 'rate_limit', 'ip_whitelist', 'expires_at'].some(
    (field) => messagesFor(create.problem, field).length > 0,
  );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await create.run(async () => {
      const cidrs = allowList.split(/[\s,]+/).filter(Boolean);
      const created = await unwrap(
        api.POST('/api/v1/api-keys', {
          body: {
            name: name.trim(),
            permission_source: source,
            permission_source_id: sourceId,
            ...(description.trim() ? { description: description.trim() } : {}),
            ...(scopes.length > 0 ? { scopes: [...scopes] } : {}),
            ...(rateLimit.trim() ? { rate_limit: Number(rateLimit) } : {}),
            ...(cidrs.length > 0 ? { ip_whitelist: cidrs } : {}),
            ...(expires ? { expires_at: new Date(expires).toISOString() } : {}),
          },
        }),
      );
      setName('');
      setDescription('');
      setScopes([]);
      props.onCreated(created);
    });
  };
  return (
    <form
      className="panel stack"
      aria-labelledby="new-key-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h2 id="new-key-title">Create an API key</h2>
      <FormProblem problem={create.problem} fields={KEY_FIELDS} />
      <div className="row">
        <TextField
          label="Name"
          name="name"
          problem={create.problem}
          hint="Shown in lists and the audit log"
          value={name}
          onChange={setName}
        />
        <TextField
          label="Description (optional)"
          name="description"
          problem={create.problem}
          className="grow"
          value={description}
          onChange={setDescription}
        />
      </div>
      <div className="row">
        <Field
          label="Permissions of a"
          name="permission_source"
          problem={create.problem}
          hint="The key can do what this user or group can"
        >
          {(control) => (
            <select
              {...control}
              value={source}
              onChange={(e) => {
                const next = e.target.value as PrincipalType;
                setSource(next);
                setSourceId(next === 'user' ? me.id : (me.group_ids[0] ?? ''));
              }}
            >
              <option value="user">User</option>
              <option value="group">Group</option>
            </select>
          )}
        </Field>
        <Field
          label={source === 'user' ? 'User' : 'Group'}
          name="permission_source_id"
          problem={create.problem}
          className="grow"
        >
          {(control) =>
            principals.listed ? (
              <PrincipalInput
                control={control}
                principals={principals}
                type={source}
                value={sourceId}
                onChange={setSourceId}
              />
            ) : source === 'user' ? (
              <select {...control} value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
                <option value={me.id}>{me.email} (you)</option>
              </select>
            ) : (
              <select {...control} value={sourceId} onChange={(e) => setSourceId(e.target.value)}>
                <option value="">Choose one of your groups</option>
                {me.group_ids.map((g) => (
                  <option key={g} value={g}>
                    {principals.label('group', g)}
                  </option>
                ))}
              </select>
            )
          }
        </Field>
      </div>
      <details open={limitRefused || undefined}>
        <summary>Limits (optional)</summary>
        <fieldset className="checkboxes">
          <legend>
            Scopes: narrow the key to these permissions (none: all of the source&apos;s)
          </legend>
          {me.permissions.map((p) => (
            <label key={p}>
              <input
                type="checkbox"
                checked={scopes.includes(p)}
                onChange={(e) =>
                  setScopes(e.target.checked ? [...scopes, p] : scopes.filter((x) => x !== p))
                }
              />{' '}
              <code>{p}</code>
            </label>
          ))}
          <FieldMessages problem={create.problem} name="scopes" />
        </fieldset>
        <div className="row">
          <TextField
            label="Requests per minute"
            name="rate_limit"
            problem={create.problem}
            inputMode="numeric"
            value={rateLimit}
            onChange={setRateLimit}
          />
          <TextField
            label="Expires"
            name="expires_at"
            problem={create.problem}
            type="datetime-local"
            value={expires}
            onChange={setExpires}
          />
        </div>
        <Field
          label="Allowed networks"
          name="ip_whitelist"
          problem={create.problem}
          hint="CIDRs, one per line; empty: from anywhere"
        >
          {(control) => (
            <textarea
              {...control}
              rows={3}
              value={allowList}
              onChange={(e) => setAllowList(e.target.value)}
            />
          )}
        </Field>
      </details>
      <button type="submit" className="primary" disabled={create.busy || name.trim() === ''}>
        Create API key
      </button>
    </form>
  );
}
