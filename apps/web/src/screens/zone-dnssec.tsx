import { type Schemas, unwrap } from '@app/api-client';
import { useState } from 'react';
import {
  Badge,
  ConfirmButton,
  CopyButton,
  Status,
  ScrollRegion,
  Time,
} from '../components/controls';
import { Field, FormProblem } from '../components/field';
import { LoadState } from '../components/page';
import { useAction, useLoad } from '../data';
import type { ZoneAccess } from '../permissions';
import { api } from '../session/session';
import type { Zone } from './zone-model';

type Dnssec = Schemas['DnssecDto'];
type DnssecKey = Schemas['DnssecKeyDto'];

/** The algorithms the API signs with (RFC 8624: 13 is the one to use; 10 is not recommended). */
const ALGORITHMS: readonly { value: number; label: string }[] = [
  { value: 13, label: '13 · ECDSA P-256 SHA-256 (recommended)' },
  { value: 14, label: '14 · ECDSA P-384 SHA-384' },
  { value: 15, label: '15 · Ed25519' },
  { value: 8, label: '8 · RSA SHA-256' },
  { value: 10, label: '10 · RSA SHA-512' },
];

const STEPS: Record<Schemas['DnssecNextStepDto']['step'], string> = {
  publish: 'publish the new key',
  activate: 'activate the new key',
  check_ds: "check the parent zone's DS",
  ds_seen: 'the DS is seen at the parent; finish the roll',
  remove: 'remove the old key',
};

