import { json, type NextFunction, raw, type Request, type Response, urlencoded } from 'express';

/** Largest JSON body accepted; bulk record imports are the biggest legitimate requests. */
export const JSON_BODY_LIMIT = '10mb';

/** Raw request bytes, kept for signature checks (webhooks are verified on the exact bytes received). */
export type RequestWithRawBody = Request & { rawBody?: Buffer };

/** Signed webhooks: their bodies stay bytes until the signature is checked (the handler parses). */
export const RAW_BODY_PATHS: readonly string[] = ['/api/v1/webhooks/scaikey'];

function keepRawBody(req: RequestWithRawBody, _res: Response, buf: Buffer): void {
  req.rawBody = buf;
}

/**
 * Our own body parsing (Nest's is turned off with `bodyParser: false`) so that a malformed body gets the
 * API's error shape: 422 for JSON that does not parse, 413 for a body over the limit.
 */
export function bodyParsers(): ((req: Request, res: Response, next: NextFunction) => void)[] {
  const rawParser = raw({ type: () => true, limit: JSON_BODY_LIMIT, verify: keepRawBody });
  return [
    // Read as bytes whatever the content type, so no parser touches them before the signature is
    // checked (a body read once is not read again by the JSON parser).
    (req, res, next) =>
      RAW_BODY_PATHS.includes(req.path.replace(/\/+$/, '')) ? rawParser(req, res, next) : next(),
    json({ limit: JSON_BODY_LIMIT, verify: keepRawBody }),
    urlencoded({ extended: false, limit: '1mb' }),
  ];
}

interface BodyParserError extends Error {
  type?: string;
  status?: number;
}

export function bodyParserErrorHandler(
  error: BodyParserError,
  _req: Request,
  res: Response,
  next: NextFunction,
): void {
  switch (error.type) {
    case 'entity.parse.failed':
      res.status(422).json({
        detail: [{ loc: ['body'], msg: 'Request body is not valid JSON', type: 'json_invalid' }],
      });
      return;
    case 'entity.too.large':
      res.status(413).json({ detail: `Request body is larger than ${JSON_BODY_LIMIT}` });
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
