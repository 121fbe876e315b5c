import { type Schemas, unwrap } from '@app/api-client';
import { type FormEvent, type KeyboardEvent, useState } from 'react';
import { ConfirmButton, Pager, Status, ScrollRegion } from '../components/controls';
import { Field, FormProblem, TextField } from '../components/field';
import { LoadState } from '../components/page';
import { useAction, useLoad } from '../data';
import type { ZoneAccess } from '../permissions';
import { api } from '../session/session';
import type { Zone } from './zone-model';

type RecordRow = Schemas['RecordDto'];
type RecordType = Schemas['CreateRecordDto']['type'];
const PAGE_SIZE = 50;

/** The zone's records: filter, add, edit in place, delete one or many. */
export function RecordsTab({ zone, access }: { zone: Zone; access: ZoneAccess }) {
  const [filter, setFilter] = useState({ type: '', name: '', includeSystem: false });
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [editing, setEditing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const types = useLoad('record-types', () => unwrap(api.GET('/api/v1/domains/types')));
  const records = useLoad(
    `${zone.id}|${filter.type}|${filter.name}|${filter.includeSystem}|${page}`,
    () =>
      unwrap(
        api.GET('/api/v1/domains/{id}/records', {
          params: {
            path: { id: zone.id },
            query: {
              type: filter.type || undefined,
              name: filter.name || undefined,
              include_system: filter.includeSystem ? 'true' : undefined,
              page,
              page_size: PAGE_SIZE,
            },
          },
        }),
      ),
  );
  const remove = useAction();
  const typeList = types.data?.types ?? [];

  const changed = (message: string) => {
    setNotice(message);
    setEditing(null);
    setSelected(new Set());
    records.reload();
  };
  const deleteOne = (record: RecordRow) =>
    remove.run(async () => {
      await unwrap(
        api.DELETE('/api/v1/domains/{id}/records/{recordId}', {
          params: { path: { id: zone.id, recordId: record.id } },
        }),
      );
      changed(`Deleted ${describe(record)}.`);
    });
  const deleteSelected = () =>
    remove.run(async () => {
      const answer = await unwrap(
        api.POST('/api/v1/domains/{id}/records/bulk-delete', {
          params: { path: { id: zone.id } },
          body: { record_ids: [...selected] },
        }),
      );
      changed(`Deleted ${answer.total_deleted} records.`);
    });

  const rows = records.data?.data ?? [];
  const selectable = (r: RecordRow) => access['records:delete'] && !isSystem(r, zone);
  const allSelected =
    rows.some(selectable) && rows.filter(selectable).every((r) => selected.has(r.id));
  const toggle = (id: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(id);
    else next.delete(id);
    setSelected(next);
  };

  return (
    <>
      {access['records:create'] ? (
        <AddRecord zone={zone} types={typeList} onAdded={(r) => changed(`Added ${describe(r)}.`)} />
      ) : null}
      <RecordFilter
        types={typeList}
        value={filter}
        onChange={(next) => {
          setFilter(next);
          setPage(1);
          setSelected(new Set());
        }}
      />
      {notice ? <Status>{notice}</Status> : null}
      <FormProblem problem={remove.problem} />
      <LoadState problem={records.problem} loading={records.loading && !records.data} />
      {access['records:delete'] && selected.size > 0 ? (
        <div className="bulk-bar">
          <ConfirmButton
            label={`Delete selected (${selected.size})`}
            question={`Delete ${selected.size} selected records?`}
            confirm={`Delete ${selected.size} records`}
            disabled={remove.busy}
            onConfirm={deleteSelected}
          />
        </div>
      ) : null}
      {records.data && rows.length === 0 ? (
        <p className="empty">
          {filter.type || filter.name ? 'No record matches.' : 'No records yet.'}
        </p>
      ) : null}
      {rows.length > 0 ? (
        <ScrollRegion label={`Records of ${zone.name}`}>
          <table className="records">
            <thead>
              <tr>
                {access['records:delete'] ? (
                  <th scope="col" className="select">
                    <input
                      type="checkbox"
                      aria-label="Select all records on this page"
                      checked={allSelected}
                      onChange={(e) =>
                        setSelected(
                          new Set(e.target.checked ? rows.filter(selectable).map((r) => r.id) : []),
                        )
                      }
                    />
                  </th>
                ) : null}
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Content</th>
                <th scope="col">TTL</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((record) =>
                editing === record.id ? (
                  <EditRow
                    key={record.id}
                    zone={zone}
                    record={record}
                    withSelect={access['records:delete']}
                    onSaved={(r) => changed(`Saved ${describe(r)}.`)}
                    onCancel={() => setEditing(null)}
                  />
                ) : (
                  <tr key={record.id} className={record.disabled ? 'disabled' : undefined}>
                    {access['records:delete'] ? (
                      <td className="select">
                        {selectable(record) ? (
                          <input
                            type="checkbox"
                            aria-label={`Select ${describe(record)}`}
                            checked={selected.has(record.id)}
                            onChange={(e) => toggle(record.id, e.target.checked)}
                          />
                        ) : null}
                      </td>
                    ) : null}
                    <th scope="row">{record.display_name}</th>
                    <td>{record.type}</td>
                    <td className="content">
                      <code>{record.content}</code>
                      {record.disabled ? <span className="badge">disabled</span> : null}
                    </td>
                    <td>{record.ttl}</td>
                    <td className="actions">
                      {access['records:update'] && !isSystem(record, zone) ? (
                        <button
                          type="button"
                          className="secondary"
                          aria-label={`Edit ${describe(record)}`}
                          onClick={() => setEditing(record.id)}
                        >
                          Edit
                        </button>
                      ) : null}
                      {access['records:delete'] && !isSystem(record, zone) ? (
                        <ConfirmButton
                          label="Delete"
                          ariaLabel={`Delete ${describe(record)}`}
                          question={`Delete ${describe(record)}?`}
                          confirm="Delete record"
                          disabled={remove.busy}
                          onConfirm={() => deleteOne(record)}
                        />
                      ) : null}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {records.data ? <Pager label="Record pages" of={records.data} onPage={setPage} /> : null}
    </>
  );
}

/** `www A 192.0.2.1`: how a record is named in buttons and messages. */
function describe(record: {
  display_name?: string;
  name: string;
  type: string;
  content: string;
}): string {
  return `${record.display_name ?? record.name} ${record.type} ${record.content}`;
}

/**
 * The apex SOA and NS belong to the platform: they are the rows `include_system` adds, and the API
 * refuses to change them, so they are shown and never offered for editing.
 */
function isSystem(record: RecordRow, zone: Zone): boolean {
  const apex = record.name === `${zone.name}.` || record.name === zone.name;
  return record.type === 'SOA' || (record.type === 'NS' && apex);
}

interface FilterValue {
  readonly type: string;
  readonly name: string;
  readonly includeSystem: boolean;
}

function RecordFilter(props: {
  types: readonly string[];
  value: FilterValue;
  onChange: (value: FilterValue) => void;
}) {
  const [name, setName] = useState(props.value.name);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    props.onChange({ ...props.value, name: name.trim() });
  };
  return (
    <form role="search" aria-label="Records" className="filters" onSubmit={submit}>
      <Field label="Type" name="type">
        {(control) => (
          <select
            {...control}
            value={props.value.type}
            onChange={(e) => props.onChange({ ...props.value, type: e.target.value })}
          >
            <option value="">All types</option>
            {props.types.map((t) => (
              <option key={t} value={t}>
                {t}
              </option>
            ))}
          </select>
        )}
      </Field>
      <TextField label="Name" name="name" type="search" value={name} onChange={setName} />
      <div className="field checkbox">
        <label>
          <input
            type="checkbox"
            checked={props.value.includeSystem}
            onChange={(e) => props.onChange({ ...props.value, includeSystem: e.target.checked })}
          />{' '}
          Show SOA and NS
        </label>
      </div>
      <button type="submit" className="secondary">
        Filter
      </button>
    </form>
  );
}

const ADD_FIELDS = ['name', 'type', 'content', 'ttl'];

function AddRecord(props: {
  zone: Zone;
  types: readonly string[];
  onAdded: (r: RecordRow) => void;
}) {
  const [name, setName] = useState('');
  const [type, setType] = useState<RecordType>('A');
  const [content, setContent] = useState('');
  const [ttl, setTtl] = useState('');
  const add = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    await add.run(async () => {
      const created = await unwrap(
        api.POST('/api/v1/domains/{id}/records', {
          params: { path: { id: props.zone.id } },
          body: {
            name: name.trim() || '@',
            type,
            content: content.trim(),
            ...(ttl.trim() ? { ttl: Number(ttl) } : {}),
          },
        }),
      );
      setName('');
      setContent('');
      props.onAdded(created);
    });
  };
  return (
    <form
      className="panel add-record"
      aria-labelledby="add-record-title"
      onSubmit={(e) => void submit(e)}
      noValidate
    >
      <h3 id="add-record-title">Add a record</h3>
      <FormProblem problem={add.problem} fields={ADD_FIELDS} />
      <div className="row">
        <TextField
          label="Name"
          name="name"
          problem={add.problem}
          hint={`@ or empty for ${props.zone.name}`}
          autoComplete="off"
          spellCheck={false}
          value={name}
          onChange={setName}
        />
        <Field label="Type" name="type" problem={add.problem}>
          {(control) => (
            <select
              {...control}
              value={type}
              onChange={(e) => setType(e.target.value as RecordType)}
            >
              {(props.types.length > 0 ? props.types : ['A']).map((t) => (
                <option key={t} value={t}>
                  {t}
                </option>
              ))}
            </select>
          )}
        </Field>
        <TextField
          label="Content"
          name="content"
          problem={add.problem}
          hint="As in a zone file: 192.0.2.1, 10 mail.example.com."
          className="grow"
          required
          autoComplete="off"
          spellCheck={false}
          value={content}
          onChange={setContent}
        />
        <TextField
          label="TTL"
          name="ttl"
          problem={add.problem}
          hint="Seconds; empty: the zone's"
          inputMode="numeric"
          value={ttl}
          onChange={setTtl}
        />
      </div>
      <button type="submit" className="primary" disabled={add.busy}>
        Add record
      </button>
    </form>
  );
}

interface EditRowProps {
  readonly zone: Zone;
  readonly record: RecordRow;
  readonly withSelect: boolean;
  readonly onSaved: (record: RecordRow) => void;
  readonly onCancel: () => void;
}

/** A record edited in its row: content, TTL, disabled. Enter saves, Escape cancels. */
function EditRow({ zone, record, withSelect, onSaved, onCancel }: EditRowProps) {
  const [content, setContent] = useState(record.content);
  const [ttl, setTtl] = useState(String(record.ttl));
  const [disabled, setDisabled] = useState(record.disabled);
  const save = useAction();
  const submit = () =>
    save.run(async () => {
      const updated = await unwrap(
        api.PATCH('/api/v1/domains/{id}/records/{recordId}', {
          params: { path: { id: zone.id, recordId: record.id } },
          body: {
            ...(content.trim() !== record.content ? { content: content.trim() } : {}),
            ...(Number(ttl) !== record.ttl ? { ttl: Number(ttl) } : {}),
            ...(disabled !== record.disabled ? { disabled } : {}),
          },
        }),
      );
      onSaved(updated);
    });
  const keys = (event: KeyboardEvent) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape') onCancel();
  };
  const what = `${record.display_name} ${record.type}`;
  return (
    <tr className="editing" onKeyDown={keys}>
      {withSelect ? <td /> : null}
      <th scope="row">{record.display_name}</th>
      <td>{record.type}</td>
      <td className="content">
        <TextField
          label={`Content of ${what}`}
          name="content"
          problem={save.problem}
          hideLabel
          // The row was opened to edit this: focus lands here.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus
          spellCheck={false}
          value={content}
          onChange={setContent}
        />
        <label className="inline">
          <input
            type="checkbox"
            checked={disabled}
            onChange={(e) => setDisabled(e.target.checked)}
          />{' '}
          Disabled
        </label>
        <FormProblem problem={save.problem} fields={['content', 'ttl']} />
      </td>
      <td>
        <Field label={`TTL of ${what}`} name="ttl" problem={save.problem} hideLabel>
          {(control) => (
            <input
              {...control}
              className="narrow"
              inputMode="numeric"
              value={ttl}
              onChange={(e) => setTtl(e.target.value)}
            />
          )}
        </Field>
      </td>
      <td className="actions">
        <button
          type="button"
          className="primary"
          disabled={save.busy}
          onClick={() => void submit()}
        >
          Save
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </td>
    </tr>
  );
}
