import type { RequestOrigin } from '@app/identity';
import type { Request } from 'express';

/** Requests carry their origin (client IP, user agent, request id) from the auth guard on. */
export type RequestWithOrigin = Request & {
  origin: RequestOrigin;
  /** The verified token's `exp` (seconds), set by the JWT strategy. */
  tokenExpiresAt?: number;
};
