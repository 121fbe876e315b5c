import { unwrap } from '@app/api-client';
import { type FormEvent, useState } from 'react';
import { ConfirmButton, Status, Time } from '../components/controls';
import { FormProblem, TextField } from '../components/field';
import { useAction } from '../data';
import type { ZoneAccess } from '../permissions';
import { navigate, withQuery } from '../router';
import { api } from '../session/session';
import type { Zone } from './zone-model';

/** The zone's settings and details, and deleting it (a soft delete: it can be restored). */
export function SettingsTab(props: { zone: Zone; access: ZoneAccess; onZoneChanged: () => void }) {
  const { zone, access } = props;
  const [description, setDescription] = useState(zone.description ?? '');
  const [ttl, setTtl] = useState(String(zone.default_ttl));
  const [saved, setSaved] = useState(false);
  const save = useAction();
  const remove = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    const ok = await save.run(() =>
      unwrap(
        api.PATCH('/api/v1/domains/{id}', {
          params: { path: { id: zone.id } },
          body: { description: description.trim() || null, default_ttl: Number(ttl) },
        }),
      ),
    );
    if (ok) {
      setSaved(true);
      props.onZoneChanged();
    }
  };
  const deleteZone = () =>
    remove.run(async () => {
      await unwrap(api.DELETE('/api/v1/domains/{id}', { params: { path: { id: zone.id } } }));
      navigate(withQuery('/zones', { include_deleted: true, search: zone.name }));
    });
  return (
    <>
      <dl className="pairs panel">
        <dt>Id</dt>
        <dd>
          <code>{zone.id}</code>
        </dd>
        <dt>Type</dt>
        <dd>{zone.domain_type.replaceAll('_', ' ')}</dd>
        {zone.cidr ? (
          <>
            <dt>Network</dt>
            <dd>{zone.cidr}</dd>
          </>
        ) : null}
        <dt>Created</dt>
        <dd>
          <Time value={zone.created_at} />
        </dd>
        <dt>Validated</dt>
        <dd>
          <Time value={zone.validated_at} />
        </dd>
      </dl>
      {access['domains:update'] ? (
        <form
          className="panel stack narrow-form"
          aria-labelledby="settings-title"
          onSubmit={(e) => void submit(e)}
          noValidate
        >
          <h3 id="settings-title">Settings</h3>
          <FormProblem problem={save.problem} fields={['description', 'default_ttl']} />
          <TextField
            label="Description"
            name="description"
            problem={save.problem}
            value={description}
            onChange={setDescription}
          />
          <TextField
            label="Default TTL (seconds)"
            name="default_ttl"
            problem={save.problem}
            inputMode="numeric"
            value={ttl}
            onChange={setTtl}
          />
          <button type="submit" className="primary" disabled={save.busy}>
            Save settings
          </button>
          {saved ? <Status>Settings saved.</Status> : null}
        </form>
      ) : null}
      {access['domains:delete'] ? (
        <section className="panel danger-zone" aria-labelledby="delete-title">
          <h3 id="delete-title">Delete the zone</h3>
          <p>
            PowerDNS stops answering for {zone.name} at once. The zone is kept, with its records and
            keys, and can be restored from the zone list (with deleted zones shown) until it is
            purged.
          </p>
          <FormProblem problem={remove.problem} />
          <ConfirmButton
            label="Delete zone"
            question={`Delete ${zone.name}?`}
            confirm={`Delete ${zone.name}`}
            disabled={remove.busy}
            onConfirm={deleteZone}
          />
        </section>
      ) : null}
    </>
  );
}
