import { json, type NextFunction, raw, type Request, type Response } from 'express';

/** Largest JSON body accepted; bulk record imports are the biggest legitimate requests. */
export const JSON_BODY_LIMIT = '10mb';

/**
 * Largest JSON body of a zone import (`/import`, `/import/text`, `/import/preview`): a 100k-record
 * zone in the JSON format, inside a JSON string, is about 20 MB.
 */
export const IMPORT_BODY_LIMIT = '32mb';
const IMPORT_PATH = /\/domains\/[^/]+\/import(?:\/text|\/preview)?$/;

/**
 * Deepest nesting of arrays and objects a JSON body may have. Our request bodies nest three or four
 * levels (`{records: [{…}]}`, template variables); anything near this is an attack, and an unbounded
 * depth costs stack in class-transformer (a RangeError, once a 500) and time in the parser.
 */
export const MAX_JSON_DEPTH = 32;

/** Raw request bytes, kept for signature checks (webhooks are verified on the exact bytes received). */
export type RequestWithRawBody = Request & { rawBody?: Buffer };

/**
 * What a route's body may be, beside JSON. Signed webhooks: their bodies stay bytes until the
 * signature is checked (the handler parses), whatever their content type. File uploads: the route's
 * own interceptor reads `multipart/form-data` (paths ending with these suffixes).
 */
export const RAW_BODY_PATHS: readonly string[] = ['/api/v1/webhooks/scaikey'];
export const MULTIPART_PATH_SUFFIXES: readonly string[] = ['/import/file'];

const JSON_TYPES = ['application/json', 'application/*+json'];

type Middleware = (req: Request, res: Response, next: NextFunction) => void;

function keepRawBody(req: RequestWithRawBody, _res: Response, buf: Buffer): void {
  req.rawBody = buf;
}

/** The body's shape refused before JSON.parse sees it; mapped by bodyParserErrorHandler. */
class BodyRefusedError extends Error {
  constructor(
    readonly type: 'entity.too.deep' | 'charset.not.utf8',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Runs as body-parser's `verify` hook, on the raw bytes before JSON.parse: UTF-8 only (RFC 8259
 * §8.1), and no deeper than MAX_JSON_DEPTH.
 */
function checkJsonBody(
  req: RequestWithRawBody,
  res: Response,
  buf: Buffer,
  encoding: string,
): void {
  if (encoding.toLowerCase() !== 'utf-8') {
    throw new BodyRefusedError('charset.not.utf8', 'JSON request bodies must be UTF-8');
  }
  if (jsonDepthExceeds(buf, MAX_JSON_DEPTH)) {
    throw new BodyRefusedError(
      'entity.too.deep',
      `Request body nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels`,
    );
  }
  keepRawBody(req, res, buf);
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;

/**
 * Whether UTF-8 JSON nests arrays and objects deeper than `max`: one linear pass that skips string
 * contents (and the character after each backslash in them), stopping at the first level too deep.
 * In UTF-8 every byte of a multi-byte character is ≥ 0x80, so none looks like a bracket or a quote.
 * Malformed JSON may be miscounted; JSON.parse refuses it afterwards either way.
 */
export function jsonDepthExceeds(buf: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < buf.length; i++) {
    const byte = buf[i];
    if (inString) {
      if (byte === BACKSLASH) i++;
      else if (byte === QUOTE) inString = false;
    } else if (byte === QUOTE) {
      inString = true;
    } else if (byte === OPEN_BRACKET || byte === OPEN_BRACE) {
      depth++;
      if (depth > max) return true;
    } else if (byte === CLOSE_BRACKET || byte === CLOSE_BRACE) {
      depth--;
    }
  }
  return false;
}

/** Whether the request carries a body: a Transfer-Encoding, or a Content-Length above zero. */
function hasBody(req: Request): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = Number(req.headers['content-length'] ?? 0);
  return !Number.isFinite(length) || length > 0;
}

const routePath = (req: Request): string => req.path.replace(/\/+$/, '');

/** Request bodies are JSON (415 otherwise), except on the routes listed above. */
const contentTypeGate: Middleware = (req, res, next) => {
  if (!hasBody(req) || req.is(JSON_TYPES)) return next();
  if (
    req.is('multipart/form-data') &&
    MULTIPART_PATH_SUFFIXES.some((suffix) => routePath(req).endsWith(suffix))
  ) {
    return next();
  }
  const type = req.headers['content-type'];
  res.status(415).json({
    detail: type
      ? `Unsupported request body type ${type.split(';')[0].trim()}: send application/json`
      : 'Request body has no Content-Type: send application/json',
  });
};

/**
 * Our own body parsing (Nest's is turned off with `bodyParser: false`) so that a malformed body gets the
 * API's error shape: 422 for JSON that does not parse or nests too deep, 413 for a body over the limit,
 * 415 for a body that is not JSON.
 */
export function bodyParsers(): Middleware[] {
  const rawParser = raw({ type: () => true, limit: JSON_BODY_LIMIT, verify: keepRawBody });
  const jsonParser = json({ limit: JSON_BODY_LIMIT, type: JSON_TYPES, verify: checkJsonBody });
  const importParser = json({ limit: IMPORT_BODY_LIMIT, type: JSON_TYPES, verify: checkJsonBody });
  return [
    // Read as bytes whatever the content type, so no parser touches them before the signature is
    // checked (a body read once is not read again by the JSON parser).
    (req, res, next) =>
      RAW_BODY_PATHS.includes(routePath(req))
        ? rawParser(req, res, next)
        : contentTypeGate(req, res, next),
    (req, res, next) =>
      IMPORT_PATH.test(routePath(req)) ? importParser(req, res, next) : jsonParser(req, res, next),
  ];
}

/** The body limit of the request's route (see IMPORT_BODY_LIMIT). */
export function bodyLimitOf(req: Request): string {
  return IMPORT_PATH.test(routePath(req)) ? IMPORT_BODY_LIMIT : JSON_BODY_LIMIT;
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

export function bodyParserErrorHandler(
  error: BodyParserError,
  req: Request,
  res: Response,
  next: NextFunction,
): void {
  switch (error.type) {
    case 'entity.parse.failed':
      res.status(422).json({
        detail: [{ loc: ['body'], msg: 'Request body is not valid JSON', type: 'json_invalid' }],
      });
      return;
    case 'entity.too.deep':
      res.status(422).json({
        detail: [{ loc: ['body'], msg: error.message, type: 'json_too_deep' }],
      });
      return;
    case 'entity.too.large':
      res.status(413).json({ detail: `Request body is larger than ${bodyLimitOf(req)}` });
      return;
    case 'charset.not.utf8':
      res.status(415).json({ detail: error.message });
      return;
    case 'encoding.unsupported':
    case 'charset.unsupported':
      res.status(415).json({ detail: 'Unsupported request body encoding' });
      return;
    default:
      if (typeof error.status === 'number' && error.status >= 400 && error.status < 500) {
        res.status(error.status).json({ detail: 'Malformed request body' });
        return;
      }
      next(error);
  }
}
