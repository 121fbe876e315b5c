import { type AppConfig, buildPinoOptions } from '@app/core';
import pino, { type Logger } from 'pino';

const loggers = new WeakMap<AppConfig['log'], Logger>();

/**
 * The API process's one pino logger, for Nest's log lines (nestjs-pino) and the access lines alike
 * (see httpObserver): one per configuration, so the module and the app's bootstrap share it.
 */
export function apiLogger(config: Pick<AppConfig, 'log'>): Logger {
  let logger = loggers.get(config.log);
  if (!logger) {
    logger = pino(buildPinoOptions(config, 'scaidns-api'));
    loggers.set(config.log, logger);
  }
  return logger;
}
