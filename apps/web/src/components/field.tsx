import type { ApiProblem } from '@app/api-client';
import { type InputHTMLAttributes, type ReactNode, useId } from 'react';

/** What a field hands its control: the ids and states that tie it to its label and its errors. */
export interface ControlProps {
  readonly id: string;
  readonly name: string;
  readonly 'aria-invalid': true | undefined;
  readonly 'aria-describedby': string | undefined;
}

/** The API's messages about `name` (and about its parts: `ip_whitelist.0` belongs to `ip_whitelist`). */
export function messagesFor(problem: ApiProblem | null | undefined, name: string): string[] {
  if (!problem) return [];
  return Object.entries(problem.fields)
    .filter(([field]) => field === name || field.startsWith(`${name}.`))
    .flatMap(([, messages]) => messages);
}

/** The API's messages about a field that is not one input (a group of checkboxes). */
export function FieldMessages({ problem, name }: { problem: ApiProblem | null; name: string }) {
  const messages = messagesFor(problem, name);
  if (messages.length === 0) return null;
  return (
    <div className="field-error">
      {messages.map((m) => (
        <p key={m}>{m}</p>
      ))}
    </div>
  );
}

interface FieldProps {
  readonly label: string;
  /** The field's name in the API's body: the API's errors about it are shown under it. */
  readonly name: string;
  readonly problem?: ApiProblem | null;
  readonly hint?: ReactNode;
  readonly className?: string;
  /** Keep the label for screen readers only (a cell of a table row being edited). */
  readonly hideLabel?: boolean;
  readonly children: (control: ControlProps) => ReactNode;
}

/** A labelled control with its hint and, under it, what the API said about it. */
export function Field({ label, name, problem, hint, className, hideLabel, children }: FieldProps) {
  const id = useId();
  const errors = messagesFor(problem, name);
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${errors.length > 0 ? ' field-invalid' : ''} ${className ?? ''}`}>
      <label htmlFor={id} className={hideLabel ? 'visually-hidden' : undefined}>
        {label}
      </label>
      {children({
        id,
        name,
        'aria-invalid': errors.length > 0 ? true : undefined,
        'aria-describedby': describedBy,
      })}
      {/* After the control, so the controls of a row line up whatever their hints. */}
      {hint ? (
        <div className="hint" id={hintId}>
          {hint}
        </div>
      ) : null}
      {errorId ? (
        <div className="field-error" id={errorId}>
          {errors.map((message) => (
            <p key={message}>{message}</p>
          ))}
        </div>
      ) : null}
    </div>
  );
}

interface TextFieldProps
  extends
    Omit<FieldProps, 'children'>,
    Omit<
      InputHTMLAttributes<HTMLInputElement>,
      'value' | 'onChange' | 'name' | 'id' | 'children' | 'className'
    > {
  readonly value: string;
  readonly onChange: (value: string) => void;
}

/** A labelled text input: a `Field` whose control is an `<input>` holding a string. */
export function TextField(props: TextFieldProps) {
  const { label, name, problem, hint, className, hideLabel, value, onChange, ...input } = props;
  return (
    <Field
      label={label}
      name={name}
      problem={problem}
      hint={hint}
      className={className}
      hideLabel={hideLabel}
    >
      {(control) => (
        <input {...control} {...input} value={value} onChange={(e) => onChange(e.target.value)} />
      )}
    </Field>
  );
}

interface FormProblemProps {
  readonly problem: ApiProblem | null | undefined;
  /** The fields the form shows next to their inputs; the API's other messages are listed here. */
  readonly fields?: readonly string[];
}

/** What the API said that belongs to no field on screen, announced to screen readers. */
export function FormProblem({ problem, fields = [] }: FormProblemProps) {
  if (!problem) return null;
  const shown = (field: string) => fields.some((f) => field === f || field.startsWith(`${f}.`));
  const others = Object.entries(problem.fields)
    .filter(([field]) => !shown(field))
    .flatMap(([field, messages]) => messages.map((m) => `${field}: ${m}`));
  const messages = [...problem.general, ...others];
  const onFields = Object.keys(problem.fields).some(shown);
  if (messages.length === 0 && !onFields) return null;
  return (
    <div className="problem" role="alert">
      {messages.map((message) => (
        <p key={message}>{message}</p>
      ))}
      {messages.length === 0 ? <p>Check the highlighted fields.</p> : null}
    </div>
  );
}
