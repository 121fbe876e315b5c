import type { ValidationError } from 'class-validator';

/** One item of a 422 body, in the FastAPI shape clients of the public docs expect. */
export interface ValidationIssue {
  loc: (string | number)[];
  msg: string;
  type: string;
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

/** Flattens class-validator's tree (nested DTOs, arrays) into one issue per failed constraint. */
export function toValidationIssues(
  errors: ValidationError[],
  parent: (string | number)[] = [],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const error of errors) {
    const key = /^\d+$/.test(error.property) ? Number(error.property) : error.property;
    const loc = [...parent, key];
    for (const [type, msg] of Object.entries(error.constraints ?? {})) {
      issues.push({
        loc,
        msg,
        type: type === 'whitelistValidation' ? 'extra_forbidden' : type,
      });
    }
    if (error.children?.length) issues.push(...toValidationIssues(error.children, loc));
  }
  return issues;
}
