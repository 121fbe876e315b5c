import type { IncomingMessage, ServerResponse } from 'node:http';

const BODY_LIMIT_BYTES = 1024 * 1024;

/** One request as a route handler sees it. */
export interface Exchange {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly method: string;
  readonly url: URL;
  readonly body: Buffer;
}

/** A route: method, path pattern, and the handler given the pattern's captures. */
export interface Route {
  readonly method: string;
  readonly pattern: RegExp;
  readonly handle: (ex: Exchange, params: string[]) => void | Promise<void>;
}

export class BodyTooLargeError extends Error {}

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > BODY_LIMIT_BYTES) throw new BodyTooLargeError('request body too large');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

export function sendEmpty(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

export function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location, 'cache-control': 'no-store' });
  res.end();
}

/** FastAPI-style error body, as ScaiKey's REST endpoints answer. */
export function sendDetail(res: ServerResponse, status: number, detail: string): void {
  sendJson(res, status, { detail });
}

/** An OAuth error body (RFC 6749 §5.2). */
export function sendOAuthError(
  res: ServerResponse,
  status: number,
  error: string,
  description: string,
  headers: Record<string, string> = {},
): void {
  sendJson(
    res,
    status,
    { error, error_description: description },
    { 'cache-control': 'no-store', ...headers },
  );
}

/** The JSON object of a request body, or a message saying why there is none. */
export function jsonObject(ex: Exchange): Record<string, unknown> | string {
  if (!(ex.req.headers['content-type'] ?? '').includes('application/json')) {
    return 'content-type must be application/json';
  }
  try {
    const value: unknown = JSON.parse(ex.body.toString('utf8'));
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
      return value as Record<string, unknown>;
    }
    return 'the body must be a JSON object';
  } catch {
    return 'the body is not valid JSON';
  }
}

/** application/x-www-form-urlencoded decoding of one value ('+' is a space). */
export function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

export function bearerToken(ex: Exchange): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(ex.req.headers.authorization ?? '');
  return match?.[1];
}
