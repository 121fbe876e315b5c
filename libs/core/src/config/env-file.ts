import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { config as loadDotenv } from 'dotenv';

/**
 * Loads `.env` from the working directory (or ENV_FILE) into process.env without overriding
 * variables that are already set, so the real environment always wins.
 */
export function loadEnvFile(cwd: string = process.cwd()): string | undefined {
  const path = envFilePath(cwd);
  if (!existsSync(path)) return undefined;
  loadDotenv({ path, override: false, quiet: true });
  return path;
}

/** The `.env` file this process reads (ENV_FILE, else `.env` in the working directory). */
export function envFilePath(cwd: string = process.cwd()): string {
  return resolve(cwd, process.env.ENV_FILE ?? '.env');
}