/** Signing: enable it, the DS records to give the registrar, and where key rollovers stand. */
export function DnssecTab(props: { zone: Zone; access: ZoneAccess; onZoneChanged: () => void }) {
  const { zone, access } = props;
  const state = useLoad(`dnssec:${zone.id}`, () =>
    unwrap(api.GET('/api/v1/domains/{id}/dnssec', { params: { path: { id: zone.id } } })),
  );
  const action = useAction();
  const [message, setMessage] = useState<string | null>(null);
  const [algorithm, setAlgorithm] = useState(13);
  const path = { params: { path: { id: zone.id } } };
  const act = (run: () => Promise<{ message: string }>) =>
    action.run(async () => {
      setMessage(null);
      const answer = await run();
      setMessage(answer.message);
      state.reload();
      props.onZoneChanged();
    });

  if (!state.data) return <LoadState problem={state.problem} loading />;
  const dnssec = state.data;
  return (
    <>
      {message ? <Status>{message}</Status> : null}
      <FormProblem problem={action.problem} fields={['algorithm']} />
      {!dnssec.enabled ? (
        <section className="panel" aria-labelledby="dnssec-off">
          <h3 id="dnssec-off">DNSSEC is off</h3>
          <p>
            Signing lets resolvers check that answers for {zone.name} are genuine. Once it is on,
            give your registrar the DS record shown here.
          </p>
          {access['dnssec:enable'] ? (
            <form
              className="row"
              onSubmit={(event) => {
                event.preventDefault();
                void act(() =>
                  unwrap(
                    api.POST('/api/v1/domains/{id}/dnssec/enable', {
                      ...path,
                      body: { algorithm },
                    }),
                  ),
                );
              }}
            >
              <Field label="Algorithm" name="algorithm" problem={action.problem}>
                {(control) => (
                  <select
                    {...control}
                    value={algorithm}
                    onChange={(e) => setAlgorithm(Number(e.target.value))}
                  >
                    {ALGORITHMS.map((a) => (
                      <option key={a.value} value={a.value}>
                        {a.label}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="submit" className="primary" disabled={action.busy}>
                Enable DNSSEC
              </button>
            </form>
          ) : null}
        </section>
      ) : (
        <>
          <section className="panel" aria-labelledby="dnssec-on">
            <h3 id="dnssec-on">
              DNSSEC is on <Badge value={dnssec.status} />
            </h3>
            <p>
              Algorithm {dnssec.algorithm}.{' '}
              {dnssec.next_step ? (
                <>
                  Next: {STEPS[dnssec.next_step.step]}, <Time value={dnssec.next_step.due_at} />.
                </>
              ) : null}
            </p>
            <DsRecords zone={zone} dnssec={dnssec} />
            <div className="form-actions">
              {access['dnssec:enable'] && dnssec.status === 'pending_ds' ? (
                <button
                  type="button"
                  className="primary"
                  disabled={action.busy}
                  onClick={() =>
                    void act(() =>
                      unwrap(api.POST('/api/v1/domains/{id}/dnssec/confirm-ds-published', path)),
                    )
                  }
                >
                  I have published the DS
                </button>
              ) : null}
              {access['dnssec:rotate'] ? (
                <>
                  <ConfirmButton
                    label="Roll the ZSK"
                    className="secondary"
                    question="Start a zone-signing key rollover?"
                    confirm="Roll the ZSK"
                    disabled={action.busy}
                    onConfirm={() =>
                      act(() => unwrap(api.POST('/api/v1/domains/{id}/dnssec/rotate-zsk', path)))
                    }
                  />
                  <ConfirmButton
                    label="Roll the KSK"
                    className="secondary"
                    question="Start a key-signing key rollover? The registrar will need the new DS."
                    confirm="Roll the KSK"
                    disabled={action.busy}
                    onConfirm={() =>
                      act(() => unwrap(api.POST('/api/v1/domains/{id}/dnssec/rotate-ksk', path)))
                    }
                  />
                </>
              ) : null}
              {access['dnssec:disable'] ? (
                <ConfirmButton
                  label="Disable DNSSEC"
                  question="Disable DNSSEC? Remove the DS at your registrar first, or the zone stops resolving for validating resolvers."
                  confirm="Disable DNSSEC"
                  disabled={action.busy}
                  onConfirm={() =>
                    act(() =>
                      unwrap(
                        api.POST('/api/v1/domains/{id}/dnssec/disable', { ...path, body: {} }),
                      ),
                    )
                  }
                />
              ) : null}
            </div>
          </section>
          <Keys title="Key-signing keys" keys={dnssec.ksk} />
          <Keys title="Zone-signing keys" keys={dnssec.zsk} />
        </>
      )}
    </>
  );
}

function DsRecords({ zone, dnssec }: { zone: Zone; dnssec: Dnssec }) {
  if (dnssec.ds_records.length === 0) return <p>No DS record yet.</p>;
  return (
    <>
      <h4>DS records for your registrar</h4>
      <ul className="ds-records">
        {dnssec.ds_records.map((ds) => {
          const line = `${zone.name}. IN DS ${ds.key_tag} ${ds.algorithm} ${ds.digest_type} ${ds.digest}`;
          return (
            <li key={`${ds.key_tag}-${ds.digest_type}`}>
              <code>{line}</code>
              <dl className="pairs compact">
                <dt>Key tag</dt>
                <dd>{ds.key_tag}</dd>
                <dt>Algorithm</dt>
                <dd>{ds.algorithm}</dd>
                <dt>Digest type</dt>
                <dd>{ds.digest_type}</dd>
              </dl>
              <CopyButton
                value={line}
                label={`Copy DS ${ds.key_tag} (digest type ${ds.digest_type})`}
              />
            </li>
          );
        })}
      </ul>
    </>
  );
}

function Keys({ title, keys }: { title: string; keys: readonly DnssecKey[] }) {
  return (
    <section aria-label={title}>
      <h4>{title}</h4>
      <ScrollRegion label={title}>
        <table>
          <thead>
            <tr>
              <th scope="col">Key tag</th>
              <th scope="col">State</th>
              <th scope="col">Active</th>
              <th scope="col">Published</th>
              <th scope="col">Created</th>
              <th scope="col">Expires</th>
              <th scope="col">Next step</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((key) => (
              <tr key={`${key.key_type}-${key.key_tag}`}>
                <th scope="row">{key.key_tag}</th>
                <td>
                  <Badge value={key.state} />
                </td>
                <td>{key.active ? 'yes' : 'no'}</td>
                <td>{key.published ? 'yes' : 'no'}</td>
                <td>
                  <Time value={key.created_at} />
                </td>
                <td>
                  <Time value={key.expires_at} />
                </td>
                <td>
                  <Time value={key.next_step_at} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}
