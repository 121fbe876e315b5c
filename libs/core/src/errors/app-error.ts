/**
 * Errors of the domain, thrown by libs and mapped to HTTP statuses only at the API edge (the worker and
 * the CLI call the same libs). `detail` is what a client may read; never put internals in it.
 *
 * Content the server parses but refuses (a record's content, a TTL out of bounds, an unknown scope) is
 * BAD_REQUEST, 400, as the public docs' error codes say; 422 is only for requests that do not match
 * the schema, and only the validation pipe makes those.
 */
export type AppErrorCode =
  | 'BAD_REQUEST'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'UPSTREAM_UNAVAILABLE'
  | 'NOT_READY';

/** A structured conflict: `{"detail": {"message", "field", "conflicts": [...]}}` at the edge. */
export interface StructuredDetail {
  readonly message: string;
  readonly field?: string;
  readonly conflicts?: readonly unknown[];
  readonly [key: string]: unknown;
}

export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    readonly detail: string | StructuredDetail,
    options?: { cause?: unknown },
  ) {
    super(typeof detail === 'string' ? detail : detail.message, options);
    this.name = 'AppError';
  }

  static notFound(what: string): AppError {
    return new AppError('NOT_FOUND', `${what} not found`);
  }

  static badRequest(detail: string | StructuredDetail): AppError {
    return new AppError('BAD_REQUEST', detail);
  }

  static conflict(detail: string | StructuredDetail): AppError {
    return new AppError('CONFLICT', detail);
  }

  static upstream(detail: string, cause?: unknown): AppError {
    return new AppError('UPSTREAM_UNAVAILABLE', detail, { cause });
  }
}
