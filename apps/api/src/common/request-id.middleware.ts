import { randomUUID } from 'node:crypto';
import { RequestContext, RequestTimings } from '@app/core';
import type { NextFunction, Request, Response } from 'express';

/** A client-supplied id is kept only when it is short and printable, so logs can't be forged with it. */
const ACCEPTABLE_ID = /^[A-Za-z0-9._:@-]{1,128}$/;

export const REQUEST_ID_HEADER = 'X-Request-ID';

/**
 * First middleware of every request: takes X-Request-ID from the request or makes one, echoes it on
 * the response, and makes it available to logs and audit through the request context.
 */
export function requestIdMiddleware(req: Request, res: Response, next: NextFunction): void {
  const given = req.header(REQUEST_ID_HEADER);
  const requestId = given && ACCEPTABLE_ID.test(given) ? given : randomUUID();
  (req as Request & { id: string }).id = requestId;
  res.setHeader(REQUEST_ID_HEADER, requestId);
  RequestContext.run({ requestId, timings: new RequestTimings() }, next);
}
