import { type operations, type Schemas, unwrap } from '@app/api-client';
import { type FormEvent, useState } from 'react';
import { Badge, Pager, Status, ScrollRegion, Time } from '../components/controls';
import { Field, FormProblem, TextField } from '../components/field';
import { LoadState, Page } from '../components/page';
import { useAction, useLoad } from '../data';
import { holds } from '../permissions';
import { Link, navigate, useLocation, withQuery } from '../router';
import { api, useMe } from '../session/session';

type ZoneStatus = NonNullable<
  NonNullable<operations['Domains_list']['parameters']['query']>['status']
>;

const STATUSES: readonly { value: ZoneStatus | ''; label: string }[] = [
  { value: '', label: 'Any' },
  { value: 'active', label: 'Active' },
  { value: 'pending_validation', label: 'Pending validation' },
  { value: 'inactive', label: 'Inactive' },
  { value: 'deleted', label: 'Deleted' },
];
const PAGE_SIZE = 25;

/** The caller's zones: search, filter, page; create; restore a deleted one. */
export function ZonesScreen() {
  const me = useMe();
  const { query } = useLocation();
  const search = query.get('search') ?? '';
  const status: ZoneStatus | '' =
    STATUSES.find((s) => s.value === query.get('status'))?.value ?? '';
  const includeDeleted = query.get('include_deleted') === 'true' || status === 'deleted';
  const page = Math.max(1, Number(query.get('page')) || 1);
  const zones = useLoad(`${search}|${status}|${includeDeleted}|${page}`, () =>
    unwrap(
      api.GET('/api/v1/domains', {
        params: {
          query: {
            search: search || undefined,
            status: status || undefined,
            include_deleted: includeDeleted ? 'true' : undefined,
            page,
            page_size: PAGE_SIZE,
          },
        },
      }),
    ),
  );
  const restore = useAction();
  const [restored, setRestored] = useState<string | null>(null);
  const go = (values: {
    search?: string;
    status?: string;
    include_deleted?: boolean;
    page?: number;
  }) =>
    navigate(
      withQuery('/zones', {
        search,
        status,
        include_deleted: includeDeleted,
        page: 1,
        ...values,
      }),
    );

  const restoreZone = async (zone: Schemas['DomainDto']) => {
    setRestored(null);
    const ok = await restore.run(() =>
      unwrap(api.POST('/api/v1/domains/{id}/restore', { params: { path: { id: zone.id } } })),
    );
    if (ok) {
      setRestored(`${zone.name} is restored.`);
      zones.reload();
    }
  };

  return (
    <Page
      title="Zones"
      actions={
        holds(me, 'domains:create') ? (
          <Link to="/zones/new" className="button primary">
            Create zone
          </Link>
        ) : null
      }
    >
      <SearchForm
        key={`${search}|${status}|${includeDeleted}`}
        search={search}
        status={status}
        includeDeleted={includeDeleted}
        onSearch={go}
      />
      <FormProblem problem={restore.problem} />
      {restored ? <Status>{restored}</Status> : null}
      <LoadState problem={zones.problem} loading={zones.loading && !zones.data} />
      {zones.data ? (
        zones.data.data.length === 0 ? (
          <p className="empty">
            {search || status ? 'No zone matches.' : 'No zones yet.'}{' '}
            {holds(me, 'domains:create') && !search ? (
              <Link to="/zones/new">Create your first zone.</Link>
            ) : null}
          </p>
        ) : (
          <>
            <ScrollRegion label="Zones">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Type</th>
                    <th scope="col">Status</th>
                    <th scope="col">DNSSEC</th>
                    <th scope="col">Default TTL</th>
                    <th scope="col">Created</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {zones.data.data.map((zone) => (
                    <tr key={zone.id}>
                      <th scope="row">
                        {zone.status === 'deleted' ? (
                          <span>{zone.unicode_name}</span>
                        ) : (
                          <Link to={`/zones/${zone.id}`}>{zone.unicode_name}</Link>
                        )}
                        {zone.unicode_name !== zone.name ? (
                          <span className="muted small"> {zone.name}</span>
                        ) : null}
                      </th>
                      <td>{zone.domain_type.replaceAll('_', ' ')}</td>
                      <td>
                        <Badge value={zone.status} />
                      </td>
                      <td>{zone.dnssec_enabled ? <Badge value={zone.dnssec_status} /> : 'Off'}</td>
                      <td>{zone.default_ttl}</td>
                      <td>
                        <Time value={zone.created_at} />
                      </td>
                      <td className="actions">
                        {zone.status === 'deleted' && holds(me, 'domains:delete') ? (
                          <button
                            type="button"
                            className="secondary"
                            disabled={restore.busy}
                            aria-label={`Restore ${zone.name}`}
                            onClick={() => void restoreZone(zone)}
                          >
                            Restore
                          </button>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
            <Pager label="Zone pages" of={zones.data} onPage={(p) => go({ page: p })} />
          </>
        )
      ) : null}
    </Page>
  );
}

interface SearchFormProps {
  readonly search: string;
  readonly status: string;
  readonly includeDeleted: boolean;
  readonly onSearch: (values: { search: string; status: string; include_deleted: boolean }) => void;
}

function SearchForm(props: SearchFormProps) {
  const [search, setSearch] = useState(props.search);
  const [status, setStatus] = useState(props.status);
  const [includeDeleted, setIncludeDeleted] = useState(props.includeDeleted);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onSearch({ search: search.trim(), status, include_deleted: includeDeleted });
  };
  return (
    <form role="search" aria-label="Zones" className="filters" onSubmit={submit}>
      <TextField
        label="Name contains"
        name="search"
        type="search"
        value={search}
        onChange={setSearch}
      />
      <Field label="Status" name="status">
        {(control) => (
          <select {...control} value={status} onChange={(e) => setStatus(e.target.value)}>
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={includeDeleted}
            onChange={(e) => setIncludeDeleted(e.target.checked)}
          />{' '}
          Include deleted zones
        </label>
      </div>
      <button type="submit" className="secondary">
        Search
      </button>
    </form>
  );
}
