import { type Metrics, RequestContext, type TimingTotal } from '@app/core';
import type { NextFunction, Request, Response } from 'express';

export const SERVER_TIMING_HEADER = 'Server-Timing';

/** The liveness and readiness probes: polled every few seconds, never access-logged. */
const HEALTH_PATH = '/api/v1/health';

/** Writes one access line (pino's `info`); null when the log level leaves them out. */
export type AccessLog = ((line: AccessLine, message: string) => void) | null;

export interface AccessLine {
  readonly request_id: string | undefined;
  readonly req: { readonly method: string; readonly url: string; readonly remoteAddress?: string };
  readonly res: { readonly statusCode: number };
  /** Milliseconds from the request's arrival to the answer's last byte handed to the socket. */
  readonly responseTime: number;
}

/**
 * For every request, after the request context exists: a `Server-Timing` header saying where the
 * time went (auth, db, pdns, audit, lock... and total), set just before the headers are written, and
 * once the answer is sent the request is counted and timed in the metrics under its route template,
 * and logged in one access line (not for the health probes). The line names no header: nothing in it
 * can carry a credential.
 */
export function httpObserver(metrics: Metrics, accessLog: AccessLog = null) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = performance.now();
    const timings = RequestContext.current()?.timings;
    const writeHead = res.writeHead.bind(res) as (...args: unknown[]) => Response;
    res.writeHead = ((...args: unknown[]) => {
      if (!res.headersSent && timings) {
        res.setHeader(
          SERVER_TIMING_HEADER,
          serverTimingValue(timings.entries(), performance.now() - started),
        );
      }
      return writeHead(...args);
    }) as Response['writeHead'];
    res.once('finish', () => {
      const ms = performance.now() - started;
      const route = routeTemplate(req, res.statusCode);
      metrics.httpRequests.labels(req.method, route, String(res.statusCode)).inc();
      metrics.httpDuration.labels(req.method, route).observe(ms / 1000);
      if (accessLog && !req.originalUrl.startsWith(HEALTH_PATH)) {
        accessLog(
          {
            request_id: (req as Request & { id?: string }).id,
            req: {
              method: req.method,
              url: req.originalUrl,
              remoteAddress: req.socket.remoteAddress,
            },
            res: { statusCode: res.statusCode },
            responseTime: Math.round(ms),
          },
          res.statusCode >= 500 ? 'request errored' : 'request completed',
        );
      }
    });
    next();
  };
}

/** `auth;dur=0.8, db;dur=2.1;desc="3", pdns;dur=4.0, total;dur=9.6` (milliseconds, 0.1 ms). */
export function serverTimingValue(parts: readonly TimingTotal[], totalMs: number): string {
  const entry = (name: string, ms: number, count?: number): string =>
    `${name};dur=${ms.toFixed(1)}${count !== undefined && count > 1 ? `;desc="${count}"` : ''}`;
  return [...parts.map((p) => entry(p.name, p.ms, p.count)), entry('total', totalMs)].join(', ');
}

/**
 * The matched route's template (`/api/v1/domains/:domainId`), never the raw path: ids would make a
 * label per zone. A request no route matched is `unmatched`.
 */
export function routeTemplate(req: Request, status: number): string {
  const path: unknown = (req.route as { path?: unknown } | undefined)?.path;
  // The API's catch-all (`/api/v1/{*path}`) answers what no route matched.
  if (status === 404 && (typeof path !== 'string' || path.includes('{*'))) return 'unmatched';
  if (typeof path === 'string') return `${req.baseUrl ?? ''}${path}`;
  return 'other';
}
