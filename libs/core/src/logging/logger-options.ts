import type { LoggerOptions } from 'pino';
import type { AppConfig } from '../config/app-config';

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
