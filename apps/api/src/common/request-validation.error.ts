import { getMetadataStorage, type ValidationError } from 'class-validator';

/**
 * One item of a 422 body, in the shape of pydantic v1 (FastAPI), which clients of the public docs
 * parse: `{"loc": ["body", "name"], "msg": "field required", "type": "value_error.missing"}`, with
 * `ctx` where pydantic gives one (limits, permitted values).
 */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
  ctx?: Record<string, unknown>;
}

/** Thrown by the validation pipe; the exception filter turns it into `422 {"detail": [...]}`. */
export class RequestValidationError extends Error {
  constructor(readonly issues: ValidationIssue[]) {
    super('Request validation failed');
    this.name = 'RequestValidationError';
  }

  withLocation(location: string): RequestValidationError {
    return new RequestValidationError(
      this.issues.map((i) => ({ ...i, loc: [location, ...i.loc] })),
    );
  }
}

type Issue = Omit<ValidationIssue, 'loc'>;
type Describe = (args: readonly unknown[], message: string) => Issue;

const limit = (args: readonly unknown[], at = 0): unknown => args[at];
const quoted = (values: unknown): string =>
  (Array.isArray(values) ? values : []).map((v) => `'${String(v)}'`).join(', ');

/** A value of the wrong kind: reported before anything about its size or form. */
const TYPE_ERRORS: Record<string, Issue> = {
  isString: { msg: 'str type expected', type: 'type_error.str' },
  isInt: { msg: 'value is not a valid integer', type: 'type_error.integer' },
  isNumber: { msg: 'value is not a valid float', type: 'type_error.float' },
  isBoolean: { msg: 'value could not be parsed to a boolean', type: 'type_error.bool' },
  isArray: { msg: 'value is not a valid list', type: 'type_error.list' },
  isObject: { msg: 'value is not a valid dict', type: 'type_error.dict' },
  nestedValidation: { msg: 'value is not a valid dict', type: 'type_error.dict' },
  isDate: { msg: 'invalid datetime format', type: 'value_error.datetime' },
};

/** Everything else class-validator checks here, in pydantic's words; the first that failed wins. */
const VALUE_ERRORS: Record<string, Describe> = {
  isIn: (args) => ({
    msg: `value is not a valid enumeration member; permitted: ${quoted(limit(args))}`,
    type: 'type_error.enum',
    ctx: { enum_values: limit(args) },
  }),
  isEnum: (args) => {
    const values = Object.values(limit(args) ?? {});
    return {
      msg: `value is not a valid enumeration member; permitted: ${quoted(values)}`,
      type: 'type_error.enum',
      ctx: { enum_values: values },
    };
  },
  maxLength: (args) => maxLength(limit(args)),
  minLength: (args) => minLength(limit(args)),
  isLength: (args, message) =>
    /longer than/.test(message) ? minLength(limit(args, 0)) : maxLength(limit(args, 1)),
  min: (args) => ({
    msg: `ensure this value is greater than or equal to ${String(limit(args))}`,
    type: 'value_error.number.not_ge',
    ctx: { limit_value: limit(args) },
  }),
  max: (args) => ({
    msg: `ensure this value is less than or equal to ${String(limit(args))}`,
    type: 'value_error.number.not_le',
    ctx: { limit_value: limit(args) },
  }),
  arrayMaxSize: (args) => ({
    msg: `ensure this value has at most ${String(limit(args))} items`,
    type: 'value_error.list.max_items',
    ctx: { limit_value: limit(args) },
  }),
  arrayMinSize: (args) => ({
    msg: `ensure this value has at least ${String(limit(args))} items`,
    type: 'value_error.list.min_items',
    ctx: { limit_value: limit(args) },
  }),
  isUuid: () => ({ msg: 'value is not a valid uuid', type: 'type_error.uuid' }),
  isEmail: () => ({ msg: 'value is not a valid email address', type: 'value_error.email' }),
  matches: (args, message) => {
    const pattern = limit(args) instanceof RegExp ? (limit(args) as RegExp).source : '';
    // A DTO that says why (`message:`) keeps its words; class-validator's own is replaced.
    const own = !/ must match .* regular expression$/.test(message);
    return {
      msg: own ? message : `string does not match regex "${pattern}"`,
      type: 'value_error.str.regex',
      ctx: { pattern },
    };
  },
};

function maxLength(max: unknown): Issue {
  return {
    msg: `ensure this value has at most ${String(max)} characters`,
    type: 'value_error.any_str.max_length',
    ctx: { limit_value: max },
  };
}

function minLength(min: unknown): Issue {
  return {
    msg: `ensure this value has at least ${String(min)} characters`,
    type: 'value_error.any_str.min_length',
    ctx: { limit_value: min },
  };
}

/** The arguments a DTO gave each constraint of one property (`@MaxLength(255)` → [255]). */
function constraintArgs(target: object | undefined, property: string): Map<string, unknown[]> {
  const args = new Map<string, unknown[]>();
  if (!target) return args;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(
    target.constructor,
    '',
    true,
    false,
  );
  for (const m of metadata) {
    if (m.propertyName === property && m.name && !args.has(m.name)) {
      args.set(m.name, (m.constraints ?? []) as unknown[]);
    }
  }
  return args;
}

/**
 * The one problem to report for a property that failed several constraints, as pydantic stops at
 * the first check a field fails: absent beats wrong type beats size or form.
 */
function describe(error: ValidationError): Issue | null {
  const constraints = error.constraints ?? {};
  const names = Object.keys(constraints);
  if (names.length === 0) return null;
  if (error.value === undefined) return { msg: 'field required', type: 'value_error.missing' };
  if (error.value === null) {
    return { msg: 'none is not an allowed value', type: 'type_error.none.not_allowed' };
  }
  const typeError = Object.keys(TYPE_ERRORS).find((name) => name in constraints);
  if (typeError) return TYPE_ERRORS[typeError];
  const args = constraintArgs(error.target, error.property);
  const known = Object.keys(VALUE_ERRORS).find((name) => name in constraints);
  if (known) return VALUE_ERRORS[known](args.get(known) ?? [], constraints[known]);
  return { msg: constraints[names[0]], type: 'value_error' };
}

/**
 * Flattens class-validator's tree (nested DTOs, arrays) into one issue per failed field, located
 * by its path (`["records", 0, "content"]`); the pipe prefixes body, query or path.
 */
export function toValidationIssues(
  errors: ValidationError[],
  parent: (string | number)[] = [],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const key = /^\d+$/.test(error.property) ? Number(error.property) : error.property;
    const loc = [...parent, key];
    const issue = describe(error);
    if (issue) issues.push({ loc, ...issue });
    else if (error.children?.length) issues.push(...toValidationIssues(error.children, loc));
  }
  return issues;
}
