import { type Schemas, unwrap } from '@app/api-client';
import { type FormEvent, useState } from 'react';
import { Badge, ConfirmButton, Pager, Status, ScrollRegion } from '../components/controls';
import { Field, FormProblem, TextField } from '../components/field';
import { LoadState, Page } from '../components/page';
import { useAction, useLoad } from '../data';
import { holds, useZoneAccess } from '../permissions';
import { Link, navigate } from '../router';
import { api, useMe } from '../session/session';

const PAGE_SIZE = 25;

/** Reverse zones made from a network (CIDR), and a lookup of an address's PTR. */
export function ReverseZonesScreen() {
  const me = useMe();
  const [page, setPage] = useState(1);
  const zones = useLoad(`reverse:${page}`, () =>
    unwrap(api.GET('/api/v1/reverse-zones', { params: { query: { page, page_size: PAGE_SIZE } } })),
  );
  return (
    <Page title="Reverse zones">
      {holds(me, 'domains:create') ? <NewReverseZone /> : null}
      <Lookup />
      <LoadState problem={zones.problem} loading={zones.loading && !zones.data} />
      {zones.data?.data.length === 0 ? <p className="empty">No reverse zones yet.</p> : null}
      {zones.data && zones.data.data.length > 0 ? (
        <>
          <ScrollRegion label="Reverse zones">
            <table>
              <thead>
                <tr>
                  <th scope="col">Network</th>
                  <th scope="col">Zone</th>
                  <th scope="col">Status</th>
                </tr>
              </thead>
              <tbody>
                {zones.data.data.map((zone) => (
                  <tr key={zone.id}>
                    <th scope="row">
                      <Link to={`/reverse-zones/${zone.id}`}>{zone.cidr ?? zone.name}</Link>
                    </th>
                    <td>
                      <code>{zone.name}</code>
                    </td>
                    <td>
                      <Badge value={zone.status} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pager label="Reverse zone pages" of={zones.data} onPage={setPage} />
        </>
      ) : null}
    </Page>
  );
}

function NewReverseZone() {
  const [cidr, setCidr] = useState('');
  const [preview, setPreview] = useState<Schemas['ReverseZonePreviewDto'] | null>(null);
  const action = useAction();
  const look = async (event: FormEvent) => {
    event.preventDefault();
    setPreview(null);
    await action.run(async () =>
      setPreview(
        await unwrap(api.POST('/api/v1/reverse-zones/preview', { body: { cidr: cidr.trim() } })),
      ),
    );
  };
  const create = () =>
    action.run(async () => {
      const zone = await unwrap(api.POST('/api/v1/reverse-zones', { body: { cidr: cidr.trim() } }));
      navigate(`/reverse-zones/${zone.id}`);
    });
  return (
    <form
      className="panel stack"
      aria-labelledby="new-reverse-title"
      onSubmit={(e) => void look(e)}
      noValidate
    >
      <h2 id="new-reverse-title">Create a reverse zone</h2>
      <FormProblem problem={action.problem} fields={['cidr']} />
      <div className="row">
        <Field
          label="Network"
          name="cidr"
          problem={action.problem}
          hint="IPv4 /8–/32 or a nibble-aligned IPv6 prefix, e.g. 198.51.100.0/24"
          className="grow"
        >
          {(control) => (
            <input
              {...control}
              spellCheck={false}
              value={cidr}
              onChange={(e) => {
                setCidr(e.target.value);
                setPreview(null);
              }}
            />
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button type="submit" className="secondary" disabled={action.busy || cidr.trim() === ''}>
          Preview
        </button>
        {preview ? (
          <button
            type="button"
            className="primary"
            disabled={action.busy}
            onClick={() => void create()}
          >
            Create {preview.zone_name}
          </button>
        ) : null}
      </div>
      {preview ? (
        <dl className="pairs" aria-live="polite">
          <dt>Zone</dt>
          <dd>
            <code>{preview.zone_name}</code>
          </dd>
          <dt>Addresses</dt>
          <dd>
            {preview.start_ip} – {preview.end_ip} ({preview.ip_count})
          </dd>
          <dt>Type</dt>
          <dd>{preview.domain_type.replaceAll('_', ' ')}</dd>
        </dl>
      ) : null}
    </form>
  );
}

function Lookup() {
  const [ip, setIp] = useState('');
  const [found, setFound] = useState<Schemas['PtrLookupDto'] | null>(null);
  const action = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setFound(null);
    await action.run(async () =>
      setFound(
        await unwrap(
          api.GET('/api/v1/reverse-zones/lookup/{ip}', { params: { path: { ip: ip.trim() } } }),
        ),
      ),
    );
  };
  return (
    <form
      role="search"
      aria-label="PTR lookup"
      className="filters"
      onSubmit={(e) => void submit(e)}
    >
      <TextField
        label="Look up an address"
        name="ip"
        problem={action.problem}
        spellCheck={false}
        value={ip}
        onChange={setIp}
      />
      <button type="submit" className="secondary" disabled={ip.trim() === ''}>
        Look up
      </button>
      <FormProblem problem={action.problem} fields={['ip']} />
      {found ? (
        <p role="status">
          {found.ip} → <code>{found.hostname}</code> in {found.zone}
        </p>
      ) : null}
    </form>
  );
}

const PTR_PERMISSIONS = ['records:read', 'records:create', 'records:delete'] as const;

/** One reverse zone's PTR records: list, set, remove. */
export function ReverseZoneScreen({ domainId }: { domainId: string }) {
  const me = useMe();
  const zone = useLoad(domainId, () =>
    unwrap(api.GET('/api/v1/domains/{id}', { params: { path: { id: domainId } } })),
  );
  const access = useZoneAccess(me, domainId, PTR_PERMISSIONS);
  const [page, setPage] = useState(1);
  const [notice, setNotice] = useState<string | null>(null);
  const ptrs = useLoad(`ptr:${domainId}:${page}`, () =>
    unwrap(
      api.GET('/api/v1/reverse-zones/{domainId}/ptr', {
        params: { path: { domainId }, query: { page, page_size: 50 } },
      }),
    ),
  );
  const remove = useAction();
  const deletePtr = (ip: string) =>
    remove.run(async () => {
      await unwrap(
        api.DELETE('/api/v1/reverse-zones/{domainId}/ptr/{ip}', {
          params: { path: { domainId, ip } },
        }),
      );
      setNotice(`Removed the PTR of ${ip}.`);
      ptrs.reload();
    });
  if (!zone.data || !access) {
    return (
      <Page title="Reverse zone">
        <LoadState problem={zone.problem} loading />
      </Page>
    );
  }
  return (
    <Page title={zone.data.cidr ?? zone.data.name} actions={<Badge value={zone.data.status} />}>
      <p className="muted">
        Zone <code>{zone.data.name}</code> ·{' '}
        <Link to={`/zones/${zone.data.id}`}>all its records, validation and DNSSEC</Link>
      </p>
      {access['records:create'] ? (
        <NewPtr
          domainId={domainId}
          onSet={(text) => {
            setNotice(text);
            ptrs.reload();
          }}
        />
      ) : null}
      {notice ? <Status>{notice}</Status> : null}
      <FormProblem problem={remove.problem} />
      <LoadState problem={ptrs.problem} loading={ptrs.loading && !ptrs.data} />
      {ptrs.data?.data.length === 0 ? <p className="empty">No PTR records yet.</p> : null}
      {ptrs.data && ptrs.data.data.length > 0 ? (
        <>
          <ScrollRegion label="PTR records">
            <table>
              <thead>
                <tr>
                  <th scope="col">Address</th>
                  <th scope="col">Host name</th>
                  <th scope="col">TTL</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {ptrs.data.data.map((ptr) => (
                  <tr key={ptr.id}>
                    <th scope="row">{ptr.ip}</th>
                    <td>
                      <code>{ptr.hostname}</code>
                    </td>
                    <td>{ptr.ttl}</td>
                    <td className="actions">
                      {access['records:delete'] ? (
                        <ConfirmButton
                          label="Delete"
                          ariaLabel={`Delete the PTR of ${ptr.ip}`}
                          question={`Delete the PTR of ${ptr.ip}?`}
                          confirm="Delete PTR"
                          onConfirm={() => deletePtr(ptr.ip)}
                        />
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <Pager label="PTR pages" of={ptrs.data} onPage={setPage} />
        </>
      ) : null}
    </Page>
  );
}

function NewPtr({ domainId, onSet }: { domainId: string; onSet: (text: string) => void }) {
  const [ip, setIp] = useState('');
  const [hostname, setHostname] = useState('');
  const [ttl, setTtl] = useState('');
  const set = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await set.run(async () => {
      const ptr = await unwrap(
        api.POST('/api/v1/reverse-zones/{domainId}/ptr', {
          params: { path: { domainId } },
          body: {
            ip: ip.trim(),
            hostname: hostname.trim(),
            ...(ttl.trim() ? { ttl: Number(ttl) } : {}),
          },
        }),
      );
      setIp('');
      setHostname('');
      onSet(`The PTR of ${ptr.ip} is ${ptr.hostname}`);
    });
  };
  return (
    <form
      className="panel stack"
      aria-labelledby="new-ptr-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h2 id="new-ptr-title">Set a PTR record</h2>
      <FormProblem problem={set.problem} fields={['ip', 'hostname', 'ttl']} />
      <div className="row">
        <TextField
          label="Address"
          name="ip"
          problem={set.problem}
          spellCheck={false}
          value={ip}
          onChange={setIp}
        />
        <TextField
          label="Host name"
          name="hostname"
          problem={set.problem}
          className="grow"
          spellCheck={false}
          value={hostname}
          onChange={setHostname}
        />
        <TextField
          label="TTL (optional)"
          name="ttl"
          problem={set.problem}
          inputMode="numeric"
          value={ttl}
          onChange={setTtl}
        />
      </div>
      <button type="submit" className="primary" disabled={set.busy}>
        Set PTR
      </button>
    </form>
  );
}
