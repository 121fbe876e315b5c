import { describeProblem, ScaiDnsError, type Schemas, unwrap } from '@app/api-client';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import { CopyButton, Status, ScrollRegion } from '../components/controls';
import { Field, FormProblem } from '../components/field';
import { useAction } from '../data';
import type { ZoneAccess } from '../permissions';
import { api } from '../session/session';
import type { Zone } from './zone-model';

type Format = NonNullable<Schemas['ImportTextDto']['format']>;
type Mode = NonNullable<Schemas['ImportTextDto']['mode']>;
type ImportResult = Schemas['ImportResultDto'];

const FORMATS: readonly { value: Format; label: string }[] = [
  { value: 'bind', label: 'BIND zone file' },
  { value: 'csv', label: 'CSV (name,type,content,ttl,disabled)' },
  { value: 'json', label: 'JSON' },
];
const MODES: readonly { value: Mode; label: string }[] = [
  { value: 'merge', label: 'Merge: add and update, keep the rest' },
  { value: 'skip_existing', label: 'Skip existing: only add what is new' },
  { value: 'replace', label: 'Replace: make the zone exactly the file' },
];

/** Export the zone as a file; import one, seeing what it would change before it does. */
export function TransferTab({ zone, access }: { zone: Zone; access: ZoneAccess }) {
  return (
    <>
      <ExportPanel zone={zone} />
      {access['records:create'] ? <ImportPanel zone={zone} /> : null}
    </>
  );
}

