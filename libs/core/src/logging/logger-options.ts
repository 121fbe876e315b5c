import type { LoggerOptions } from 'pino';
import type { AppConfig } from '../config/app-config';
import { RequestContext } from '../context/request-context';

/** Secrets that must never reach a log line, wherever they appear in a logged object. */
const REDACT = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

/** pino options for every process: LOG_LEVEL and LOG_FORMAT (text → pino-pretty, json → plain lines). */
export function buildPinoOptions(config: Pick<AppConfig, 'log'>, name: string): LoggerOptions {
  return {
    name,
    level: config.log.level,
    redact: { paths: REDACT, censor: '[redacted]' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    // A line written while a request is served carries its id (the access line brings its own).
    mixin: (line: object) => {
      if ('request_id' in line) return {};
      const requestId = RequestContext.requestId();
      return requestId ? { request_id: requestId } : {};
    },
    ...(config.log.format === 'text'
      ? {
          transport: {
            target: 'pino-pretty',
            options: {
              singleLine: true,
              colorize: false,
              translateTime: false,
              ignore: 'pid,hostname',
            },
          },
        }
      : {}),
  };
}
