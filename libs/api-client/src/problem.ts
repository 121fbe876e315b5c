/**
 * ScaiDNS's errors, read as a client shows them. The API answers `{"detail": "message"}`,
 * `{"detail": {"message", "field", "conflicts"}}` (structured refusals), or, for request validation,
 * 422 `{"detail": [{"loc": ["body", "name"], "msg", "type"}]}`; a problem keeps the messages that
 * name a field apart from the rest, so a form can put each next to its input.
 */
export interface ApiProblem {
  readonly status: number;
  /** Messages by the field they name: `name`, `records.0.content` (the body's path, joined by dots). */
  readonly fields: Readonly<Record<string, readonly string[]>>;
  /** Messages that name no field. */
  readonly general: readonly string[];
  /** Seconds to wait, from `Retry-After` (429, 503). */
  readonly retryAfter: number | null;
  /** The answer's `detail`, as sent. */
  readonly detail: unknown;
}

/** A call ScaiDNS refused (or could not answer). */
export class ScaiDnsError extends Error {
  constructor(readonly problem: ApiProblem) {
    super(problemSummary(problem));
    this.name = 'ScaiDnsError';
  }
}

/** Reads an error answer: its status, its body (already parsed, or not JSON at all) and headers. */
export function describeProblem(status: number, body: unknown, headers?: Headers): ApiProblem {
  const fields: Record<string, string[]> = {};
  const general: string[] = [];
  const add = (field: string | null, message: string): void => {
    if (field) (fields[field] ??= []).push(message);
    else general.push(message);
  };
  const detail = isObject(body) && 'detail' in body ? body.detail : undefined;
  if (typeof detail === 'string') add(null, detail);
  else if (Array.isArray(detail)) {
    for (const item of detail) {
      if (isObject(item) && typeof item.msg === 'string') add(fieldOf(item.loc), item.msg);
    }
  } else if (isObject(detail)) {
    if (typeof detail.message === 'string') {
      add(typeof detail.field === 'string' ? detail.field : null, detail.message);
    }
    // A template's refusals name each record or variable.
    for (const item of Array.isArray(detail.errors) ? detail.errors : []) {
      if (isObject(item) && typeof item.message === 'string') {
        add(typeof item.field === 'string' ? item.field : null, item.message);
      }
    }
    if (Array.isArray(detail.missing) && detail.missing.length > 0) {
      add('variables', `Missing: ${detail.missing.map(String).join(', ')}`);
    }
  }
  if (general.length === 0 && Object.keys(fields).length === 0) add(null, fallbackMessage(status));
  const retry = Number(headers?.get('Retry-After'));
  return {
    status,
    fields,
    general,
    retryAfter: Number.isFinite(retry) && retry > 0 ? retry : null,
    detail,
  };
}

/** Every message of a problem, on one line. */
export function problemSummary(problem: ApiProblem): string {
  const named = Object.entries(problem.fields).map(([field, messages]) =>
    messages.map((m) => `${field}: ${m}`).join('; '),
  );
  return [...problem.general, ...named].join('; ');
}

/**
 * The data of a call, or a thrown `ScaiDnsError` describing why there is none:
 * `const zone = await unwrap(client.GET('/api/v1/domains/{id}', { params: { path: { id } } }))`.
 */
export async function unwrap<T>(
  pending: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await pending;
  if (!response.ok)
    throw new ScaiDnsError(describeProblem(response.status, error, response.headers));
  return data as T;
}

/** `["body", "records", 0, "content"]` → `records.0.content`; the body itself names no field. */
function fieldOf(loc: unknown): string | null {
  if (!Array.isArray(loc)) return null;
  const path = loc[0] === 'body' || loc[0] === 'query' || loc[0] === 'path' ? loc.slice(1) : loc;
  return path.length > 0 ? path.map(String).join('.') : null;
}

function fallbackMessage(status: number): string {
  if (status === 0) return 'ScaiDNS could not be reached.';
  if (status === 429) return 'Too many requests; try again shortly.';
  if (status >= 500) return `ScaiDNS could not answer (HTTP ${status}).`;
  return `The request failed (HTTP ${status}).`;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
