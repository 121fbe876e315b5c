import {
  type ArgumentsHost,
  Catch,
  type ExceptionFilter,
  HttpException,
  Logger,
} from '@nestjs/common';
import { AppError, type AppErrorCode, queryFailureAsAppError } from '@app/core';
import type { Response } from 'express';
import { RequestValidationError } from './request-validation.error';

const STATUS_BY_CODE: Record<AppErrorCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UPSTREAM_UNAVAILABLE: 502,
  NOT_READY: 503,
};

export interface ErrorReply {
  status: number;
  body: { detail: unknown };
}

/**
 * Maps anything thrown to the public error shape `{"detail": …}`; internals are logged, never sent.
 * A statement the database refused (a unique key, a value too long, a lock race) is the client's
 * 400/409 or a 503, never a 500: libs that expect a refusal say it in their own words first.
 */
export function toErrorReply(exception: unknown, logger: Logger): ErrorReply {
  const refused = queryFailureAsAppError(exception);
  if (refused) {
    logger.warn(`database refused a statement: ${refused.message}: ${messageOf(refused.cause)}`);
    return toErrorReply(refused, logger);
  }
  if (exception instanceof RequestValidationError) {
    return { status: 422, body: { detail: exception.issues } };
  }
  if (exception instanceof AppError) {
    const status = STATUS_BY_CODE[exception.code];
    if (status >= 500) logger.warn(`${exception.code}: ${exception.message}`);
    return { status, body: { detail: exception.detail } };
  }
  if (exception instanceof HttpException) {
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
    if (status >= 500) logger.error(exception.message, exception.stack);
    return { status, body: { detail } };
  }
  logger.error(
    exception instanceof Error ? exception.message : String(exception),
    exception instanceof Error ? exception.stack : undefined,
  );
  return { status: 500, body: { detail: 'Internal server error' } };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = toErrorReply(exception, this.logger);
    if (response.headersSent) return;
    response.status(status).json(body);
  }
}
