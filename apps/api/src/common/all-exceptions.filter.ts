import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { AppError, type AppErrorCode, queryFailureAsAppError } from '@app/core';
import type { Request, Response } from 'express';
import { RequestValidationError } from './request-validation.error';

const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 502,
  NOT_READY: 503,
};

export interface ErrorReply {
  status: number;
  body: { detail: unknown };
}

/** The request an error answered, as its log line names it. */
export interface RequestSummary {
  readonly method: string;
  readonly path: string;
}

/**
 * How an error is logged. A client's mistake (4xx) is not; a database refusal mapped to a 4xx and an
 * upstream failure (a 502/503: PowerDNS, the database, Redis or ScaiKey away) get one line with the
 * cause, since an outage repeats it on every request and its stack says nothing new; only a bug
 * (a 500) gets its stack.
 */
type LogEntry = { message: string; stack?: string } | null;

/**
 * Maps anything thrown to the public error shape `{"detail": …}`; internals are logged, never sent.
 * A statement the database refused (a unique key, a value too long, a lock race) is the client's
 * 400/409 or a 503, never a 500: libs that expect a refusal say it in their own words first.
 */
export function toErrorReply(
  exception: unknown,
  logger: Logger,
  request?: RequestSummary,
): ErrorReply {
  const { reply, log } = classify(exception);
  if (log) {
    const line = `${request ? `${request.method} ${request.path} ` : ''}${reply.status} ${log.message}`;
    if (log.stack === undefined) logger.warn(line);
    else logger.error(line, log.stack);
  }
  return reply;
}

function classify(exception: unknown): { reply: ErrorReply; log: LogEntry } {
  const refused = queryFailureAsAppError(exception);
  if (refused) {
    return {
      reply: appErrorReply(refused),
      log: {
        message: `database refused a statement: ${refused.message}: ${messageOf(refused.cause)}`,
      },
    };
  }
  if (exception instanceof RequestValidationError) {
    return { reply: { status: 422, body: { detail: exception.issues } }, log: null };
  }
  if (exception instanceof AppError) {
    const reply = appErrorReply(exception);
    return {
      reply,
      log: reply.status >= 500 ? { message: `${exception.code}: ${withCause(exception)}` } : null,
    };
  }
  if (exception instanceof HttpException) {
    const reply = httpExceptionReply(exception);
    if (reply.status === 500) {
      return { reply, log: { message: exception.message, stack: exception.stack ?? '' } };
    }
    return { reply, log: reply.status > 500 ? { message: withCause(exception) } : null };
  }
  return {
    reply: { status: 500, body: { detail: 'Internal server error' } },
    log: {
      message: messageOf(exception),
      stack: exception instanceof Error ? (exception.stack ?? '') : '',
    },
  };
}

function appErrorReply(error: AppError): ErrorReply {
  return { status: STATUS_BY_CODE[error.code], body: { detail: error.detail } };
}

function httpExceptionReply(exception: HttpException): ErrorReply {
  const status = exception.getStatus();
  const response = exception.getResponse();
  let detail: unknown = exception.message;
  if (typeof response === 'string') detail = response;
  else if (typeof response === 'object' && response !== null) {
    const r = response as { detail?: unknown; message?: unknown; error?: unknown };
    detail =
      r.detail ??
      (status === 404 && typeof r.message === 'string' && r.message.startsWith('Cannot ')
        ? 'Not Found'
        : (r.message ?? r.error));
  }
  return { status, body: { detail } };
}

/** The error's message, and its cause's when the message does not already say it. */
function withCause(error: Error): string {
  if (error.cause === undefined) return error.message;
  const cause = messageOf(error.cause);
  return error.message.includes(cause) ? error.message : `${error.message} (cause: ${cause})`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const request = http.getRequest<Request>();
    const { status, body } = toErrorReply(exception, this.logger, {
      method: request.method,
      path: request.originalUrl.split('?')[0],
    });
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
