import 'reflect-metadata';
import { BUILD_INFO, loadConfigOrExit, loadEnvFile } from '@app/core';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module';
import { REGISTRATION_VARIABLES } from './commands/register-scaikey.command';

/**
 * `register-scaikey` produces the ScaiKey credentials, so it must run before they exist, even where
 * they are required (staging, production): for that command only, a missing one is given a marker
 * value no other code sees (the command never reads them; it writes the real ones to `.env`).
 */
function allowMissingRegistrationVariables(): void {
  if (process.argv[2] !== 'register-scaikey') return;
  loadEnvFile();
  for (const name of REGISTRATION_VARIABLES) {
    if (!process.env[name]?.trim()) process.env[name] = 'pending-registration';
  }
}

function fail(message: string): never {
  process.stderr.write(`scaidns: ${message}\n`);
  process.exit(1);
}

/** Commander's own outcomes: help and version are successes; its errors are already printed. */
interface CommanderOutcome {
  code?: string;
  exitCode?: number;
}

function onCommandError(error: Error & CommanderOutcome): never {
  if (error.code?.startsWith('commander.')) process.exit(error.exitCode ?? 1);
  fail(error.message);
}

async function main(): Promise<void> {
  allowMissingRegistrationVariables();
  loadConfigOrExit('scaidns');
  await CommandFactory.run(CliModule, {
    logger: ['error'],
    cliName: 'scaidns',
    version: `${BUILD_INFO.version} (commit ${BUILD_INFO.commit.slice(0, 12)})`,
    errorHandler: onCommandError,
    serviceErrorHandler: (error) => fail(error.message),
  });
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
