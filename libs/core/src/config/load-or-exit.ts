import { type AppConfig, ConfigValidationError, loadConfig } from './app-config';
import { loadEnvFile } from './env-file';

/**
 * Start-up of every process: read `.env`, validate the environment once, and on a bad variable stop
 * with one line per problem (naming the variable) and exit status 1.
 */
export function loadConfigOrExit(processName: string): AppConfig {
  loadEnvFile();
  try {
    return loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${processName}: cannot start.\n${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
