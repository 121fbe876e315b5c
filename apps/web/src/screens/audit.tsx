import { type operations, type Schemas, unwrap } from '@app/api-client';
import { type FormEvent, useState } from 'react';
import { diffDetails } from '../audit-diff';
import { Pager, ScrollRegion, Time } from '../components/controls';
import { Field } from '../components/field';
import { LoadState, Page } from '../components/page';
import { useLoad } from '../data';
import { navigate, useLocation, withQuery } from '../router';
import { api } from '../session/session';

type Entry = Schemas['AuditLogDto'];
type ActorType = NonNullable<
  NonNullable<operations['AuditLogs_listAll']['parameters']['query']>['actor_type']
>;
const ACTOR_TYPES: readonly ActorType[] = ['user', 'api_key', 'system', 'webhook'];
const PAGE_SIZE = 25;

/**
 * Every change, newest first, with what it changed. Platform administrators see every tenant's
 * entries, everyone else with `audit:read` their own tenant's (the API decides).
 */
export function AuditScreen() {
  const { query } = useLocation();
  const filter: Filter = {
    action: query.get('action') ?? '',
    resource_type: query.get('resource_type') ?? '',
    actor_type: ACTOR_TYPES.find((t) => t === query.get('actor_type')) ?? '',
    start_date: query.get('start_date') ?? '',
    end_date: query.get('end_date') ?? '',
  };
  const page = Math.max(1, Number(query.get('page')) || 1);
  const entries = useLoad(`${JSON.stringify(filter)}|${page}`, () =>
    unwrap(
      api.GET('/api/v1/admin/audit-logs', {
        params: {
          query: {
            action: filter.action || undefined,
            resource_type: filter.resource_type || undefined,
            actor_type: filter.actor_type || undefined,
            start_date: filter.start_date ? new Date(filter.start_date).toISOString() : undefined,
            end_date: filter.end_date ? new Date(filter.end_date).toISOString() : undefined,
            page,
            page_size: PAGE_SIZE,
          },
        },
      }),
    ),
  );
  const go = (values: Partial<typeof filter> & { page?: number }) =>
    navigate(withQuery('/audit', { ...filter, page: 1, ...values }));
  return (
    <Page title="Audit log">
      <AuditFilter key={JSON.stringify(filter)} value={filter} onFilter={go} />
      <LoadState problem={entries.problem} loading={entries.loading && !entries.data} />
      {entries.data?.data.length === 0 ? <p className="empty">No entries.</p> : null}
      {entries.data && entries.data.data.length > 0 ? (
        <>
          <ol className="audit">
            {entries.data.data.map((entry) => (
              <AuditEntry key={entry.id} entry={entry} />
            ))}
          </ol>
          <Pager label="Audit log pages" of={entries.data} onPage={(p) => go({ page: p })} />
        </>
      ) : null}
    </Page>
  );
}

function AuditEntry({ entry }: { entry: Entry }) {
  const actor = entry.actor_email ?? `${entry.actor_type} ${entry.actor_id ?? ''}`;
  const resource = entry.resource_name ?? entry.resource_id ?? '';
  return (
    <li>
      <details>
        <summary>
          <Time value={entry.timestamp} /> <strong>{entry.action}</strong> {entry.resource_type}{' '}
          <code>{resource}</code> <span className="muted">by {actor}</span>
        </summary>
        <AuditChange details={entry.details} />
        <dl className="pairs compact">
          <dt>Actor</dt>
          <dd>
            {entry.actor_type} {entry.actor_id}
          </dd>
          {entry.ip_address ? (
            <>
              <dt>Address</dt>
              <dd>{entry.ip_address}</dd>
            </>
          ) : null}
          {entry.request_id ? (
            <>
              <dt>Request</dt>
              <dd>
                <code>{entry.request_id}</code>
              </dd>
            </>
          ) : null}
        </dl>
      </details>
    </li>
  );
}

/** `details.before` against `details.after`; any other detail as it was recorded. */
function AuditChange({ details }: { details: Entry['details'] }) {
  if (!details) return <p className="muted">No details.</p>;
  const { before, after, ...rest } = details;
  const rows = diffDetails(before, after);
  const changed = rows.filter((r) => r.change !== 'same');
  const same = rows.length - changed.length;
  return (
    <>
      {rows.length > 0 ? (
        <ScrollRegion label="Before and after">
          <table className="audit-diff">
            <thead>
              <tr>
                <th scope="col">Field</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {changed.map((row) => (
                <tr key={row.path} className={`diff-${row.change}`}>
                  <th scope="row">{row.path}</th>
                  <td>{row.before === undefined ? '' : <del>{row.before}</del>}</td>
                  <td>{row.after === undefined ? '' : <ins>{row.after}</ins>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {same > 0 ? <p className="muted small">{same} unchanged fields not shown.</p> : null}
      {Object.keys(rest).length > 0 ? (
        <pre className="details-json">{JSON.stringify(rest, null, 2)}</pre>
      ) : null}
    </>
  );
}

type Filter = {
  action: string;
  resource_type: string;
  actor_type: ActorType | '';
  start_date: string;
  end_date: string;
};

function AuditFilter({ value, onFilter }: { value: Filter; onFilter: (f: Filter) => void }) {
  const [draft, setDraft] = useState(value);
  const set = (key: keyof Filter) => (e: { target: { value: string } }) =>
    setDraft({ ...draft, [key]: e.target.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onFilter({ ...draft, action: draft.action.trim(), resource_type: draft.resource_type.trim() });
  };
  return (
    <form role="search" aria-label="Audit log" className="filters" onSubmit={submit}>
      <Field label="Action" name="action" hint="record.update, domain.create…">
        {(control) => <input {...control} value={draft.action} onChange={set('action')} />}
      </Field>
      <Field label="Resource type" name="resource_type">
        {(control) => (
          <input {...control} value={draft.resource_type} onChange={set('resource_type')} />
        )}
      </Field>
      <Field label="Actor" name="actor_type">
        {(control) => (
          <select {...control} value={draft.actor_type} onChange={set('actor_type')}>
            <option value="">Anyone</option>
            {ACTOR_TYPES.map((t) => (
              <option key={t} value={t}>
                {t.replace('_', ' ')}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label="From" name="start_date">
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            value={draft.start_date}
            onChange={set('start_date')}
          />
        )}
      </Field>
      <Field label="To" name="end_date">
        {(control) => (
          <input
            {...control}
            type="datetime-local"
            value={draft.end_date}
            onChange={set('end_date')}
          />
        )}
      </Field>
      <button type="submit" className="secondary">
        Filter
      </button>
    </form>
  );
}
