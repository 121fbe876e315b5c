import { AppError } from '@app/core';
import {
  isAlreadyExistsError,
  PdnsError,
  PdnsInvalidContentError,
  PdnsPayloadTooLargeError,
} from '@app/pdns-client';

/**
 * The one translation of a failed PowerDNS call into what ScaiDNS's callers see, `action` saying
 * what was being done (`create the zone example.com`):
 * - PowerDNS says it exists already (a 409, or a backend's 422 "already exists"): 409. A conflict
 *   about the request, not an outage.
 * - PowerDNS refused the content: 400 with its (readable) reason. The rules should have caught it
 *   first; this is the backstop.
 * - the body was too large: 413.
 * - any other PowerDNS failure (unreachable, timed out, a 5xx, a zone that PowerDNS has lost):
 *   502, with the client-safe reason.
 * Anything else (ScaiDNS's own errors: a rule, a conflict, a missing record; a database failure)
 * passes through unchanged.
 */
export function zoneFailure(action: string, error: unknown): unknown {
  if (!(error instanceof PdnsError)) return error;
  if (isAlreadyExistsError(error)) {
    return AppError.conflict(`Could not ${action}: it already exists in PowerDNS`);
  }
  if (error instanceof PdnsInvalidContentError) {
    return new AppError(
      'BAD_REQUEST',
      `PowerDNS refused to ${action}: ${error.pdnsMessage || 'invalid content'}`,
    );
  }
  if (error instanceof PdnsPayloadTooLargeError) {
    return new AppError('PAYLOAD_TOO_LARGE', error.detail);
  }
  return AppError.upstream(`Could not ${action}: ${error.message}`, error);
}
