import type { NextFunction, Request, Response } from 'express';

const TEMPLATES = /^\/api\/v1\/templates\/?(\?.*)?$/;

/**
 * `POST /templates/` is overloaded in the public docs: a body with `template_id` and `domain_id` (and
 * no `records`) applies that template instead of creating one. The request is routed, before Nest's
 * router sees it, to `POST /templates/{template_id}/apply`, so it gets exactly that route's
 * permission check (records:create on the body's domain), validation, audit and answer.
 */
export function overloadedRoutes(req: Request, _res: Response, next: NextFunction): void {
  const match = req.method === 'POST' ? TEMPLATES.exec(req.url) : null;
  const body = req.body as Record<string, unknown> | undefined;
  if (
    match &&
    body &&
    typeof body === 'object' &&
    typeof body.template_id === 'string' &&
    body.domain_id !== undefined &&
    body.records === undefined
  ) {
    req.url = `/api/v1/templates/${encodeURIComponent(body.template_id)}/apply${match[1] ?? ''}`;
  }
  next();
}
