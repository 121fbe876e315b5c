import { type Schemas, unwrap } from '@app/api-client';
import { type FormEvent, useState } from 'react';
import { Field, FormProblem, TextField } from '../components/field';
import { LoadState, Page } from '../components/page';
import { useAction, useLoad } from '../data';
import { holds } from '../permissions';
import { Link, navigate } from '../router';
import { api, useMe } from '../session/session';

type ZoneType = NonNullable<Schemas['CreateDomainDto']['domain_type']>;
const FIELDS = ['name', 'domain_type', 'default_ttl', 'description', 'template_id'];

/** A new zone: its name and settings, optionally filled from a template. */
export function CreateZoneScreen() {
  const me = useMe();
  const bypass = holds(me, 'domains:validation_bypass');
  const [name, setName] = useState('');
  const [type, setType] = useState<ZoneType>('primary');
  const [ttl, setTtl] = useState('');
  const [description, setDescription] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [variables, setVariables] = useState<Record<string, string>>({});
  const create = useAction();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    let created: Schemas['DomainDto'] | undefined;
    const ok = await create.run(async () => {
      created = await unwrap(
        api.POST('/api/v1/domains', {
          body: {
            name: name.trim(),
            domain_type: type,
            ...(ttl.trim() ? { default_ttl: Number(ttl) } : {}),
            ...(description.trim() ? { description: description.trim() } : {}),
            ...(templateId
              ? { template_id: templateId, template_variables: nonEmpty(variables) }
              : {}),
          },
        }),
      );
    });
    if (ok && created) navigate(`/zones/${created.id}`);
  };

  if (!holds(me, 'domains:create')) {
    return (
      <Page title="Create zone">
        <p>You may not create zones. Ask a tenant administrator.</p>
      </Page>
    );
  }
  return (
    <Page title="Create zone">
      <p>
        {bypass
          ? 'Your zones are active as soon as they are created: PowerDNS serves them at once.'
          : 'A new zone waits for proof that you own the domain: the next page shows a TXT record to publish at your current DNS provider, and a button to check it. Until then its records are stored but not served.'}
      </p>
      <form className="stack narrow-form" onSubmit={(event) => void submit(event)} noValidate>
        <FormProblem problem={create.problem} fields={FIELDS} />
        <TextField
          label="Zone name"
          name="name"
          problem={create.problem}
          hint="For example example.com"
          required
          autoComplete="off"
          spellCheck={false}
          value={name}
          onChange={setName}
        />
        <Field label="Type" name="domain_type" problem={create.problem}>
          {(control) => (
            <select {...control} value={type} onChange={(e) => setType(e.target.value as ZoneType)}>
              <option value="primary">Primary</option>
              <option value="secondary">Secondary</option>
            </select>
          )}
        </Field>
        <TextField
          label="Default TTL (seconds)"
          name="default_ttl"
          problem={create.problem}
          hint="Leave empty for 3600"
          inputMode="numeric"
          value={ttl}
          onChange={setTtl}
        />
        <TextField
          label="Description"
          name="description"
          problem={create.problem}
          value={description}
          onChange={setDescription}
        />
        {holds(me, 'templates:read') ? (
          <TemplatePicker
            templateId={templateId}
            onTemplate={(id) => {
              setTemplateId(id);
              setVariables({});
            }}
            variables={variables}
            onVariables={setVariables}
            problem={create.problem}
          />
        ) : null}
        <div className="form-actions">
          <button type="submit" className="primary" disabled={create.busy}>
            Create zone
          </button>
          <Link to="/zones">Cancel</Link>
        </div>
      </form>
    </Page>
  );
}

interface TemplatePickerProps {
  readonly templateId: string;
  readonly onTemplate: (id: string) => void;
  readonly variables: Record<string, string>;
  readonly onVariables: (values: Record<string, string>) => void;
  readonly problem: ReturnType<typeof useAction>['problem'];
}

/** The templates the tenant may use, and the variables the chosen one asks for. */
function TemplatePicker(props: TemplatePickerProps) {
  const templates = useLoad('templates', () =>
    unwrap(api.GET('/api/v1/templates', { params: { query: { page_size: 100 } } })),
  );
  const required = useLoad(`variables:${props.templateId}`, () =>
    props.templateId
      ? unwrap(
          api.GET('/api/v1/templates/{id}/required-variables', {
            params: { path: { id: props.templateId } },
          }),
        )
      : Promise.resolve(null),
  );
  if (!templates.data || templates.data.data.length === 0) {
    return <LoadState problem={templates.problem} loading={false} />;
  }
  return (
    <fieldset>
      <legend>Template (optional)</legend>
      <Field label="Start from a template" name="template_id" problem={props.problem}>
        {(control) => (
          <select
            {...control}
            value={props.templateId}
            onChange={(e) => props.onTemplate(e.target.value)}
          >
            <option value="">No template</option>
            {templates.data?.data.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name} ({t.record_count} records)
              </option>
            ))}
          </select>
        )}
      </Field>
      {required.data?.all_variables.map((variable) => (
        <Field
          key={variable.name}
          label={`${variable.name}${variable.required ? '' : ' (optional)'}`}
          name={`variables.${variable.name}`}
          problem={props.problem}
          hint={variable.description || undefined}
        >
          {(control) => (
            <input
              {...control}
              required={variable.required}
              value={props.variables[variable.name] ?? ''}
              onChange={(e) =>
                props.onVariables({ ...props.variables, [variable.name]: e.target.value })
              }
            />
          )}
        </Field>
      ))}
    </fieldset>
  );
}

function nonEmpty(values: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v.trim() !== ''));
}
