import { AppError, type AppErrorCode } from '@app/core';

/** What a log line needs about the failed call; never the API key. */
export interface PdnsCallInfo {
  readonly method: string;
  /** Path and query of the call (`/api/v1/servers/localhost/zones/example.com.`). */
  readonly path: string;
  /** HTTP status PowerDNS answered with; absent when it did not answer. */
  readonly status?: number;
  /** PowerDNS's own message (`error` of its JSON body, or its plain-text body), or the network reason. */
  readonly pdnsMessage?: string;
}

/** Base of every error the PowerDNS client throws; subclasses carry the AppError code. */
export abstract class PdnsError extends AppError {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly pdnsMessage: string | undefined;

  protected constructor(code: AppErrorCode, detail: string, info: PdnsCallInfo, cause?: unknown) {
    super(code, detail, cause === undefined ? undefined : { cause });
    this.method = info.method;
    this.path = info.path;
    this.status = info.status;
    this.pdnsMessage = info.pdnsMessage;
  }
}

/** 422 or 400: PowerDNS refused the content. Its message is readable and goes to the client. */
export class PdnsInvalidContentError extends PdnsError {
  constructor(info: PdnsCallInfo) {
    super(
      'BAD_REQUEST',
      `PowerDNS rejected the change: ${info.pdnsMessage || `HTTP ${info.status ?? 422}`}`,
      info,
    );
    this.name = 'PdnsInvalidContentError';
  }
}

export class PdnsNotFoundError extends PdnsError {
  constructor(info: PdnsCallInfo, what = 'Resource') {
    super('NOT_FOUND', `${what} not found in PowerDNS`, info);
    this.name = 'PdnsNotFoundError';
  }
}

/** 409: in practice creating a zone that exists. */
export class PdnsConflictError extends PdnsError {
  constructor(info: PdnsCallInfo, what?: string) {
    super(
      'CONFLICT',
      what ? `${what} already exists in PowerDNS` : 'PowerDNS reported a conflict',
      info,
    );
    this.name = 'PdnsConflictError';
  }
}

/**
 * PowerDNS said the thing being created is there already: a 409, or the 422 a backend's own unique
 * key gives when two creates of one zone cross ("Domain '…' already exists", "Duplicate entry").
 * That is a conflict about the request, never an outage.
 */
export function isAlreadyExistsError(error: unknown): boolean {
  if (error instanceof PdnsConflictError) return true;
  return (
    error instanceof PdnsInvalidContentError &&
    /already exists|duplicate entry/i.test(error.pdnsMessage ?? '')
  );
}

/** 413: the body is above PowerDNS's webserver-max-bodysize. */
export class PdnsPayloadTooLargeError extends PdnsError {
  constructor(info: PdnsCallInfo) {
    super('PAYLOAD_TOO_LARGE', 'The change is too large for PowerDNS in one request', info);
    this.name = 'PdnsPayloadTooLargeError';
  }
}

/**
 * PowerDNS could not be used: no connection, a timeout, a 5xx, or a reply we cannot act on (a
 * refused API key). The detail says only that and a short reason; a 5xx body can hold backend
 * internals, so it stays in `pdnsMessage` for the logs.
 */
export class PdnsUnavailableError extends PdnsError {
  constructor(info: PdnsCallInfo, reason: string, cause?: unknown) {
    super('UPSTREAM_UNAVAILABLE', `PowerDNS is unavailable: ${reason}`, info, cause);
    this.name = 'PdnsUnavailableError';
  }
}

/** What the resource of a call is, for NOT_FOUND and CONFLICT details (`Zone example.com.`). */
export interface PdnsSubject {
  readonly notFound?: string;
  readonly conflict?: string;
}

const MAX_MESSAGE = 500;

/** PowerDNS's message from an error body: `{"error": "…"}` with Accept json, plain text otherwise. */
export function pdnsMessageFromBody(body: string): string {
  const text = body.trim();
  if (text.startsWith('{')) {
    try {
      const parsed: unknown = JSON.parse(text);
      if (typeof parsed === 'object' && parsed !== null && 'error' in parsed) {
        const error = parsed.error;
        if (typeof error === 'string') return error.slice(0, MAX_MESSAGE);
      }
    } catch {
      // not JSON after all: use the text as it is
    }
  }
  return text.replace(/\s+/g, ' ').slice(0, MAX_MESSAGE);
}

/** Maps a non-2xx answer of PowerDNS to the error the rest of ScaiDNS handles by code. */
export function pdnsErrorFromResponse(
  call: { method: string; path: string },
  status: number,
  body: string,
  subject: PdnsSubject = {},
): PdnsError {
  const info: PdnsCallInfo = { ...call, status, pdnsMessage: pdnsMessageFromBody(body) };
  if (status === 400 || status === 422) return new PdnsInvalidContentError(info);
  if (status === 404) return new PdnsNotFoundError(info, subject.notFound);
  if (status === 409) return new PdnsConflictError(info, subject.conflict);
  if (status === 413) return new PdnsPayloadTooLargeError(info);
  if (status === 401 || status === 403) {
    return new PdnsUnavailableError(info, `the API key was refused (HTTP ${status})`);
  }
  if (status >= 500) return new PdnsUnavailableError(info, `HTTP ${status}`);
  return new PdnsUnavailableError(info, `unexpected HTTP ${status}`);
}

const NETWORK_REASONS: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  EPIPE: 'connection reset',
  ENOTFOUND: 'host not found',
  EAI_AGAIN: 'host not found',
  EHOSTUNREACH: 'host unreachable',
  ENETUNREACH: 'network unreachable',
  ETIMEDOUT: 'connection timed out',
  UND_ERR_CONNECT_TIMEOUT: 'connection timed out',
  UND_ERR_HEADERS_TIMEOUT: 'timed out',
  UND_ERR_BODY_TIMEOUT: 'timed out',
  UND_ERR_SOCKET: 'connection closed',
  UND_ERR_CLOSED: 'client closed',
  UND_ERR_DESTROYED: 'client closed',
  UND_ERR_ABORTED: 'timed out',
};

function errorCode(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // Node reports a refused dual-stack connect as an AggregateError whose parts have the code.
  const parts = (error as { errors?: unknown }).errors;
  if (Array.isArray(parts)) return parts.map(errorCode).find((c) => c !== undefined);
  if ((error as { name?: unknown }).name === 'TimeoutError') return 'UND_ERR_ABORTED';
  return undefined;
}

/** Maps a failure to reach PowerDNS (no HTTP answer) to PdnsUnavailableError. */
export function pdnsErrorFromNetwork(
  call: { method: string; path: string },
  error: unknown,
  timeoutMs: number,
): PdnsUnavailableError {
  const code = errorCode(error);
  let reason =
    (code && NETWORK_REASONS[code]) || (code ? `network error (${code})` : 'network error');
  if (reason === 'timed out') reason = `timed out after ${timeoutMs} ms`;
  return new PdnsUnavailableError({ ...call, pdnsMessage: code ?? String(error) }, reason, error);
}