function ExportPanel({ zone }: { zone: Zone }) {
  const [format, setFormat] = useState<Format>('bind');
  const [shown, setShown] = useState<Schemas['ExportedZoneDto'] | null>(null);
  const load = useAction();
  const download = () =>
    load.run(async () => {
      const { data, error, response } = await api.GET('/api/v1/domains/{id}/export/download', {
        params: { path: { id: zone.id }, query: { format } },
        parseAs: 'blob',
      });
      if (!response.ok || !data) {
        throw new ScaiDnsError(describeProblem(response.status, error, response.headers));
      }
      saveFile(data, fileName(response, `${zone.name}.zone`));
    });
  const show = () =>
    load.run(async () =>
      setShown(
        await unwrap(
          api.GET('/api/v1/domains/{id}/export', {
            params: { path: { id: zone.id }, query: { format } },
          }),
        ),
      ),
    );
  return (
    <section className="panel" aria-labelledby="export-title">
      <h3 id="export-title">Export</h3>
      <div className="row">
        <Field label="Format" name="export_format">
          {(control) => (
            <select
              {...control}
              value={format}
              onChange={(e) => setFormat(e.target.value as Format)}
            >
              {FORMATS.map((f) => (
                <option key={f.value} value={f.value}>
                  {f.label}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="form-actions">
        <button
          type="button"
          className="primary"
          disabled={load.busy}
          onClick={() => void download()}
        >
          Download
        </button>
        <button
          type="button"
          className="secondary"
          disabled={load.busy}
          onClick={() => void show()}
        >
          Show here
        </button>
      </div>
      <FormProblem problem={load.problem} />
      {shown ? (
        <div className="exported">
          <CopyButton value={shown.zone_file} label="Copy the export" />
          <ScrollRegion label={`Export of ${shown.domain_name}`}>
            <pre>{shown.zone_file}</pre>
          </ScrollRegion>
        </div>
      ) : null}
    </section>
  );
}

const IMPORT_FIELDS = ['content', 'format', 'mode'];

function ImportPanel({ zone }: { zone: Zone }) {
  const [format, setFormat] = useState<Format>('bind');
  const [mode, setMode] = useState<Mode>('merge');
  const [content, setContent] = useState('');
  const [preview, setPreview] = useState<{ of: string; result: ImportResult } | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const action = useAction();
  const body = { content, format, mode };
  const signature = JSON.stringify(body);
  const current = preview?.of === signature ? preview.result : null;

  const readFile = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    if (!file) return;
    const extension = file.name.split('.').pop()?.toLowerCase();
    if (extension === 'csv' || extension === 'json') setFormat(extension);
    else setFormat('bind');
    void file.text().then(setContent);
  };
  const runPreview = async (event: FormEvent) => {
    event.preventDefault();
    setApplied(null);
    await action.run(async () => {
      const result = await unwrap(
        api.POST('/api/v1/domains/{id}/import/preview', {
          params: { path: { id: zone.id } },
          body,
        }),
      );
      setPreview({ of: signature, result });
    });
  };
  const apply = () =>
    action.run(async () => {
      const result = await unwrap(
        api.POST('/api/v1/domains/{id}/import/text', { params: { path: { id: zone.id } }, body }),
      );
      setPreview(null);
      setContent('');
      setApplied(
        `Imported: ${result.added.length} added, ${result.updated.length} changed, ${result.removed.length} removed, ${result.unchanged.length} unchanged.`,
      );
    });

  return (
    <section className="panel" aria-labelledby="import-title">
      <h3 id="import-title">Import</h3>
      <p>Nothing changes until you have seen the preview and apply it.</p>
      <form className="stack" onSubmit={(e) => void runPreview(e)} noValidate>
        <FormProblem problem={action.problem} fields={IMPORT_FIELDS} />
        <div className="row">
          <Field label="Format" name="format" problem={action.problem}>
            {(control) => (
              <select
                {...control}
                value={format}
                onChange={(e) => setFormat(e.target.value as Format)}
              >
                {FORMATS.map((f) => (
                  <option key={f.value} value={f.value}>
                    {f.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Mode" name="mode" problem={action.problem}>
            {(control) => (
              <select {...control} value={mode} onChange={(e) => setMode(e.target.value as Mode)}>
                {MODES.map((m) => (
                  <option key={m.value} value={m.value}>
                    {m.label}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </div>
        <Field
          label="Zone file"
          name="file"
          hint="Its text is put below, where you can still edit it."
        >
          {(control) => (
            <input
              {...control}
              type="file"
              accept=".zone,.txt,.db,.csv,.json,text/plain"
              onChange={readFile}
            />
          )}
        </Field>
        <Field label="Records to import" name="content" problem={action.problem}>
          {(control) => (
            <textarea
              {...control}
              rows={10}
              spellCheck={false}
              value={content}
              onChange={(e) => setContent(e.target.value)}
            />
          )}
        </Field>
        <div className="form-actions">
          <button
            type="submit"
            className="secondary"
            disabled={action.busy || content.trim() === ''}
          >
            Preview changes
          </button>
          {current ? (
            <button
              type="button"
              className="primary"
              disabled={action.busy}
              onClick={() => void apply()}
            >
              Apply import
            </button>
          ) : null}
        </div>
      </form>
      {applied ? <Status>{applied}</Status> : null}
      {current ? <ImportDiff result={current} mode={mode} /> : null}
    </section>
  );
}

/** The preview: what the import would add, change and remove, and what it would leave out. */
function ImportDiff({ result, mode }: { result: ImportResult; mode: Mode }) {
  const rows = [
    ...result.added.map((r) => ({ change: 'Add', sign: '+', ...r })),
    ...result.updated.map((r) => ({ change: 'Change', sign: '~', ...r })),
    ...result.removed.map((r) => ({ change: 'Remove', sign: '−', ...r })),
  ];
  return (
    <section className="diff" aria-labelledby="preview-title">
      <h4 id="preview-title">Preview</h4>
      <p role="status">
        {result.added.length} to add, {result.updated.length} to change, {result.removed.length} to
        remove, {result.unchanged.length} unchanged
        {mode === 'replace' ? ' (replace mode: records not in the file are removed)' : ''}.
      </p>
      {rows.length > 0 ? (
        <ScrollRegion label="Changes the import would make">
          <table>
            <thead>
              <tr>
                <th scope="col">Change</th>
                <th scope="col">Name</th>
                <th scope="col">Type</th>
                <th scope="col">Content</th>
                <th scope="col">TTL</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr
                  key={`${r.change}|${r.name}|${r.type}|${r.content}`}
                  className={`diff-${r.change.toLowerCase()}`}
                >
                  <td>
                    <span aria-hidden="true">{r.sign} </span>
                    {r.change}
                  </td>
                  <td>{r.name}</td>
                  <td>{r.type}</td>
                  <td className="content">
                    <code>{r.content}</code>
                  </td>
                  <td>{r.ttl}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ) : null}
      {result.skipped.length > 0 || result.conflicts.length > 0 ? (
        <>
          <h5>Left out</h5>
          <ul className="left-out">
            {result.skipped.map((s) => (
              <li key={`s|${s.name}|${s.type}|${s.reason}`}>
                {s.name} {s.type}: {s.reason}
              </li>
            ))}
            {result.conflicts.map((c) => (
              <li key={`c|${c.name}|${c.type}|${c.reason}`}>
                {c.name} {c.type}: {c.reason}
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function fileName(response: Response, fallback: string): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  return /filename="([^"]+)"/.exec(header)?.[1] ?? fallback;
}

/** Hands a downloaded file to the browser's save dialog. */
function saveFile(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
